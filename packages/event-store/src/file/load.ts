import { closeSync, openSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  computeHash,
  type Envelope,
  type EnvelopeHeader,
  envelopeShapeProblem,
  readCanonicalHeader,
  type VerifiedMember,
  verifiedLineHash,
  verifiedMember,
} from '../envelope.js';
import { CorruptLogError } from '../errors.js';
import { EventIdIndex } from '../event-ids.js';
import { LogIndex } from '../log-core.js';
import { LineHasher, type LineVerdicts, worthHashingInParallel } from './line-hasher.js';
import { listSegments, readLineSync, scanCheckedLines } from './segments.js';

/** Checks a stored event against the domain catalogue; throws with a reason when it does not decode. */
export type EventValidator = (type: string, schemaVersion: number, data: unknown) => void;

/** Bytes at the end of the last segment that were never acknowledged and that a writer cuts. */
export interface TornTail {
  file: string;
  /** Byte offset where the valid prefix ends; the writer truncates the file here. */
  offset: number;
  /** How many bytes follow the valid prefix. */
  bytes: number;
  reason: string;
}

/** Where each position lives: segment number (0-based) and byte offset, in growable typed arrays. */
export class PositionIndex {
  private segments = new Uint32Array(1024);
  private offsets = new Float64Array(1024);
  private count = 0;

  push(segment: number, offset: number): void {
    if (this.count === this.offsets.length) {
      const segments = new Uint32Array(this.count * 2);
      segments.set(this.segments);
      const offsets = new Float64Array(this.count * 2);
      offsets.set(this.offsets);
      this.segments = segments;
      this.offsets = offsets;
    }
    this.segments[this.count] = segment;
    this.offsets[this.count] = offset;
    this.count++;
  }

  truncate(count: number): void {
    this.count = Math.min(this.count, count);
  }

  /** Location of a 1-based position. */
  at(position: number): { segment: number; offset: number } {
    if (position < 1 || position > this.count)
      throw new RangeError(`position ${position} is not stored`);
    return { segment: this.segments[position - 1]!, offset: this.offsets[position - 1]! };
  }

  get size(): number {
    return this.count;
  }
}

export interface LoadedLog {
  index: LogIndex;
  positions: PositionIndex;
  segments: string[];
  /** Length in bytes of each segment's valid prefix. */
  lengths: number[];
  torn?: TornTail;
  bytesRead: number;
}

export interface LoadOptions {
  validateEvent?: EventValidator | undefined;
  /**
   * Called with every checked event, whole, in position order and in batches, as the log is read:
   * a caller that needs every event (a replay) gets them in the same pass. Events of the last
   * segment are held back until the end of the load, since recovery may still cut an unfinished
   * append there; nothing passed here is ever taken back.
   */
  onEvents?: ((events: Envelope[]) => void) | undefined;
  onProgress?:
    | ((progress: { position: number; bytes: number; totalBytes: number }) => void)
    | undefined;
  /**
   * Events a writer has put in the index but not yet on disk (the file store's batch in flight):
   * the index reads an id back from here before it looks in the segments.
   */
  unwritten?: ReadonlyMap<number, EnvelopeHeader> | undefined;
  /**
   * Whether lines are sha256-checked on a worker thread while this one reads them: by default when
   * the machine has a second core and the log is large enough to repay starting the worker.
   */
  parallelHashing?: boolean | undefined;
}

interface Problem {
  file: string;
  line: number;
  offset: number;
  position: number | undefined;
  reason: string;
}

/**
 * Reads every segment and checks each line: JSON, envelope shape, contiguous positions,
 * prevHash link, hash, contiguous stream versions, unique event ids, decodable data.
 * Damage confined to the end of the last segment is a torn tail (reported, not thrown);
 * damage anywhere before it throws CorruptLogError naming the file, line and position.
 */
