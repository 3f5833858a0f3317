import type { FactKind, FactStatus } from '@dateline/domain';
import type { InteractionKind } from '@dateline/projections';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { FactKindEnum, FactStatusEnum, InteractionKindEnum } from '../models/enums.js';

@InputType('TimelineFilter', {
  description: 'Every given criterion must match; lists match any value.',
})
export class TimelineFilterInput {
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: facts whose span ends on or after it.',
  })
  from?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: facts whose span begins on or before it.',
  })
  to?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Facts involving any of these actors.' })
  actorIds?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Facts involving an actor of any of these countries (ISO alpha-2 or EU).',
  })
  countries?: string[] | null;
  @Field(() => [FactKindEnum], { nullable: true })
  kinds?: FactKind[] | null;
  @Field(() => [FactStatusEnum], { nullable: true })
  statuses?: FactStatus[] | null;
  @Field(() => [String], { nullable: true })
  topics?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Facts supported by any of these articles.' })
  articleIds?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: "Case-insensitive text in the summary, a quote, or a participant's name or alias.",
  })
  text?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Retracted facts are listed (as retracted) unless this is false.',
  })
  includeRetracted?: boolean | null;
}

@InputType('AsOf', {
  description:
    'Time travel; give exactly one. position/recordedAt: the log as it stood then. reportedBy: only what articles published by that date reported.',
})
export class AsOfInput {
  @Field(() => Int, { nullable: true, description: 'After this log position.' })
  position?: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      "As recorded by this ISO timestamp (a bare date means the end of that day, UTC; today's date, the present). A time still to come is refused.",
  })
  recordedAt?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Publication date (YYYY-MM-DD) or ISO timestamp: articles published by then, the facts and citations from them, and each fact's status and date as those articles gave them (a correction of either that a later article brought is left out; other corrections and retractions stay applied).",
  })
  reportedBy?: string | null;
}

@InputType('InteractionFilter')
export class InteractionFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Edges touching any of these actors.' })
  actorIds?: string[] | null;
  @Field(() => [InteractionKindEnum], { nullable: true })
  kinds?: InteractionKind[] | null;
  @Field(() => [ID], { nullable: true, description: 'Edges with a fact from these articles.' })
  articleIds?: string[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Edges whose facts are all retracted are hidden unless this is true.',
  })
  includeRetracted?: boolean | null;
}
