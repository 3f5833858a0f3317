import type { ReadModels } from '@dateline/projections';
import { describe, expect, it } from 'vitest';
import { copiesPerScope, MAX_KEPT_COPIES, type ReadScope } from './scope.js';

const scopeAt = (position: number): ReadScope => ({ models: {} as ReadModels, position });

describe('copiesPerScope', () => {
  it('copies a value once per scope, and afresh for another scope', () => {
    let made = 0;
    const copy = copiesPerScope((value: { id: string }, scope) => {
      made++;
      return { ...value, scope };
    });
    const fact = { id: 'a' };
    const [here, there] = [scopeAt(1), scopeAt(2)];
    const first = copy(fact, here);
    expect(copy(fact, here)).toBe(first);
    expect(first).toEqual({ id: 'a', scope: here });
    const other = copy(fact, there);
    expect(other).not.toBe(first);
    expect(other.scope).toBe(there);
    expect(made).toBe(2);
  });

  it('keeps at most MAX_KEPT_COPIES per scope and copies the rest each time', () => {
    let made = 0;
    const copy = copiesPerScope((value: { n: number }, scope) => {
      made++;
      return { ...value, scope };
    });
    const scope = scopeAt(1);
    const values = Array.from({ length: MAX_KEPT_COPIES + 2 }, (_, n) => ({ n }));
    for (const value of values) copy(value, scope);
    expect(made).toBe(values.length);
    // The first ones are kept; the last two are not, so asking again copies them again.
    expect(copy(values[0]!, scope)).toBe(copy(values[0]!, scope));
    const last = values[values.length - 1]!;
    expect(copy(last, scope)).not.toBe(copy(last, scope));
    expect(made).toBe(values.length + 2);
  });
});
