import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventIdIndex, ExactEventIds } from './event-ids.js';

describe('EventIdIndex', () => {
  it('answers like a Map through any sequence of adds and removes, across table growth', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        id: fc.string({ maxLength: 6 }),
        // As the loader does: look the id up first (a miss), then add it.
        lookUpFirst: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const ids: string[] = [''];
        const index = new EventIdIndex((position) => ids[position]!);
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'add' && !model.has(o.id)) {
            if (o.lookUpFirst) expect(index.positionOf(o.id)).toBeUndefined();
            ids.push(o.id);
            index.add(o.id, ids.length - 1);
            model.set(o.id, ids.length - 1);
          } else if (o.kind === 'remove' && model.size > 0) {
            const [id, position] = [...model][o.pick % model.size]!;
            index.remove(id, position);
            model.delete(id);
          }
        }
        expect(index.size).toBe(model.size);
        for (const [id, position] of model) expect(index.positionOf(id)).toBe(position);
        for (const id of ids) if (!model.has(id)) expect(index.positionOf(id)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('holds a hundred thousand ids, each found at its position', () => {
    const id = (n: number) => `event-${n.toString(36)}-${(n * 2654435761) % 9973}`;
    const index = new EventIdIndex((position) => id(position));
    for (let p = 1; p <= 100_000; p++) index.add(id(p), p);
    for (let p = 1; p <= 100_000; p += 997) expect(index.positionOf(id(p))).toBe(p);
    expect(index.positionOf(id(100_001))).toBeUndefined();
  });

  it('confirms every fingerprint hit against the id stored at that position', () => {
    const stored = new Map([[7, 'a']]);
    const index = new EventIdIndex((position) => stored.get(position) ?? '');
    index.add('a', 7);
    expect(index.positionOf('a')).toBe(7);
    // Same fingerprint (same id), but the store holds another id there: not a match.
    stored.set(7, 'b');
    expect(index.positionOf('a')).toBeUndefined();
  });
});

describe('ExactEventIds', () => {
  it('keeps ids as strings', () => {
    const ids = new ExactEventIds();
    ids.add('x', 3);
    expect(ids.positionOf('x')).toBe(3);
    ids.remove('x');
    expect(ids.size).toBe(0);
  });
});
