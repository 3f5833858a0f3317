import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand } from '@dateline/domain';
import { getFileEventStore, loadLog } from '@dateline/event-store/file';
import { validateWithDomain } from '@dateline/event-store/open';
import { replayProjections } from '@dateline/projections';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLog } from './generate-log.js';
import { createStoryGenerator } from './story.js';

const root = mkdtempSync(join(tmpdir(), 'dateline-bench-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const segmentBytes = (dir: string) =>
  readdirSync(join(dir, 'segments'))
    .sort()
    .map((name) => readFileSync(join(dir, 'segments', name)));

describe('generateLog', () => {
  it('writes the same bytes for the same seed and size, and other bytes for another seed', async () => {
    const options = { events: 600, seed: 'test', segmentMaxBytes: 128 * 1024 };
    const a = await generateLog({ ...options, dir: join(root, 'a') });
    const b = await generateLog({ ...options, dir: join(root, 'b') });
    const c = await generateLog({ ...options, dir: join(root, 'c'), seed: 'other' });
    expect(a.head).toEqual(b.head);
    expect(segmentBytes(join(root, 'a'))).toEqual(segmentBytes(join(root, 'b')));
    expect(c.head.hash).not.toBe(a.head.hash);
    expect(a.segments).toBeGreaterThan(1);
    expect(a.events).toBe(600);
  }, 60_000);

  it('writes a log that the real loader verifies and every projection folds', async () => {
    const dir = join(root, 'checked');
    const generated = await generateLog({
      dir,
      events: 1000,
      seed: 'check',
      segmentMaxBytes: 1 << 20,
    });
    const log = await loadLog(dir, { validateEvent: validateWithDomain });
    expect(log.torn).toBeUndefined();
    expect(log.index.head).toEqual(generated.head);
    expect(Object.keys(generated.counts).sort()).toEqual([
      'ActorRegistered',
      'ArticleRecorded',
      'FactCorrected',
      'FactCorroborated',
      'FactRecorded',
      'FactRetracted',
      'FactsLinked',
    ]);
    const store = await getFileEventStore(dir, { readOnly: true });
    const summary = await replayProjections(store);
    await store.close();
    expect(summary.projections.filter((p) => p.failure)).toEqual([]);
    expect(summary.eventsRead).toBe(1000);
  }, 60_000);

  it('tells a story of commands that the domain accepts as input', () => {
    const story = createStoryGenerator('commands');
    const group = story.nextGroup();
    const article = group[0]!.event;
    expect(article.type).toBe('ArticleRecorded');
    expect(() => parseCommand({ type: 'RecordArticle', ...article.data })).not.toThrow();
  });
});
