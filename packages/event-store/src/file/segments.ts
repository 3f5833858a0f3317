import { createReadStream, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const SEGMENT_DIR = 'segments';
const SEGMENT_NAME = /^(\d{8})\.ndjson$/;

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
    .map((name) => ({ name, n: Number(SEGMENT_NAME.exec(name)?.[1] ?? Number.NaN) }))
    .filter((s) => Number.isInteger(s.n))
    .sort((a, b) => a.n - b.n);
  numbered.forEach((s, i) => {
    if (s.n !== i + 1)
      throw new Error(
        `segment ${segmentName(i + 1)} is missing from ${join(dir, SEGMENT_DIR)} (found ${s.name})`,
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
  if (end !== undefined && end <= start) return;
  const stream = createReadStream(path, {
    start,
    ...(end !== undefined ? { end: end - 1 } : {}),
    highWaterMark: 1 << 20,
  });
  let carry: Buffer = Buffer.alloc(0);
  let carryOffset = start;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const lines: RawLine[] = [];
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl !== -1; nl = buf.indexOf(10, from)) {
      lines.push({
        bytes: buf.subarray(from, nl),
        offset: carryOffset + from,
        length: nl - from + 1,
      });
      from = nl + 1;
    }
    carryOffset += from;
    carry = buf.subarray(from);
    if (lines.length > 0) yield lines;
  }
  if (carry.length > 0) onTail?.({ offset: carryOffset, bytes: Buffer.from(carry) });
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
