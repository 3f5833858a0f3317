import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, parseCommand } from '@dateline/domain';
import { getFileEventStore } from '@dateline/event-store/file';
import {
  createProjectionRunner,
  digestState,
  getFileSnapshotStore,
  replayProjections,
} from '@dateline/projections';
import { createCommandHandler } from '@dateline/projections/write';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from './kill-harness.js';

const worker = join(import.meta.dirname, '..', 'dist', 'rebuild-worker.js');
let dir: string;
let expected: Record<string, string>;

/** A log of a few thousand real domain events: actors, articles, facts, corroborations, corrections. */
async function buildLog(target: string): Promise<void> {
  const store = await getFileEventStore(target);
  const handler = createCommandHandler(store, { tool: 'reliability test' });
  const sha = 'c'.repeat(64);
  const commands: Command[] = [];
  for (let a = 0; a < 20; a++)
    commands.push(
      parseCommand({
        type: 'RegisterActor',
        actorId: `actor-${a}`,
        name: `Actor ${a}`,
        kind: 'person',
        aliases: [],
      }),
    );
  for (let r = 0; r < 10; r++)
    commands.push(
      parseCommand({
        type: 'RecordArticle',
        articleId: `article-${r}`,
        publisher: 'Wire',
        headline: `Report ${r}`,
        publishedAt: '2025-02-17',
        textSha256: sha,
      }),
    );
  for (let f = 0; f < 1500; f++) {
    commands.push(
      parseCommand({
        type: 'RecordFact',
        factId: `fact-${f}`,
        kind: 'statement',
        status: 'occurred',
        summary: `Actor ${f % 20} said something about item ${f}.`,
        occurred: { earliest: '2025-02-10', latest: '2025-02-16', precision: 'week' },
        participants: [
          { actorId: `actor-${f % 20}`, role: 'speaker' },
          { actorId: `actor-${(f + 7) % 20}`, role: 'addressee' },
        ],
        quotes: [{ text: `Quote number ${f}`, speakerId: `actor-${f % 20}` }],
        evidence: {
          articleId: `article-${f % 10}`,
          paragraph: 1 + (f % 30),
          excerpt: `excerpt ${f}`,
        },
      }),
    );
    if (f % 3 === 0)
      commands.push(
        parseCommand({
          type: 'CorroborateFact',
          factId: `fact-${f}`,
          evidence: { articleId: `article-${(f + 1) % 10}`, paragraph: 2, excerpt: 'also' },
        }),
      );
    if (f % 5 === 0)
      commands.push(
        parseCommand({
          type: 'CorrectFact',
          factId: `fact-${f}`,
          changes: { status: 'ongoing' },
          reason: 'still going',
        }),
      );
  }
  for (let i = 0; i < commands.length; i += 400) {
    await handler.executeAll(
      commands.slice(i, i + 400).map((command, j) => ({ entry: `#${i + j}`, command })),
    );
  }
  await store.close();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dateline-rebuild-'));
  await buildLog(dir);
  const store = await getFileEventStore(dir, { readOnly: true });
  const summary = await replayProjections(store);
  expected = Object.fromEntries(summary.projections.map((p) => [p.name, p.digest]));
  await store.close();
}, 120_000);

/** Runs a rebuild and kills it with SIGKILL right after its `killAfterSaves`-th snapshot round. */
function runWorker(snapshotDir: string, killAfterSaves: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dir, snapshotDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let saves = 0;
    child.stdout.on('data', (d: Buffer) => {
      saves += (d.toString().match(/saved/g) ?? []).length;
      if (saves >= killAfterSaves) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`rebuild worker failed (${code}): ${stderr}`));
    });
  });
}

describe('a rebuild killed part-way', () => {
  it('restarts from whatever snapshots survived and ends in the same state as an uninterrupted rebuild', {
    timeout: 180_000,
  }, async () => {
    const random = seededRandom(Number(process.env.DATELINE_SEED ?? 42));
    let restartsFromSnapshot = 0;
    for (let round = 0; round < 6; round++) {
      const snapshotDir = mkdtempSync(join(tmpdir(), 'dateline-rebuild-snap-'));
      // Kill the first rebuild at a random moment, then a second one started from its snapshots.
      await runWorker(snapshotDir, 1 + Math.floor(random() * 4));
      await runWorker(snapshotDir, 1 + Math.floor(random() * 4));

      const store = await getFileEventStore(dir, { readOnly: true });
      const messages: string[] = [];
      const runner = createProjectionRunner(store, {
        snapshotStore: getFileSnapshotStore(snapshotDir),
        log: (_level, message) => messages.push(message),
      });
      await runner.start();
      if (messages.some((m) => m.includes('starts from its snapshot'))) restartsFromSnapshot++;
      const models = runner.readModels();
      const digests = Object.fromEntries(
        Object.entries(models).map(([name, state]) => [name, digestState(state)]),
      );
      expect(digests).toEqual(expected);
      await runner.stop();
      await store.close();
    }
    // The test means something only if some restarts really began from a snapshot.
    expect(restartsFromSnapshot).toBeGreaterThan(0);
  });
});
