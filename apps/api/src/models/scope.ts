import type { ReadModels } from '@dateline/projections';

/**
 * The read models one answer is drawn from: the live ones, or a point in the past (asOf).
 * Every object a resolver returns carries its scope, so nested fields resolve from the same
 * in-memory state, never from the store and never from a different point in time.
 */
export interface ReadScope {
  readonly models: ReadModels;
  /** The log position the models reflect. */
  readonly position: number;
}

export type InScope<T> = T & { readonly scope: ReadScope };

/**
 * Copies kept per scope and kind, at most: the pages and actors people read again fit, and a
 * client walking every fact of a large log at one position does not make the API hold a second
 * copy of the log (past the limit, copies are made as they were before and not kept).
 */
export const MAX_KEPT_COPIES = 20_000;

/**
 * A function that makes each value's scoped copy once per scope. The live scope is one object for
 * as long as the log stays at one position (ReadModelsService.current), so a fact, actor or
 * article read again at that position is not copied again; a new position is a new scope, and the
 * old copies go with it. Never change a copy: it may be shared by several answers.
 */
export function copiesPerScope<T extends object, C>(
  copy: (value: T, scope: ReadScope) => C,
): (value: T, scope: ReadScope) => C {
  const made = new WeakMap<ReadScope, { copies: WeakMap<T, C>; kept: number }>();
  return (value, scope) => {
    let entry = made.get(scope);
    if (!entry) {
      entry = { copies: new WeakMap(), kept: 0 };
      made.set(scope, entry);
    }
    let found = entry.copies.get(value);
    if (found === undefined) {
      found = copy(value, scope);
      if (entry.kept < MAX_KEPT_COPIES) {
        entry.copies.set(value, found);
        entry.kept++;
      }
    }
    return found;
  };
}

const plainCopy = copiesPerScope((value: object, scope) => ({ ...value, scope }));

/** `value` with its scope, as resolvers return it (facts: factNode in models/nodes.ts). */
export function inScope<T extends object>(value: T, scope: ReadScope): InScope<T> {
  return plainCopy(value, scope) as InScope<T>;
}
