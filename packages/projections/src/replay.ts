import { createHash, type Hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { isIsoDate, isoTimestampMs } from '@dateline/domain';
import { canonicalJson, type Envelope, type EventStore, GENESIS_HASH } from '@dateline/event-store';
import {
  createSlots,
  defaultProjections,
  type FoldSlot,
  type FoldStart,
  foldBatch,
  type Preload,
} from './fold.js';
import {
  type AnyProjection,
  type DecodedEvent,
  decodeEnvelope,
  ProjectionError,
  type ProjectionFailure,
} from './projection.js';
import type { ReadModels } from './read-models.js';

/** A point in the log's own history: after event N, or as the log stood at time T. */
export type ReplayTarget = { position: number } | { recordedAt: string };

/**
 * Reads "42" as a position and anything else as a time, as `--until` does.
 * A bare date means the end of that day (UTC).
 */
export function parseReplayTarget(text: string): ReplayTarget {
  if (/^\d+$/.test(text)) {
    const position = Number(text);
    // Past 2^53 a number no longer tells positions apart, and would be echoed rounded (1e20).
    if (!Number.isSafeInteger(position))
      throw new RangeError(
        `"${text}" is past any log position (at most ${Number.MAX_SAFE_INTEGER})`,
      );
    return { position };
  }
  return { recordedAt: normaliseInstant(text) };
}

/**
 * An ISO instant as the store writes recordedAt (toISOString), so that strings compare in time
 * order. Takes a calendar date (the end of that day, UTC) or a timestamp with its zone, nothing
 * looser: a typo must be refused, not read as some other plausible moment.
 */
export function normaliseInstant(text: string): string {
  const ms = isIsoDate(text) ? isoTimestampMs(`${text}T23:59:59.999Z`) : isoTimestampMs(text);
  if (ms === undefined || ms > MAX_DATE_MS)
    throw new RangeError(
      `"${text}" is neither a log position nor a date (YYYY-MM-DD) or a timestamp with its zone (2025-02-17T09:30:00Z)`,
    );
  return new Date(ms).toISOString();
}

/** Years past 9999 would print as "+010000-…", which no ISO date reader here takes back. */
const MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * sha256 of the state's canonical JSON (RFC 8785): equal states give equal digests. The text is fed
 * to the hash piece by piece (the top two levels of objects walked here, each value below rendered
 * by canonicalJson), because a million-event state is longer than a JavaScript string may be; the
 * bytes hashed are exactly canonicalJson(state).
 */
export function digestState(state: unknown): string {
  const hash = createHash('sha256');
  feedCanonical(hash, state, 2);
  return hash.digest('hex');
}

function feedCanonical(hash: Hash, value: unknown, depth: number): void {
  if (depth === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    hash.update(canonicalJson(value));
    return;
  }
  const record = value as Record<string, unknown>;
  // Canonical order: keys sorted by UTF-16 code units (the default sort), undefined values left out.
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  hash.update('{');
  keys.forEach((key, i) => {
    hash.update(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
    feedCanonical(hash, record[key], depth - 1);
  });
  hash.update('}');
}

interface FoldLogResult {
  eventsRead: number;
  /** The last envelope read and folded, if any. */
  last: Envelope | undefined;
  /** True when reading stopped because the target was reached, not because the log ended. */
  reachedTarget: boolean;
  /** For a time target: recordedAt of the first event after it (the one that stopped the fold). */
  nextRecordedAt?: string;
}

/**
 * Streams the log from the earliest position any slot needs, folding batch by batch, and stops
 * at the target: after `position`, or before the first event recorded after `recordedAt`.
 */
async function foldLog(
  store: EventStore,
  slots: FoldSlot[],
  options: {
    target?: ReplayTarget | undefined;
    decode?: ((envelope: Envelope) => DecodedEvent) | undefined;
    onBatch?: ((last: Envelope, eventsRead: number) => void) | undefined;
  } = {},
): Promise<FoldLogResult> {
  const { target, decode = decodeEnvelope } = options;
  // A slot that stopped needs nothing more: reading again from its position would fold nothing
  // and count events twice.
  const going = slots.filter((s) => !s.failure);
  if (going.length === 0) return { eventsRead: 0, last: undefined, reachedTarget: false };
  const from = Math.min(...going.map((s) => s.position)) + 1;
  const toPosition = target && 'position' in target ? target.position : undefined;
  const until = target && 'recordedAt' in target ? normaliseInstant(target.recordedAt) : undefined;
  let eventsRead = 0;
  let last: Envelope | undefined;
  if (toPosition !== undefined && toPosition < from) {
    return { eventsRead, last, reachedTarget: true };
  }
  for await (const batch of store.readAllBatches({ fromPosition: from, toPosition })) {
    let take = batch.length;
    if (until !== undefined) {
      const cut = batch.findIndex((e) => e.recordedAt > until);
      if (cut >= 0) take = cut;
    }
    const slice = take === batch.length ? batch : batch.slice(0, take);
    if (slice.length > 0) {
      foldBatch(slots, slice, decode);
      eventsRead += slice.length;
      last = slice[slice.length - 1]!;
      options.onBatch?.(last, eventsRead);
    }
    if (take < batch.length)
      return { eventsRead, last, reachedTarget: true, nextRecordedAt: batch[take]!.recordedAt };
  }
  const reachedTarget =
    toPosition !== undefined && last !== undefined && last.position >= toPosition;
  return { eventsRead, last, reachedTarget };
}

function throwOnFailure(slots: FoldSlot[]): void {
  const failed = slots.find((s) => s.failure);
  if (failed?.failure) throw new ProjectionError(failed.failure);
}

/** The four read models as they were at one point of the log. Treat it as read-only. */
export interface PointInTime {
  /** The last position folded (0 when the point is before the first event). */
  position: number;
  /** The hash of the envelope at `position`. */
  hash: string;
  /** recordedAt of the envelope at `position`. */
  recordedAt?: string;
  /**
   * recordedAt of the event after `position`, when a fold by time stopped there: every time from
   * `recordedAt` up to (not including) this one is this very point.
   */
  nextRecordedAt?: string;
  models: ReadModels;
}

function pointOf(slots: FoldSlot[], last: Envelope | undefined, base?: PointInTime): PointInTime {
  const [timeline, actors, articles, interactions] = slots.map((s) => s.state);
  const recordedAt = last?.recordedAt ?? base?.recordedAt;
  return {
    position: last?.position ?? base?.position ?? 0,
    hash: last?.hash ?? base?.hash ?? GENESIS_HASH,
    ...(recordedAt !== undefined ? { recordedAt } : {}),
    models: { timeline, actors, articles, interactions } as ReadModels,
  };
}

function startsFrom(point: PointInTime): Record<string, FoldStart> {
  const copy = structuredClone(point.models);
  const at = (state: unknown): FoldStart => ({ state, position: point.position, hash: point.hash });
  return {
    timeline: at(copy.timeline),
    actors: at(copy.actors),
    articles: at(copy.articles),
    interactions: at(copy.interactions),
  };
}

/**
 * The read models exactly as after event N, or as the log stood at time T: folds only that
 * prefix of the log. Throws ProjectionError when an event in the prefix cannot be applied.
 */
export async function replayUntil(
  store: EventStore,
  target: ReplayTarget,
  options: { decode?: (envelope: Envelope) => DecodedEvent } = {},
): Promise<PointInTime> {
  const slots = createSlots(defaultProjections);
  const { last } = await foldLog(store, slots, { target, decode: options.decode });
  throwOnFailure(slots);
  return pointOf(slots, last);
}

/**
 * Time travel for a service: remembers the last few points asked for, and folds a new point from
 * the nearest earlier one (copied) instead of from the start of the log. Only points strictly
 * inside the log are remembered, since a point at the head moves as the log grows. Requests for
 * the same point while it is being folded share that fold: a page that asks for one point in
 * several queries, or many readers following one link, fold the log once.
 */
export function createTimeTravel(
  store: EventStore,
  options: { maxEntries?: number; decode?: (envelope: Envelope) => DecodedEvent } = {},
) {
  const maxEntries = options.maxEntries ?? 8;
  // Least recently used first.
  let cache: PointInTime[] = [];

  const remember = (point: PointInTime) => {
    // A point reached by position does not know where its time span ends: keep what one by time did.
    const same = cache.find((p) => p.position === point.position);
    if (point.nextRecordedAt === undefined && same?.nextRecordedAt !== undefined)
      point.nextRecordedAt = same.nextRecordedAt;
    cache = cache.filter((p) => p.position !== point.position);
    cache.push(point);
    if (cache.length > maxEntries) cache.shift();
  };

  const folding = new Map<string, Promise<PointInTime>>();

  async function build(target: ReplayTarget, until: string | undefined): Promise<PointInTime> {
    // A time is answered by the point it falls in: from its event's time to the next event's.
    const exact =
      until === undefined
        ? cache.find((p) => p.position === (target as { position: number }).position)
        : cache.find(
            (p) =>
              p.nextRecordedAt !== undefined &&
              (p.recordedAt ?? '') <= until &&
              until < p.nextRecordedAt,
          );
    if (exact) {
      remember(exact);
      return exact;
    }
    // A base must not pass the target: by position, or by time (recordedAt only grows in the log).
    let base: PointInTime | undefined;
    for (const p of cache) {
      const fits =
        'position' in target
          ? p.position <= target.position
          : p.recordedAt !== undefined && until !== undefined && p.recordedAt <= until;
      if (fits && (!base || p.position > base.position)) base = p;
    }
    const slots = createSlots(defaultProjections, base ? startsFrom(base) : {});
    const { last, reachedTarget, nextRecordedAt } = await foldLog(store, slots, {
      target: until !== undefined ? { recordedAt: until } : target,
      decode: options.decode,
    });
    throwOnFailure(slots);
    const point = pointOf(slots, last, base);
    if (nextRecordedAt !== undefined) point.nextRecordedAt = nextRecordedAt;
    if (reachedTarget) remember(point);
    return point;
  }

  return {
    at(target: ReplayTarget): Promise<PointInTime> {
      let until: string | undefined;
      try {
        until = 'recordedAt' in target ? normaliseInstant(target.recordedAt) : undefined;
      } catch (error) {
        return Promise.reject(error);
      }
      const key =
        until !== undefined ? `t${until}` : `p${(target as { position: number }).position}`;
      const shared = folding.get(key);
      if (shared) return shared;
      const point = build(target, until).finally(() => folding.delete(key));
      folding.set(key, point);
      return point;
    },
    clear() {
      cache = [];
    },
  };
}

export type TimeTravel = ReturnType<typeof createTimeTravel>;

export interface ReplayProgress {
  eventsRead: number;
  /** The last position read. */
  position: number;
  /** Where this replay will stop: the target position or the head when it started. */
  endPosition: number;
  elapsedMs: number;
}

export interface ProjectionReplay {
  name: string;
  version: number;
  /** The last position folded. */
  position: number;
  eventsApplied: number;
  /** sha256 of the canonical JSON of the state (see digestState). */
  digest: string;
  /** Set when an event could not be applied: the projection stopped there. */
  failure?: ProjectionFailure;
}

export interface ReplaySummary {
  eventsRead: number;
  /** Reading and folding, from `startedAt` (the store's opening, when given). */
  durationMs: number;
  /** Computing the digests of the states, after that. */
  digestMs: number;
  eventsPerSecond: number;
  /** Bytes of log read, when the store can tell (the file store, replaying to its head). */
  bytes?: number;
  /** The last position read and its hash. */
  position: number;
  hash: string;
  projections: ProjectionReplay[];
  /** Each projection's final state by name, e.g. for `dateline replay --out`. */
  states: Record<string, unknown>;
}

/**
 * Rebuilds projections from the log (or its prefix up to `until`) and describes the result.
 * Digests cover only the states, so two replays of the same log give the same digests.
 * A projection that fails stops at that event and reports it; the others carry on.
 */
export async function replayProjections(
  store: EventStore,
  options: {
    until?: ReplayTarget;
    projections?: readonly AnyProjection[];
    onProgress?: (progress: ReplayProgress) => void;
    decode?: (envelope: Envelope) => DecodedEvent;
    /** What the store folded while it opened (without `until`): the replay goes on from there. */
    preloaded?: Preload;
    /** performance.now() when the replay began, if before this call (the store's opening). */
    startedAt?: number;
  } = {},
): Promise<ReplaySummary> {
  const { preloaded } = options;
  if (preloaded && options.until)
    throw new Error('a preloaded fold has read the whole log; it cannot stop at `until`');
  const slots = preloaded?.slots ?? createSlots(options.projections ?? defaultProjections);
  const head = await store.head();
  const endPosition =
    options.until && 'position' in options.until
      ? Math.min(options.until.position, head.position)
      : head.position;
  const started = options.startedAt ?? performance.now();
  const before = preloaded?.eventsRead ?? 0;
  const folded = await foldLog(store, slots, {
    target: options.until,
    decode: options.decode,
    onBatch: options.onProgress
      ? (envelope, read) =>
          options.onProgress?.({
            eventsRead: before + read,
            position: envelope.position,
            endPosition,
            elapsedMs: performance.now() - started,
          })
      : undefined,
  });
  const eventsRead = before + folded.eventsRead;
  const last = folded.last ?? preloaded?.last;
  const durationMs = performance.now() - started;
  const digestsFrom = performance.now();
  const loadedBytes = (store as { loadedBytes?: unknown }).loadedBytes;
  const bytes =
    !options.until && typeof loadedBytes === 'number' && last?.position === head.position
      ? loadedBytes
      : undefined;
  const states: Record<string, unknown> = {};
  const projections = slots.map((slot): ProjectionReplay => {
    states[slot.projection.name] = slot.state;
    return {
      name: slot.projection.name,
      version: slot.projection.version,
      position: slot.position,
      eventsApplied: slot.applied,
      digest: digestState(slot.state),
      ...(slot.failure ? { failure: slot.failure } : {}),
    };
  });
  return {
    eventsRead,
    durationMs,
    digestMs: performance.now() - digestsFrom,
    eventsPerSecond: durationMs > 0 ? (eventsRead * 1000) / durationMs : 0,
    ...(bytes !== undefined ? { bytes } : {}),
    position: last?.position ?? 0,
    hash: last?.hash ?? GENESIS_HASH,
    projections,
    states,
  };
}
