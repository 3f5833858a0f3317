import type { EventStore } from '@dateline/event-store';
import { describe, expect, it } from 'vitest';
import { ProjectionError } from './projection.js';
import { getFact } from './queries.js';
import { digestState, replayProjections } from './replay.js';
import {
  type AppliedBatch,
  createProjectionRunner,
  RunnerStoppedError,
  WaitTimeoutError,
} from './runner.js';
import { cmd, commandWriter, newStore, storyCommands } from './test-fixtures.js';

/** The store, but catch-up reads come one event at a time and `afterFirst` runs after the first. */
function oneByOne(store: EventStore, afterFirst: () => Promise<void>): EventStore {
  return {
    ...store,
    readAllBatches(options) {
      const inner = store.readAllBatches(options);
      return (async function* () {
        let first = true;
        for await (const batch of inner) {
          for (const envelope of batch) {
            yield [envelope];
            if (first) {
              first = false;
              await afterFirst();
            }
          }
        }
      })();
    },
  };
}

const ghostRetraction = {
  type: 'FactRetracted',
  schemaVersion: 1,
  data: { factId: 'ghost', reason: 'never recorded' },
};

describe('projection runner', () => {
  it('given a log, when events are appended during catch-up, then it catches up and follows them live', async () => {
    const store = newStore();
    const writer = commandWriter(store);
    await writer.runAll(storyCommands.slice(0, 8));
    const runner = createProjectionRunner(
      oneByOne(store, async () => {
        await writer.runAll(storyCommands.slice(8, 12));
      }),
    );
    await runner.start();
    expect(runner.status()).toMatchObject({ phase: 'live', caughtUp: true });

    await writer.runAll(storyCommands.slice(12));
    const head = (await store.head()).position;
    await runner.waitForPosition(head, 1000);
    expect(runner.position()).toBe(head);
    expect(runner.status().projections.map((p) => p.position)).toEqual([head, head, head, head]);
    const full = await replayProjections(store);
    expect(
      ['timeline', 'actors', 'articles', 'interactions'].map((n) => digestState(runner.state(n))),
    ).toEqual(full.projections.map((p) => p.digest));
    await runner.stop();
    expect(runner.status().phase).toBe('stopped');
  });

  it('given a live runner, when a write is appended, then waitForPosition resolves once the read models show it', async () => {
    const store = newStore();
    const writer = commandWriter(store);
    await writer.runAll(storyCommands.slice(0, 7));
    const runner = createProjectionRunner(store);
    const applied: AppliedBatch[] = [];
    runner.onApplied((batch) => applied.push(batch));
    await runner.start();
    await runner.waitForPosition(3, 1000); // already there: resolves at once

    const [envelope] = await writer.run(storyCommands[7]!);
    await runner.waitForPosition(envelope!.position, 1000);
    expect(getFact(runner.readModels(), 'call')?.summary).toBe(
      'Trump and Putin spoke by phone about Ukraine.',
    );
    expect(applied.map((b) => b.position)).toEqual([7, 8]);
    await runner.stop();
  });

  it('times out a wait for a position the log has not reached', async () => {
    const store = newStore();
    const runner = createProjectionRunner(store);
    await runner.start();
    await expect(runner.waitForPosition(5, 10)).rejects.toThrow(WaitTimeoutError);
    await expect(runner.waitForPosition(5, 10)).rejects.toThrow(/reached position 0, not 5/);
    await runner.stop();
  });

  it('given an event a projection cannot apply, then that projection stops there with the position and error; the others go on', async () => {
    const store = newStore();
    const writer = commandWriter(store);
    await writer.runAll(storyCommands.slice(0, 8));
    const errors: string[] = [];
    const runner = createProjectionRunner(store, {
      log: (level, message) => {
        if (level === 'error') errors.push(message);
      },
    });
    await runner.start();
    const [bad] = await store.append('fact-ghost', [ghostRetraction], { expectedVersion: 'any' });
    const after = await writer.run(storyCommands[8]!);
    const head = after[0]!.position;

    await expect(runner.waitForPosition(head, 1000)).rejects.toThrow(ProjectionError);
    await expect(runner.waitForPosition(head, 1000)).rejects.toThrow(
      `projection timeline stopped at position ${bad!.position} (FactRetracted): fact "ghost" is not recorded`,
    );
    await runner.waitForPosition(head, 1000, ['actors', 'interactions']);
    const status = runner.status();
    expect(status.phase).toBe('live');
    expect(status.projections.find((p) => p.name === 'timeline')).toMatchObject({
      position: bad!.position - 1,
      failure: {
        projection: 'timeline',
        position: bad!.position,
        eventId: bad!.eventId,
        eventType: 'FactRetracted',
        message: 'fact "ghost" is not recorded',
      },
    });
    expect(status.projections.find((p) => p.name === 'actors')?.position).toBe(head);
    expect(errors).toEqual(['projection timeline stopped: fact "ghost" is not recorded']);
    // The fact recorded after the bad event never reaches the stopped timeline.
    expect(getFact(runner.readModels(), 'zelensky-reply')).toBeUndefined();
    await runner.stop();
  });

  it('given an event no projection can decode during catch-up, then every projection stops at it and the runner says so', async () => {
    const store = newStore();
    await commandWriter(store).runAll(storyCommands.slice(0, 3));
    await store.append('odd', [{ type: 'FactDeleted', schemaVersion: 1, data: {} }], {
      expectedVersion: 'any',
    });
    const runner = createProjectionRunner(store);
    await runner.start();
    const status = runner.status();
    expect(status.phase).toBe('failed');
    expect(status.projections.map((p) => [p.position, p.failure?.position])).toEqual([
      [3, 4],
      [3, 4],
      [3, 4],
      [3, 4],
    ]);
    expect(status.projections[0]?.failure?.message).toMatch(
      /cannot decode FactDeleted v1: unknown event type/,
    );
    await expect(runner.waitForPosition(4, 1000)).rejects.toThrow(ProjectionError);
    await runner.stop();
  });

  it('rejects pending waits when stopped, and reports a store closed under it', async () => {
    const store = newStore();
    const runner = createProjectionRunner(store);
    await runner.start();
    const pending = runner.waitForPosition(10, 10_000);
    await runner.stop();
    await expect(pending).rejects.toThrow(RunnerStoppedError);

    const other = newStore();
    const second = createProjectionRunner(other);
    await second.start();
    const waiting = second.waitForPosition(10, 10_000);
    await other.close();
    await expect(waiting).rejects.toThrow(RunnerStoppedError);
    expect(second.status()).toMatchObject({
      phase: 'stopped',
      error: 'the event store closed the subscription',
    });
  });

  it('serves the read models of the story after start', async () => {
    const store = newStore();
    await commandWriter(store).runAll([...storyCommands, cmd.article('late-4', '2025-03-01')]);
    const runner = createProjectionRunner(store);
    await runner.start();
    const models = runner.readModels();
    expect(Object.keys(models.articles.articles)).toContain('late-4');
    expect(models.timeline.facts['eu-claim']?.retracted).toBe(true);
    await runner.stop();
  });
});
