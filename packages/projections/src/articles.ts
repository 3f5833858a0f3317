import type { Evidence } from '@dateline/domain';
import {
  type DecodedEvent,
  emptyRecord,
  InconsistentLogError,
  own,
  type Projection,
  required,
} from './projection.js';
import type { ArticleCitation, ArticlesState, ArticleView } from './read-models.js';

/**
 * Adds a citation of `factId` to its article. `articles` is the fact's entry in factArticles,
 * which the caller has just looked up (undefined for a fact recorded now).
 */
function cite(
  state: ArticlesState,
  factId: string,
  articles: string[] | undefined,
  evidence: Evidence,
  kind: ArticleCitation['kind'],
  { envelope }: DecodedEvent,
  relatedFactId?: string,
): void {
  const article = required(state.articles, evidence.articleId, 'article');
  const citation = {} as ArticleCitation;
  if (evidence.dateExpression !== undefined) citation.dateExpression = evidence.dateExpression;
  citation.excerpt = evidence.excerpt;
  citation.factId = factId;
  citation.kind = kind;
  citation.paragraph = evidence.paragraph;
  citation.position = envelope.position;
  citation.recordedAt = envelope.recordedAt;
  if (relatedFactId !== undefined) citation.relatedFactId = relatedFactId;
  // Keys in sorted order, as in the timeline (canonicalJson writes such objects fastest).
  article.citations.push(citation);
  // Checked against the fact's few articles, not the article's many facts: no quadratic scans.
  if (!articles) state.factArticles[factId] = [article.id];
  else if (!articles.includes(article.id)) articles.push(article.id);
  else return;
  article.factIds.push(factId);
}

/** Each article with the facts it supports and the paragraphs cited. */
export const articlesProjection: Projection<ArticlesState> = {
  name: 'articles',
  // 2: the evidence of a correction is cited too.
  version: 2,
  initialState: () => ({ articles: emptyRecord(), factArticles: emptyRecord() }),
  evolve(state, decoded) {
    const { envelope, event } = decoded;
    switch (event.type) {
      case 'ArticleRecorded': {
        const { articleId, publisher, headline, publishedAt, url, byline, language, textSha256 } =
          event.data;
        if (own(state.articles, articleId))
          throw new InconsistentLogError(`article "${articleId}" is recorded twice`);
        const article = {} as ArticleView;
        if (byline !== undefined) article.byline = byline;
        article.citations = [];
        article.factIds = [];
        article.headline = headline;
        article.id = articleId;
        if (language !== undefined) article.language = language;
        article.position = envelope.position;
        article.publishedAt = publishedAt;
        article.publisher = publisher;
        article.recordedAt = envelope.recordedAt;
        article.textSha256 = textSha256;
        if (url !== undefined) article.url = url;
        state.articles[articleId] = article;
        return state;
      }
      case 'FactRecorded':
        if (own(state.factArticles, event.data.factId))
          throw new InconsistentLogError(`fact "${event.data.factId}" is recorded twice`);
        cite(state, event.data.factId, undefined, event.data.evidence, 'source', decoded);
        return state;
      case 'FactCorroborated':
        cite(
          state,
          event.data.factId,
          required(state.factArticles, event.data.factId, 'fact'),
          event.data.evidence,
          'corroboration',
          decoded,
        );
        return state;
      case 'FactsLinked': {
        const articles = required(state.factArticles, event.data.factId, 'fact');
        required(state.factArticles, event.data.relatedFactId, 'fact');
        if (event.data.evidence) {
          cite(
            state,
            event.data.factId,
            articles,
            event.data.evidence,
            'link',
            decoded,
            event.data.relatedFactId,
          );
        }
        return state;
      }
      case 'FactCorrected': {
        const articles = required(state.factArticles, event.data.factId, 'fact');
        if (event.data.evidence)
          cite(state, event.data.factId, articles, event.data.evidence, 'correction', decoded);
        return state;
      }
      case 'ActorRegistered':
      case 'FactRetracted':
        return state;
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled event ${(unreachable as { type: string }).type}`);
      }
    }
  },
};
