import { describe, expect, it } from 'vitest';
import { computeHash, type Envelope, GENESIS_HASH, type NewEvent } from './envelope.js';
import { ConcurrencyError, DuplicateEventError, InvalidAppendError } from './errors.js';
import { getInMemoryEventStore } from './memory.js';
import type { EventStore } from './port.js';

export interface ContractSubject {
  store: EventStore;
  /** Called after each test: close the store, drop its data. */
  cleanup?: () => Promise<void>;
}

const event = (n: number, extra: Partial<NewEvent> = {}): NewEvent => ({
  type: 'TestHappened',
  schemaVersion: 1,
  data: { n, text: `event ${n}` },
  ...extra,
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/**
 * The behaviour every EventStore adapter must have. Each adapter's tests call this with a factory
 * that returns a fresh, empty store.
 */
export function runEventStoreContract(
  name: string,
  factory: (options?: { now?: () => Date }) => Promise<ContractSubject>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    async function withStore(
      test: (store: EventStore) => Promise<void>,
      options?: { now?: () => Date },
    ): Promise<void> {
      const subject = await factory(options);
      try {
        await test(subject.store);
      } finally {
        await subject.cleanup?.();
      }
    }

    it('never stamps an event before the one ahead of it, whatever the clock says', () => {
      const times = [
        '2025-02-17T10:00:00.000Z',
        '2025-02-17T09:00:00.000Z',
        '2025-02-17T11:00:00.000Z',
      ];
      let tick = 0;
      return withStore(
        async (store) => {
          for (let n = 1; n <= 3; n++)
            await store.append(`s-${n}`, [event(n)], { expectedVersion: 'no_stream' });
          expect((await collect(store.readAll())).map((e) => e.recordedAt)).toEqual([
            '2025-02-17T10:00:00.000Z',
            '2025-02-17T10:00:00.000Z', // the clock stepped back an hour
            '2025-02-17T11:00:00.000Z',
          ]);
        },
        { now: () => new Date(times[Math.min(tick++, times.length - 1)]!) },
      );
    });

    it('starts empty at the genesis hash', () =>
      withStore(async (store) => {
        expect(await store.head()).toEqual({ position: 0, hash: GENESIS_HASH });
        expect(await collect(store.readAll())).toEqual([]);
      }));

    it('assigns contiguous positions and stream versions and chains the hashes', () =>
      withStore(async (store) => {
        const first = await store.append('s-1', [event(1), event(2)], {
          expectedVersion: 'no_stream',
        });
        const second = await store.append('s-2', [event(3)], { expectedVersion: 'no_stream' });
        const third = await store.append('s-1', [event(4)], { expectedVersion: 2 });
        expect(
          [...first, ...second, ...third].map((e) => [e.position, e.streamId, e.streamVersion]),
        ).toEqual([
          [1, 's-1', 1],
          [2, 's-1', 2],
          [3, 's-2', 1],
          [4, 's-1', 3],
        ]);
        const all = await collect(store.readAll());
        expect(all).toEqual([...first, ...second, ...third]);
        let prev = GENESIS_HASH;
        for (const e of all) {
          expect(e.prevHash).toBe(prev);
          expect(computeHash(e)).toBe(e.hash);
          prev = e.hash;
        }
        expect(await store.head()).toEqual({ position: 4, hash: prev });
      }));

    it('refuses a wrong expected version with ConcurrencyError and appends nothing', () =>
      withStore(async (store) => {
        await store.append('s', [event(1)], { expectedVersion: 'no_stream' });
        const head = await store.head();
        const error = await store
          .append('s', [event(2)], { expectedVersion: 0 })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId: 's', expected: 0, actual: 1 });
        await expect(
          store.append('s', [event(2)], { expectedVersion: 'no_stream' }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.append('new', [event(2)], { expectedVersion: 3 })).rejects.toMatchObject(
          { actual: 0 },
        );
        expect(await store.head()).toEqual(head);
        await store.append('s', [event(3)], { expectedVersion: 'any' });
        expect((await store.head()).position).toBe(2);
      }));

    it('treats a retry with the same event ids and content as the stored events', () =>
      withStore(async (store) => {
        const events = [event(1, { eventId: 'e-1' }), event(2, { eventId: 'e-2' })];
        const stored = await store.append('s', events, { expectedVersion: 'no_stream' });
        const retried = await store.append('s', events, { expectedVersion: 'no_stream' });
        expect(retried).toEqual(stored);
        expect((await store.head()).position).toBe(2);
        await expect(
          store.append('s', [event(99, { eventId: 'e-1' })], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(DuplicateEventError);
        await expect(
          store.append('s', [event(1, { eventId: 'e-1' }), event(5, { eventId: 'e-new' })], {
            expectedVersion: 'any',
          }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        expect((await store.head()).position).toBe(2);
      }));

    it('appends a batch across streams atomically', () =>
      withStore(async (store) => {
        await store.append('b', [event(1)], { expectedVersion: 'no_stream' });
        await expect(
          store.appendBatch([
            { streamId: 'a', events: [event(2)], expectedVersion: 'no_stream' },
            { streamId: 'b', events: [event(3)], expectedVersion: 'no_stream' },
          ]),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect((await store.head()).position).toBe(1);
        const results = await store.appendBatch([
          { streamId: 'a', events: [event(2)], expectedVersion: 'no_stream' },
          { streamId: 'a', events: [event(3)], expectedVersion: 1 },
          { streamId: 'b', events: [event(4)], expectedVersion: 1 },
        ]);
        expect(results.map((r) => r.map((e) => e.position))).toEqual([[2], [3], [4]]);
      }));

    it('refuses malformed appends without writing', () =>
      withStore(async (store) => {
        await expect(store.append('s', [], { expectedVersion: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        await expect(
          store.append('', [event(1)], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(
          store.append('s', [{ type: '', schemaVersion: 1, data: {} }], { expectedVersion: 'any' }),
        ).rejects.toThrow(/type/);
        await expect(
          store.append('s', [event(1)], { expectedVersion: -1 as never }),
        ).rejects.toThrow(/expectedVersion/);
        expect((await store.head()).position).toBe(0);
      }));

    it('reads ranges of the log and single streams in order', () =>
      withStore(async (store) => {
        for (let i = 1; i <= 30; i++)
          await store.append(`s-${i % 3}`, [event(i)], { expectedVersion: 'any' });
        const range = await collect(store.readAll({ fromPosition: 10, toPosition: 14 }));
        expect(range.map((e) => e.position)).toEqual([10, 11, 12, 13, 14]);
        const stream = await collect(store.readStream('s-1'));
        expect(stream.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(stream.every((e) => e.streamId === 's-1')).toBe(true);
        expect(await collect(store.readStream('missing'))).toEqual([]);
      }));

    it('keeps positions contiguous under concurrent appends, and one racer wins an expected version', () =>
      withStore(async (store) => {
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            store.append(`c-${i}`, [event(i), event(i + 100)], { expectedVersion: 'no_stream' }),
          ),
        );
        const all = await collect(store.readAll());
        expect(all.map((e) => e.position)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
        const racers = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            store.append('race', [event(i)], { expectedVersion: 'no_stream' }),
          ),
        );
        expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of racers)
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
      }));

    it('subscribes: catch-up then live, without gaps or duplicates, including appends made during catch-up', () =>
      withStore(async (store) => {
        for (let i = 1; i <= 20; i++)
          await store.append('sub', [event(i)], { expectedVersion: 'any' });
        const controller = new AbortController();
        const seen: Envelope[] = [];
        let appending: Promise<unknown> = Promise.resolve();
        for await (const e of store.subscribe({ fromPosition: 5, signal: controller.signal })) {
          seen.push(e);
          if (e.position === 6) {
            // appended while the subscriber is still catching up
            appending = Promise.all(
              Array.from({ length: 15 }, (_, i) =>
                store.append('live', [event(100 + i)], { expectedVersion: 'any' }),
              ),
            );
          }
          if (e.position === 35) controller.abort();
        }
        await appending;
        expect(seen.map((e) => e.position)).toEqual(Array.from({ length: 31 }, (_, i) => i + 5));
      }));

    it('delivers live events to a subscriber that waits at the head', () =>
      withStore(async (store) => {
        const controller = new AbortController();
        const iterator = store
          .subscribe({ fromPosition: 1, signal: controller.signal })
          [Symbol.asyncIterator]();
        const next = iterator.next();
        await store.append('w', [event(1)], { expectedVersion: 'no_stream' });
        const first = await next;
        expect(first.done).toBe(false);
        expect(first.value?.position).toBe(1);
        controller.abort();
        await iterator.return?.();
      }));

    it('continues the log with envelopes sealed elsewhere, and refuses any that do not chain on exactly', () =>
      withStore(async (store) => {
        const source = getInMemoryEventStore();
        await source.append('a', [event(1), event(2)], { expectedVersion: 'no_stream' });
        await source.append('b', [event(3)], { expectedVersion: 'no_stream' });
        const envelopes = await collect(source.readAll());
        await store.importEnvelopes(envelopes.slice(0, 2));
        await expect(store.importEnvelopes(envelopes.slice(0, 1))).rejects.toThrow(
          /expected position 3/,
        );
        const tampered = { ...envelopes[2]!, data: { n: 99 } };
        await expect(store.importEnvelopes([tampered])).rejects.toThrow(/hash does not match/);
        await store.importEnvelopes(envelopes.slice(2));
        expect(await store.head()).toEqual(await source.head());
        expect(await collect(store.readAll())).toEqual(envelopes);
        const [next] = await store.append('b', [event(4)], { expectedVersion: 1 });
        expect(next).toMatchObject({ position: 4, streamVersion: 2, prevHash: envelopes[2]!.hash });
      }));

    it('reads a large log in order', () =>
      withStore(async (store) => {
        for (let i = 0; i < 20; i++) {
          await store.append(
            `big-${i}`,
            Array.from({ length: 250 }, (_, j) => event(i * 250 + j)),
            { expectedVersion: 'no_stream' },
          );
        }
        let expected = 1;
        for await (const e of store.readAll()) {
          expect(e.position).toBe(expected);
          expected++;
        }
        expect(expected - 1).toBe(5000);
        expect((await store.head()).position).toBe(5000);
      }));
  });
}
