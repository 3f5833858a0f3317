import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFileEventStore } from '@dateline/event-store/file';
import { getInMemoryEventStore } from '@dateline/event-store/memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultProjections } from './fold.js';
import { digestState, replayProjections } from './replay.js';
import { createProjectionRunner } from './runner.js';
import { getFileSnapshotStore, hashAt, serializeState } from './snapshots.js';
import { commandWriter, newStore, steppingClock, storyCommands } from './test-fixtures.js';
import { timelineProjection } from './timeline.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dateline-snapshots-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HALF = 10;

/** A file store holding the first HALF story commands, and a writer to add the rest. */
async function halfStory() {
  // getFileEventStore takes its lock before creating the directory, so create it first.
  await mkdir(join(dir, 'log'));
  const store = await getFileEventStore(join(dir, 'log'), { now: steppingClock() });
  const writer = commandWriter(store);
  await writer.runAll(storyCommands.slice(0, HALF));
  return { store, writer };
}

function collectWarnings() {
  const warnings: string[] = [];
  return {
    warnings,
    log: (level: string, message: string) => {
      if (level === 'warn') warnings.push(message);
    },
  };
}

async function snapshotAt(store: Parameters<typeof createProjectionRunner>[0]) {
  const snapshots = getFileSnapshotStore(join(dir, 'snapshots'));
  const runner = createProjectionRunner(store, { snapshotStore: snapshots });
  await runner.start();
  const headers = await runner.saveSnapshots();
  await runner.stop();
  return { snapshots, headers };
}

const digests = (runner: ReturnType<typeof createProjectionRunner>) =>
  defaultProjections.map((p) => digestState(runner.state(p.name)));