export async function loadLog(dir: string, options: LoadOptions = {}): Promise<LoadedLog> {
  const segments = await listSegments(dir);
  const sizes = await Promise.all(segments.map(async (s) => (await stat(s)).size));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const positions = new PositionIndex();
  // segments and positions grow with the store that keeps this index, so ids stay readable.
  const index = new LogIndex(
    new EventIdIndex(storedEventId(segments, positions, options.unwritten)),
  );
  const lengths: number[] = [];
  let bytesRead = 0;
  let pending: Problem | undefined; // a bad line that is fatal unless nothing valid follows it
  let tail: { offset: number; bytes: Buffer } | undefined;
  const lastSegment = segments.length - 1;
  // Offsets of the events of the last segment, to cut back an append that was only partly written.
  const lastSegmentStarts = new Map<number, number>();
  // The last events read, so that an incomplete multi-event append can be rewound.
  let recent: EnvelopeHeader[] = [];
  // Without a validator or a consumer of whole events, only each line's chain fields are parsed.
  const whole = options.validateEvent !== undefined || options.onEvents !== undefined;
  const onEvents = options.onEvents;
  let held: Envelope[] = [];
  const hasher =
    (options.parallelHashing ?? worthHashingInParallel(totalBytes)) ? new LineHasher() : undefined;

  try {
    for (const [s, file] of segments.entries()) {
      let validEnd = 0;
      let lineNo = 0;
      tail = undefined;
      const onTail = (t: { offset: number; bytes: Buffer }) => {
        tail = t;
      };
      for await (const { lines, verdicts } of scanCheckedLines(file, { hasher, onTail })) {
        for (const [i, raw] of lines.entries()) {
          lineNo++;
          bytesRead += raw.length;
          if (pending) throw corrupt(pending, 'damaged event followed by more lines');
          // The worker's verdict when there is one: null when it could not verify the line.
          const member = verdicts && verdictOf(verdicts, i, raw.bytes);
          const problem = whole
            ? checkLine(raw.bytes, index, undefined, member)
            : checkLineHeader(raw.bytes, index, s === lastSegment, member);
          // An intact event the domain cannot decode is not damage: refuse the log, never cut it.
          if (typeof problem !== 'string' && options.validateEvent) {
            const undecodable = decodeProblem(problem as Envelope, options.validateEvent);
            if (undecodable)
              throw new CorruptLogError(basename(file), lineNo, problem.position, undecodable);
          }
          if (typeof problem === 'string') {
            pending = {
              file,
              line: lineNo,
              offset: raw.offset,
              position: index.head.position + 1,
              reason: problem,
            };
            continue;
          }
          index.add(problem);
          recent.push(problem);
          if (recent.length > 2048) recent = recent.slice(-1024);
          positions.push(s, raw.offset);
          if (s === lastSegment) lastSegmentStarts.set(problem.position, raw.offset);
          if (onEvents) held.push(problem as Envelope);
          validEnd = raw.offset + raw.length;
        }
        if (onEvents && s !== lastSegment && held.length > 0) {
          onEvents(held);
          held = [];
        }
        options.onProgress?.({ position: index.head.position, bytes: bytesRead, totalBytes });
      }
      if (s !== lastSegment) {
        if (pending) throw corrupt(pending, 'damaged event at the end of a sealed segment');
        if (tail)
          throw new CorruptLogError(
            basename(file),
            lineNo + 1,
            index.head.position + 1,
            'sealed segment ends without a newline',
          );
      }
      lengths.push(validEnd);
    }
  } finally {
    await hasher?.close();
  }

  const lastFile = segments[lastSegment];
  if (lastFile === undefined) return { index, positions, segments, lengths, bytesRead };
  // A crash leaves the last line unfinished (no newline: the tail below) or, where the file system
  // had not written every block, holes of NULs that break its JSON. A complete line that parses
  // and still fails its checks was never written that way: it is damage, however late in the log.
  if (pending && !CRASH_DAMAGE.has(pending.reason))
    throw corrupt(
      pending,
      `a complete event at the end of the log, so not an unfinished write; if it is known never to have been acknowledged, truncate ${basename(pending.file)} to ${pending.offset} bytes to drop it`,
    );
  let torn: TornTail | undefined;
  const size = sizes[lastSegment]!;
  let cut = lengths[lastSegment]!;
  let reason = pending?.reason;
  const tailBytes = tail as { offset: number; bytes: Buffer } | undefined;
  if (!reason && tailBytes) {
    reason = tailBytes.bytes.every((b) => b === 0)
      ? 'NUL padding after the last event'
      : 'partial record without a newline';
  }
  // An append of several events is whole or absent: cut back to its first event if it is incomplete.
  const last =
    index.head.position > 0 ? lastEnvelopeAppend(index, recent, lastSegmentStarts) : undefined;
  if (last) {
    cut = last.offset;
    reason = `append of ${last.count} events was cut short${reason ? ` (${reason})` : ''}`;
  }
  if (cut < size)
    torn = { file: lastFile, offset: cut, bytes: size - cut, reason: reason ?? 'trailing bytes' };
  if (last) {
    lengths[lastSegment] = cut;
    rewindIndex(index, positions, last.firstPosition - 1, recent);
  }
  if (onEvents) {
    const kept = held.filter((e) => e.position <= index.head.position);
    if (kept.length > 0) onEvents(kept);
  }
  return { index, positions, segments, lengths, bytesRead, ...(torn ? { torn } : {}) };
}

