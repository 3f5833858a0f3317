import type { Envelope, EventStore } from '@dateline/event-store';
import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ApiError } from '../graphql/errors.js';
import { checkPageSize } from '../graphql/limits.js';
import { EventConnection, EventModel, LogHeadModel } from '../models/event.model.js';
import { EVENT_STORE } from '../tokens.js';

@Resolver(() => EventModel)
export class LogResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query(() => EventConnection, { description: 'The raw log in position order.' })
  async events(
    @Args('after', {
      type: () => Int,
      nullable: true,
      description: 'Start after this position (0 or absent: from the first event).',
    })
    after: number | null,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size (at most 100).' })
    first: number | null,
  ): Promise<EventConnection> {
    const size = checkPageSize(first);
    const from = after ?? 0;
    if (from < 0) {
      throw new ApiError('BAD_USER_INPUT', 'after must not be negative', {
        issues: [{ path: 'after', message: 'must not be negative' }],
      });
    }
    const head = await this.store.head();
    const envelopes: Envelope[] = [];
    if (size > 0 && from < head.position) {
      for await (const envelope of this.store.readAll({
        fromPosition: from + 1,
        toPosition: Math.min(head.position, from + size),
      })) {
        envelopes.push(envelope);
      }
    }
    const last = envelopes[envelopes.length - 1];
    return {
      edges: envelopes.map((node) => ({ cursor: String(node.position), node })),
      pageInfo: {
        hasNextPage: (last?.position ?? from) < head.position,
        hasPreviousPage: from > 0,
        startCursor: envelopes[0] ? String(envelopes[0].position) : null,
        endCursor: last ? String(last.position) : null,
      },
      totalCount: head.position,
    };
  }

  @Query(() => LogHeadModel, { description: 'The last position and hash: the state of the log.' })
  logHead(): Promise<LogHeadModel> {
    return this.store.head();
  }
}
