/**
 * Helpers shared by the read models that keep numbered flat lists (the graphs, FactInvolvements):
 * their look-ups are derived from the lists and kept beside the state, never in it.
 */

/**
 * The look-ups derived from `state`, built by `build` the first time they are asked for (after a
 * fold starts, a snapshot is read or a state is copied) and kept while the state lives.
 */
export function derivedLookups<S extends object, L>(
  cache: WeakMap<S, L>,
  state: S,
  build: (state: S) => L,
): L {
  let found = cache.get(state);
  if (found === undefined) {
    found = build(state);
    cache.set(state, found);
  }
  return found;
}

/** The number of `value` in `list`, appending it (and recording its number) if it is new. */
export function numberOf(numbers: Map<string, number>, list: string[], value: string): number {
  let n = numbers.get(value);
  if (n === undefined) {
    n = list.length;
    list.push(value);
    numbers.set(value, n);
  }
  return n;
}

/** value → its index, for a list of distinct values. */
export function indexOf(list: readonly string[]): Map<string, number> {
  return new Map(list.map((value, n) => [value, n]));
}
