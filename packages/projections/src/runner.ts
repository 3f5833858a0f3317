import type { Envelope, EventStore } from '@dateline/event-store';
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
import {
  loadTrustedSnapshot,
  type SnapshotHeader,
  type SnapshotStore,
  serializeState,
} from './snapshots.js';

export type RunnerLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  details?: Record<string, unknown>,
) => void;

export interface ProjectionRunnerOptions {
  /** Defaults to the four read models: timeline, actors, articles, interactions. */
  projections?: readonly AnyProjection[];
  /** Where to start from and save to; a snapshot that does not match the log is ignored. */
  snapshotStore?: SnapshotStore;
  log?: RunnerLog;
  decode?: (envelope: Envelope) => DecodedEvent;
  /**
   * Read models the store already folded while it opened (see createPreload): when it holds any
   * events the runner starts from it and loads no snapshot. It must fold the same projections.
   */
  preloaded?: Preload;
}

export type RunnerPhase = 'idle' | 'catching_up' | 'live' | 'stopped' | 'failed';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** The log position this read model reflects. */
  position: number;
  /** Events folded since start (not counting a snapshot's). */
  eventsApplied: number;
  /** Where the fold began: a trusted snapshot's position, or 0. */
  startedAt: number;
  /** Set when an event could not be applied: the projection stays at the position before it. */
  failure?: ProjectionFailure;
}

export interface RunnerStatus {
  phase: RunnerPhase;
  /** True once the catch-up read reached the head as it stood when the runner started. */
  caughtUp: boolean;
  /** The last log position read from the store. */
  lastRead: number;
  projections: ProjectionStatus[];
  /** Why the runner itself stopped (the store failed), if it did. */
  error?: string;
}

export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
  constructor(
    readonly position: number,
    readonly reached: number,
    readonly timeoutMs: number,
  ) {
    super(
      `the read models reached position ${reached}, not ${position}, within ${timeoutMs} ms; retry shortly`,
    );
  }
}

export class RunnerStoppedError extends Error {
  override readonly name = 'RunnerStoppedError';
  constructor(reason = 'the projection runner is stopped') {
    super(reason);
  }
}

export interface AppliedBatch {
  envelopes: readonly Envelope[];
  /** The position every read model now reflects (the lowest of the projections). */
  position: number;
}

