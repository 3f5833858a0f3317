import type { ArticleCitation } from '@dateline/projections';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ArticleCitationKindEnum } from './enums.js';
import { FactModel } from './fact.model.js';

@ObjectType('Article', { description: 'A published news article that facts are recorded from.' })
export class ArticleModel {
  @Field(() => ID)
  id!: string;
  @Field()
  headline!: string;
  @Field()
  publisher!: string;
  @Field({ description: 'A date (YYYY-MM-DD) or an ISO timestamp with zone, as recorded.' })
  publishedAt!: string;
  @Field(() => String, { nullable: true })
  url?: string;
  @Field(() => String, { nullable: true })
  byline?: string;
  @Field(() => String, { nullable: true })
  language?: string;
  @Field({ description: "sha256 of the article's text, identifying the version read." })
  textSha256!: string;
  @Field(() => Int, { description: 'Log position of the ArticleRecorded event.' })
  position!: number;
  @Field()
  recordedAt!: string;
}

@ObjectType('ArticleCitation', { description: 'A paragraph of the article cited for a fact.' })
export class ArticleCitationModel {
  @Field(() => FactModel)
  fact!: object;
  @Field(() => Int)
  paragraph!: number;
  @Field()
  excerpt!: string;
  @Field(() => String, { nullable: true })
  dateExpression?: string;
  @Field(() => ArticleCitationKindEnum)
  kind!: ArticleCitation['kind'];
  @Field(() => FactModel, {
    nullable: true,
    description: 'For a LINK citation: the fact at the other end.',
  })
  relatedFact!: object | null;
  @Field(() => Int)
  position!: number;
  @Field()
  recordedAt!: string;
}
