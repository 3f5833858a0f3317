import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalParts,
  type Envelope,
  type EnvelopeHeader,
  envelopeLine,
  envelopeLineBytes,
  hashEnvelope,
  isInCanonicalOrder,
  readCanonicalHeader,
  sealEnvelope,
  type UnsealedEnvelope,
  verifiedLineHash,
} from './envelope.js';

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

  it('is the reference too for values already in canonical key order (written by JSON.stringify)', () => {
    const sortedDeep = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortedDeep);
      if (typeof value !== 'object' || value === null) return value;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort())
        Object.defineProperty(out, key, {
          value: sortedDeep((value as Record<string, unknown>)[key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    };
    // Any code points in keys and strings, lone surrogates included ('binary' units).
    const values = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }),
      fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
    );
    fc.assert(
      fc.property(values, (value) => {
        const sorted = sortedDeep(value);
        // Taken by the JSON.stringify path (integer-like keys aside, which sort another way).
        if (!/"\d+":/.test(JSON.stringify(value))) expect(isInCanonicalOrder(sorted)).toBe(true);
        expect(canonicalJson(sorted)).toBe(reference(value));
        // Prototype-less records, as read models keep them.
        const bare = JSON.parse(JSON.stringify(sorted), (_key, v) =>
          typeof v === 'object' && v !== null && !Array.isArray(v)
            ? Object.assign(Object.create(null), v)
            : v,
        );
        expect(canonicalJson(bare)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('sorts what JSON.stringify would write out of order, or differently', () => {
    // Integer-like keys come first in property order, whatever order they were added in.
    const numeric = JSON.parse('{"10":1,"9":2,"a":3}');
    expect(canonicalJson(numeric)).toBe('{"10":1,"9":2,"a":3}');
    expect(JSON.stringify(numeric)).toBe('{"9":2,"10":1,"a":3}');
    expect(isInCanonicalOrder(numeric)).toBe(false);
    expect(isInCanonicalOrder({ b: 1, a: 2 })).toBe(false);
    expect(isInCanonicalOrder({ a: [{ c: 1, b: 2 }] })).toBe(false);
    const proto = JSON.parse('{"__proto__":1,"a":{"b":2,"__proto__":[3]}}');
    expect(canonicalJson(proto)).toBe(reference(proto));
    // Sorted keys, but values JSON.stringify writes another way than the canonical form.
    expect(canonicalJson({ a: 1n })).toBe('{"a":1}');
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":"1970-01-01T00:00:00.000Z"}');
    const deep: unknown[] = [];
    let inner = deep;
    for (let i = 0; i < 100; i++) {
      const next: unknown[] = [];
      inner.push(next);
      inner = next;
    }
    expect(canonicalJson(deep)).toBe(JSON.stringify(deep));
  });

  it('sorts keys by UTF-16 code units and keeps JSON.stringify number and string forms', () => {
    const value = { z: 1, é: 2, A: 3, '😀': 4, e: [1e21, 1e-7, -0, 0.1 + 0.2], s: '\u2028\u0000"' };
    expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson(value)).toBe(
      '{"A":3,"e":[1e+21,1e-7,0,0.30000000000000004],"s":"\u2028\\u0000\\"","z":1,"é":2,"😀":4}',
    );
  });
});

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const unsealedEnvelope: fc.Arbitrary<UnsealedEnvelope> = fc.record({
  position: fc.integer({ min: 1, max: 2 ** 40 }),
  streamId: fc.string({ minLength: 1 }),
  streamVersion: fc.integer({ min: 1, max: 2 ** 40 }),
  eventId: fc.string({ minLength: 1 }),
  type: fc.string({ minLength: 1 }),
  schemaVersion: fc.integer({ min: 1, max: 9 }),
  recordedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  // Values that would trip a naive search: keys named like envelope fields, quotes, newlines.
  data: fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record({ hash: hex64, position: fc.integer(), metadata: fc.jsonValue({ maxDepth: 2 }) }),
  ),
  metadata: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
  prevHash: hex64,
});

