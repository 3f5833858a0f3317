import type { Envelope } from '@dateline/event-store';
import { Args, Int, Resolver, Subscription } from '@nestjs/graphql';
import { ChangeFeedService } from '../change-feed.service.js';
import { TimelineFilterInput } from '../inputs/query.input.js';
import { EventModel } from '../models/event.model.js';
import { FactModel, type FactNode } from '../models/fact.model.js';
import { toTimelineFilter } from './filters.js';

const fromPositionArg = {
  type: () => Int,
  nullable: true,
  description: 'First log position to deliver (default: the next event appended).',
} as const;

@Resolver()
export class SubscriptionResolver {
  constructor(private readonly feed: ChangeFeedService) {}

  @Subscription(() => EventModel, {
    description: 'Every event appended to the log, in position order.',
    resolve: (payload: Envelope) => payload,
  })
  eventAppended(
    @Args('fromPosition', fromPositionArg) fromPosition: number | null,
  ): AsyncIterableIterator<Envelope> {
    return this.feed.events(fromPosition);
  }

  @Subscription(() => FactModel, {
    description: 'A fact after each event that changed it, in log order, if it matches the filter.',
    resolve: (payload: FactNode) => payload,
  })
  factChanged(
    @Args('filter', { type: () => TimelineFilterInput, nullable: true })
    filter: TimelineFilterInput | null,
    @Args('fromPosition', fromPositionArg) fromPosition: number | null,
  ): AsyncIterableIterator<FactNode> {
    return this.feed.factChanges(toTimelineFilter(filter), fromPosition);
  }
}
