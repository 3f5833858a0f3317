import type { ActorPageQueryVariables, TypedDocumentString } from '@/gql/graphql';
import { type Loaded, load } from './api';
import { type StoryQuery, toAsOf, withoutPositionPastHead } from './filters';

/** The variables every detail page's query takes (the fact, actor and article pages' are the same). */
type DetailVariables = ActorPageQueryVariables;

/**
 * A fact, actor or article page's data as of a view's moment (`at`, `atTime`, `reportedBy`, kept
 * by links from a past view). A position past the log head is named as not understood and dropped,
 * as on the storyline, and the page is loaded again without it.
 */
export async function loadAt<TResult>(
  document: TypedDocumentString<TResult, DetailVariables>,
  id: string,
  query: StoryQuery,
): Promise<{ query: StoryQuery; result: Loaded<TResult> }> {
  const result = await load(document, { id, asOf: toAsOf(query) });
  const retry = result.ok ? undefined : withoutPositionPastHead(query, result.problem);
  if (!retry) return { query, result };
  return { query: retry, result: await load(document, { id, asOf: toAsOf(retry) }) };
}
