import type { Evidence } from '@dateline/domain';
import {
  type DecodedEvent,
  emptyRecord,
  InconsistentLogError,
  own,
  type Projection,
  required,
} from './projection.js';
import type { ArticleCitation, ArticlesState } from './read-models.js';

function cite(
  state: ArticlesState,
  factId: string,
  evidence: Evidence,
  kind: ArticleCitation['kind'],
  { envelope }: DecodedEvent,
  relatedFactId?: string,
): void {
  const article = required(state.articles, evidence.articleId, 'article');
  article.citations.push({
    factId,
    paragraph: evidence.paragraph,
    excerpt: evidence.excerpt,
    ...(evidence.dateExpression !== undefined ? { dateExpression: evidence.dateExpression } : {}),
    kind,
    ...(relatedFactId !== undefined ? { relatedFactId } : {}),
    position: envelope.position,
    recordedAt: envelope.recordedAt,
  });
  // Checked against the fact's few articles, not the article's many facts: no quadratic scans.
  const articles = own(state.factArticles, factId);
  if (!articles) state.factArticles[factId] = [article.id];
  else if (!articles.includes(article.id)) articles.push(article.id);
  else return;
  article.factIds.push(factId);
}

/** Each article with the facts it supports and the paragraphs cited. */
export const articlesProjection: Projection<ArticlesState> = {
  name: 'articles',
  version: 1,
  initialState: () => ({ articles: emptyRecord(), factArticles: emptyRecord() }),
  evolve(state, decoded) {
    const { envelope, event } = decoded;
    switch (event.type) {
      case 'ArticleRecorded': {
        const { articleId, publisher, headline, publishedAt, url, byline, language, textSha256 } =
          event.data;
        if (own(state.articles, articleId))
          throw new InconsistentLogError(`article "${articleId}" is recorded twice`);
        state.articles[articleId] = {
          id: articleId,
          publisher,
          headline,
          publishedAt,
          ...(url !== undefined ? { url } : {}),
          ...(byline !== undefined ? { byline } : {}),
          ...(language !== undefined ? { language } : {}),
          textSha256,
          factIds: [],
          citations: [],
          position: envelope.position,
          recordedAt: envelope.recordedAt,
        };
        return state;
      }
      case 'FactRecorded':
        if (own(state.factArticles, event.data.factId))
          throw new InconsistentLogError(`fact "${event.data.factId}" is recorded twice`);
        cite(state, event.data.factId, event.data.evidence, 'source', decoded);
        return state;
      case 'FactCorroborated':
        required(state.factArticles, event.data.factId, 'fact');
        cite(state, event.data.factId, event.data.evidence, 'corroboration', decoded);
        return state;
      case 'FactsLinked':
        required(state.factArticles, event.data.factId, 'fact');
        required(state.factArticles, event.data.relatedFactId, 'fact');
        if (event.data.evidence) {
          cite(
            state,
            event.data.factId,
            event.data.evidence,
            'link',
            decoded,
            event.data.relatedFactId,
          );
        }
        return state;
      case 'ActorRegistered':
      case 'FactCorrected':
      case 'FactRetracted':
        return state;
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled event ${(unreachable as { type: string }).type}`);
      }
    }
  },
};
