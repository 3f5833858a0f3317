import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyInvolvements,
  type FactInvolvements,
  hasFact,
  involvementOfFact,
  restrictInvolvements,
  setInvolvement,
} from './involvements.js';
import type { FactInvolvement } from './read-models.js';

const name = fc.constantFrom('a', 'b', 'constructor', 'call', 'meeting', 'host', 'speaker', '');
const involvement = fc.record({
  kind: name,
  participants: fc.array(fc.record({ actorId: name, role: name }), { maxLength: 4 }),
  speakerIds: fc.array(name, { maxLength: 3 }),
}) as fc.Arbitrary<FactInvolvement>;
const writes = fc.array(fc.tuple(fc.constantFrom('f1', 'f2', 'f3', '__proto__'), involvement), {
  maxLength: 12,
});

describe('FactInvolvements', () => {
  it('gives back the last involvement set for each fact, also from a JSON copy', () => {
    fc.assert(
      fc.property(writes, (list) => {
        const involvements = emptyInvolvements();
        const expected = new Map<string, FactInvolvement>();
        for (const [factId, value] of list) {
          setInvolvement(involvements, factId, value);
          expected.set(factId, value);
        }
        const copy = JSON.parse(JSON.stringify(involvements)) as FactInvolvements;
        for (const factId of ['f1', 'f2', 'f3', '__proto__']) {
          expect(hasFact(involvements, factId)).toBe(expected.has(factId));
          expect(involvementOfFact(involvements, factId)).toEqual(expected.get(factId));
          expect(involvementOfFact(copy, factId)).toEqual(expected.get(factId));
        }
        expect(involvements.ids).toEqual([...expected.keys()]);
      }),
      { numRuns: 300 },
    );
  });

  it('restricts to some facts in the same order, leaving the input as it was', () => {
    fc.assert(
      fc.property(writes, fc.subarray(['f1', 'f2', 'f3', '__proto__']), (list, kept) => {
        const involvements = emptyInvolvements();
        for (const [factId, value] of list) setInvolvement(involvements, factId, value);
        const before = JSON.stringify(involvements);
        const restricted = restrictInvolvements(involvements, (id) => kept.includes(id));
        expect(restricted.ids).toEqual(involvements.ids.filter((id) => kept.includes(id)));
        for (const id of restricted.ids)
          expect(involvementOfFact(restricted, id)).toEqual(involvementOfFact(involvements, id));
        expect(JSON.stringify(involvements)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
