// Read-model values turned into the nodes the GraphQL models describe, each tied to its read scope.

import { labelFor } from '@dateline/domain';
import { getActor, getArticle, getFact, type TimelineFact } from '@dateline/projections';
import type { FactNode } from './fact.model.js';
import { copiesPerScope, inScope, type ReadScope } from './scope.js';

// Read models are consistent by construction (the projections refuse events naming unknown ids),
// so a missing id here is a bug, reported as an internal error rather than as a null.
function missing(what: string, id: string): never {
  throw new Error(`${what} "${id}" is missing from the read models`);
}

export function actorIn(scope: ReadScope, id: string) {
  const actor = getActor(scope.models, id);
  return actor ? inScope(actor, scope) : missing('actor', id);
}

export function articleIn(scope: ReadScope, id: string) {
  const article = getArticle(scope.models, id);
  return article ? inScope(article, scope) : missing('article', id);
}

export function factIn(scope: ReadScope, id: string): FactNode {
  const fact = getFact(scope.models, id);
  return fact ? factNode(fact, scope) : missing('fact', id);
}

/** A fact with its scope, and its participants, quotes and sources with their actors and articles. */
export const factNode = copiesPerScope(
  (fact: TimelineFact, scope: ReadScope): FactNode => ({
    ...fact,
    scope,
    occurred: { ...fact.occurred, label: fact.occurred.label ?? labelFor(fact.occurred) },
    participants: fact.participants.map((p) => ({
      role: p.role,
      actor: actorIn(scope, p.actorId),
    })),
    quotes: fact.quotes.map((q) => ({
      text: q.text,
      ...(q.paragraph !== undefined ? { paragraph: q.paragraph } : {}),
      speaker: q.speakerId === undefined ? null : actorIn(scope, q.speakerId),
    })),
    sources: fact.sources.map((c) => ({ ...c, article: articleIn(scope, c.articleId) })),
    corroborationCount: fact.sources.filter((s) => s.kind === 'corroboration').length,
  }),
);

export function maybeArticleIn(scope: ReadScope, id: string | undefined) {
  if (id === undefined) return null;
  const article = getArticle(scope.models, id);
  return article ? inScope(article, scope) : null;
}
