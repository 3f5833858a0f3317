import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventStore, NewEvent } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { getPostgresEventStore } from '@dateline/event-store/postgres';
import { storyEvents } from '../generator/generate-log.js';

const POOL = 4000;

export interface AppendResult {
  appends: number;
  /** Bytes written (the baseline only; the store does not say). */
  bytes: number;
  ms: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarise(latencies: number[], ms: number, bytes: number): AppendResult {
  const sorted = Float64Array.from(latencies).sort();
  const list = Array.from(sorted);
  return {
    appends: latencies.length,
    bytes,
    ms,
    perSecond: (latencies.length * 1000) / ms,
    latencyMs: {
      p50: percentile(list, 50),
      p99: percentile(list, 99),
      max: list[list.length - 1] ?? 0,
    },
  };
}

/** Realistic events to append, made before the clock starts and used in turn. */
function eventPool(seed: string): Array<{ streamId: string; event: NewEvent }> {
  const pool: Array<{ streamId: string; event: NewEvent }> = [];
  for (const item of storyEvents(seed)) {
    // The store gives each append a fresh id, as for a new command.
    const { eventId: _, ...event } = item.event;
    pool.push({ streamId: item.streamId, event });
    if (pool.length === POOL) break;
  }
  return pool;
}

/** The line the store would write for an event, near enough in size for the baseline. */
function lineFor(item: { streamId: string; event: NewEvent }, position: number): string {
  return `${JSON.stringify({
    position,
    streamId: item.streamId,
    streamVersion: 1,
    eventId: '00000000-0000-4000-8000-000000000000',
    type: item.event.type,
    schemaVersion: item.event.schemaVersion,
    recordedAt: new Date(0).toISOString(),
    data: item.event.data,
    metadata: item.event.metadata,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  })}\n`;
}

/**
 * `appenders` concurrent loops, each appending one event at a time and waiting for the store's
 * acknowledgement (after fdatasync for the file store, after COMMIT for PostgreSQL).
 */
async function appendLoad(
  store: EventStore,
  args: { appenders: number; seconds: number; seed: string },
): Promise<AppendResult> {
  const pool = eventPool(args.seed);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + args.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const item = pool[next++ % pool.length]!;
      const t0 = performance.now();
      await store.append(item.streamId, [item.event], { expectedVersion: 'any' });
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: args.appenders }, loop));
  const ms = performance.now() - started;
  return summarise(latencies, ms, 0);
}

export async function appendFile(args: {
  dir: string;
  appenders: number;
  seconds: number;
  seed: string;
}): Promise<AppendResult> {
  await rm(args.dir, { recursive: true, force: true });
  const store = await getFileEventStore(args.dir, { tool: 'dateline-bench' });
  try {
    return await appendLoad(store, args);
  } finally {
    await store.close();
    await rm(args.dir, { recursive: true, force: true });
  }
}

export async function appendPostgres(args: {
  url: string;
  appenders: number;
  seconds: number;
  seed: string;
}): Promise<AppendResult> {
  const store = await getPostgresEventStore(args.url);
  try {
    return await appendLoad(store, args);
  } finally {
    await store.close();
  }
}

/**
 * Baseline of append: one writer, `write` per line and `fdatasync` after every `syncEvery` lines.
 * A line counts as acknowledged when the fdatasync that covers it returns.
 */
export async function appendBare(args: {
  dir: string;
  seconds: number;
  seed: string;
  syncEvery: number;
}): Promise<AppendResult> {
  await rm(args.dir, { recursive: true, force: true });
  await mkdir(args.dir, { recursive: true });
  const lines = eventPool(args.seed).map((item, i) => Buffer.from(lineFor(item, i + 1)));
  const handle = await open(join(args.dir, 'bare.ndjson'), 'a');
  const latencies: number[] = [];
  let bytes = 0;
  let next = 0;
  try {
    const started = performance.now();
    const deadline = started + args.seconds * 1000;
    while (performance.now() < deadline) {
      const issued: number[] = [];
      for (let i = 0; i < args.syncEvery; i++) {
        const line = lines[next++ % lines.length]!;
        issued.push(performance.now());
        await handle.write(line);
        bytes += line.length;
      }
      await handle.datasync();
      const acked = performance.now();
      for (const t of issued) latencies.push(acked - t);
    }
    return summarise(latencies, performance.now() - started, bytes);
  } finally {
    await handle.close();
    await rm(args.dir, { recursive: true, force: true });
  }
}
