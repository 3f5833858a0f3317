import { readSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptLogError } from '../errors.js';
import type { LineHasher, LineVerdicts } from './line-hasher.js';

export const SEGMENT_DIR = 'segments';
/** A segment file's name: its number, eight digits. */
export const SEGMENT_FILE = /^(\d{8})\.ndjson$/;

export function segmentName(n: number): string {
  return `${String(n).padStart(8, '0')}.ndjson`;
}

/** The segment files of a store in order, refusing gaps in their numbering. */
export async function listSegments(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(dir, SEGMENT_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const numbered = names
    .map((name) => ({ name, n: Number(SEGMENT_FILE.exec(name)?.[1] ?? Number.NaN) }))
    .filter((s) => Number.isInteger(s.n))
    .sort((a, b) => a.n - b.n);
  numbered.forEach((s, i) => {
    // A gap in the numbering is damage like any other: the log cannot be read past it.
    if (s.n !== i + 1)
      throw new CorruptLogError(
        segmentName(i + 1),
        1,
        undefined,
        `the segment is missing from ${join(dir, SEGMENT_DIR)} (the next one there is ${s.name})`,
      );
  });
  return numbered.map((s) => join(dir, SEGMENT_DIR, s.name));
}

export interface RawLine {
  /** The line's bytes without its newline (a view of the chunk read, not a copy). */
  bytes: Buffer;
  /** Byte offset of the line in its file. */
  offset: number;
  /** Byte length including the newline. */
  length: number;
}

/**
 * Streams complete lines of a file region in batches. Bytes after the last newline are
 * reported separately (a torn tail) and never returned as a line.
 */
export async function* scanLines(
  path: string,
  start = 0,
  end?: number,
  onTail?: (tail: { offset: number; bytes: Buffer }) => void,
): AsyncIterable<RawLine[]> {
  for await (const { lines } of scanCheckedLines(path, { start, end, onTail })) yield lines;
}

/** A batch of complete lines, with the hashing worker's verdicts on them when one was used. */
export interface CheckedBatch {
  lines: RawLine[];
  verdicts: LineVerdicts | undefined;
}

export interface ScanOptions {
  /** Byte offset to start at (default 0) and to stop before (default: the end of the file). */
  start?: number | undefined;
  end?: number | undefined;
  /** Also check each line's sha256 on this hasher's worker thread. */
  hasher?: LineHasher | undefined;
  /** Told about bytes after the last newline: a torn tail, never returned as a line. */
  onTail?: ((tail: { offset: number; bytes: Buffer }) => void) | undefined;
}

const CHUNK_BYTES = 1 << 20;
// Chunks read and handed to the hasher ahead of the one being consumed.
const READ_AHEAD = 4;

/**
 * Complete lines of a file region in batches of one chunk (1 MiB, more for a longer line). With a
 * hasher, each chunk's lines are also sha256-checked on its worker thread while the caller works
 * through the chunks before it; the chunks then live in SharedArrayBuffers the worker reads in place.
 */
export async function* scanCheckedLines(
  path: string,
  options: ScanOptions = {},
): AsyncIterable<CheckedBatch> {
  const { start = 0, end = Number.POSITIVE_INFINITY, hasher, onTail } = options;
  if (end <= start) return;
  const file = await open(path, 'r');
  const ahead: Array<{ lines: RawLine[]; verdicts: Promise<LineVerdicts> | undefined }> = [];
  try {
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = start; // file offset of carry[0]
    let position = start; // file offset of the next read
    for (let done = false; !done || ahead.length > 0; ) {
      if (!done) {
        // A line longer than the chunk is carried whole, so the next chunk doubles.
        const size = Math.max(CHUNK_BYTES, carry.length * 2);
        const memory = hasher ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
        const whole = Buffer.from(memory);
        carry.copy(whole);
        const want = Math.min(size - carry.length, end - position);
        const { bytesRead } = await file.read(whole, carry.length, want, position);
        position += bytesRead;
        if (bytesRead === 0) done = true;
        const buf = whole.subarray(0, carry.length + bytesRead);
        const last = buf.lastIndexOf(10) + 1; // after the last complete line
        if (last === 0 && !done) {
          carry = buf; // no complete line yet: read on
          continue;
        }
        const lines: RawLine[] = [];
        for (let from = 0, nl = buf.indexOf(10); nl !== -1 && nl < last; ) {
          lines.push({
            bytes: buf.subarray(from, nl),
            offset: carryOffset + from,
            length: nl - from + 1,
          });
          from = nl + 1;
          nl = buf.indexOf(10, from);
        }
        carry = buf.subarray(last);
        carryOffset += last;
        if (lines.length > 0) {
          const verdicts = hasher?.check(memory as SharedArrayBuffer, last);
          // Awaited below in order; a rejection before then must not count as unhandled.
          verdicts?.catch(() => undefined);
          ahead.push({ lines, verdicts });
        }
        if (done && carry.length > 0) onTail?.({ offset: carryOffset, bytes: Buffer.from(carry) });
        if (!done && ahead.length < (hasher ? READ_AHEAD : 1)) continue;
      }
      const batch = ahead.shift();
      if (batch) yield { lines: batch.lines, verdicts: await batch.verdicts };
    }
  } finally {
    await file.close();
  }
}

/**
 * The bytes of the line that starts at `offset` of an open segment, without its newline, read
 * synchronously: in one read when its end is known, else in chunks up to the next newline.
 */
export function readLineSync(fd: number, offset: number, end?: number): Buffer {
  if (end !== undefined) {
    const line = Buffer.alloc(end - offset);
    readSync(fd, line, 0, line.length, offset);
    return line[line.length - 1] === 10 ? line.subarray(0, -1) : line;
  }
  const parts: Buffer[] = [];
  for (let at = offset; ; ) {
    const chunk = Buffer.alloc(16 * 1024);
    const read = readSync(fd, chunk, 0, chunk.length, at);
    const nl = chunk.subarray(0, read).indexOf(10);
    parts.push(chunk.subarray(0, nl < 0 ? read : nl));
    if (nl >= 0 || read === 0) return Buffer.concat(parts);
    at += read;
  }
}
