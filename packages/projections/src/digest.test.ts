import { canonicalJson, sha256Hex } from '@dateline/event-store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestState } from './replay.js';

describe('digestState', () => {
  it('hashes exactly the canonical JSON of the state, fed in pieces', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }))),
        (state) => {
          expect(digestState(state)).toBe(sha256Hex(canonicalJson(state)));
        },
      ),
      { numRuns: 500 },
    );
    for (const odd of [null, [], 'text', { a: undefined, b: 1 }, { facts: {} }]) {
      expect(digestState(odd)).toBe(sha256Hex(canonicalJson(odd)));
    }
  });
});
