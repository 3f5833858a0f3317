import type { EventStore } from '@dateline/event-store';
import { getInMemoryEventStore } from '@dateline/event-store/memory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPreload, defaultProjections } from './fold.js';
import { ProjectionError } from './projection.js';
import {
  createTimeTravel,
  digestState,
  parseReplayTarget,
  replayProjections,
  replayUntil,
} from './replay.js';
import { commandWriter, foldEnvelopes, steppingClock, storyStore } from './test-fixtures.js';
import { timelineProjection } from './timeline.js';

const digestsOf = (states: object) =>
  Object.fromEntries(Object.entries(states).map(([name, state]) => [name, digestState(state)]));

/** The store, and how many times a fold began reading it (readAllBatches calls). */
function countingReads(store: EventStore) {
  let reads = 0;
  const counting = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'readAllBatches') reads++;
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { counting, reads: () => reads };
}

describe('replayProjections', () => {
  it('given the same log, when replayed twice, then every projection has the same digest', async () => {
    const { store, envelopes } = await storyStore();
    const first = await replayProjections(store);
    const second = await replayProjections(store);
    expect(first.eventsRead).toBe(envelopes.length);
    expect(first.position).toBe(envelopes.length);
    expect(first.hash).toBe(envelopes.at(-1)?.hash);
    expect(first.projections.map((p) => [p.name, p.version, p.eventsApplied])).toEqual([
      ['timeline', 3, envelopes.length],
      ['actors', 3, envelopes.length],
      ['articles', 2, envelopes.length],
      ['interactions', 3, envelopes.length],
    ]);
    expect(first.projections.map((p) => p.digest)).toEqual(second.projections.map((p) => p.digest));
    expect(first.projections.every((p) => /^[0-9a-f]{64}$/.test(p.digest))).toBe(true);
    expect(first.eventsPerSecond).toBeGreaterThan(0);
  });

  it('given two stores built from the same commands, then the digests agree', async () => {
    const a = await replayProjections((await storyStore()).store);
    const b = await replayProjections((await storyStore()).store);
    expect(a.projections.map((p) => p.digest)).toEqual(b.projections.map((p) => p.digest));
  });

  it('stops at --until, reports progress, and can replay a single projection', async () => {
    const { store } = await storyStore();
    const progress: number[] = [];
    const summary = await replayProjections(store, {
      until: { position: 5 },
      projections: [timelineProjection],
      onProgress: (p) => progress.push(p.position),
    });
    expect(summary.eventsRead).toBe(5);
    expect(summary.projections.map((p) => p.name)).toEqual(['timeline']);
    expect(progress.at(-1)).toBe(5);
    expect(Object.keys(summary.states)).toEqual(['timeline']);
  });

  it('reports a projection that cannot apply an event, with its position, and carries on with the others', async () => {
    const { store, envelopes } = await storyStore();
    await store.append(
      'fact-ghost',
      [{ type: 'FactRetracted', schemaVersion: 1, data: { factId: 'ghost', reason: 'x' } }],
      {
        expectedVersion: 'any',
      },
    );
    const summary = await replayProjections(store);
    const timeline = summary.projections.find((p) => p.name === 'timeline');
    expect(timeline?.failure).toMatchObject({
      position: envelopes.length + 1,
      eventType: 'FactRetracted',
      message: 'fact "ghost" is not recorded',
    });
    expect(timeline?.position).toBe(envelopes.length);
    expect(summary.projections.find((p) => p.name === 'actors')?.position).toBe(
      envelopes.length + 1,
    );
  });

  it('counts each event once when a projection stopped in the fold done while the store opened', async () => {
    const { store } = await storyStore();
    await store.append(
      'fact-ghost',
      [{ type: 'FactRetracted', schemaVersion: 1, data: { factId: 'ghost', reason: 'x' } }],
      { expectedVersion: 'any' },
    );
    await store.append(
      'actor-late',
      [
        {
          type: 'ActorRegistered',
          schemaVersion: 1,
          data: { actorId: 'late', name: 'Late', kind: 'person', aliases: [] },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    const all = [];
    for await (const e of store.readAll()) all.push(e);
    const preload = createPreload();
    preload.feed(all);
    const summary = await replayProjections(store, { preloaded: preload });
    expect(summary.projections.find((p) => p.name === 'timeline')?.failure?.position).toBe(
      all.length - 1,
    );
    expect(summary.eventsRead).toBe(all.length);
  });

  it('reads --until as a position or a time', () => {
    expect(parseReplayTarget('42')).toEqual({ position: 42 });
    expect(parseReplayTarget('2025-02-20')).toEqual({ recordedAt: '2025-02-20T23:59:59.999Z' });
    expect(parseReplayTarget('2025-02-20T01:00:00+01:00')).toEqual({
      recordedAt: '2025-02-20T00:00:00.000Z',
    });
    expect(parseReplayTarget('2025-02-20T10:00Z')).toEqual({
      recordedAt: '2025-02-20T10:00:00.000Z',
    });
    for (const text of [
      'yesterday',
      '-1',
      '1.5',
      ' 41',
      '2025-02-30',
      '2026-02-30T00:00:00Z',
      '2025-02-20T10:00',
      'Feb 17 2026',
      '+010000-01-01T00:00:00Z',
      '9007199254740992',
    ]) {
      expect(() => parseReplayTarget(text), text).toThrow(RangeError);
    }
    expect(parseReplayTarget('9007199254740991')).toEqual({ position: 9007199254740991 });
    // Refused in the words it was given, not rounded.
    expect(() => parseReplayTarget('99999999999999999999')).toThrow(
      '"99999999999999999999" is past any log position',
    );
  });
});

describe('time travel', () => {
  it('given a log, then the state after event N equals replaying only the first N events', async () => {
    const { store, envelopes } = await storyStore();
    for (let n = 0; n <= envelopes.length; n++) {
      const point = await replayUntil(store, { position: n });
      const prefix = foldEnvelopes(defaultProjections, envelopes.slice(0, n));
      expect(point.position).toBe(n);
      expect(digestsOf(point.models)).toEqual(
        Object.fromEntries(prefix.map((s) => [s.projection.name, digestState(s.state)])),
      );
    }
  });

  it('at time T, folds exactly the events recorded by T', async () => {
    const { store, envelopes } = await storyStore();
    // The stepping clock records event N at minute N - 1.
    const point = await replayUntil(store, { recordedAt: '2025-02-20T00:04:30Z' });
    expect(point.position).toBe(5);
    expect(point.recordedAt).toBe(envelopes[4]?.recordedAt);
    const before = await replayUntil(store, { recordedAt: '2025-02-19T00:00:00Z' });
    expect(before.position).toBe(0);
    expect(before.models.timeline.facts).toEqual({});
  });

  it('through the cache, any sequence of points equals a fresh replay of each', async () => {
    const { store, envelopes } = await storyStore();
    const travel = createTimeTravel(store, { maxEntries: 3 });
    const fresh = new Map<number, Record<string, string>>();
    for (let n = 0; n <= envelopes.length; n++)
      fresh.set(n, digestsOf((await replayUntil(store, { position: n })).models));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: envelopes.length + 2 }).map((position) => ({ position })),
            fc.integer({ min: 0, max: envelopes.length + 2 }).map((minute) => ({
              recordedAt: new Date(Date.UTC(2025, 1, 20) + minute * 60_000 - 1).toISOString(),
            })),
          ),
          { maxLength: 12 },
        ),
        async (targets) => {
          for (const target of targets) {
            const point = await travel.at(target);
            const expected =
              'position' in target ? Math.min(target.position, envelopes.length) : undefined;
            if (expected !== undefined) expect(point.position).toBe(expected);
            expect(digestsOf(point.models)).toEqual(fresh.get(point.position));
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('folds the log once for concurrent requests of the same point, and again after', async () => {
    const { store, envelopes } = await storyStore();
    const { counting, reads } = countingReads(store);
    const travel = createTimeTravel(counting);
    const middle = Math.floor(envelopes.length / 2);
    const [a, b, c] = await Promise.all([
      travel.at({ position: middle }),
      travel.at({ position: middle }),
      travel.at({ position: middle - 1 }),
    ]);
    expect(a).toBe(b);
    expect(c.position).toBe(middle - 1);
    expect(reads()).toBe(2);
    const at = envelopes[middle - 1]?.recordedAt as string;
    const [d, e] = await Promise.all([
      travel.at({ recordedAt: at }),
      travel.at({ recordedAt: at }),
    ]);
    expect(d).toBe(e);
    expect(reads()).toBe(3);
    // A failed fold is not shared with later requests.
    await expect(travel.at({ recordedAt: 'not a time' })).rejects.toThrow();
    expect(digestsOf(a.models)).toEqual(
      digestsOf((await replayUntil(store, { position: middle })).models),
    );
  });

  it('answers every time between two events from the point it folded once', async () => {
    const { store, envelopes } = await storyStore();
    const { counting, reads } = countingReads(store);
    const travel = createTimeTravel(counting);
    const middle = Math.floor(envelopes.length / 2);
    const from = Date.parse(envelopes[middle - 1]?.recordedAt as string);
    const next = Date.parse(envelopes[middle]?.recordedAt as string);
    expect(next).toBeGreaterThan(from + 2);
    const first = await travel.at({ recordedAt: new Date(from).toISOString() });
    expect(first.position).toBe(middle);
    expect(reads()).toBe(1);
    // Asked again, at the same time or any other before the next event: no fold, the same point.
    for (const t of [from, from + 1, next - 1])
      expect(await travel.at({ recordedAt: new Date(t).toISOString() })).toBe(first);
    // And by its position too.
    expect(await travel.at({ position: middle })).toBe(first);
    expect(reads()).toBe(1);
    // The next event's own time is another point.
    expect((await travel.at({ recordedAt: new Date(next).toISOString() })).position).toBe(
      middle + 1,
    );
    expect(reads()).toBe(2);
  });

  it('refuses to give a point it cannot build exactly', async () => {
    const { store, envelopes } = await storyStore();
    await store.append('x', [{ type: 'NoSuchEvent', schemaVersion: 1, data: {} }], {
      expectedVersion: 'any',
    });
    await expect(replayUntil(store, { position: envelopes.length + 1 })).rejects.toThrow(
      ProjectionError,
    );
    await expect(replayUntil(store, { position: envelopes.length })).resolves.toBeDefined();
  });
});

describe('upcasting', () => {
  it('given a v1 FactRecorded in the log, then it projects exactly like its current form', async () => {
    const v1 = {
      factId: 'paris-summit',
      kind: 'summit',
      status: 'occurred',
      summary: 'Leaders met in Paris.',
      occurredOn: '2025-02-17',
      participants: [{ actorId: 'macron', role: 'host' }],
      articleId: 'reuters-1',
      paragraph: 1,
      excerpt: 'leaders gathered on Monday',
    };
    const v2 = {
      factId: 'paris-summit',
      kind: 'summit',
      status: 'occurred',
      summary: 'Leaders met in Paris.',
      occurred: {
        earliest: '2025-02-17',
        latest: '2025-02-17',
        precision: 'day',
        label: '17 Feb 2025',
      },
      participants: [{ actorId: 'macron', role: 'host' }],
      quotes: [],
      topics: [],
      places: [],
      evidence: { articleId: 'reuters-1', paragraph: 1, excerpt: 'leaders gathered on Monday' },
    };
    const build = async (fact: { schemaVersion: number; data: unknown }) => {
      const store = getInMemoryEventStore({ now: steppingClock() });
      await commandWriter(store).runAll([
        {
          type: 'RecordArticle',
          articleId: 'reuters-1',
          publisher: 'Reuters',
          headline: 'Leaders meet',
          publishedAt: '2025-02-17',
          textSha256: 'b'.repeat(64),
        },
        { type: 'RegisterActor', actorId: 'macron', name: 'Emmanuel Macron', kind: 'person' },
      ]);
      await store.append(
        'fact-paris-summit',
        [{ eventId: 'the-fact', type: 'FactRecorded', ...fact }],
        { expectedVersion: 'no_stream' },
      );
      return replayProjections(store);
    };
    const old = await build({ schemaVersion: 1, data: v1 });
    const current = await build({ schemaVersion: 2, data: v2 });
    expect(old.projections.every((p) => !p.failure)).toBe(true);
    expect(old.states).toEqual(current.states);
    expect(old.projections.map((p) => p.digest)).toEqual(current.projections.map((p) => p.digest));
  });
});
