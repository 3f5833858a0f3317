import type { Envelope, EventStore } from '@dateline/event-store';
import {
  type DecodedEvent,
  decodeEnvelope,
  factMatcher,
  foldFact,
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
  private readonly shutdown = new AbortController();

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
      for await (const envelope of store.subscribe({ fromPosition: from, signal })) {
        const ids = changedFactIds(envelope);
        if (ids.length === 0) continue;
        await reads.runner.waitForPosition(envelope.position, APPLY_WAIT_MS);
        const scope = { models: reads.runner.readModels(), position: reads.runner.position() };
        const matches = factMatcher(scope.models, filter);
        for (const id of ids) {
          const fact = await factAfter(store, scope.models, id, envelope.position);
          if (fact && matches(fact)) yield factNode(fact, scope);
        }
      }
    });
  }

  /** Ends every open subscription (before the store is closed). */
  closeAll(): void {
    this.shutdown.abort();
  }

  /**
   * An iterator whose return() aborts the underlying store subscription first: an async
   * generator's own return() would wait for the pending next(), which waits for a new event.
   */
  private abortable<T>(open: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
    const controller = new AbortController();
    const onShutdown = () => controller.abort();
    this.shutdown.signal.addEventListener('abort', onShutdown, { once: true });
    if (this.shutdown.signal.aborted) controller.abort();
    const inner = open(controller.signal);
    const finish = async (): Promise<IteratorResult<T>> => {
      controller.abort();
      this.shutdown.signal.removeEventListener('abort', onShutdown);
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

/**
 * A fact as it was right after the event at `position`. The read models may already be further on
 * (a subscriber catching up, or several events applied in one batch): then the fact is folded
 * again from the events of its history up to that position, read from the log.
 */
async function factAfter(
  store: EventStore,
  models: ReadModels,
  factId: string,
  position: number,
): Promise<TimelineFact | undefined> {
  const present = getFact(models, factId);
  if (!present) return undefined;
  // A copy either way: the runner updates its states in place while the message waits to be sent.
  if (present.lastPosition === position) return structuredClone(present);
  const positions = present.history.map((h) => h.position).filter((p) => p <= position);
  const events: DecodedEvent[] = [];
  for (const at of positions) {
    for await (const batch of store.readAllBatches({ fromPosition: at, toPosition: at })) {
      for (const envelope of batch)
        if (envelope.position === at) events.push(decodeEnvelope(envelope));
    }
  }
  return foldFact(factId, events, (id) => getFact(models, id));
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
