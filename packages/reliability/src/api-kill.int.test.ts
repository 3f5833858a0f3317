import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeEvent } from '@dateline/domain';
import type { Envelope } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { describe, expect, it, onTestFinished } from 'vitest';
import { seededRandom } from './kill-harness.js';

const MAIN = join(import.meta.dirname, '..', '..', '..', 'apps', 'api', 'dist', 'main.js');
const TOKEN = 'reliability-token-0123456789';
const SOAK = Boolean(process.env.DATELINE_SOAK);
// Each cycle restarts a Nest process (about 2 s here), so this is the slowest test of npm test
// (50 cycles, a minute or two); `pnpm soak` takes 500. DATELINE_API_KILL_CYCLES overrides both.
const CYCLES = Number(process.env.DATELINE_API_KILL_CYCLES ?? (SOAK ? 500 : 50));
const SEED = Number(process.env.DATELINE_SEED ?? Date.now() % 1_000_000);

interface Api {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

async function startApi(store: string): Promise<Api> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      DATELINE_STORE: store,
      DATELINE_WRITE_TOKEN: TOKEN,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as { url?: string };
      if (parsed.url) resolve(parsed.url);
    });
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    void exited.then(() => reject(new Error(`the API exited before listening: ${stderr}`)));
  });
  return { child, url, exited };
}

async function waitUntilServing(url: string): Promise<void> {
  for (;;) {
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const MUTATION =
  'mutation ($input: RegisterActorInput!) { registerActor(input: $input) { id position alreadyApplied } }';

describe('kill -9 under concurrent mutations (GraphQL API on the file store)', () => {
  it(`loses nothing over ${CYCLES} crashes of the API process (seed ${SEED})`, {
    timeout: SOAK ? 3_600_000 : 600_000,
  }, async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-api-kill-'));
    const random = seededRandom(SEED);
    const acks = new Map<string, number>();
    const sent: string[] = [];
    let retried = 0;
    let current = await startApi(store);
    let up: Promise<Api> = Promise.resolve(current);
    let stopping = false;

    async function client(c: number) {
      for (let n = 0; !stopping; n++) {
        const id = `actor-${c}-${n}`;
        sent.push(id);
        const body = JSON.stringify({
          query: MUTATION,
          variables: { input: { id, name: `Actor ${c} ${n}`, kind: 'PERSON' } },
        });
        for (let attempt = 0; ; attempt++) {
          const api = await up;
          try {
            const res = await fetch(`${api.url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
              body,
            });
            const json = (await res.json()) as {
              data?: { registerActor: { id: string; position: number } };
              errors?: unknown[];
            };
            if (!json.data) throw new Error(`refused: ${JSON.stringify(json.errors)}`);
            const earlier = acks.get(id);
            if (earlier !== undefined && earlier !== json.data.registerActor.position)
              throw new Error(
                `${id} acknowledged at ${earlier} and at ${json.data.registerActor.position}`,
              );
            acks.set(id, json.data.registerActor.position);
            if (attempt > 0) retried++;
            break;
          } catch (error) {
            if (error instanceof Error && /refused|acknowledged at/.test(error.message))
              throw error;
            // It died under us (or refused the connection while starting): retry the same mutation.
            if (api === current)
              await Promise.race([api.exited, new Promise((r) => setTimeout(r, 50))]);
          }
        }
      }
    }

    // Whatever happens to the test, no API process outlives it.
    onTestFinished(() => {
      current.child.kill('SIGKILL');
    });
    const clients = Array.from({ length: 4 }, (_, c) => client(c));
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Kill it at a random moment while it serves mutations (not while it is still starting).
      await waitUntilServing(current.url);
      await new Promise((r) => setTimeout(r, 5 + Math.floor(random() * 80)));
      const victim = current;
      let restarted!: (api: Api) => void;
      up = new Promise((resolve) => {
        restarted = resolve;
      });
      victim.child.kill('SIGKILL');
      await victim.exited;
      current = await startApi(store);
      restarted(current);
    }
    stopping = true;
    await Promise.all(clients);

    // The API rebuilt its read models from the log after the last crash: they must hold every actor.
    const res = await fetch(`${current.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actors { id } logHead { position } }' }),
    });
    const served = (
      (await res.json()) as { data: { actors: { id: string }[]; logHead: { position: number } } }
    ).data;
    current.child.kill('SIGTERM');
    await current.exited;

    const log = await getFileEventStore(store, { readOnly: true });
    const positions = new Map<string, number>();
    for await (const e of log.readAll() as AsyncIterable<Envelope>) {
      const event = decodeEvent(e.type, e.schemaVersion, e.data);
      if (event.type !== 'ActorRegistered') throw new Error(`unexpected ${event.type}`);
      expect(positions.has(event.data.actorId), `${event.data.actorId} twice`).toBe(false);
      positions.set(event.data.actorId, e.position);
    }
    await log.close();
    for (const [id, position] of acks) expect(positions.get(id), id).toBe(position);
    expect(positions.size).toBe(sent.length); // every mutation sent ended acknowledged, once
    expect(served.actors.map((a) => a.id).sort()).toEqual([...positions.keys()].sort());
    expect(served.logHead.position).toBe(positions.size);
    console.log(
      `API kill -9: ${CYCLES} cycles, ${sent.length} mutations, ${retried} retried after a crash`,
    );
  });
});
