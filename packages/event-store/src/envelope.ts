import { createHash } from 'node:crypto';
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

/** RFC 8785 canonical JSON of a JSON value. */
export function canonicalJson(value: unknown): string {
  const text = stableStringify(value);
  if (text === undefined) throw new TypeError('value cannot be serialised as JSON');
  return text;
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

// The line of each envelope sealed by this process, so that writing it does not serialise it again.
const sealedLines = new WeakMap<Envelope, string>();

/** Hashes an envelope and remembers its log line (see envelopeLine). */
export function sealEnvelope(envelope: UnsealedEnvelope): Envelope {
  const { head, tail } = canonicalParts(envelope);
  const hash = createHash('sha256').update(head).update(tail).digest('hex');
  const sealed = { ...envelope, hash };
  sealedLines.set(sealed, `${head},"hash":"${hash}"${tail}\n`);
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

/** An envelope without its data: what checking the chain needs. */
export type EnvelopeHeader = Omit<Envelope, 'data'>;

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
  if (cached !== undefined) return cached;
  const { hash, ...unsealed } = e;
  const { head, tail } = canonicalParts(unsealed);
  return `${head},"hash":${JSON.stringify(hash)}${tail}\n`;
}

const POSITION_MEMBER = Buffer.from(',"position":');
const HASH_MEMBER = Buffer.from(',"hash":"');
const HASH_MEMBER_LENGTH = HASH_MEMBER.length + 64 + 1;

/**
 * Where the top-level `hash` member of a canonical line starts (`at`), and where the top-level
 * `position` member does (`tail`: from there on every member is a string or a number).
 */
export function hashMemberAt(line: Buffer): { at: number; tail: number } | undefined {
  // Every member after the top-level "position" is a string or a number, so the last
  // `,"position":` is the top-level one, and the hash member is the last one before it.
  const tail = line.lastIndexOf(POSITION_MEMBER);
  if (tail < 0) return undefined;
  const at = line.lastIndexOf(HASH_MEMBER, tail);
  if (at < 0 || line[at + HASH_MEMBER_LENGTH - 1] !== 0x22) return undefined;
  return { at, tail };
}

/**
 * The fast check of a stored line (without its newline): when it is in the canonical form the
 * store writes and the sha256 of its bytes without the `hash` member equals that member, returns
 * the hash. Returns undefined otherwise, which proves nothing: the caller then parses the line and
 * checks it the slow way, which also says what is wrong. A line cannot pass here by accident:
 * it would need a sha256 equal to a value written inside its own input.
 */
export function verifiedLineHash(
  line: Buffer,
): { hash: string; at: number; tail: number } | undefined {
  const member = hashMemberAt(line);
  if (!member) return undefined;
  const { at } = member;
  const stored = line.toString('latin1', at + HASH_MEMBER.length, at + HASH_MEMBER_LENGTH - 1);
  const computed = createHash('sha256')
    .update(line.subarray(0, at))
    .update(line.subarray(at + HASH_MEMBER_LENGTH))
    .digest('hex');
  return computed === stored ? { hash: stored, ...member } : undefined;
}
