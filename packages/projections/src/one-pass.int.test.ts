import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { describe, expect, it } from 'vitest';
import { createPreload } from './fold.js';
import { decodeEnvelope, decodeVerified } from './projection.js';
import { replayProjections } from './replay.js';
import { createProjectionRunner } from './runner.js';
import { commandWriter, storyCommands, storyStore } from './test-fixtures.js';

/**
 * The fixture story in a file store, its first half rewritten in the field order the seed log's
 * lines have (they predate the canonical line form), so that both line forms are read.
 */
async function mixedLog(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-one-pass-'));
  const store = await getFileEventStore(dir);
  await commandWriter(store).runAll(storyCommands);
  await store.close();
  const file = join(dir, 'segments', '00000001.ndjson');
  const lines = readFileSync(file, 'utf8').split('\n');
  const half = Math.floor(lines.length / 2);
  for (let i = 0; i < half; i++) lines[i] = fieldOrder(JSON.parse(lines[i]!) as Envelope);
  writeFileSync(file, lines.join('\n'));
  return dir;
}

function fieldOrder(e: Envelope): string {
  const { position, streamId, streamVersion, eventId, type, schemaVersion, recordedAt } = e;
  const { data, metadata, prevHash, hash } = e;
  return JSON.stringify({
    ...{ position, streamId, streamVersion, eventId, type, schemaVersion, recordedAt },
    ...{ data, metadata, prevHash, hash },
  });
}

async function strictDigests(dir: string): Promise<string[]> {
  const store = await getFileEventStore(dir, { readOnly: true });
  const summary = await replayProjections(store, { decode: decodeEnvelope });
  await store.close();
  return summary.projections.map((p) => p.digest);
}

describe('folding the log while the store reads it (one pass)', () => {
  it('takes verified current events as the domain decodes them, and decodes anything else', async () => {
    const { envelopes } = await storyStore();
    for (const e of envelopes)
      expect(decodeVerified(e).event).toStrictEqual(decodeEnvelope(e).event);
    const old = { ...envelopes[0]!, type: 'FactRecorded', schemaVersion: 1, data: { factId: 'x' } };
    expect(() => decodeVerified(old)).toThrow(/cannot decode FactRecorded v1/);
    const unknown = { ...envelopes[0]!, type: 'Unheard', schemaVersion: 1 };
    expect(() => decodeVerified(unknown)).toThrow(/unknown event type/);
    // A current event without the fields its schema fills in (a log written by another tool) is
    // decoded in full, so the projections see participants: [] and not nothing.
    const recorded = envelopes.find((e) => e.type === 'FactRecorded')!;
    const {
      participants: _p,
      quotes: _q,
      topics: _t,
      places: _l,
      ...bare
    } = recorded.data as Record<string, unknown>;
    const sparse = { ...recorded, data: bare };
    expect(decodeVerified(sparse).event).toStrictEqual(decodeEnvelope(sparse).event);
    expect(decodeVerified(sparse).event.data).toMatchObject({ participants: [], quotes: [] });
  });

  it('gives the read models of a strict two-pass replay, to the same position', async () => {
    const dir = await mixedLog();
    const preload = createPreload();
    const store = await getFileEventStore(dir, { readOnly: true, onLoad: preload.feed });
    const head = await store.head();
    const summary = await replayProjections(store, { preloaded: preload });
    await store.close();
    expect(summary.eventsRead).toBe(head.position);
    expect(summary.position).toBe(head.position);
    expect(summary.hash).toBe(head.hash);
    expect(summary.projections.every((p) => !p.failure && p.position === head.position)).toBe(true);
    expect(summary.projections.map((p) => p.digest)).toStrictEqual(await strictDigests(dir));
  });

  it('starts the runner from the fold, then follows new events', async () => {
    const dir = await mixedLog();
    const preload = createPreload();
    const store = await getFileEventStore(dir, { onLoad: preload.feed });
    const head = await store.head();
    const runner = createProjectionRunner(store, { preloaded: preload });
    await runner.start();
    expect(runner.status().projections.map((p) => [p.position, p.eventsApplied])).toStrictEqual(
      Array(4).fill([head.position, head.position]),
    );
    expect(runner.state('timeline')).toBe(preload.slots[0]?.state);
    await store.append(
      'actor-late',
      [
        {
          type: 'ActorRegistered',
          schemaVersion: 1,
          data: { actorId: 'late-actor', name: 'Late Actor', kind: 'person', aliases: [] },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    await runner.waitForPosition(head.position + 1);
    expect((runner.state('actors') as { actors: Record<string, unknown> }).actors).toHaveProperty(
      'late-actor',
    );
    await runner.stop();
    await store.close();
  });

  it('folds nothing a torn tail holds', async () => {
    const dir = await mixedLog();
    const clean = await strictDigests(dir);
    await appendFile(join(dir, 'segments', '00000001.ndjson'), '{"data":{"factId":"torn"');
    const preload = createPreload();
    const store = await getFileEventStore(dir, { readOnly: true, onLoad: preload.feed });
    expect(store.tornTail).toBeDefined();
    const summary = await replayProjections(store, { preloaded: preload });
    await store.close();
    expect(summary.projections.map((p) => p.digest)).toStrictEqual(clean);
  });
});
