import { getActor, getArticle, getFact } from '@dateline/projections';
import { inScope, type ReadScope } from '../models/scope.js';

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

export function factIn(scope: ReadScope, id: string) {
  const fact = getFact(scope.models, id);
  return fact ? inScope(fact, scope) : missing('fact', id);
}

export function maybeArticleIn(scope: ReadScope, id: string | undefined) {
  if (id === undefined) return null;
  const article = getArticle(scope.models, id);
  return article ? inScope(article, scope) : null;
}