interface Waiter {
  position: number;
  names: readonly string[] | undefined;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Keeps read models up to date with the log: starts from trusted snapshots (or empty), catches up
 * with `readAllBatches`, then follows `subscribeBatches`. The runner owns the states and folds each
 * batch synchronously, so a reader never sees half a batch; read states, do not change them.
 */
export function createProjectionRunner(store: EventStore, options: ProjectionRunnerOptions = {}) {
  const projections = options.projections ?? defaultProjections;
  const log: RunnerLog = options.log ?? (() => {});
  const decode = options.decode ?? decodeEnvelope;
  const abort = new AbortController();
  const listeners = new Set<(batch: AppliedBatch) => void>();
  let waiters: Waiter[] = [];
  let slots: FoldSlot[] = createSlots(projections);
  let startedAt: Record<string, number> = {};
  let phase: RunnerPhase = 'idle';
  let caughtUp = false;
  let lastRead = 0;
  let error: string | undefined;
  let loop: Promise<void> | undefined;
  let starting: Promise<void> | undefined;

  const slotsFor = (names: readonly string[] | undefined): FoldSlot[] => {
    if (!names) return slots;
    return names.map((name) => {
      const slot = slots.find((s) => s.projection.name === name);
      if (!slot) throw new Error(`no projection named "${name}" is running`);
      return slot;
    });
  };
  const positionOf = (list: readonly FoldSlot[]) =>
    list.length === 0 ? lastRead : Math.min(...list.map((s) => s.position));

  /** Resolves reached waiters, rejects those that can no longer be reached. */
  const settleWaiters = () => {
    if (waiters.length === 0) return;
    waiters = waiters.filter((waiter) => {
      const list = slotsFor(waiter.names);
      const stuck = list.find((s) => s.failure && s.position < waiter.position);
      if (stuck?.failure) {
        waiter.reject(new ProjectionError(stuck.failure));
      } else if (positionOf(list) >= waiter.position) {
        waiter.resolve();
      } else if (phase === 'stopped' || phase === 'failed') {
        waiter.reject(new RunnerStoppedError(error));
      } else return true;
      if (waiter.timer) clearTimeout(waiter.timer);
      return false;
    });
  };

  const apply = (batch: Envelope[]) => {
    if (batch.length === 0) return;
    const failedBefore = new Set(slots.filter((s) => s.failure).map((s) => s.projection.name));
    foldBatch(slots, batch, decode);
    lastRead = batch[batch.length - 1]!.position;
    for (const slot of slots) {
      if (slot.failure && !failedBefore.has(slot.projection.name)) {
        log('error', `projection ${slot.projection.name} stopped: ${slot.failure.message}`, {
          ...slot.failure,
        });
      }
    }
    settleWaiters();
    const applied: AppliedBatch = { envelopes: batch, position: positionOf(slots) };
    for (const listener of listeners) {
      try {
        listener(applied);
      } catch (listenerError) {
        log('error', 'a read-model listener threw', { error: String(listenerError) });
      }
    }
  };

  const allFailed = () => slots.every((s) => s.failure);

  async function follow(from: number, onCaughtUp: () => void): Promise<void> {
    let next = from;
    phase = 'catching_up';
    for await (const batch of store.readAllBatches({ fromPosition: from })) {
      if (abort.signal.aborted) return;
      apply(batch);
      next = lastRead + 1;
      if (allFailed()) break;
    }
    caughtUp = true;
    phase = allFailed() ? 'failed' : 'live';
    onCaughtUp();
    settleWaiters();
    if (phase === 'failed') return;
    log('info', 'read models caught up; following the log', { position: positionOf(slots) });
    for await (const batch of store.subscribeBatches({
      fromPosition: next,
      signal: abort.signal,
    })) {
      if (abort.signal.aborted) return;
      apply(batch);
      if (allFailed()) {
        phase = 'failed';
        settleWaiters();
        return;
      }
    }
    if (!abort.signal.aborted) {
      // The subscription ended without stop(): the store was closed under the runner.
      error = 'the event store closed the subscription';
      phase = 'stopped';
      log('warn', 'the event store closed; the read models stop here', {
        position: positionOf(slots),
      });
      settleWaiters();
    }
  }

  const runner = {
    /**
     * Loads trusted snapshots, then catches up with the log. Resolves once caught up with the head
     * as it stood when reading began; following the log then continues in the background.
     */
    start(): Promise<void> {
      starting ??= (async () => {
        const starts: Record<string, FoldStart> = {};
        startedAt = {};
        const preloaded = options.preloaded?.eventsRead ? options.preloaded : undefined;
        if (preloaded) {
          const names = preloaded.slots.map((s) => s.projection.name).join();
          if (names !== projections.map((p) => p.name).join())
            throw new Error(`the preloaded fold has other projections (${names})`);
          slots = preloaded.slots;
          for (const slot of slots) startedAt[slot.projection.name] = 0;
          lastRead = preloaded.last?.position ?? 0;
          log('info', `read models folded while the log was read, to ${lastRead}`, {
            position: lastRead,
          });
          // A projection that stopped in that fold is reported like one that stops later.
          for (const slot of slots)
            if (slot.failure)
              log('error', `projection ${slot.projection.name} stopped: ${slot.failure.message}`, {
                ...slot.failure,
              });
        } else if (options.snapshotStore) {
          for (const projection of projections) {
            const start = await loadTrustedSnapshot(
              store,
              options.snapshotStore,
              projection,
              (message, details) => log('warn', message, details),
            );
            if (start) {
              starts[projection.name] = start;
              log('info', `${projection.name} starts from its snapshot at ${start.position}`, {
                projection: projection.name,
                position: start.position,
              });
            }
          }
        }
        if (!preloaded) {
          slots = createSlots(projections, starts);
          for (const slot of slots) startedAt[slot.projection.name] = slot.position;
          lastRead = positionOf(slots);
        }
        await new Promise<void>((resolve, reject) => {
          // Resolves when caught up, or when the loop ends first (stopped during catch-up).
          loop = follow(lastRead + 1, resolve).then(resolve, (loopError: unknown) => {
            error = loopError instanceof Error ? loopError.message : String(loopError);
            if (phase !== 'stopped') phase = 'failed';
            log('error', `the projection runner stopped: ${error}`, { error });
            settleWaiters();
            reject(loopError);
          });
        });
      })();
      return starting;
    },

    /** Stops following the log; pending waits are rejected. States stay readable. */
    async stop(): Promise<void> {
      if (phase !== 'failed') phase = 'stopped';
      abort.abort();
      await loop?.catch(() => {});
      settleWaiters();
      for (const waiter of waiters) {
        if (waiter.timer) clearTimeout(waiter.timer);
        waiter.reject(new RunnerStoppedError());
      }
      waiters = [];
    },

    status(): RunnerStatus {
      return {
        phase,
        caughtUp,
        lastRead,
        projections: slots.map((slot) => ({
          name: slot.projection.name,
          version: slot.projection.version,
          position: slot.position,
          eventsApplied: slot.applied,
          startedAt: startedAt[slot.projection.name] ?? 0,
          ...(slot.failure ? { failure: slot.failure } : {}),
        })),
        ...(error !== undefined ? { error } : {}),
      };
    },

    /** The first projection that stopped, if any: a read of every model cannot be answered. */
    failure(): ProjectionFailure | undefined {
      return slots.find((slot) => slot.failure)?.failure;
    },

    /** The position all (or the named) read models reflect: the lowest of their positions. */
    position(names?: readonly string[]): number {
      return positionOf(slotsFor(names));
    },

    /**
     * Resolves once every (or every named) read model reflects `position` (read-your-writes).
     * Rejects with ProjectionError if one of them failed before it, WaitTimeoutError after
     * `timeoutMs`, RunnerStoppedError if the runner stops.
     */
    waitForPosition(position: number, timeoutMs = 5000, names?: readonly string[]): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { position, names, resolve, reject, timer: undefined };
        waiters.push(waiter);
        settleWaiters();
        if (!waiters.includes(waiter)) return;
        waiter.timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new WaitTimeoutError(position, positionOf(slotsFor(names)), timeoutMs));
        }, timeoutMs);
      });
    },

    /** One projection's current state (owned by the runner: read it, do not change it). */
    state<S = unknown>(name: string): S {
      const slot = slots.find((s) => s.projection.name === name);
      if (!slot) throw new Error(`no projection named "${name}" is running`);
      return slot.state as S;
    },

    /** The four read models (the runner must run the default projections). */
    readModels(): ReadModels {
      return {
        timeline: runner.state('timeline'),
        actors: runner.state('actors'),
        articles: runner.state('articles'),
        interactions: runner.state('interactions'),
      };
    },

    /** Called after each batch is folded, in log order (e.g. to push subscriptions). */
    onApplied(listener: (batch: AppliedBatch) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /**
     * Saves every projection that has not failed. Each state is serialised synchronously with its
     * position and hash, so a snapshot is never torn by a batch folded while it is written.
     */
    async saveSnapshots(): Promise<SnapshotHeader[]> {
      const snapshots = options.snapshotStore;
      if (!snapshots) throw new Error('the runner was created without a snapshotStore');
      const pending = slots
        .filter((slot) => !slot.failure && slot.position > 0)
        .map((slot) =>
          snapshots.save({
            name: slot.projection.name,
            version: slot.projection.version,
            position: slot.position,
            hash: slot.hash,
            state: serializeState(slot.state),
          }),
        );
      return Promise.all(pending);
    },
  };
  return runner;
}

export type ProjectionRunner = ReturnType<typeof createProjectionRunner>;
