import { cache } from 'react';
import type { ActorPageQueryVariables, TypedDocumentString } from '@/gql/graphql';
import { type Loaded, load } from './api';
import { type StoryQuery, toAsOf, withoutPositionPastHead } from './filters';

/** The variables every detail page's query takes (the fact, actor and article pages' are the same). */
type DetailVariables = ActorPageQueryVariables;

type Document<TResult> = TypedDocumentString<TResult, DetailVariables>;

/**
 * Once per request for a document, an id and a moment: a page's `generateMetadata` and the page
 * itself ask for the same data, and the API is POSTed to, which Next does not deduplicate. React's
 * cache compares arguments by identity, so the query goes in as its JSON text.
 */
const loadOnce = cache(
  async <TResult>(
    document: Document<TResult>,
    id: string,
    queryText: string,
  ): Promise<{ query: StoryQuery; result: Loaded<TResult> }> => {
    const query = JSON.parse(queryText) as StoryQuery;
    const result = await load(document, { id, asOf: toAsOf(query) });
    const retry = result.ok ? undefined : withoutPositionPastHead(query, result.problem);
    if (!retry) return { query, result };
    return { query: retry, result: await load(document, { id, asOf: toAsOf(retry) }) };
  },
);

/**
 * A fact, actor or article page's data as of a view's moment (`at`, `atTime`, `reportedBy`, kept
 * by links from a past view). A position past the log head is named as not understood and dropped,
 * as on the storyline, and the page is loaded again without it.
 */
export function loadAt<TResult>(
  document: Document<TResult>,
  id: string,
  query: StoryQuery,
): Promise<{ query: StoryQuery; result: Loaded<TResult> }> {
  return loadOnce(document, id, JSON.stringify(query));
}