function lastEnvelopeAppend(
  index: LogIndex,
  recent: EnvelopeHeader[],
  starts: Map<number, number>,
): { firstPosition: number; offset: number; count: number } | undefined {
  const last = recent[recent.length - 1];
  const append = last?.metadata.append;
  if (!last || !append || append.index === append.count - 1) return undefined;
  const firstPosition = last.position - append.index;
  const offset = starts.get(firstPosition);
  if (offset === undefined || index.head.position !== last.position) return undefined;
  return { firstPosition, offset, count: append.count };
}

export function rewindIndex(
  index: LogIndex,
  positions: PositionIndex,
  to: number,
  recent: EnvelopeHeader[],
): void {
  for (const e of recent.filter((e) => e.position > to).reverse()) index.removeLast(e);
  positions.truncate(to);
}

function verdictOf(verdicts: LineVerdicts, i: number, line: Buffer): VerifiedMember | null {
  const at = verdicts.at[i] ?? -1;
  return at < 0 ? null : verifiedMember(line, at, verdicts.tail[i] ?? -1);
}

/** Reads back the event id stored at a position (to confirm an EventIdIndex hit; rare). */
function storedEventId(
  segments: string[],
  positions: PositionIndex,
  unwritten: ReadonlyMap<number, EnvelopeHeader> | undefined,
): (position: number) => string {
  return (position) => {
    const pending = unwritten?.get(position);
    if (pending) return pending.eventId;
    const { segment, offset } = positions.at(position);
    const fd = openSync(segments[segment]!, 'r');
    try {
      return (JSON.parse(readLineSync(fd, offset).toString('utf8')) as { eventId: string }).eventId;
    } finally {
      closeSync(fd);
    }
  };
}

const NUL_BYTES = 'NUL bytes inside the record';
const NOT_JSON = 'not valid JSON';
/**
 * What a crash in the middle of an append can leave of a line that ends with a newline: blocks
 * the file system had not written yet read back as NULs. Any other bytes that are not JSON were
 * put there by something else (a flipped bit, an editor, a byte order mark): refused, never cut,
 * since a cut would take the acknowledged events of that append with it.
 */
const CRASH_DAMAGE = new Set([NUL_BYTES]);

function corrupt(p: Problem, context: string): CorruptLogError {
  return new CorruptLogError(basename(p.file), p.line, p.position, `${p.reason} (${context})`);
}

