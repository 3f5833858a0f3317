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

export function inScope<T extends object>(value: T, scope: ReadScope): InScope<T> {
  return { ...value, scope };
}
