import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfiguredStore } from './app.module.js';
import { startApi, type TestApi } from './test/harness.js';

let api: TestApi;
let ghostAt = 0;

beforeAll(async () => {
  api = await startApi({
    log: 'fixture',
    healthy: false,
    // Before the API opens it, the log gains an event the timeline cannot apply (a retraction of a
    // fact never recorded, written past the domain), so the fold done while opening stops there.
    openStore: async (config, onLoad) => {
      const writer = await openConfiguredStore(config);
      const [ghost] = await writer.append(
        'fact-ghost',
        [{ type: 'FactRetracted', schemaVersion: 1, data: { factId: 'ghost', reason: 'test' } }],
        { expectedVersion: 'any' },
      );
      ghostAt = ghost!.position;
      await writer.close();
      return openConfiguredStore(config, onLoad);
    },
  });
});
afterAll(async () => {
  await api?.close();
});

describe('a read model that stopped', () => {
  it('refuses reads that would mix two points of the log, naming the projection and position', async () => {
    const read = await api.gql('{ timeline(first: 1) { totalCount } }');
    const error = read.body.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: 'READ_MODEL_STOPPED',
      projection: 'timeline',
      position: ghostAt,
    });
    expect(error?.message).toMatch(
      /the timeline read model stopped at position \d+ \(FactRetracted: fact "ghost" is not recorded\)/,
    );
    const past = await api.gql(
      `{ timeline(first: 1, asOf: { position: ${ghostAt} }) { totalCount } }`,
    );
    expect(past.body.errors?.[0]?.extensions?.code).toBe('READ_MODEL_STOPPED');
    const download = await fetch(`${api.url}/export/csv`);
    expect(download.status).toBe(503);
  });

  it('still answers what comes from the log itself', async () => {
    const head = await api.gql<{ logHead: { position: number } }>('{ logHead { position } }');
    expect(head.body.data?.logHead.position).toBe(ghostAt);
    const health = (await (await fetch(`${api.url}/healthz`)).json()) as {
      projections: { name: string; failure?: string }[];
    };
    expect(health.projections.find((p) => p.name === 'timeline')?.failure).toMatch(/ghost/);
  });
});
