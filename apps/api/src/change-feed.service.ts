import type { Envelope, EventStore } from '@dateline/event-store';
import {
  decodeEnvelope,
  factFolder,
  factMatcher,
  getFact,
  type ReadModels,
  type TimelineFact,
  type TimelineFilter,
} from '@dateline/projections';
import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from './graphql/errors.js';
import type { FactNode } from './models/fact.model.js';
import { factNode } from './models/nodes.js';
import { ReadModelsService } from './read-models.service.js';
import { EVENT_STORE } from './tokens.js';

/** How long a fact subscription waits for the read models to apply an event it saw in the log. */
const APPLY_WAIT_MS = 60_000;

/**
 * Subscriptions as pulls from the store's own ordered subscription, so every subscriber gets the
 * log in position order (never N+1 before N) and a slow one slows only itself. Closing a
 * subscription (or the service) aborts its store subscription at once.
 */
@Injectable()
export class ChangeFeedService {
  /** Each open subscription's controller; closeAll aborts them. */
  private readonly open = new Set<AbortController>();
  private closed = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reads: ReadModelsService,
  ) {}

  /** Events from `fromPosition` (default: the next one appended) onwards. */
  events(fromPosition?: number | null): AsyncIterableIterator<Envelope> {
    checkFrom(fromPosition);
    const store = this.store;
    return this.abortable(async function* (signal) {
      const from = fromPosition ?? (await store.head()).position + 1;
      yield* store.subscribe({ fromPosition: from, signal });
    });
  }

  /** Facts as they are after each event that changed them, if they match the filter. */
  factChanges(
    filter: TimelineFilter,
    fromPosition?: number | null,
  ): AsyncIterableIterator<FactNode> {
    checkFrom(fromPosition);
    const { store, reads } = this;
    return this.abortable(async function* (signal) {
      const from = fromPosition ?? (await store.head()).position + 1;
      const folds = new FactFolds(store);
      for await (const envelope of store.subscribe({ fromPosition: from, signal })) {
        const ids = changedFactIds(envelope);
        if (ids.length === 0) continue;
        await reads.runner.waitForPosition(envelope.position, APPLY_WAIT_MS);
        const scope = { models: reads.runner.readModels(), position: reads.runner.position() };
        const matches = factMatcher(scope.models, filter);
        for (const id of ids) {
          const fact = await folds.after(scope.models, id, envelope);
          if (fact && matches(fact)) yield factNode(fact, scope);
        }
      }
    });
  }

  /** Ends every open subscription (before the store is closed). */
  closeAll(): void {
    this.closed = true;
    for (const controller of this.open) controller.abort();
    this.open.clear();
  }

  /**
   * An iterator whose return() aborts the underlying store subscription first: an async
   * generator's own return() would wait for the pending next(), which waits for a new event.
   */
  private abortable<T>(open: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
    // One controller per subscription, kept in a set rather than listening on one shared signal
    // (hundreds of subscriptions made Node warn of a listener leak).
    const controller = new AbortController();
    if (this.closed) controller.abort();
    else this.open.add(controller);
    const inner = open(controller.signal);
    const finish = async (): Promise<IteratorResult<T>> => {
      controller.abort();
      this.open.delete(controller);
      await inner.return(undefined);
      return { done: true, value: undefined };
    };
    return {
      next: () => inner.next(),
      return: finish,
      async throw(error: unknown) {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

function checkFrom(fromPosition: number | null | undefined): void {
  if (fromPosition !== undefined && fromPosition !== null && fromPosition < 1) {
    throw new ApiError('BAD_USER_INPUT', 'fromPosition must be 1 or more', {
      issues: [{ path: 'fromPosition', message: 'must be 1 or more' }],
    });
  }
}

/** How many facts one subscription keeps folded while it replays (least recently used out). */
const FOLDS_KEPT = 1_000;

/**
 * Facts as they were right after each event of a subscription. The read models may already be
 * further on (a subscriber catching up, or several events applied in one batch): a fact is then
 * folded from the events of its history up to that position, read from the log once, and kept
 * folded, so each later event of the subscription that touches it is one more step of the fold.
 */
class FactFolds {
  private readonly folders = new Map<string, ReturnType<typeof factFolder>>();

  constructor(private readonly store: EventStore) {}

  async after(
    models: ReadModels,
    factId: string,
    envelope: Envelope,
  ): Promise<TimelineFact | undefined> {
    const present = getFact(models, factId);
    if (!present) return undefined;
    const position = envelope.position;
    // Live: the read models are at this very event. A copy: the runner updates its states in
    // place while the message waits to be sent.
    if (present.lastPosition === position) {
      this.folders.delete(factId);
      return structuredClone(present);
    }
    const others = (id: string) => getFact(models, id);
    let folder = this.folders.get(factId);
    if (folder) {
      this.folders.delete(factId);
      folder.apply(decodeEnvelope(envelope));
    } else {
      folder = factFolder(factId, others);
      for (const at of present.history.map((h) => h.position).filter((p) => p <= position)) {
        for await (const batch of this.store.readAllBatches({ fromPosition: at, toPosition: at })) {
          for (const e of batch) if (e.position === at) folder.apply(decodeEnvelope(e));
        }
      }
    }
    this.folders.set(factId, folder);
    if (this.folders.size > FOLDS_KEPT) {
      const oldest = this.folders.keys().next().value as string;
      this.folders.delete(oldest);
    }
    const fact = folder.current();
    return fact && structuredClone(fact);
  }
}

function changedFactIds(envelope: Envelope): string[] {
  const data = envelope.data as { factId?: unknown; relatedFactId?: unknown };
  switch (envelope.type) {
    case 'FactRecorded':
    case 'FactCorroborated':
    case 'FactCorrected':
    case 'FactRetracted':
      return typeof data.factId === 'string' ? [data.factId] : [];
    case 'FactsLinked':
      return [data.factId, data.relatedFactId].filter((id): id is string => typeof id === 'string');
    default:
      return [];
  }
}
