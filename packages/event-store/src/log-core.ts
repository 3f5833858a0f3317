import { randomUUID } from 'node:crypto';
import {
  cleanMetadata,
  computeHash,
  type Envelope,
  type EnvelopeHeader,
  type EventMetadata,
  envelopeShapeProblem,
  GENESIS_HASH,
  sameContent,
  sealEnvelope,
  type UnsealedEnvelope,
} from './envelope.js';
import { ConcurrencyError, DuplicateEventError, InvalidAppendError } from './errors.js';
import { type EventIds, ExactEventIds } from './event-ids.js';
import type {
  AppendRequest,
  EventStore,
  LogHead,
  ReadAllOptions,
  SubscribeOptions,
} from './port.js';

/**
 * What every adapter must know to decide an append: the head, each stream's version and positions,
 * and where each event id lives. Adapters fill it while loading and after each durable write.
 *
 * Built for a million events: a stream is one number in a Map (the position of its last event),
 * and the positions of a stream are a chain through two typed arrays indexed by position, so a
 * large log costs no per-stream arrays for the collector to trace.
 */
export class LogIndex {
  head: LogHead = { position: 0, hash: GENESIS_HASH };
  /**
   * When the event at the head was recorded, where the adapter knows it: a new append is never
   * stamped earlier (a clock stepped back, or another instance's clock behind), so that recorded
   * times only grow along the log and time travel by time has one answer.
   */
  headRecordedAt: string | undefined;
  /** Where each event id lives: exact strings unless the adapter can read ids back (see EventIdIndex). */
  readonly eventIds: EventIds;
  /** Stream id → position of its last event, or −version for a stream known only by its version. */
  private readonly ends = new Map<string, number>();
  /** By position − base − 1: the previous position of the same stream (0: none), and the version. */
  private previous = new Int32Array(1024);
  private versions = new Int32Array(1024);
  /** Positions up to `base` are not indexed here (an adapter that indexes only what it writes). */
  private base = 0;
  private count = 0;
  /** The last stream streamVersion looked up, and what it found; cleared by every change. */
  private lookedUp: string | undefined;
  private lookedUpEnd: number | undefined;

  constructor(eventIds: EventIds = new ExactEventIds()) {
    this.eventIds = eventIds;
  }

  /** Adds the next event of the log (callers have checked it follows the head). */
  add(envelope: EnvelopeHeader & { recordedAt?: string }): void {
    if (envelope.recordedAt !== undefined) this.headRecordedAt = envelope.recordedAt;
    if (this.count === 0) this.base = envelope.position - 1;
    const i = envelope.position - this.base - 1;
    if (i !== this.count)
      throw new RangeError(
        `index: position ${envelope.position} does not follow ${this.base + this.count}`,
      );
    if (i === this.previous.length) this.grow();
    // A check of this event has usually just looked its stream up (streamVersion): reuse that.
    const end =
      envelope.streamId === this.lookedUp ? this.lookedUpEnd : this.ends.get(envelope.streamId);
    this.lookedUp = undefined;
    this.previous[i] = end !== undefined && end > 0 ? end : 0;
    this.versions[i] = envelope.streamVersion;
    this.ends.set(envelope.streamId, envelope.position);
    this.eventIds.add(envelope.eventId, envelope.position);
    this.count++;
    this.head = { position: envelope.position, hash: envelope.hash };
  }

  /** Takes back the last event added (a write that failed, an append that was cut short). */
  removeLast(envelope: EnvelopeHeader): void {
    const i = envelope.position - this.base - 1;
    if (this.count === 0 || i !== this.count - 1)
      throw new RangeError(`index: position ${envelope.position} is not the last one indexed`);
    this.lookedUp = undefined;
    const previous = this.previous[i]!;
    const version = this.versions[i]!;
    if (previous > 0) this.ends.set(envelope.streamId, previous);
    else if (version > 1) this.ends.set(envelope.streamId, -(version - 1));
    else this.ends.delete(envelope.streamId);
    this.eventIds.remove(envelope.eventId, envelope.position);
    this.count--;
    this.head = { position: envelope.position - 1, hash: envelope.prevHash };
    this.headRecordedAt = undefined; // the adapter reads it again from the new head
  }

