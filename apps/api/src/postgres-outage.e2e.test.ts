import { startTestPostgres } from '@dateline/event-store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { WRITE_TOKEN, waitUntilHealthy } from './test/harness.js';
import { type Running, startMain } from './test/main-process.js';
import { seededDatabase } from './test/postgres.js';

const server = startTestPostgres();
let stopped = false;
let api: Running | undefined;
afterAll(async () => {
  api?.child.kill('SIGTERM');
  await api?.exit;
  if (!stopped) await (await server).stop();
}, 60_000);

describe('the API on PostgreSQL when the database goes away', () => {
  it('answers 503 / SERVICE_UNAVAILABLE without naming the database, and never logs its password', {
    timeout: 120_000,
  }, async () => {
    const url = await seededDatabase(await server, 'dateline_outage');

    api = await startMain({ DATELINE_STORE: url, DATELINE_WRITE_TOKEN: WRITE_TOKEN });
    await waitUntilHealthy(api.url);
    const password = new URL(url).password;
    expect(password.length).toBeGreaterThan(0);
    const listening = api.lines.find((line) => line.includes('Dateline API listening')) ?? '';
    expect(listening).toContain(':***@');
    expect(api.lines.join('\n')).not.toContain(password);

    await (await server).stop();
    stopped = true;
    await new Promise((resolve) => setTimeout(resolve, 500));

    const download = await fetch(`${api.url}/export/ndjson`);
    expect(download.status).toBe(503);
    const body = await download.text();
    expect(JSON.parse(body)).toEqual({
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: 'the event log cannot be reached right now; try again shortly',
      },
    });
    expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);

    const write = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
      body: JSON.stringify({
        query:
          'mutation { registerActor(input: { id: "outage-actor", name: "Outage", kind: GROUP }) { position } }',
      }),
    });
    const answer = (await write.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
