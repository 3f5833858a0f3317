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
 * A function that makes each value's scoped copy once per scope. The live scope is one object for
 * as long as the log stays at one position (ReadModelsService.current), so a fact, actor or
 * article read again at that position is not copied again; a new position is a new scope, and the
 * old copies go with it. Never change a copy: it may be shared by several answers.
 */
export function copiesPerScope<T extends object, C>(
  copy: (value: T, scope: ReadScope) => C,
): (value: T, scope: ReadScope) => C {
  const made = new WeakMap<ReadScope, WeakMap<T, C>>();
  return (value, scope) => {
    let copies = made.get(scope);
    if (!copies) {
      copies = new WeakMap();
      made.set(scope, copies);
    }
    let found = copies.get(value);
    if (found === undefined) {
      found = copy(value, scope);
      copies.set(value, found);
    }
    return found;
  };
}

const plainCopy = copiesPerScope((value: object, scope) => ({ ...value, scope }));

/** `value` with its scope, as resolvers return it (facts: factNode in resolvers/lookup.ts). */
export function inScope<T extends object>(value: T, scope: ReadScope): InScope<T> {
  return plainCopy(value, scope) as InScope<T>;
}
