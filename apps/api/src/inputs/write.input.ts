import type {
  ActorKind,
  DatePrecision,
  FactKind,
  FactStatus,
  LinkRelation,
  ParticipantRole,
} from '@dateline/domain';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ActorKindEnum,
  DatePrecisionEnum,
  FactKindEnum,
  FactStatusEnum,
  LinkRelationEnum,
  ParticipantRoleEnum,
} from '../models/enums.js';

// GraphQL checks only the shapes here; the domain's schemas validate the values and name each
// bad field in BAD_USER_INPUT's `issues`.

const expectedVersionDescription =
  "The fact stream's version you decided against (Fact.version; 0 for a fact that must not exist yet). A different current version is refused with CONFLICT.";

@InputType('RecordArticleInput')
export class RecordArticleInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A slug; derived from the headline when omitted.',
  })
  id?: string | null;
  @Field()
  headline!: string;
  @Field()
  publisher!: string;
  @Field({ description: 'YYYY-MM-DD or an ISO timestamp with zone.' })
  publishedAt!: string;
  @Field(() => String, { nullable: true })
  url?: string | null;
  @Field(() => String, { nullable: true })
  byline?: string | null;
  @Field(() => String, { nullable: true, description: 'Two-letter language code.' })
  language?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "sha256 (lowercase hex) of the article's text. When omitted, the sha256 of the citation (publisher, headline, publishedAt, url) is recorded instead.",
  })
  textSha256?: string | null;
}

@InputType('RegisterActorInput')
export class RegisterActorInput {
  @Field(() => ID, { nullable: true, description: 'A slug; derived from the name when omitted.' })
  id?: string | null;
  @Field()
  name!: string;
  @Field(() => ActorKindEnum)
  kind!: ActorKind;
  @Field(() => String, { nullable: true })
  title?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, or EU.' })
  country?: string | null;
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
}

@InputType('FuzzyDateInput')
export class FuzzyDateInput {
  @Field()
  earliest!: string;
  @Field()
  latest!: string;
  @Field(() => DatePrecisionEnum)
  precision!: DatePrecision;
  @Field(() => String, { nullable: true })
  expression?: string | null;
  @Field(() => String, { nullable: true })
  anchor?: string | null;
  @Field(() => String, { nullable: true, description: 'Derived from the span when omitted.' })
  label?: string | null;
}

@InputType('ParticipantInput')
export class ParticipantInput {
  @Field(() => ID)
  actorId!: string;
  @Field(() => ParticipantRoleEnum)
  role!: ParticipantRole;
}

@InputType('QuoteInput')
export class QuoteInput {
  @Field()
  text!: string;
  @Field(() => ID, { nullable: true })
  speakerId?: string | null;
  @Field(() => Int, { nullable: true })
  paragraph?: number | null;
}

@InputType('EvidenceInput')
export class EvidenceInput {
  @Field(() => ID)
  articleId!: string;
  @Field(() => Int)
  paragraph!: number;
  @Field()
  excerpt!: string;
  @Field(() => String, { nullable: true })
  dateExpression?: string | null;
  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType('RecordFactInput')
export class RecordFactInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A slug; derived from the summary when omitted.',
  })
  id?: string | null;
  @Field(() => ID, { description: 'The article the fact is recorded from.' })
  articleId!: string;
  @Field(() => FactKindEnum)
  kind!: FactKind;
  @Field(() => FactStatusEnum)
  status!: FactStatus;
  @Field()
  summary!: string;
  @Field(() => FuzzyDateInput)
  occurred!: FuzzyDateInput;
  @Field(() => [ParticipantInput], { nullable: true })
  participants?: ParticipantInput[] | null;
  @Field(() => [QuoteInput], { nullable: true })
  quotes?: QuoteInput[] | null;
  @Field(() => [String], { nullable: true })
  topics?: string[] | null;
  @Field(() => [String], { nullable: true })
  places?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'The paragraph of the article (required).' })
  paragraph?: number | null;
  @Field(() => String, { nullable: true, description: 'The words of that paragraph (required).' })
  excerpt?: string | null;
  @Field(() => String, { nullable: true, description: 'The words the article used for the date.' })
  dateExpression?: string | null;
  @Field(() => String, { nullable: true })
  note?: string | null;
  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  expectedVersion?: number | null;
}

@InputType('CorroborateFactInput')
export class CorroborateFactInput {
  @Field(() => ID)
  factId!: string;
  @Field(() => ID)
  articleId!: string;
  @Field(() => Int)
  paragraph!: number;
  @Field()
  excerpt!: string;
  @Field(() => String, { nullable: true })
  dateExpression?: string | null;
  @Field(() => String, { nullable: true })
  note?: string | null;
  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  expectedVersion?: number | null;
}

@InputType('FactChangesInput', { description: 'The fields to change; give at least one.' })
export class FactChangesInput {
  @Field(() => FactKindEnum, { nullable: true })
  kind?: FactKind | null;
  @Field(() => FactStatusEnum, { nullable: true })
  status?: FactStatus | null;
  @Field(() => String, { nullable: true })
  summary?: string | null;
  @Field(() => FuzzyDateInput, { nullable: true })
  occurred?: FuzzyDateInput | null;
  @Field(() => [ParticipantInput], { nullable: true })
  participants?: ParticipantInput[] | null;
  @Field(() => [QuoteInput], { nullable: true })
  quotes?: QuoteInput[] | null;
  @Field(() => [String], { nullable: true })
  topics?: string[] | null;
  @Field(() => [String], { nullable: true })
  places?: string[] | null;
}

@InputType('CorrectFactInput')
export class CorrectFactInput {
  @Field(() => ID)
  factId!: string;
  @Field(() => FactChangesInput)
  changes!: FactChangesInput;
  @Field()
  reason!: string;
  @Field(() => EvidenceInput, {
    nullable: true,
    description:
      'The report that prompted the correction: an article, a paragraph and a short excerpt. A correction that makes a fact occur after its articles were published needs one from a later article. As reported by an earlier date (asOf.reportedBy), a status or date it gives is not shown.',
  })
  evidence?: EvidenceInput | null;
  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  expectedVersion?: number | null;
}

@InputType('RetractFactInput')
export class RetractFactInput {
  @Field(() => ID)
  factId!: string;
  @Field()
  reason!: string;
  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  expectedVersion?: number | null;
}

@InputType('LinkFactsInput')
export class LinkFactsInput {
  @Field(() => ID)
  factId!: string;
  @Field(() => ID)
  relatedFactId!: string;
  @Field(() => LinkRelationEnum)
  relation!: LinkRelation;
  @Field(() => EvidenceInput, { nullable: true })
  evidence?: EvidenceInput | null;
  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  expectedVersion?: number | null;
}
