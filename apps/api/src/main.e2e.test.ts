import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@dateline/event-store/open';
import { createClient } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LOG_FLUSH_MS } from './create-app.js';
import { buildFixtureLog } from './test/fixture.js';
import { WRITE_TOKEN, waitUntilHealthy } from './test/harness.js';
import { MAIN, startMain } from './test/main-process.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dateline-api-main-'));
  await buildFixtureLog(join(dir, 'log'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('node dist/main.js', () => {
  it('serves, logs JSON with request ids, and on SIGTERM shuts down cleanly releasing the store lock', async () => {
    const store = join(dir, 'log');
    const running = await startMain({ DATELINE_STORE: store, DATELINE_WRITE_TOKEN: WRITE_TOKEN });
    await waitUntilHealthy(running.url);
    const res = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-123' },
      body: JSON.stringify({ query: '{ logHead { position } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    // Lines are written in blocks, but a quiet service's line still comes out within a second or
    // so, without waiting for more lines or for the exit.
    const deadline = Date.now() + LOG_FLUSH_MS * 5;
    while (!running.lines.some((l) => l.includes('"trace-123"')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(running.lines.some((l) => l.includes('"trace-123"'))).toBe(true);

    // A live subscription must not hold the shutdown up.
    const client = createClient({
      url: `${running.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const subscription = client.iterate({
      query: 'subscription { eventAppended(fromPosition: 1) { position } }',
    });
    expect((await subscription.next()).value).toEqual({ data: { eventAppended: { position: 1 } } });

    // While it runs it holds the writer's lock.
    await expect(openEventStore(store, { tool: 'test' })).rejects.toThrow(/locked/);

    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    await client.dispose();
    const logged = running.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // One line per request, with its id, method, url, status and duration.
    const traced = logged.filter((l) => l.requestId === 'trace-123');
    expect(traced).toHaveLength(1);
    expect(traced[0]).toMatchObject({ msg: 'request completed', method: 'POST', statusCode: 200 });
    expect(logged.some((l) => l.msg === 'event store closed')).toBe(true);

    const reopened = await openEventStore(store, { tool: 'test' });
    await reopened.close();
  });

  it('saves snapshots on shutdown and starts from them next time', async () => {
    const env = {
      DATELINE_STORE: join(dir, 'log'),
      DATELINE_WRITE_TOKEN: WRITE_TOKEN,
      DATELINE_SNAPSHOT_DIR: join(dir, 'snapshots'),
    };
    const first = await startMain(env);
    await waitUntilHealthy(first.url);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.lines.some((l) => /saved 4 snapshot\(s\) in \d+ ms/.test(l))).toBe(true);
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual([
      'actors.snapshot.ndjson',
      'articles.snapshot.ndjson',
      'interactions.snapshot.ndjson',
      'timeline.snapshot.ndjson',
    ]);

    const second = await startMain(env);
    await waitUntilHealthy(second.url);
    const health = (await (await fetch(`${second.url}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    expect(second.lines.some((l) => /starts from its snapshot/.test(l))).toBe(true);
  });

  it('refuses a bad configuration with a clear message and exit code 1', async () => {
    const { code, stderr } = await runToExit({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/invalid configuration: PORT/);
  });

  it("refuses a DATELINE_STORE that is a log's segments/ directory, naming the log's", async () => {
    const segments = join(dir, 'log', 'segments');
    const before = await readdir(segments);
    const { code, stderr } = await runToExit({ DATELINE_STORE: segments, PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `DATELINE_STORE ${segments} holds segment files itself (00000001.ndjson): it is the segments/ directory of a log, so give the log's directory, ${join(dir, 'log')}`,
    );
    // Nothing was started in it: no segments/ inside segments/, no lock.
    expect(await readdir(segments)).toEqual(before);
  });
});

/** Runs the service with only these variables (and PATH) until it exits. */
async function runToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}
