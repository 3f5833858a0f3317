import { performance } from 'node:perf_hooks';
import type { Envelope } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { openEventStore } from '@dateline/event-store/open';
import { getPostgresEventStore } from '@dateline/event-store/postgres';
import { replayProjections } from '@dateline/projections';
import type { LogPassResult } from './log-tasks.js';

const IMPORT_BATCH = 500;

/** Copies a generated file log into an empty PostgreSQL database, keeping positions and hashes. */
export async function importPostgres(args: {
  url: string;
  dir: string;
}): Promise<{ events: number }> {
  const source = await getFileEventStore(args.dir, { readOnly: true });
  const target = await getPostgresEventStore(args.url);
  let events = 0;
  try {
    let pending: Envelope[] = [];
    for await (const batch of source.readAllBatches()) {
      pending.push(...batch);
      while (pending.length >= IMPORT_BATCH) {
        await target.importEnvelopes(pending.slice(0, IMPORT_BATCH));
        events += IMPORT_BATCH;
        pending = pending.slice(IMPORT_BATCH);
      }
    }
    if (pending.length > 0) {
      await target.importEnvelopes(pending);
      events += pending.length;
    }
    return { events };
  } finally {
    await source.close();
    await target.close();
  }
}

/** The product's rebuild from PostgreSQL, as `dateline replay --store postgres://…` does it. */
export async function replayPostgres(args: { url: string }): Promise<LogPassResult> {
  const started = performance.now();
  const store = await openEventStore(args.url);
  const opened = performance.now();
  const summary = await replayProjections(store);
  const ms = performance.now() - started;
  await store.close();
  return {
    events: summary.eventsRead,
    bytes: 0,
    ms,
    phases: { openMs: opened - started, foldMs: summary.durationMs },
    check: summary.hash,
  };
}
