import {
  currentSchemaVersion,
  DEFAULTED_FIELDS,
  type DomainEvent,
  decodeEvent,
  type EventType,
} from '@dateline/domain';
import type { Envelope } from '@dateline/event-store';

/** An envelope with its event decoded (and upcast) once by the domain, shared by every projection. */
export interface DecodedEvent {
  envelope: Envelope;
  event: DomainEvent;
}

/**
 * A read model as data: a name, a version, an empty state and a fold step.
 *
 * `evolve` may update `state` in place and return it: the runner owns each state and never shares
 * it between folds, and copying a state of a million events on every event would make a replay
 * quadratic. It must be deterministic (no clock, no randomness, no I/O) and must throw, not skip,
 * when an event contradicts the state; the runner then stops that projection and reports where.
 *
 * Bump `version` whenever evolve or the state's shape changes: a snapshot of another version is
 * ignored and the projection is rebuilt from the log.
 */
export interface Projection<S> {
  readonly name: string;
  readonly version: number;
  initialState(): S;
  evolve(state: S, event: DecodedEvent): S;
  /**
   * The state as a reader would want to see it, when the state itself is laid out for speed
   * (numbered lists): `dateline replay --out` writes it beside the state. Digests and snapshots
   * use the state.
   */
  present?(state: S): unknown;
}

/** A projection whose state type does not matter to the caller (runner, replay, snapshots). */
// Method syntax in Projection keeps evolve bivariant, so any Projection<S> fits here.
export type AnyProjection = Projection<unknown>;

/** The one way from a stored envelope to what projections see. Throws EventDecodeError. */
export function decodeEnvelope(envelope: Envelope): DecodedEvent {
  return {
    envelope,
    event: decodeEvent(envelope.type, envelope.schemaVersion, envelope.data),
  };
}

const currentVersions: Readonly<Record<string, number>> = currentSchemaVersion;

/**
 * Decoding for events whose bytes were just checked against the hash chain in the same pass (a
 * store's opening replay): every Dateline write path decoded them through the domain before they
 * were sealed, so an event in its type's current schema version is taken as it is, without running
 * the schema again, which is most of a replay's cost. An older version is upcast and decoded as
 * usual; an unknown type goes to decodeEnvelope and fails there. `dateline verify --decode` and
 * `dateline replay --strict` run the full decode on every event; replay.test.ts checks that both
 * give the same read models. An event without a field its schema would fill in (a log written by
 * another tool may leave `participants: []` out) is decoded in full, so that both still agree.
 */
export function decodeVerified(envelope: Envelope): DecodedEvent {
  if (
    Object.hasOwn(currentVersions, envelope.type) &&
    currentVersions[envelope.type] === envelope.schemaVersion &&
    typeof envelope.data === 'object' &&
    envelope.data !== null &&
    hasDefaultedFields(envelope.type as EventType, envelope.data as Record<string, unknown>)
  ) {
    return { envelope, event: { type: envelope.type, data: envelope.data } as DomainEvent };
  }
  return decodeEnvelope(envelope);
}

function hasDefaultedFields(type: EventType, data: Record<string, unknown>): boolean {
  for (const field of DEFAULTED_FIELDS[type]) if (data[field] === undefined) return false;
  return true;
}

/** Where a projection stopped: the event it could not apply and why. */
export interface ProjectionFailure {
  projection: string;
  position: number;
  eventId: string;
  eventType: string;
  message: string;
}

export class ProjectionError extends Error {
  override readonly name = 'ProjectionError';
  constructor(
    readonly failure: ProjectionFailure,
    options?: { cause?: unknown },
  ) {
    super(
      `projection ${failure.projection} stopped at position ${failure.position} (${failure.eventType}): ${failure.message}`,
      options,
    );
  }
}

/** Thrown by evolve when the log contradicts the read model (an unknown id, a duplicate). */
export class InconsistentLogError extends Error {
  override readonly name = 'InconsistentLogError';
}

/**
 * An empty record for entries keyed by id (facts, actors, articles). It has no prototype, so
 * that every id is an ordinary key, and V8 keeps such an object as a hash table from the start. A
 * `{}` filled with ids instead gets a new hidden class for each key it is given until it gives up:
 * when each actor kept a record of its partners, filled in its own order, those classes and the
 * megamorphic look-ups over them cost a million-event rebuild about two seconds
 * (docs/performance.md). Snapshots restore a state's top-level records this way.
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Own-property lookup: ids are slugs, and "constructor" is a valid slug. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  const value = record[key];
  // Only names Object.prototype has need the slower own-property check; this runs per event.
  if (value === undefined || !(key in Object.prototype)) return value;
  return Object.hasOwn(record, key) ? value : undefined;
}

/** Like `own`, but throws InconsistentLogError naming what is missing. */
export function required<T>(record: Record<string, T>, key: string, what: string): T {
  const value = own(record, key);
  if (value === undefined) throw new InconsistentLogError(`${what} "${key}" is not recorded`);
  return value;
}

/**
 * `list` with `value` appended, for the short lists inside read-model objects (a fact's sources and
 * history, an edge's facts): the first `push` on a short array gives it 16 spare slots, which across
 * hundreds of thousands of facts and edges is much of a read model's memory. A list of up to four
 * entries is copied with exactly one more slot (`concat`); a longer one grows in place. Store the
 * result: it may be a new array.
 */
export function appended<T>(list: T[], value: T): T[] {
  if (list.length >= 4) {
    list.push(value);
    return list;
  }
  return list.concat([value]);
}

/** Removes the first occurrence of value from list, in place. */
export function removeValue<T>(list: T[], value: T): void {
  const index = list.indexOf(value);
  if (index >= 0) list.splice(index, 1);
}
