import type { EventStore } from '@dateline/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfiguredStore } from './app.module.js';
import { dataOf, startApi, type TestApi, waitUntilHealthy } from './test/harness.js';

/**
 * A store whose catch-up read is held at a gate, so the test sees the service while its read
 * models are still catching up, and releases it when it chooses (no timing involved).
 */
function gated(store: EventStore, gate: Promise<void>): EventStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'readAllBatches') {
        return async function* (...args: Parameters<EventStore['readAllBatches']>) {
          await gate;
          yield* target.readAllBatches(...args);
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

let api: TestApi;
let release: () => void;

beforeAll(async () => {
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  api = await startApi({
    log: 'fixture',
    healthy: false,
    openStore: async (config) => gated(await openConfiguredStore(config), gate),
  });
});
afterAll(async () => {
  release?.();
  await api?.close();
});

describe('/healthz', () => {
  it('answers 503 while catching up, then 200 with the head and every projection position', async () => {
    const before = await fetch(`${api.url}/healthz`);
    expect(before.status).toBe(503);
    const report = (await before.json()) as {
      ok: boolean;
      phase: string;
      head: { position: number };
    };
    expect(report).toMatchObject({ ok: false, phase: 'catching_up' });
    expect(report.head.position).toBeGreaterThan(0);

    // A query sent while catching up is answered from the whole log, never from part of it.
    const pending = api.gql<{ timeline: { totalCount: number } }>('{ timeline { totalCount } }');
    release();
    expect(dataOf(await pending).timeline.totalCount).toBe(7);

    await waitUntilHealthy(api.url);
    const after = (await (await fetch(`${api.url}/healthz`)).json()) as {
      ok: boolean;
      phase: string;
      head: { position: number; hash: string };
      projections: { name: string; position: number }[];
    };
    expect(after).toMatchObject({ ok: true, phase: 'live' });
    expect(after.projections).toHaveLength(4);
    for (const p of after.projections) expect(p.position).toBe(after.head.position);
  });
});
