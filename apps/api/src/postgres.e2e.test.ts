import { startTestPostgres } from '@dateline/event-store/testing';
import { createClient } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WRITE_TOKEN, waitUntilHealthy } from './test/harness.js';
import { type Running, startMain } from './test/main-process.js';
import { seededDatabase } from './test/postgres.js';

const server = startTestPostgres();
const running: Running[] = [];
afterAll(async () => {
  for (const r of running) r.child.kill('SIGTERM');
  await Promise.all(running.map((r) => r.exit));
  await (await server).stop();
}, 60_000);

async function gql<T>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

describe('two API processes on one PostgreSQL database', () => {
  it('a mutation through one is seen by the other’s query and subscription', {
    timeout: 120_000,
  }, async () => {
    const url = await seededDatabase(await server, 'dateline_api');
    const env = { DATELINE_STORE: url, DATELINE_WRITE_TOKEN: WRITE_TOKEN };
    const [a, b] = await Promise.all([startMain(env), startMain(env)]);
    running.push(a!, b!);
    await Promise.all([waitUntilHealthy(a!.url), waitUntilHealthy(b!.url)]);
    const { logHead } = await gql<{ logHead: { position: number } }>(
      b!.url,
      '{ logHead { position } }',
    );
    expect(logHead.position).toBe(63);

    // B subscribes to the log after its head; A records a fact.
    const client = createClient({
      url: `${b!.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const received = new Promise<{ position: number; type: string }>((resolve, reject) => {
      client.subscribe<{ eventAppended: { position: number; type: string } }>(
        {
          query:
            'subscription ($from: Int) { eventAppended(fromPosition: $from) { position type } }',
          variables: { from: logHead.position + 1 },
        },
        {
          next: (msg) => msg.data && resolve(msg.data.eventAppended),
          error: reject,
          complete: () => {},
        },
      );
    });

    const written = await gql<{ retractFact: { position: number } }>(
      a!.url,
      'mutation ($input: RetractFactInput!) { retractFact(input: $input) { position } }',
      {
        input: {
          factId: 'macron-spoke-with-trump',
          reason: 'testing two instances',
          expectedVersion: 1,
        },
      },
      WRITE_TOKEN,
    );
    expect(written.retractFact.position).toBe(64);

    const seenByB = await gql<{ fact: { retracted: boolean } }>(
      b!.url,
      'query ($p: Int) { fact(id: "macron-spoke-with-trump", minPosition: $p) { retracted } }',
      { p: written.retractFact.position },
    );
    expect(seenByB.fact.retracted).toBe(true);
    expect(await received).toEqual({ position: 64, type: 'FactRetracted' });
    await client.dispose();

    // A write through B with A's now-stale version is refused: the version check holds across instances.
    await expect(
      gql(
        b!.url,
        'mutation ($input: RetractFactInput!) { retractFact(input: $input) { position } }',
        {
          input: { factId: 'macron-spoke-with-trump', reason: 'again', expectedVersion: 1 },
        },
        WRITE_TOKEN,
      ),
    ).rejects.toThrow(/CONFLICT|retracted/);
  });
});
