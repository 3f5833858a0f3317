import { ResolverDecoratorHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startApi, type TestApi } from '../test/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ log: 'fixture' });
});
afterAll(async () => {
  await api?.close();
});

describe('the GraphQL driver', () => {
  it("adds no per-request hooks for Nest's request hooks when none are set", async () => {
    const host = api.app.get(ResolverDecoratorHost, { strict: false });
    let asked = 0;
    const original = host.hasRequestHooks.bind(host);
    host.hasRequestHooks = () => {
      asked += 1;
      return original();
    };
    try {
      const answer = dataOf(
        await api.gql<{ logHead: { position: number } }>('{ logHead { position } }'),
      );
      expect(answer.logHead.position).toBeGreaterThan(0);
      // @nestjs/mercurius's own hooks ask this on every request before doing anything.
      expect(asked).toBe(0);
    } finally {
      host.hasRequestHooks = original;
    }
  });
});
