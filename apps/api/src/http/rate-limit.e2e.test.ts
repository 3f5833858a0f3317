import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../test/harness.js';

let api: TestApi;

beforeAll(async () => {
  api = await startApi({ log: 'empty', rateLimitPerMinute: 5 });
});
afterAll(async () => {
  await api?.close();
});

describe('DATELINE_RATE_LIMIT', () => {
  it('refuses a client over its budget with 429 and RATE_LIMITED', async () => {
    const responses = [];
    for (let i = 0; i < 8; i++) responses.push(await api.gql('{ logHead { position } }'));
    const statuses = responses.map((r) => r.status);
    // waitUntilHealthy used one request of the budget.
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
    const refused = responses[4]!;
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.errors?.[0]?.message).toMatch(/more than 5 requests a minute/);
  });
});

describe('DATELINE_RATE_LIMIT and CORS preflights', () => {
  it("does not count a browser's preflights against its budget", async () => {
    const limited = await startApi({ log: 'empty', rateLimitPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        const res = await fetch(limited.graphqlUrl, {
          method: 'OPTIONS',
          headers: {
            origin: 'https://notebook.example.org',
            'access-control-request-method': 'POST',
          },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([204, 204, 204, 204, 204, 204]);
      // waitUntilHealthy used one request of the budget of three.
      expect((await limited.gql('{ logHead { position } }')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('DATELINE_RATE_LIMIT_ALLOW', () => {
  it('does not limit the addresses it lists (by default loopback, where the web app runs)', async () => {
    const exempt = await startApi({
      log: 'empty',
      rateLimitPerMinute: 2,
      rateLimitAllow: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
    });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await exempt.gql('{ logHead { position } }')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await exempt.close();
    }
  });
});