describe('snapshots', () => {
  it('given a snapshot and a tail of new events, when the runner starts, then it replays only the tail and equals a full replay', async () => {
    const { store, writer } = await halfStory();
    const { snapshots, headers } = await snapshotAt(store);
    const midpoint = (await store.head()).position;
    expect(headers.map((h) => [h.name, h.position])).toEqual(
      defaultProjections.map((p) => [p.name, midpoint]),
    );
    await writer.runAll(storyCommands.slice(HALF));

    const runner = createProjectionRunner(store, { snapshotStore: snapshots });
    await runner.start();
    const status = runner.status();
    expect(status.projections.map((p) => p.startedAt)).toEqual([
      midpoint,
      midpoint,
      midpoint,
      midpoint,
    ]);
    const head = (await store.head()).position;
    expect(status.projections.map((p) => p.eventsApplied)).toEqual(
      defaultProjections.map(() => head - midpoint),
    );
    const full = await replayProjections(store);
    expect(digests(runner)).toEqual(full.projections.map((p) => p.digest));
    await runner.stop();
    await store.close();
  });

  it('given a damaged snapshot file, then it is ignored with a warning and the projection is rebuilt', async () => {
    const { store } = await halfStory();
    const { snapshots } = await snapshotAt(store);
    const file = snapshots.fileFor('timeline');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Trump', 'Trunp'));

    const { warnings, log } = collectWarnings();
    const runner = createProjectionRunner(store, { snapshotStore: snapshots, log });
    await runner.start();
    expect(warnings).toEqual([
      'ignoring the timeline snapshot: its state does not match its stateSha256 (damaged file); rebuilding from the log',
    ]);
    expect(runner.status().projections.find((p) => p.name === 'timeline')?.startedAt).toBe(0);
    expect(digests(runner)).toEqual(
      (await replayProjections(store)).projections.map((p) => p.digest),
    );
    await runner.stop();
    await store.close();
  });

  it('given a header edited to an earlier position and the hash there, then it is ignored', async () => {
    const { store } = await halfStory();
    const { snapshots } = await snapshotAt(store);
    const head = await store.head();
    const earlier = await hashAt(store, head.position - 1);
    const file = snapshots.fileFor('timeline');
    const text = await readFile(file, 'utf8');
    // A valid (position, hash) pair of the same log: only the seal tells the state is not of it.
    const edited = text
      .replace(`"position":${head.position},`, `"position":${head.position - 1},`)
      .replace(`"hash":"${head.hash}"`, `"hash":"${earlier}"`);
    expect(edited).not.toBe(text);
    await writeFile(file, edited);

    const { warnings, log } = collectWarnings();
    const runner = createProjectionRunner(store, { snapshotStore: snapshots, log });
    await runner.start();
    expect(warnings).toEqual([
      'ignoring the timeline snapshot: its header does not match its headerSha256 (damaged or edited file); rebuilding from the log',
    ]);
    expect(digests(runner)).toEqual(
      (await replayProjections(store)).projections.map((p) => p.digest),
    );
    await runner.stop();
    await store.close();
  });

  it('given a snapshot of another log (hash differs at its position), then it is ignored with a warning', async () => {
    const { store } = await halfStory();
    const { snapshots } = await snapshotAt(store);
    await store.close();

    // Same commands a day later: the recordedAt (and so the hashes) differ.
    const other = getInMemoryEventStore({ now: steppingClock(Date.UTC(2025, 1, 21)) });
    await commandWriter(other).runAll(storyCommands);
    const { warnings, log } = collectWarnings();
    const runner = createProjectionRunner(other, { snapshotStore: snapshots, log });
    await runner.start();
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(
      /ignoring the timeline snapshot: the log's hash at position \d+ differs/,
    );
    expect(runner.status().projections.every((p) => p.startedAt === 0)).toBe(true);
    expect(digests(runner)).toEqual(
      (await replayProjections(other)).projections.map((p) => p.digest),
    );
    await runner.stop();
  });

  it('given a snapshot beyond the end of the log, then it is ignored', async () => {
    const { store } = await halfStory();
    const { snapshots } = await snapshotAt(store);
    await store.close();
    const shorter = newStore();
    await commandWriter(shorter).runAll(storyCommands.slice(0, 3));
    const { warnings, log } = collectWarnings();
    const runner = createProjectionRunner(shorter, { snapshotStore: snapshots, log });
    await runner.start();
    expect(warnings[0]).toMatch(/the log ends before its position/);
    expect(runner.position()).toBe(3);
    await runner.stop();
  });

  it('given a snapshot made by an older version of a projection, then that projection is rebuilt, the others start from theirs', async () => {
    const { store } = await halfStory();
    const { snapshots } = await snapshotAt(store);
    const next = timelineProjection.version + 1;
    const timelineNext = { ...timelineProjection, version: next };
    const projections = defaultProjections.map((p) => (p.name === 'timeline' ? timelineNext : p));
    const { warnings, log } = collectWarnings();
    const runner = createProjectionRunner(store, { projections, snapshotStore: snapshots, log });
    await runner.start();
    expect(warnings).toEqual([
      `ignoring the timeline snapshot: it was made by version ${next - 1}, the projection is version ${next}; rebuilding from the log`,
    ]);
    const head = (await store.head()).position;
    expect(runner.status().projections.map((p) => [p.name, p.startedAt, p.eventsApplied])).toEqual([
      ['timeline', 0, head],
      ['actors', head, 0],
      ['articles', head, 0],
      ['interactions', head, 0],
    ]);
    // The rebuilt snapshot is saved with the new version.
    const [timelineHeader] = await runner.saveSnapshots();
    expect(timelineHeader).toMatchObject({ name: 'timeline', version: next, position: head });
    await runner.stop();
    await store.close();
  });

  it('writes a state as lines and reads back the same state, key order included, however large', async () => {
    const big: Record<string, unknown> = {};
    for (let i = 0; i < 6000; i++)
      big[`fact-${6000 - i}`] = { id: i, text: 'x'.repeat(300), gone: undefined };
    const state = {
      facts: big,
      '10': { b: 1, a: 2 },
      count: 3,
      list: [1, { c: null }],
      none: undefined,
    };
    const serialized = serializeState(state);
    expect(serialized.chunks.length).toBeGreaterThan(1); // more than one 1 MiB chunk
    const snapshots = getFileSnapshotStore(dir);
    await snapshots.save({ name: 'big', version: 1, position: 9, hash: 'h', state: serialized });
    const read = await snapshots.load('big');
    if (!read?.ok) throw new Error(`not read back: ${JSON.stringify(read)}`);
    expect(JSON.stringify(read.snapshot.state)).toBe(JSON.stringify(state));
    expect(Object.keys((read.snapshot.state as typeof state).facts).slice(0, 2)).toEqual([
      'fact-6000',
      'fact-5999',
    ]);
    expect(digestState(read.snapshot.state)).toBe(digestState(JSON.parse(JSON.stringify(state))));
    // Records of entries come back as the projections make them: without a prototype, so that an
    // id such as "constructor" is an entry like any other, before and after the restore.
    const facts = (read.snapshot.state as Record<string, Record<string, unknown>>).facts!;
    const id: string = 'constructor';
    expect(Object.getPrototypeOf(facts)).toBeNull();
    expect(facts[id]).toBeUndefined();
    facts[id] = { id: -1 };
    expect(Object.keys(facts).at(-1)).toBe(id);
    // A state that is not an object, and an empty one.
    for (const other of [[1, 2], 'text', {}]) {
      await snapshots.save({
        name: 'other',
        version: 1,
        position: 1,
        hash: 'h',
        state: serializeState(other),
      });
      const back = await snapshots.load('other');
      expect(back?.ok && back.snapshot.state).toStrictEqual(other);
    }
  });

  it('checks the sha256 of a state the same way in line and on a worker thread', async () => {
    const state = {
      facts: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f-${i}`, { i }])),
    };
    const saver = getFileSnapshotStore(dir);
    await saver.save({
      name: 's',
      version: 1,
      position: 3,
      hash: 'h',
      state: serializeState(state),
    });
    const file = saver.fileFor('s');
    const intact = await readFile(file);
    const readers = {
      inLine: getFileSnapshotStore(dir, { hashInParallelFrom: Number.POSITIVE_INFINITY }),
      onWorker: getFileSnapshotStore(dir, { hashInParallelFrom: 0 }),
    };
    const outcomes = async () => {
      const out: Record<string, unknown> = {};
      for (const [how, reader] of Object.entries(readers)) {
        const read = await reader.load('s');
        out[how] = read?.ok ? read.snapshot.state : read?.reason;
      }
      return out;
    };
    expect(await outcomes()).toEqual({ inLine: state, onWorker: state });
    const damaged = 'its state does not match its stateSha256 (damaged file)';
    await writeFile(file, intact.toString('utf8').replace('{"i":250}', '{"i":251}'));
    expect(await outcomes()).toEqual({ inLine: damaged, onWorker: damaged });
    const inside = 'it ends inside a line (damaged file)';
    await writeFile(file, Buffer.concat([intact, Buffer.from('[["facts","f-9')]));
    expect(await outcomes()).toEqual({ inLine: inside, onWorker: inside });
  });

  it('reports a file that is not a snapshot instead of trusting it', async () => {
    const snapshots = getFileSnapshotStore(dir);
    expect(await snapshots.load('timeline')).toBeUndefined();
    await writeFile(snapshots.fileFor('timeline'), '{"format":"other","state":{}}');
    expect(await snapshots.load('timeline')).toEqual({
      ok: false,
      reason: 'not a snapshot of a format this version reads',
    });
    await writeFile(snapshots.fileFor('timeline'), 'garbage');
    expect(await snapshots.load('timeline')).toMatchObject({ ok: false });
  });
});