  /** For an adapter that looks streams up on demand: a stream's version without its positions. */
  knowStreamVersion(streamId: string, version: number): void {
    this.lookedUp = undefined;
    if (version > 0) this.ends.set(streamId, -version);
  }

  streamVersion(streamId: string): number {
    const end = this.ends.get(streamId);
    this.lookedUp = streamId;
    this.lookedUpEnd = end;
    if (end === undefined) return 0;
    return end < 0 ? -end : this.versions[end - this.base - 1]!;
  }

  /** The positions of a stream's indexed events, in order. */
  streamPositions(streamId: string): number[] {
    const positions: number[] = [];
    for (let p = this.ends.get(streamId) ?? 0; p > 0; p = this.previous[p - this.base - 1]!)
      positions.push(p);
    return positions.reverse();
  }

  private grow(): void {
    const previous = new Int32Array(this.previous.length * 2);
    previous.set(this.previous);
    const versions = new Int32Array(this.versions.length * 2);
    versions.set(this.versions);
    this.previous = previous;
    this.versions = versions;
  }
}

/** Bounded so that recovery can always see a whole append at the tail. */
export const MAX_EVENTS_PER_APPEND = 1000;

export interface PreparedAppend {
  /** Envelopes to write, in position order. Empty when the whole batch was an idempotent retry. */
  fresh: Envelope[];
  /** The result for each request: fresh envelopes or the ones already stored. */
  results: Envelope[][];
}

function validateRequest(request: AppendRequest): void {
  if (
    typeof request.streamId !== 'string' ||
    request.streamId.length === 0 ||
    request.streamId.length > 200
  ) {
    throw new InvalidAppendError('streamId must be a non-empty string of at most 200 characters');
  }
  if (!Array.isArray(request.events) || request.events.length === 0) {
    throw new InvalidAppendError(`append to "${request.streamId}" carries no events`);
  }
  const ev = request.expectedVersion;
  if (!(ev === 'any' || ev === 'no_stream' || (Number.isSafeInteger(ev) && ev >= 0))) {
    throw new InvalidAppendError(
      `expectedVersion must be a version number, "no_stream" or "any", not ${JSON.stringify(ev)}`,
    );
  }
  for (const event of request.events) {
    if (typeof event.type !== 'string' || event.type.length === 0)
      throw new InvalidAppendError('every event needs a type');
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(`event ${event.type} needs a positive integer schemaVersion`);
    }
    if (
      event.eventId !== undefined &&
      (typeof event.eventId !== 'string' ||
        event.eventId.length === 0 ||
        event.eventId.length > 100)
    ) {
      throw new InvalidAppendError('eventId must be a non-empty string of at most 100 characters');
    }
  }
}

/**
 * Decides a batch of append requests against the index (and against each other: a later request
 * sees the streams and ids of an earlier one). Throws without side effects when any request fails,
 * so a batch is all or nothing. `stored(position)` returns an envelope already in the log.
 */
