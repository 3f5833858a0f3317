import type { Citation, FactLink, FactRevision, TimelineFact } from '@dateline/projections';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { ActorModel } from './actor.model.js';
import { ArticleModel } from './article.model.js';
import {
  CitationKindEnum,
  DatePrecisionEnum,
  FactKindEnum,
  FactStatusEnum,
  LinkDirectionEnum,
  LinkRelationEnum,
  ParticipantRoleEnum,
} from './enums.js';
import { PageInfo } from './page-info.model.js';
import type { InScope, ReadScope } from './scope.js';

// Relation fields are typed with read-model interfaces, not with the model classes: decorator
// metadata would otherwise touch classes of modules that import each other before they exist.

/**
 * A fact as the API answers with it (models/nodes.ts factNode): the read model's fact with its
 * scope, and the fields that need the scope already resolved.
 */
export type FactNode = Omit<TimelineFact, 'occurred' | 'participants' | 'quotes' | 'sources'> & {
  readonly scope: ReadScope;
  occurred: FuzzyDateModel;
  participants: ParticipantModel[];
  quotes: QuoteModel[];
  sources: CitationModel[];
  corroborationCount: number;
};

@ObjectType('FuzzyDate', {
  description: 'A date exactly as precise as its source: a span from earliest to latest.',
})
export class FuzzyDateModel {
  @Field({ description: 'First possible day (YYYY-MM-DD).' })
  earliest!: string;
  @Field({ description: 'Last possible day (YYYY-MM-DD).' })
  latest!: string;
  @Field(() => DatePrecisionEnum)
  precision!: string;
  @Field({ description: 'A human label that claims no more precision than the date has.' })
  label!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The words the source used ("last week", "on Saturday").',
  })
  expression?: string;
  @Field(() => String, {
    nullable: true,
    description: 'The date the expression was resolved against (usually the publication date).',
  })
  anchor?: string;
}

@ObjectType('Participant')
export class ParticipantModel {
  @Field(() => ActorModel)
  actor!: InScope<object>;
  @Field(() => ParticipantRoleEnum)
  role!: string;
}

@ObjectType('Quote')
export class QuoteModel {
  @Field()
  text!: string;
  @Field(() => ActorModel, { nullable: true })
  speaker!: InScope<object> | null;
  @Field(() => Int, { nullable: true })
  paragraph?: number;
}

@ObjectType('Citation', { description: 'One article supporting a fact.' })
export class CitationModel {
  @Field(() => ArticleModel)
  article!: InScope<object>;
  @Field(() => Int)
  paragraph!: number;
  @Field()
  excerpt!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The words the article used for the date.',
  })
  dateExpression?: string;
  @Field(() => String, { nullable: true, description: 'Outside knowledge used alongside it.' })
  note?: string;
  @Field(() => CitationKindEnum, {
    description: 'SOURCE: the fact was recorded from it; CORROBORATION: it confirms the fact.',
  })
  kind!: Citation['kind'];
  @Field(() => Int, { description: 'Log position of the event that added this citation.' })
  position!: number;
  @Field()
  recordedAt!: string;
}

@ObjectType('Evidence')
export class EvidenceModel {
  @Field(() => ArticleModel)
  article!: InScope<object>;
  @Field(() => Int)
  paragraph!: number;
  @Field()
  excerpt!: string;
  @Field(() => String, { nullable: true })
  dateExpression?: string;
  @Field(() => String, { nullable: true })
  note?: string;
}

@ObjectType('FactLink')
export class FactLinkModel {
  @Field(() => LinkRelationEnum)
  relation!: FactLink['relation'];
  @Field(() => LinkDirectionEnum)
  direction!: FactLink['direction'];
  @Field(() => FactModel, { description: 'The fact at the other end.' })
  fact!: FactNode;
  @Field(() => EvidenceModel, { nullable: true })
  evidence!: object | null;
  @Field(() => Int)
  position!: number;
  @Field()
  recordedAt!: string;
}