/**
 * Returns the envelope when the line (its bytes, without the newline) is a valid next event, or the
 * reason it is not. A line in the store's canonical form is hashed as it lies on disk; any other
 * line is parsed and re-serialised to be hashed, and that slow path names what is wrong.
 */
export function checkLine(
  line: Buffer,
  index: LogIndex,
  validate: EventValidator | undefined,
  member?: VerifiedMember | null,
): Envelope | string {
  // member: the line's digest already checked elsewhere (null: it did not verify).
  const verified = (member === undefined ? verifiedLineHash(line) : member)?.hash;
  if (verified === undefined) {
    if (line[line.length - 1] === 0x0d) return 'CRLF line ending (the log is written with LF only)';
    if (line.includes(0)) return NUL_BYTES;
  }
  let value: unknown;
  try {
    value = JSON.parse(line.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
  return checkEnvelope(value, index, validate, verified);
}

/**
 * Like checkLine, but for a canonical line reads only the fields the chain needs (eventId and
 * every member from position on, plus metadata when `withMetadata`) from its bytes and returns the
 * envelope without its data. Anything else takes checkLine's path, which also says what is wrong.
 * What lies between `data` and `eventId` is not looked at here: the hash covers it, and the
 * paths that parse whole events (replay, `verify --decode`) check the full shape.
 */
export function checkLineHeader(
  line: Buffer,
  index: LogIndex,
  withMetadata = true,
  member?: VerifiedMember | null,
): EnvelopeHeader | string {
  const verified = member === undefined ? verifiedLineHash(line) : member;
  const header = verified && readCanonicalHeader(line, verified, withMetadata, index.head.hash);
  if (!header) return checkLine(line, index, undefined, verified);
  return chainProblem(header, index, header.hash) ?? header;
}

/**
 * Checks that a value is the next event of the log the index describes: envelope shape, position,
 * prevHash link, hash, stream version, unused event id, and (with a validator) domain decoding.
 * Returns the envelope, or why it is not the next event. Does not change the index. `verifiedHash`
 * is the hash already checked against the line's bytes, if it was.
 */
export function checkEnvelope(
  value: unknown,
  index: LogIndex,
  validate: EventValidator | undefined,
  verifiedHash?: string,
): Envelope | string {
  const shape = envelopeShapeProblem(value);
  if (shape) return `not an event envelope: ${shape}`;
  const e = value as Envelope;
  const problem = chainProblem(e, index, verifiedHash);
  if (problem) return problem;
  return (validate && decodeProblem(e, validate)) || e;
}

/** Why the domain cannot decode a stored event, or undefined when it can. */
function decodeProblem(e: Envelope, validate: EventValidator): string | undefined {
  try {
    validate(e.type, e.schemaVersion, e.data);
    return undefined;
  } catch (error) {
    return `undecodable event: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Why an event is not the next one of the log, or undefined when it is. */
function chainProblem(
  e: EnvelopeHeader,
  index: LogIndex,
  verifiedHash?: string,
): string | undefined {
  const expected = index.head.position + 1;
  if (e.position !== expected)
    return e.position < expected
      ? `duplicate position ${e.position}`
      : `gap: position ${e.position} where ${expected} was expected`;
  if (e.prevHash !== index.head.hash)
    return `prevHash does not link to the hash of position ${expected - 1}`;
  if (e.hash !== verifiedHash && computeHash(e as Envelope) !== e.hash)
    return 'hash does not match the content (the event was altered)';
  const version = index.streamVersion(e.streamId) + 1;
  if (e.streamVersion !== version)
    return `stream ${e.streamId} version ${e.streamVersion} where ${version} was expected`;
  const stored = index.eventIds.positionOf(e.eventId);
  if (stored !== undefined) return `event id ${e.eventId} already stored at position ${stored}`;
  return undefined;
}
