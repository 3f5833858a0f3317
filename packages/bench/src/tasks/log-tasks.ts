import { hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { getFileEventStore, loadLog } from '@dateline/event-store/file';
import { validateWithDomain } from '@dateline/event-store/open';
import { createPreload, createProjectionRunner, replayProjections } from '@dateline/projections';
import { forEachLine } from './read-segments.js';

export interface LogPassResult {
  events: number;
  bytes: number;
  ms: number;
  /** Parts of `ms`, where the product has several phases. */
  phases?: Record<string, number>;
  check?: string;
}

/** Baseline of replay: read the segments, split lines, JSON.parse each one. Nothing else. */
export async function replayBare({ dir }: { dir: string }): Promise<LogPassResult> {
  const started = performance.now();
  let last: unknown;
  const { lines, bytes } = await forEachLine(dir, (buffer, start, end) => {
    last = JSON.parse(buffer.toString('utf8', start, end));
  });
  const ms = performance.now() - started;
  return { events: lines, bytes, ms, check: String((last as { hash?: string })?.hash) };
}

/**
 * The product's rebuild, as `dateline replay` does it: open the file store, which reads the log
 * once, checking every hash and link and folding every projection as it goes, then compute each
 * projection's state digest.
 */
export async function replayProduct({ dir }: { dir: string }): Promise<LogPassResult> {
  const started = performance.now();
  const preload = createPreload();
  const store = await getFileEventStore(dir, { readOnly: true, onLoad: preload.feed });
  const opened = performance.now();
  const summary = await replayProjections(store, { preloaded: preload, startedAt: started });
  const ms = performance.now() - started;
  await store.close();
  const failed = summary.projections.filter((p) => p.failure);
  if (failed.length > 0)
    throw new Error(`projections failed: ${failed.map((p) => p.failure?.message).join('; ')}`);
  return {
    events: summary.eventsRead,
    bytes: store.loadedBytes,
    ms,
    phases: { openAndFoldMs: opened - started, digestsMs: ms - (opened - started) },
    check: summary.hash,
  };
}

/**
 * The product's rebuild as the API does it at startup without snapshots: open the store, folding
 * as it reads (apps/api app.module.ts), then start the projection runner from that fold, which
 * catches up with anything after it (no digests).
 */
export async function replayRunner({ dir }: { dir: string }): Promise<LogPassResult> {
  const started = performance.now();
  const preload = createPreload();
  const store = await getFileEventStore(dir, { readOnly: true, onLoad: preload.feed });
  const opened = performance.now();
  const runner = createProjectionRunner(store, { preloaded: preload });
  await runner.start();
  const ms = performance.now() - started;
  const status = runner.status();
  const head = await store.head();
  await runner.stop();
  await store.close();
  const failed = status.projections.filter((p) => p.failure);
  if (failed.length > 0)
    throw new Error(`projections failed: ${failed.map((p) => p.failure?.message).join('; ')}`);
  return {
    events: status.lastRead,
    bytes: store.loadedBytes,
    ms,
    phases: { openAndFoldMs: opened - started, runnerMs: ms - (opened - started) },
    check: head.hash,
  };
}

/**
 * Baseline of verify: one sha256 per line over the same bytes, with Node's one-shot hash (the
 * cheapest way Node offers, and the one the product uses).
 */
export async function verifyBare({ dir }: { dir: string }): Promise<LogPassResult> {
  const started = performance.now();
  let last = '';
  const { lines, bytes } = await forEachLine(dir, (buffer, start, end) => {
    last = hash('sha256', buffer.subarray(start, end), 'hex');
  });
  return { events: lines, bytes, ms: performance.now() - started, check: last.slice(0, 8) };
}

/** The product's full hash-chain verification, as `dateline verify` does it. */
export async function verifyProduct({ dir }: { dir: string }): Promise<LogPassResult> {
  const started = performance.now();
  const log = await loadLog(dir);
  const ms = performance.now() - started;
  if (log.torn) throw new Error(`the generated log has a torn tail: ${log.torn.reason}`);
  return { events: log.index.head.position, bytes: log.bytesRead, ms, check: log.index.head.hash };
}

/** `dateline verify --decode`: the chain, and every event decoded through the domain schemas. */
export async function verifyDecodeProduct({ dir }: { dir: string }): Promise<LogPassResult> {
  const started = performance.now();
  const log = await loadLog(dir, { validateEvent: validateWithDomain });
  const ms = performance.now() - started;
  if (log.torn) throw new Error(`the generated log has a torn tail: ${log.torn.reason}`);
  return { events: log.index.head.position, bytes: log.bytesRead, ms, check: log.index.head.hash };
}