@ObjectType('FactRevision', { description: "One event in a fact's life and what it changed." })
export class FactRevisionModel {
  @Field(() => Int, { description: 'Log position of the event.' })
  position!: number;
  @Field(() => String, { description: 'The event type, e.g. FactCorrected.' })
  type!: FactRevision['eventType'];
  @Field()
  recordedAt!: string;
  @Field()
  eventId!: string;
  @Field(() => [String], {
    description:
      'Fields a correction changed, or what else the event touched (sources, links, retracted).',
  })
  changedFields!: string[];
  @Field(() => String, { nullable: true })
  reason?: string;
  @Field(() => JsonScalar, {
    nullable: true,
    description:
      "For a correction: the old values, as the log spells them (the event's own field names and lower-case values such as `day` or `occurred`, not this schema's enums).",
  })
  before?: unknown;
  @Field(() => JsonScalar, {
    nullable: true,
    description: 'For a correction: the new values, spelled as `before` is.',
  })
  after?: unknown;
  @Field(() => ArticleModel, { nullable: true })
  article!: InScope<object> | null;
  @Field(() => EvidenceModel, {
    nullable: true,
    description:
      'For a correction with evidence: the article, paragraph and words it rests on, as of the same point in the log. Null for other revisions, and when the view does not hold the article.',
  })
  evidence!: object | null;
  @Field({ description: 'One sentence a person can read.' })
  description!: string;
}

@ObjectType('Retraction')
export class RetractionModel {
  @Field()
  reason!: string;
  @Field(() => Int)
  position!: number;
  @Field()
  recordedAt!: string;
}

@ObjectType('Fact', { description: 'A dated fact in its current revision, with its sources.' })
export class FactModel {
  @Field(() => ID)
  id!: string;
  @Field(() => FactKindEnum)
  kind!: TimelineFact['kind'];
  @Field(() => FactStatusEnum)
  status!: TimelineFact['status'];
  @Field()
  summary!: string;
  @Field(() => FuzzyDateModel)
  occurred!: FuzzyDateModel;
  // The fields below need the fact's scope; factNode resolves them when it makes the node, so
  // that a page of facts does not go through a Nest resolver (and a promise) per fact and field.
  @Field(() => [ParticipantModel])
  participants!: ParticipantModel[];
  @Field(() => [QuoteModel])
  quotes!: QuoteModel[];
  @Field(() => [CitationModel], {
    description: 'The original source first, then corroborations in log order.',
  })
  sources!: CitationModel[];
  @Field(() => Int, { description: 'Articles besides the original source.' })
  corroborationCount!: number;
  @Field(() => [String])
  topics!: string[];
  @Field(() => [String])
  places!: string[];
  @Field({ description: 'True once retracted; a retracted fact stays visible as retracted.' })
  retracted!: boolean;
  @Field(() => RetractionModel, { nullable: true })
  retraction?: TimelineFact['retraction'];
  @Field({ description: 'True once a correction has been applied.' })
  corrected!: boolean;
  @Field(() => Int, {
    description: 'Version of the fact stream: pass it as expectedVersion when writing.',
  })
  version!: number;
  @Field(() => Int, { description: 'Position of the FactRecorded event.' })
  firstPosition!: number;
  @Field(() => Int, { description: 'Position of the last event that changed the fact.' })
  lastPosition!: number;
  @Field({ description: 'When the fact was first recorded in the log.' })
  recordedAt!: string;
  @Field({ description: 'When the fact last changed in the log.' })
  updatedAt!: string;
}

@ObjectType('FactEdge')
export class FactEdge {
  @Field()
  cursor!: string;
  @Field(() => FactModel)
  node!: FactNode;
}

@ObjectType('FactConnection')
export class FactConnection {
  @Field(() => [FactEdge])
  edges!: FactEdge[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Facts matching the filter, over all pages.' })
  totalCount!: number;
  @Field(() => Int, { description: 'The log position this answer reflects.' })
  position!: number;
}

export type { FactRevision };
