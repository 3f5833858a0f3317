import {
  type FactRevision,
  getFact,
  listTopics,
  PositionMemo,
  queryTimelineAt,
} from '@dateline/projections';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AsOfInput, TimelineFilterInput } from '../inputs/query.input.js';
import {
  FactConnection,
  FactLinkModel,
  FactModel,
  type FactNode,
  FactRevisionModel,
} from '../models/fact.model.js';
import { articleIn, factIn, factNode, maybeArticleIn } from '../models/nodes.js';
import { TopicModel } from '../models/topic.model.js';
import { ReadModelsService } from '../read-models.service.js';
import { toTimelineFilter } from './filters.js';
import { paginateFacts } from './pagination.js';

export const minPositionArg = {
  type: () => Int,
  nullable: true,
  description:
    'Wait (up to 5 s) until the read models reflect this log position, e.g. the position a mutation returned.',
} as const;

@Resolver(() => FactModel)
export class FactResolver {
  constructor(private readonly reads: ReadModelsService) {}

  // Counting topics walks every fact, and the storyline's filter form asks on every view.
  private readonly topicCounts = new PositionMemo<TopicModel[]>();

  @Query(() => FactConnection, {
    description: 'Facts in chronological order of their fuzzy dates, filtered and paginated.',
  })
  async timeline(
    @Args('filter', { type: () => TimelineFilterInput, nullable: true })
    filter: TimelineFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size (at most 100).' })
    first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<FactConnection> {
    const parsed = toTimelineFilter(filter);
    const scope = await this.reads.scope(asOf, minPosition);
    const sorted = queryTimelineAt(scope.models, scope.position, parsed);
    return paginateFacts(sorted, scope, { first, after });
  }

  @Query(() => [TopicModel], {
    description: 'Every topic of the timeline, by name, with how many facts carry it.',
  })
  async topics(
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<TopicModel[]> {
    const scope = await this.reads.scope(asOf, minPosition);
    return this.topicCounts.get(scope.models.timeline, scope.position, '', () =>
      listTopics(scope.models).map(({ topic, factCount }) => ({ name: topic, factCount })),
    );
  }

  @Query(() => FactModel, { nullable: true })
  async fact(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<FactNode | null> {
    const scope = await this.reads.scope(asOf, minPosition);
    const fact = getFact(scope.models, id);
    return fact ? factNode(fact, scope) : null;
  }

  @ResolveField(() => [FactLinkModel])
  links(@Parent() fact: FactNode): FactLinkModel[] {
    return fact.links.map((link) => ({
      relation: link.relation,
      direction: link.direction,
      position: link.position,
      recordedAt: link.recordedAt,
      fact: factIn(fact.scope, link.factId),
      evidence: link.evidence
        ? { ...link.evidence, article: articleIn(fact.scope, link.evidence.articleId) }
        : null,
    }));
  }

  @ResolveField(() => [FactRevisionModel], {
    description: "Every event of the fact's life, and links made to it, in log order.",
  })
  history(@Parent() fact: FactNode): FactRevisionModel[] {
    return fact.history.map((r) => ({
      position: r.position,
      type: r.eventType,
      recordedAt: r.recordedAt,
      eventId: r.eventId,
      changedFields: r.changedFields,
      description: r.description,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      ...(r.before !== undefined ? { before: r.before } : {}),
      ...(r.after !== undefined ? { after: r.after } : {}),
      article: maybeArticleIn(fact.scope, r.articleId),
      evidence: revisionEvidence(fact.scope, r.evidence),
    }));
  }
}

/**
 * A correction's evidence, with its article as the revision's own scope has it: a past or
 * as-reported view that does not hold the article shows no evidence rather than later words.
 */
function revisionEvidence(scope: FactNode['scope'], evidence: FactRevision['evidence']) {
  if (evidence === undefined) return null;
  const article = maybeArticleIn(scope, evidence.articleId);
  return article && { ...evidence, article };
}
