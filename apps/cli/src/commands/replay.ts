import { writeFile } from 'node:fs/promises';
import type { EventStore } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { isPostgresUrl, openEventStore } from '@dateline/event-store/open';
import {
  createPreload,
  decodeEnvelope,
  defaultProjections,
  getFileSnapshotStore,
  type Preload,
  parseReplayTarget,
  replayProjections,
  serializeState,
} from '@dateline/projections';
import { CliError } from '../errors.js';
import { progressBar } from '../progress.js';
import {
  refuseOutputInStore,
  refusePastHead,
  requireCreatable,
  requireStore,
} from '../store-paths.js';

export interface ReplayOptions {
  store: string;
  until?: string | undefined;
  projections?: string[] | undefined;
  out?: string | undefined;
  snapshotDir?: string | undefined;
  /** Decode every event through the domain schemas (by default verified current events are not). */
  strict?: boolean | undefined;
}

/**
 * Opens the store for reading. A file store read to its head is folded as it is read and checked
 * (one pass over the log); PostgreSQL, or a replay that stops early, reads after opening.
 */
async function openForReading(
  location: string,
  preload: Preload | undefined,
  bar: ReturnType<typeof progressBar>,
): Promise<EventStore> {
  if (isPostgresUrl(location)) return openEventStore(location);
  return getFileEventStore(location, {
    readOnly: true,
    ...(preload
      ? {
          onLoad: preload.feed,
          onLoadProgress: ({ position, bytes, totalBytes }) =>
            bar.update(bytes, totalBytes, position),
        }
      : {}),
  });
}

/** Rebuilds the read models from the log and reports what it did, with a digest per projection. */
export async function replayCommand(options: ReplayOptions): Promise<number> {
  const known = defaultProjections.map((p) => p.name);
  const unknown = (options.projections ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new CliError(`unknown projection ${unknown.join(', ')}; known: ${known.join(', ')}`, 64);
  const projections = options.projections?.length
    ? defaultProjections.filter((p) => options.projections?.includes(p.name))
    : defaultProjections;
  let until: ReturnType<typeof parseReplayTarget> | undefined;
  if (options.until !== undefined) {
    try {
      until = parseReplayTarget(options.until);
    } catch (error) {
      throw new CliError(`--until: ${(error as Error).message}`, 64);
    }
  }

  requireStore(options.store);
  refuseOutputInStore(options.out, options.store);
  refuseOutputInStore(options.snapshotDir, options.store, '--snapshot-dir');
  requireCreatable(options.out, '--out', 'file');
  requireCreatable(options.snapshotDir, '--snapshot-dir', 'directory');
  const decode = options.strict ? decodeEnvelope : undefined;
  // One pass (fold while the store reads the log) for a file store replayed to its head.
  const onePass = !until && !isPostgresUrl(options.store);
  const preload = onePass ? createPreload(projections, decode) : undefined;
  const startedAt = performance.now();
  // Folding while the log is read, progress is in bytes read; afterwards, in events.
  const bar = progressBar('replaying', preload ? 'bytes' : 'events');
  let store: EventStore;
  try {
    store = await openForReading(options.store, preload, bar);
  } catch (error) {
    bar.stop();
    throw error;
  }
  try {
    // What a crash left unfinished at the end is not part of the log: say so, as verify does.
    const torn = (store as { tornTail?: { file: string; bytes: number; reason: string } }).tornTail;
    if (torn)
      console.error(
        `note: ${torn.file} ends with ${torn.bytes} byte(s) never acknowledged (${torn.reason}); they are not replayed, and the next writer will cut them`,
      );
    await refusePastHead(store, until, '--until');
    const summary = await replayProjections(store, {
      ...(until ? { until } : {}),
      // Timed from before the store was opened, so the pass that reads and checks the log counts.
      startedAt,
      ...(preload ? { preloaded: preload } : {}),
      ...(decode ? { decode } : {}),
      projections,
      onProgress: (p) => bar.update(p.eventsRead, p.endPosition),
    });
    bar.stop();
    const seconds = summary.durationMs / 1000;
    const mb = summary.bytes !== undefined ? summary.bytes / 1e6 : undefined;
    console.log(
      `replayed ${summary.eventsRead} events to position ${summary.position} in ${seconds.toFixed(3)} s: ` +
        `${Math.round(summary.eventsPerSecond)} events/s${mb !== undefined ? `, ${(mb / Math.max(seconds, 1e-6)).toFixed(1)} MB/s` : ''}` +
        `; digests in ${(summary.digestMs / 1000).toFixed(3)} s`,
    );
    console.log(`log hash at position ${summary.position}: ${summary.hash}`);
    for (const p of summary.projections) {
      console.log(
        `  ${p.name.padEnd(14)} v${p.version}  ${String(p.eventsApplied).padStart(9)} events applied  sha256 ${p.digest}`,
      );
      if (p.failure)
        console.log(`    STOPPED at position ${p.failure.position}: ${p.failure.message}`);
    }
    if (options.out) {
      const out = {
        position: summary.position,
        hash: summary.hash,
        projections: Object.fromEntries(
          summary.projections.map((p) => {
            const state = summary.states[p.name];
            const present = projections.find((q) => q.name === p.name)?.present;
            // A state laid out for speed also goes out as people would read it.
            const view = present ? { view: present(state) } : {};
            return [p.name, { version: p.version, digest: p.digest, state, ...view }];
          }),
        ),
      };
      await writeFile(options.out, `${JSON.stringify(out, null, 2)}\n`);
      console.log(`wrote the states to ${options.out}`);
    }
    if (options.snapshotDir) {
      const snapshots = getFileSnapshotStore(options.snapshotDir);
      for (const p of summary.projections) {
        if (p.failure) continue;
        await snapshots.save({
          name: p.name,
          version: p.version,
          position: p.position,
          hash: summary.hash,
          state: serializeState(summary.states[p.name]),
        });
      }
      console.log(`saved snapshots at position ${summary.position} in ${options.snapshotDir}`);
    }
    return summary.projections.some((p) => p.failure) ? 1 : 0;
  } finally {
    bar.stop();
    await store.close();
  }
}