export function prepareAppend(
  index: LogIndex,
  requests: AppendRequest[],
  stored: (position: number) => Envelope,
  now: () => Date = () => new Date(),
): PreparedAppend {
  const unsealed: UnsealedEnvelope[] = [];
  const results: Array<Envelope[] | UnsealedEnvelope[]> = [];
  const stagedVersions = new Map<string, number>();
  const stagedIds = new Map<string, UnsealedEnvelope>();
  const clock = now().toISOString();
  // ISO timestamps of one form (toISOString) compare as strings.
  const recordedAt =
    index.headRecordedAt !== undefined && index.headRecordedAt > clock
      ? index.headRecordedAt
      : clock;
  const total = requests.reduce((n, r) => n + (Array.isArray(r?.events) ? r.events.length : 0), 0);
  if (total > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(
      `one append may carry at most ${MAX_EVENTS_PER_APPEND} events, not ${total}; split it`,
    );
  }

  for (const request of requests) {
    validateRequest(request);
    const { streamId, events, expectedVersion } = request;

    // An idempotent retry: every event id already stored with the same content.
    const existing = events.map((e) => {
      if (e.eventId === undefined) return undefined;
      const staged = stagedIds.get(e.eventId);
      if (staged) return staged;
      const position = index.eventIds.positionOf(e.eventId);
      return position === undefined ? undefined : stored(position);
    });
    if (existing.some((e) => e !== undefined)) {
      existing.forEach((found, i) => {
        const event = events[i]!;
        if (!found) {
          throw new InvalidAppendError(
            `append to "${streamId}" repeats some stored event ids but not all (event ${i} is new); a retry must repeat the whole append`,
          );
        }
        if (!sameContent(found, streamId, event))
          throw new DuplicateEventError(found.eventId, found.position);
      });
      results.push(existing as UnsealedEnvelope[]);
      continue;
    }

    const actual = stagedVersions.get(streamId) ?? index.streamVersion(streamId);
    if (
      expectedVersion === 'no_stream'
        ? actual !== 0
        : expectedVersion !== 'any' && expectedVersion !== actual
    ) {
      throw new ConcurrencyError(streamId, expectedVersion, actual);
    }
    const seenInRequest = new Set<string>();
    const envelopes = events.map((event, i): UnsealedEnvelope => {
      const eventId = event.eventId ?? randomUUID();
      if (seenInRequest.has(eventId))
        throw new InvalidAppendError(`event id ${eventId} appears twice in one append`);
      seenInRequest.add(eventId);
      const metadata: EventMetadata = cleanMetadata(event.metadata);
      delete metadata.append;
      const envelope: UnsealedEnvelope = {
        position: index.head.position + unsealed.length + i + 1,
        streamId,
        streamVersion: actual + i + 1,
        eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        recordedAt,
        data: event.data ?? null,
        metadata,
        prevHash: '',
      };
      stagedIds.set(eventId, envelope);
      return envelope;
    });
    stagedVersions.set(streamId, actual + events.length);
    unsealed.push(...envelopes);
    results.push(envelopes);
  }

  // Mark the events of a multi-event append so that recovery can tell a whole append from a torn one,
  // then seal the chain in position order.
  const sealed = new Map<number, Envelope>();
  let prevHash = index.head.hash;
  for (const [i, envelope] of unsealed.entries()) {
    if (unsealed.length > 1) envelope.metadata.append = { index: i, count: unsealed.length };
    const done = sealEnvelope({ ...envelope, prevHash });
    prevHash = done.hash;
    sealed.set(done.position, done);
  }
  const fresh = [...sealed.values()];
  const final = results.map((list) =>
    list.map((e) => ('hash' in e ? (e as Envelope) : sealed.get(e.position)!)),
  );
  return { fresh, results: final };
}

/** Wakes waiters when the head moves; used by subscriptions and read-your-writes. */
export class HeadSignal {
  private waiters: Array<{ position: number; resolve: () => void }> = [];
  private closed = false;