describe('sealing and log lines', () => {
  it('canonicalParts joined is canonicalJson of the envelope, whatever data and metadata hold', () => {
    fc.assert(
      fc.property(unsealedEnvelope, (u) => {
        const { head, tail } = canonicalParts(u);
        expect(head + tail).toBe(canonicalJson(u));
        expect(sealEnvelope(u).hash).toBe(hashEnvelope(u));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the canonical JSON of the sealed envelope, which the fast check accepts', () => {
    fc.assert(
      fc.property(unsealedEnvelope, (u) => {
        const sealed = sealEnvelope(u);
        const line = envelopeLine(sealed);
        expect(line).toBe(`${canonicalJson(sealed)}\n`);
        // The same line whether or not this process sealed the envelope.
        expect(envelopeLine({ ...sealed })).toBe(line);
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(sealed))); // -0 is 0 in JSON
        expect(verifiedLineHash(Buffer.from(line.slice(0, -1)))?.hash).toBe(sealed.hash);
      }),
      { numRuns: 2000 },
    );
  });

  it('makes the line bytes once, right for any text and for envelopes larger than its scratch space', () => {
    // Strings of any code points, lone surrogates included (JSON escapes those), and data of up to
    // about 1.2 MB, larger than the 64 KiB that sealing starts with.
    const anyText = fc.string({ unit: 'binary', maxLength: 40 });
    const data = fc.oneof(
      fc.dictionary(anyText, fc.oneof(anyText, fc.integer()), { maxKeys: 8 }),
      fc
        .tuple(anyText, fc.integer({ min: 1, max: 30_000 }))
        .map(([text, times]) => ({ text: text.repeat(times) })),
    );
    fc.assert(
      fc.property(unsealedEnvelope, data, anyText, (u, data, streamId) => {
        const sealed = sealEnvelope({ ...u, data, streamId: streamId || 's' });
        const bytes = envelopeLineBytes(sealed);
        expect(bytes.toString('utf8')).toBe(`${canonicalJson(sealed)}\n`);
        // A copy was not sealed here: its line is serialised again, and must be the same bytes.
        expect(envelopeLineBytes({ ...sealed }).equals(bytes)).toBe(true);
        expect(sealed.hash).toBe(hashEnvelope({ ...u, data, streamId: streamId || 's' }));
        expect(verifiedLineHash(bytes.subarray(0, -1))?.hash).toBe(sealed.hash);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts no line whose bytes were changed, and no line in another key order', () => {
    const sealed: Envelope = sealEnvelope({
      position: 7,
      streamId: 'fact-a',
      streamVersion: 2,
      eventId: 'e-7',
      type: 'FactCorroborated',
      schemaVersion: 1,
      recordedAt: '2025-02-17T10:00:00.000Z',
      data: { factId: 'a', evidence: { articleId: 'x', paragraph: 3, excerpt: 'said "so"' } },
      metadata: { tool: 'test', append: { index: 0, count: 1 } },
      prevHash: 'ab'.repeat(32),
    });
    const line = Buffer.from(envelopeLine(sealed).slice(0, -1));
    expect(verifiedLineHash(line)?.hash).toBe(sealed.hash);
    for (let i = 0; i < line.length; i++) {
      for (const flip of [0x01, 0x20]) {
        const changed = Buffer.from(line);
        changed[i] = changed[i]! ^ flip;
        expect(verifiedLineHash(changed)).toBeUndefined();
      }
    }
    const fieldOrder = Buffer.from(JSON.stringify(sealed));
    expect(verifiedLineHash(fieldOrder)).toBeUndefined();
  });
});

describe('readCanonicalHeader', () => {
  const header = (sealed: Envelope, withMetadata: boolean): EnvelopeHeader => ({
    position: sealed.position,
    streamId: sealed.streamId,
    streamVersion: sealed.streamVersion,
    eventId: sealed.eventId,
    metadata: withMetadata ? JSON.parse(JSON.stringify(sealed.metadata)) : {},
    prevHash: sealed.prevHash,
    hash: sealed.hash,
  });
  const read = (sealed: Envelope, withMetadata: boolean, expectedPrevHash?: string) => {
    const line = Buffer.from(envelopeLine(sealed).slice(0, -1));
    const member = verifiedLineHash(line);
    if (!member) throw new Error('the fast check refused a sealed line');
    return readCanonicalHeader(line, member, withMetadata, expectedPrevHash);
  };

  it('reads what JSON.parse reads, or declines (never a different value)', () => {
    fc.assert(
      fc.property(unsealedEnvelope, fc.boolean(), hex64, (u, withMetadata, otherHash) => {
        const sealed = sealEnvelope(u);
        // With the previous hash known (it is reused) or not (a link the chain check refuses).
        for (const expected of [undefined, u.prevHash, otherHash]) {
          const got = read(sealed, withMetadata, expected);
          if (got !== undefined) expect(got).toEqual(header(sealed, withMetadata));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every plain line: ids without escapes, small integers, any data and metadata', () => {
    const plain = fc.string({ minLength: 1 }).filter((s) => JSON.stringify(s) === `"${s}"`);
    const plainEnvelope = unsealedEnvelope.chain((u) =>
      fc
        .record({
          streamId: plain,
          eventId: plain,
          type: fc.constantFrom('FactRecorded', 'Été', 'fait → rétracté'),
          position: fc.integer({ min: 1, max: 10 ** 15 - 1 }),
          schemaVersion: fc.integer({ min: -9, max: 9 }),
        })
        .map((fields) => ({ ...u, ...fields })),
    );
    fc.assert(
      fc.property(plainEnvelope, fc.boolean(), hex64, (u, withMetadata, otherHash) => {
        const sealed = sealEnvelope(u);
        for (const expected of [undefined, u.prevHash, otherHash])
          expect(read(sealed, withMetadata, expected)).toEqual(header(sealed, withMetadata));
      }),
      { numRuns: 2000 },
    );
  });

  it('declines escapes and numbers it does not read plainly, for the JSON.parse path', () => {
    const base: UnsealedEnvelope = {
      position: 3,
      streamId: 'fact-a',
      streamVersion: 1,
      eventId: 'e-3',
      type: 'FactRecorded',
      schemaVersion: 1,
      recordedAt: '2025-02-17T10:00:00.000Z',
      data: { eventId: 'not this one', position: 99 },
      metadata: { position: 1, hash: 'ab'.repeat(32) },
      prevHash: 'cd'.repeat(32),
    };
    expect(read(sealEnvelope(base), true)).toEqual(header(sealEnvelope(base), true));
    expect(read(sealEnvelope({ ...base, streamId: 'quote "a"' }), false)).toBeUndefined();
    expect(read(sealEnvelope({ ...base, eventId: 'tab\there' }), false)).toBeUndefined();
    expect(read(sealEnvelope({ ...base, position: 2 ** 53 - 1 }), false)).toBeUndefined();
    expect(read(sealEnvelope({ ...base, schemaVersion: 1.5 }), false)).toBeUndefined();
    expect(read(sealEnvelope({ ...base, streamVersion: 0 }), false)).toBeUndefined();
    // Fields it checks without reading: they must still be a string, an integer, a string.
    expect(
      read(sealEnvelope({ ...base, recordedAt: 5 as unknown as string }), false),
    ).toBeUndefined();
    expect(
      read(sealEnvelope({ ...base, schemaVersion: '1' as unknown as number }), false),
    ).toBeUndefined();
    expect(read(sealEnvelope({ ...base, type: null as unknown as string }), false)).toBeUndefined();
  });
});
