import { createHash, hash as hashOnce } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

// RFC 8785 canonical JSON is JSON.stringify's own string and number forms with object keys sorted
// by UTF-16 code units. safe-stable-stringify's deterministic mode produces exactly that, about
// twice as fast as a recursive canonicalizer; envelope.test.ts checks it against `canonicalize`
// (a reference RFC 8785 implementation) over generated JSON values.
const stableStringify = configure({ deterministic: true });

export const GENESIS_HASH = '0'.repeat(64);

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  /** Who recorded the event: a person, a token name, a tool run. */
  recordedBy?: string;
  /** The program that wrote it, e.g. "dateline-cli import" or "dateline-api". */
  tool?: string;
  /** A deterministic id of the command that caused the event (makes imports idempotent). */
  commandId?: string;
  /** Set by the store when one append carries several events: this event's place in it. */
  append?: { index: number; count: number };
  [key: string]: unknown;
}

/** An event as a caller hands it to append. */
export interface NewEvent {
  eventId?: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata?: EventMetadata;
}

/** An event as stored: sealed by a sha256 over the canonical JSON of everything but `hash`. */
export interface Envelope {
  position: number;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  data: unknown;
  metadata: EventMetadata;
  prevHash: string;
  hash: string;
}

export type UnsealedEnvelope = Omit<Envelope, 'hash'>;

/**
 * RFC 8785 canonical JSON of a JSON value. A value whose objects all list their keys in canonical
 * order already (events read back from the log, read models built in that order) is written by
 * JSON.stringify, whose text is then the canonical text: it differs only in key order. Anything
 * else is sorted key by key.
 */
export function canonicalJson(value: unknown): string {
  if (isInCanonicalOrder(value)) return JSON.stringify(value);
  const text = stableStringify(value);
  if (text === undefined) throw new TypeError('value cannot be serialised as JSON');
  return text;
}

/**
 * Whether every object in `value` is a plain object whose keys come in canonical order (ascending
 * UTF-16 code units; `for…in` yields own keys first, in the order JSON.stringify writes them), and
 * it holds nothing the two serialisers write differently (undefined, functions, bigints, NaN,
 * class instances, array holes). Deeper than 64 levels, or circular, it answers no.
 */
export function isInCanonicalOrder(value: unknown): boolean {
  return inCanonicalOrder(value, 0);
}

function inCanonicalOrder(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!inCanonicalOrder(value[i], depth + 1)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key in record) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!inCanonicalOrder(record[key], depth + 1)) return false;
  }
  return true;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hashEnvelope(envelope: UnsealedEnvelope): string {
  return sha256Hex(canonicalJson(envelope));
}

/**
 * The canonical JSON of an unsealed envelope in two pieces, split where `hash` goes once sealed:
 * `{"data":…,"eventId":…` and `,"metadata":…,"type":…}`. Its top-level keys are fixed, so only
 * `data` and `metadata` need sorting; head + tail is exactly `canonicalJson(envelope)`
 * (envelope.test.ts checks it over generated envelopes).
 */
export function canonicalParts(e: UnsealedEnvelope): { head: string; tail: string } {
  const str = JSON.stringify;
  return {
    head: `{"data":${canonicalJson(e.data)},"eventId":${str(e.eventId)}`,
    tail:
      `,"metadata":${canonicalJson(e.metadata)},"position":${str(e.position)}` +
      `,"prevHash":${str(e.prevHash)},"recordedAt":${str(e.recordedAt)}` +
      `,"schemaVersion":${str(e.schemaVersion)},"streamId":${str(e.streamId)}` +
      `,"streamVersion":${str(e.streamVersion)},"type":${str(e.type)}}`,
  };
}

// The line of each envelope sealed by this process, as the bytes to write, so that writing it does
// not serialise or encode it again.
const sealedLines = new WeakMap<Envelope, Buffer>();

const HASH_MEMBER_START = ',"hash":"';