  notify(head: number): void {
    const ready = this.waiters.filter((w) => w.position <= head);
    this.waiters = this.waiters.filter((w) => w.position > head);
    for (const w of ready) w.resolve();
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /** Resolves when the head reaches `position`, the store closes or the signal aborts. */
  wait(position: number, current: () => number, signal?: AbortSignal): Promise<void> {
    if (this.closed || current() >= position || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

export async function* flatten(batches: AsyncIterable<Envelope[]>): AsyncIterable<Envelope> {
  for await (const batch of batches) yield* batch;
}

/** Catch-up then live over any adapter that can read a range and signal a new head. */
export async function* subscribeBatches(
  readRange: (from: number, to: number) => AsyncIterable<Envelope[]>,
  head: () => number,
  signal: HeadSignal,
  options: { fromPosition?: number; signal?: AbortSignal } = {},
): AsyncIterable<Envelope[]> {
  let next = Math.max(1, options.fromPosition ?? 1);
  while (!signal.isClosed && !options.signal?.aborted) {
    const current = head();
    if (next <= current) {
      for await (const batch of readRange(next, current)) {
        if (batch.length === 0) continue;
        if (batch[0]!.position !== next)
          throw new Error(
            `subscription gap: expected position ${next}, read ${batch[0]!.position}`,
          );
        next = batch[batch.length - 1]!.position + 1;
        yield batch;
        if (options.signal?.aborted) return;
      }
      continue;
    }
    await signal.wait(next, head, options.signal);
  }
}

export function clampRange(
  from: number | undefined,
  to: number | undefined,
  head: number,
): [number, number] {
  return [Math.max(1, from ?? 1), Math.min(head, to ?? head)];
}

/**
 * Checks envelopes copied from another store (a migration or a restore): they must continue this
 * log exactly — next position, linked prevHash, valid hash, next stream version, unused event id.
 */
export function checkImported(index: LogIndex, envelopes: Envelope[]): PreparedAppend {
  if (envelopes.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(
      `one import may carry at most ${MAX_EVENTS_PER_APPEND} events, not ${envelopes.length}`,
    );
  }
  let head = index.head;
  const versions = new Map<string, number>();
  const ids = new Set<string>();
  for (const e of envelopes) {
    const shape = envelopeShapeProblem(e);
    if (shape) throw new InvalidAppendError(`not an envelope: ${shape}`);
    const where = `position ${e.position}`;
    if (e.position !== head.position + 1)
      throw new InvalidAppendError(`${where}: expected position ${head.position + 1}`);
    if (e.prevHash !== head.hash)
      throw new InvalidAppendError(`${where}: prevHash does not link to this log's head`);
    if (computeHash(e) !== e.hash)
      throw new InvalidAppendError(`${where}: hash does not match its content`);
    const version = (versions.get(e.streamId) ?? index.streamVersion(e.streamId)) + 1;
    if (e.streamVersion !== version)
      throw new InvalidAppendError(`${where}: stream ${e.streamId} expects version ${version}`);
    if (ids.has(e.eventId) || index.eventIds.positionOf(e.eventId) !== undefined)
      throw new InvalidAppendError(`${where}: event id ${e.eventId} already stored`);
    versions.set(e.streamId, version);
    ids.add(e.eventId);
    head = { position: e.position, hash: e.hash };
  }
  return { fresh: envelopes, results: [envelopes] };
}

/** One queued write: either append requests to decide, or sealed envelopes to continue the log with. */
export type WriteRequest =
  | { kind: 'append'; requests: AppendRequest[] }
  | { kind: 'import'; envelopes: Envelope[] };

export function prepareWrite(
  index: LogIndex,
  write: WriteRequest,
  stored: (position: number) => Envelope,
  now?: () => Date,
): PreparedAppend {
  return write.kind === 'append'
    ? prepareAppend(index, write.requests, stored, now)
    : checkImported(index, write.envelopes);
}

/** The streams and event ids a write touches (what an adapter without a full index must look up). */
export function touchedBy(write: WriteRequest): { streamIds: string[]; eventIds: string[] } {
  if (write.kind === 'import') {
    return {
      streamIds: write.envelopes.map((e) => e?.streamId),
      eventIds: write.envelopes.map((e) => e?.eventId),
    };
  }
  const requests = Array.isArray(write.requests) ? write.requests : [];
  return {
    streamIds: requests.map((r) => r?.streamId),
    eventIds: requests
      .flatMap((r) => (Array.isArray(r?.events) ? r.events.map((e) => e?.eventId) : []))
      .filter((id): id is string => typeof id === 'string'),
  };
}

/**
 * The part of the port every adapter spells the same way, built from the adapter's own write,
 * batched read and batched subscription.
 */
export function portMethods(parts: {
  write(request: WriteRequest): Promise<Envelope[][]>;
  readAllBatches(options?: ReadAllOptions): AsyncIterable<Envelope[]>;
  subscribeBatches(options?: SubscribeOptions): AsyncIterable<Envelope[]>;
}): Pick<EventStore, 'append' | 'appendBatch' | 'importEnvelopes' | 'readAll' | 'subscribe'> {
  return {
    async append(streamId, events, { expectedVersion }) {
      const [result] = await parts.write({
        kind: 'append',
        requests: [{ streamId, events, expectedVersion }],
      });
      return result!;
    },
    appendBatch: (requests) => parts.write({ kind: 'append', requests }),
    async importEnvelopes(envelopes) {
      await parts.write({ kind: 'import', envelopes });
    },
    readAll: (options) => flatten(parts.readAllBatches(options)),
    subscribe: (options) => flatten(parts.subscribeBatches(options)),
  };
}
