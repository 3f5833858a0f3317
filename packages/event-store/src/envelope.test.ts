import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './envelope.js';

// canonicalize is CommonJS with an ESM-style declaration; take the function either way.
type Canonicalize = (input: unknown) => string | undefined;
const reference: Canonicalize =
  (canonicalize as unknown as { default?: Canonicalize }).default ??
  (canonicalize as unknown as Canonicalize);

describe('canonicalJson', () => {
  it('is byte for byte the RFC 8785 reference implementation over generated JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('sorts keys by UTF-16 code units and keeps JSON.stringify number and string forms', () => {
    const value = { z: 1, é: 2, A: 3, '😀': 4, e: [1e21, 1e-7, -0, 0.1 + 0.2], s: '\u2028\u0000"' };
    expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson(value)).toBe(
      '{"A":3,"e":[1e+21,1e-7,0,0.30000000000000004],"s":"\u2028\\u0000\\"","z":1,"é":2,"😀":4}',
    );
  });
});
