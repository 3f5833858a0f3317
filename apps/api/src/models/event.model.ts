import type { Envelope } from '@dateline/event-store';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { PageInfo } from './page-info.model.js';

@ObjectType('Event', { description: 'One envelope of the append-only, hash-chained log.' })
export class EventModel {
  @Field(() => Int, { description: 'Global position in the log, 1-based and contiguous.' })
  position!: number;
  @Field()
  streamId!: string;
  @Field(() => Int)
  streamVersion!: number;
  @Field()
  eventId!: string;
  @Field({ description: 'The event type, e.g. FactRecorded.' })
  type!: string;
  @Field(() => Int)
  schemaVersion!: number;
  @Field({ description: 'When the store wrote the event (ISO timestamp).' })
  recordedAt!: string;
  @Field(() => JsonScalar)
  data!: unknown;
  @Field(() => JsonScalar)
  metadata!: unknown;
  @Field({ description: 'Hash of the previous envelope (64 zeros for the first).' })
  prevHash!: string;
  @Field({ description: 'sha256 over the canonical JSON of this envelope without its hash.' })
  hash!: string;
}

export function toEventModel(envelope: Envelope): EventModel {
  return envelope;
}

@ObjectType('EventEdge')
export class EventEdge {
  @Field({
    description:
      "The position, as a string (a Relay cursor). events(after:) takes the position as an Int: pass Number(cursor), or the node's position.",
  })
  cursor!: string;
  @Field(() => EventModel)
  node!: EventModel;
}

@ObjectType('EventConnection')
export class EventConnection {
  @Field(() => [EventEdge])
  edges!: EventEdge[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Events in the log (the head position).' })
  totalCount!: number;
}

@ObjectType('LogHead')
export class LogHeadModel {
  @Field(() => Int, { description: 'Position of the last event; 0 for an empty log.' })
  position!: number;
  @Field({ description: 'Hash of the last event (the genesis hash for an empty log).' })
  hash!: string;
}
