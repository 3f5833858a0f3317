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

export function sealEnvelope(envelope: UnsealedEnvelope): Envelope {
  return { ...envelope, hash: hashEnvelope(envelope) };
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

/** Checks the shape of a parsed line; returns a reason when it is not an envelope. */
export function envelopeShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object';
  const v = value as Record<string, unknown>;
  for (const key of ENVELOPE_KEYS) if (!(key in v)) return `missing field ${key}`;
  if (Object.keys(v).length !== ENVELOPE_KEYS.length) return 'unexpected fields';
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

/** The envelope with its fields in the documented order, so stored lines look alike whatever their origin. */
export function inEnvelopeOrder(e: Envelope): Envelope {
  return {
    position: e.position,
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    recordedAt: e.recordedAt,
    data: e.data,
    metadata: e.metadata,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** One log line as the file store writes it: the envelope in field order, then a single LF. */
export function envelopeLine(e: Envelope): string {
  return `${JSON.stringify(inEnvelopeOrder(e))}\n`;
}
