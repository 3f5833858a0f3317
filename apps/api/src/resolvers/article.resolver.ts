import { type ArticleView, getArticle, listArticles } from '@dateline/projections';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AsOfInput } from '../inputs/query.input.js';
import { ArticleCitationModel, ArticleModel } from '../models/article.model.js';
import { FactModel, type FactNode } from '../models/fact.model.js';
import { factIn } from '../models/nodes.js';
import { type InScope, inScope } from '../models/scope.js';
import { ReadModelsService } from '../read-models.service.js';
import { minPositionArg } from './fact.resolver.js';

type ArticleNode = InScope<ArticleView>;

@Resolver(() => ArticleModel)
export class ArticleResolver {
  constructor(private readonly reads: ReadModelsService) {}

  @Query(() => [ArticleModel], { description: 'Every article, by publication time.' })
  async articles(
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<ArticleNode[]> {
    const scope = await this.reads.scope(asOf, minPosition);
    return listArticles(scope.models).map((a) => inScope(a, scope));
  }

  @Query(() => ArticleModel, { nullable: true })
  async article(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<ArticleNode | null> {
    const scope = await this.reads.scope(asOf, minPosition);
    const article = getArticle(scope.models, id);
    return article ? inScope(article, scope) : null;
  }

  @ResolveField(() => [FactModel], {
    description: 'The facts this article supports, in the order of the paragraphs cited.',
  })
  facts(@Parent() article: ArticleNode): FactNode[] {
    const firstParagraph = new Map<string, number>();
    for (const c of article.citations) {
      const seen = firstParagraph.get(c.factId);
      if (seen === undefined || c.paragraph < seen) firstParagraph.set(c.factId, c.paragraph);
    }
    return article.factIds
      .map((id) => factIn(article.scope, id))
      .sort(
        (a, b) =>
          (firstParagraph.get(a.id) ?? 0) - (firstParagraph.get(b.id) ?? 0) ||
          a.firstPosition - b.firstPosition,
      );
  }

  @ResolveField(() => [ArticleCitationModel], {
    description: 'Every paragraph cited, in log order.',
  })
  citations(@Parent() article: ArticleNode): ArticleCitationModel[] {
    return article.citations.map((c) => ({
      ...c,
      fact: factIn(article.scope, c.factId),
      relatedFact: c.relatedFactId === undefined ? null : factIn(article.scope, c.relatedFactId),
    }));
  }
}