// Where sealing encodes an envelope's canonical JSON: reused, and grown (never shrunk) to the
// largest envelope this process has sealed.
let sealScratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Hashes an envelope and makes its log line (see envelopeLine) from one UTF-8 encoding: the
 * canonical text without `hash` is encoded once, hashed as bytes, and copied around the hash
 * member into the line. Encoding the text for the hash, then the line for the write, cost an
 * append about as much again (docs/performance.md).
 */
export function sealEnvelope(envelope: UnsealedEnvelope): Envelope {
  const { head, tail } = canonicalParts(envelope);
  // UTF-8 needs at most three bytes per UTF-16 code unit, so this much room always suffices.
  const room = 3 * (head.length + tail.length);
  if (sealScratch.length < room)
    sealScratch = Buffer.allocUnsafe(Math.max(room, 2 * sealScratch.length));
  const headBytes = sealScratch.write(head, 0, 'utf8');
  const tailBytes = sealScratch.write(tail, headBytes, 'utf8');
  const hash = hashOnce('sha256', sealScratch.subarray(0, headBytes + tailBytes), 'hex');
  const line = Buffer.allocUnsafe(headBytes + HASH_MEMBER_LENGTH + tailBytes + 1);
  sealScratch.copy(line, 0, 0, headBytes);
  line.write(`${HASH_MEMBER_START}${hash}"`, headBytes, 'latin1');
  sealScratch.copy(line, headBytes + HASH_MEMBER_LENGTH, headBytes, headBytes + tailBytes);
  line[line.length - 1] = 0x0a;
  const sealed = { ...envelope, hash };
  sealedLines.set(sealed, line);
  return sealed;
}

/** Recomputes the hash of a stored envelope. */
export function computeHash(envelope: Envelope): string {
  const { hash: _, ...rest } = envelope;
  return hashEnvelope(rest);
}

/** The part of an event that an idempotent retry must repeat exactly. */
export function sameContent(stored: UnsealedEnvelope, streamId: string, event: NewEvent): boolean {
  return (
    stored.streamId === streamId &&
    stored.type === event.type &&
    stored.schemaVersion === event.schemaVersion &&
    canonicalJson(stored.data) === canonicalJson(event.data ?? null)
  );
}

const ENVELOPE_KEYS = [
  'position',
  'streamId',
  'streamVersion',
  'eventId',
  'type',
  'schemaVersion',
  'recordedAt',
  'data',
  'metadata',
  'prevHash',
  'hash',
];

/**
 * What checking the chain and indexing an event need of it: its place in the log and in its
 * stream, its id, its links and its metadata (for the last append of a log).
 */
export type EnvelopeHeader = Pick<
  Envelope,
  'position' | 'streamId' | 'streamVersion' | 'eventId' | 'metadata' | 'prevHash' | 'hash'
>;

/**
 * Checks the shape of a parsed line; returns a reason when it is not an envelope. With
 * `withData` false the value is a header: every field but `data`.
 */
export function envelopeShapeProblem(value: unknown, withData = true): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object';
  const v = value as Record<string, unknown>;
  let keys = 0;
  for (const key of ENVELOPE_KEYS) {
    if (!withData && key === 'data') continue;
    if (!(key in v)) return `missing field ${key}`;
    keys++;
  }
  if (Object.keys(v).length !== keys) return 'unexpected fields';
  if (!Number.isSafeInteger(v.position) || (v.position as number) < 1)
    return 'position is not a positive integer';
  if (!Number.isSafeInteger(v.streamVersion) || (v.streamVersion as number) < 1)
    return 'streamVersion is not a positive integer';
  if (!Number.isSafeInteger(v.schemaVersion)) return 'schemaVersion is not an integer';
  for (const key of ['streamId', 'eventId', 'type', 'recordedAt', 'prevHash', 'hash']) {
    if (typeof v[key] !== 'string') return `${key} is not a string`;
  }
  if (typeof v.metadata !== 'object' || v.metadata === null) return 'metadata is not an object';
  return undefined;
}

