import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairIndex } from './pair-index.js';

describe('PairIndex', () => {
  it('answers as a Map of "a b" keys would, through growth and overwrites', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3000), fc.nat(3000), fc.integer({ min: -1, max: 2 ** 31 - 1 }))),
        fc.array(fc.tuple(fc.nat(3000), fc.nat(3000))),
        (sets, probes) => {
          const index = new PairIndex();
          const expected = new Map<string, number>();
          for (const [a, b, value] of sets) {
            index.set(a, b, value);
            expected.set(`${a} ${b}`, value);
          }
          for (const [a, b] of [...sets.map(([a, b]) => [a, b] as const), ...probes])
            expect(index.get(a, b)).toBe(expected.get(`${a} ${b}`));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps (a, b) and (b, a) apart, and pairs with a zero', () => {
    const index = new PairIndex();
    index.set(0, 0, 7);
    index.set(1, 2, 8);
    expect([index.get(0, 0), index.get(1, 2), index.get(2, 1), index.get(0, 1)]).toEqual([
      7,
      8,
      undefined,
      undefined,
    ]);
  });
});
