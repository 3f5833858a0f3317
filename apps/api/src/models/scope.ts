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
 * The scoped copies already made, per scope. The live scope is one object for as long as the log
 * stays at one position (ReadModelsService.current), so a fact, actor or article read again at that
 * position is not copied again; a new position is a new scope, and the old copies go with it.
 */
const scoped = new WeakMap<ReadScope, WeakMap<object, object>>();

/** `value` with its scope, as resolvers return it. Never change the result: it may be shared. */
export function inScope<T extends object>(value: T, scope: ReadScope): InScope<T> {
  let copies = scoped.get(scope);
  if (!copies) {
    copies = new WeakMap();
    scoped.set(scope, copies);
  }
  let copy = copies.get(value) as InScope<T> | undefined;
  if (!copy) {
    copy = { ...value, scope };
    copies.set(value, copy);
  }
  return copy;
}