/** Drops undefined values so that the stored JSON and the hash agree. */
export function cleanMetadata(metadata: EventMetadata | undefined): EventMetadata {
  const out: EventMetadata = {};
  if (!metadata) return out;
  for (const [key, value] of Object.entries(metadata)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * One log line as the file store writes it: the canonical JSON of the whole envelope (keys sorted,
 * so `hash` sits between `eventId` and `metadata`), then a single LF. Taking the `hash` member out
 * of such a line leaves exactly the bytes the hash was computed over, so a reader can check a line
 * without parsing or re-serialising it (see `verifiedLineHash`). Lines written before this format
 * (the seed log's first 63 events) keep their field order and are checked the slow way.
 */
export function envelopeLine(e: Envelope): string {
  const cached = sealedLines.get(e);
  if (cached !== undefined) return cached.toString('utf8');
  const { hash, ...unsealed } = e;
  const { head, tail } = canonicalParts(unsealed);
  return `${head},"hash":${JSON.stringify(hash)}${tail}\n`;
}

/** envelopeLine as UTF-8 bytes; for an envelope sealed by this process, the very bytes it made. */
export function envelopeLineBytes(e: Envelope): Buffer {
  return sealedLines.get(e) ?? Buffer.from(envelopeLine(e), 'utf8');
}

const HASH_MEMBER_LENGTH = HASH_MEMBER_START.length + 64 + 1;

/** What checkLineDigest keeps between lines: its search strings, a scratch buffer, an out value. */
export interface DigestContext {
  positionMember: Buffer;
  hashMember: Buffer;
  scratch: Buffer;
  /** Set by checkLineDigest: where the line's top-level `position` member starts. */
  tail: number;
}

/**
 * A DigestContext. Self-contained, like checkLineDigest: line-hasher.ts runs the source text of
 * both on a worker thread.
 */
export function createDigestContext(): DigestContext {
  return {
    positionMember: Buffer.from(',"position":', 'latin1'),
    hashMember: Buffer.from(',"hash":"', 'latin1'),
    scratch: Buffer.allocUnsafe(64 * 1024),
    tail: 0,
  };
}

/**
 * The check behind verifiedLineHash: when `line` (without its newline) is in the canonical form
 * and the sha256 of its bytes without the top-level `hash` member equals that member, returns
 * where the member starts and sets `ctx.tail` to where the top-level `position` member starts;
 * otherwise returns -1. Self-contained (it names nothing outside itself but its arguments and
 * Node's globals), because line-hasher.ts also runs its source text on a worker thread.
 */
export function checkLineDigest(
  line: Buffer,
  hashOnce: (algorithm: string, data: Uint8Array, encoding: 'hex') => string,
  ctx: DigestContext,
): number {
  // Every member after the top-level "position" is a string or a number, so the last
  // `,"position":` is the top-level one, and the hash member is the last one before it.
  const tail = line.lastIndexOf(ctx.positionMember);
  if (tail < 0) return -1;
  const at = line.lastIndexOf(ctx.hashMember, tail);
  const memberLength = ctx.hashMember.length + 64 + 1;
  if (at < 0 || line[at + memberLength - 1] !== 0x22) return -1;
  // One-shot hashing of the line without its hash member, copied into a reused buffer: a third
  // cheaper per line than a Hash object fed the two pieces (packages/bench, verify).
  if (ctx.scratch.length < line.length) ctx.scratch = Buffer.allocUnsafe(line.length * 2);
  // TypedArray set over plain views: Buffer#copy adds argument handling and a view of its own.
  const after = at + memberLength;
  ctx.scratch.set(new Uint8Array(line.buffer, line.byteOffset, at), 0);
  ctx.scratch.set(new Uint8Array(line.buffer, line.byteOffset + after, line.length - after), at);
  const computed = hashOnce('sha256', ctx.scratch.subarray(0, line.length - memberLength), 'hex');
  // The stored value is hex, so its bytes compare one to one with the computed string's codes.
  const from = at + ctx.hashMember.length;
  for (let k = 0; k < 64; k++) if (line[from + k] !== computed.charCodeAt(k)) return -1;
  ctx.tail = tail;
  return at;
}

const digestContext = createDigestContext();

/**
 * The fast check of a stored line (without its newline): when it is in the canonical form the
 * store writes and the sha256 of its bytes without the `hash` member equals that member, returns
 * the hash. Returns undefined otherwise, which proves nothing: the caller then parses the line and
 * checks it the slow way, which also says what is wrong. A line cannot pass here by accident:
 * it would need a sha256 equal to a value written inside its own input.
 */
export function verifiedLineHash(line: Buffer): VerifiedMember | undefined {
  const at = checkLineDigest(line, hashOnce, digestContext);
  return at < 0 ? undefined : verifiedMember(line, at, digestContext.tail);
}

/** Where a verified line's hash member and position member start, and its hash. */
export interface VerifiedMember {
  hash: string;
  at: number;
  tail: number;
}

/** The VerifiedMember of a line whose digest checkLineDigest (here or on a worker) accepted. */
export function verifiedMember(line: Buffer, at: number, tail: number): VerifiedMember {
  const from = at + ',"hash":"'.length;
  return { hash: line.toString('latin1', from, from + 64), at, tail };
}

const key = (name: string): Uint8Array => Buffer.from(`,"${name}":`, 'latin1');
const K = {
  data: Buffer.from('{"data":', 'latin1'),
  eventId: key('eventId'),
  metadata: key('metadata'),
  position: key('position'),
  prevHash: key('prevHash'),
  recordedAt: key('recordedAt'),
  schemaVersion: key('schemaVersion'),
  streamId: key('streamId'),
  streamVersion: key('streamVersion'),
  type: key('type'),
};

// What a header read without its metadata carries instead (sealed segments need none).
const UNREAD_METADATA: EventMetadata = Object.freeze({});

/** Thrown (and caught) inside readCanonicalHeader when a member is not in its plain form. */
const NOT_PLAIN = new Error('not a plain canonical member');
// Where the member read last ended.
let readEnd = 0;

function expectKey(line: Buffer, at: number, literal: Uint8Array): number {
  if (at < 0 || at + literal.length > line.length) throw NOT_PLAIN;
  for (let k = 0; k < literal.length; k++) if (line[at + k] !== literal[k]) throw NOT_PLAIN;
  return at + literal.length;
}

// Whether the string skipStringMember passed last was all ASCII.
let skippedAscii = true;

/**
 * Checks that the member `literal` at `at` is a JSON string without escapes, without making a
 * string of it; returns where its value starts (after the quote) and leaves readEnd after it.
 */
function skipStringMember(line: Buffer, at: number, literal: Uint8Array): number {
  const open = expectKey(line, at, literal);
  if (line[open] !== 0x22) throw NOT_PLAIN;
  let ascii = true;
  let j = open + 1;
  for (; j < line.length; j++) {
    const b = line[j]!;
    if (b === 0x22) break;
    if (b === 0x5c || b < 0x20) throw NOT_PLAIN; // escapes and control bytes: JSON.parse's job
    if (b >= 0x80) ascii = false;
  }
  if (j === line.length) throw NOT_PLAIN;
  readEnd = j + 1;
  skippedAscii = ascii;
  return open + 1;
}

/** The string member `literal` at `at`, when its value is a JSON string without escapes. */
function stringMember(line: Buffer, at: number, literal: Uint8Array): string {
  const from = skipStringMember(line, at, literal);
  return line.toString(skippedAscii ? 'latin1' : 'utf8', from, readEnd - 1);
}

/**
 * The string member `literal` at `at`, given as `expected` itself when its bytes spell it (the
 * previous event's hash, for prevHash): no new string for the common case. `expected` is ASCII (a
 * hash in hex), so comparing its char codes with bytes is exact.
 */
function expectedStringMember(
  line: Buffer,
  at: number,
  literal: Uint8Array,
  expected: string,
): string {
  const open = expectKey(line, at, literal) + 1;
  const close = open + expected.length;
  if (line[open - 1] === 0x22 && line[close] === 0x22) {
    let same = true;
    for (let k = 0; k < expected.length && same; k++)
      same = line[open + k] === expected.charCodeAt(k);
    if (same) {
      readEnd = close + 1;
      return expected;
    }
  }
  return stringMember(line, at, literal);
}

/** The integer member `literal` at `at`, when its value is canonical and at most 15 digits. */
function integerMember(line: Buffer, at: number, literal: Uint8Array): number {
  let j = expectKey(line, at, literal);
  const negative = line[j] === 0x2d;
  if (negative) j++;
  const first = j;
  let value = 0;
  for (; j < line.length && j - first < 16; j++) {
    const b = line[j]!;
    if (b < 0x30 || b > 0x39) break;
    value = value * 10 + (b - 0x30);
  }
  const digits = j - first;
  if (digits === 0 || digits > 15 || (digits > 1 && line[first] === 0x30)) throw NOT_PLAIN;
  readEnd = j;
  return negative ? -value : value;
}

/**
 * Reads what the chain needs (EnvelopeHeader) of a line that `verifiedLineHash` accepted, straight
 * from its bytes: `eventId`, the members from `position` on, and with `withMetadata` the parsed
 * `metadata` (otherwise left empty). recordedAt, schemaVersion and type are checked to be a plain
 * string, an integer and a plain string, but not read. `expectedPrevHash` (the previous event's
 * hash) is returned as prevHash when the bytes spell it, so the common case makes no new string.
 * Returns undefined for anything it does not read plainly (escapes in a string, a number that is
 * not a small integer, anything out of place); the caller then takes the JSON.parse path, which
 * also names what is wrong.
 */
export function readCanonicalHeader(
  line: Buffer,
  member: VerifiedMember,
  withMetadata: boolean,
  expectedPrevHash = '',
): EnvelopeHeader | undefined {
  try {
    expectKey(line, 0, K.data);
    // `,"eventId":"…"` ends where the hash member starts, and its value holds no quote.
    let open = member.at - 2;
    while (open >= 0 && line[open] !== 0x22) open--;
    const eventId = stringMember(line, open - K.eventId.length, K.eventId);
    if (readEnd !== member.at) return undefined;
    const position = integerMember(line, member.tail, K.position);
    const prevHash = expectedStringMember(line, readEnd, K.prevHash, expectedPrevHash);
    skipStringMember(line, readEnd, K.recordedAt); // checked; the chain does not need it
    integerMember(line, readEnd, K.schemaVersion);
    const streamId = stringMember(line, readEnd, K.streamId);
    const streamVersion = integerMember(line, readEnd, K.streamVersion);
    skipStringMember(line, readEnd, K.type);
    if (readEnd !== line.length - 1 || line[readEnd] !== 0x7d) return undefined;
    if (position < 1 || streamVersion < 1) return undefined;
    let metadata = UNREAD_METADATA;
    if (withMetadata) {
      const from = expectKey(line, member.at + HASH_MEMBER_LENGTH, K.metadata);
      const parsed: unknown = JSON.parse(line.toString('utf8', from, member.tail));
      if (typeof parsed !== 'object' || parsed === null) return undefined;
      metadata = parsed as EventMetadata;
    }
    const { hash } = member;
    return { position, streamId, streamVersion, eventId, metadata, prevHash, hash };
  } catch {
    return undefined;
  }
}
