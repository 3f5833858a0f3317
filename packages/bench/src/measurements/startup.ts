import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_ROOT } from '../config.js';
import { judge, type Metric } from '../metrics.js';
import { type BenchContext, round } from './context.js';
import { warmPageCache } from './log-passes.js';
import { startApi } from './servers.js';

/**
 * Time from spawning the API to its first /healthz 200 on the main log: once with an empty
 * snapshot directory (a full replay; stopping it saves the snapshots), then again from them.
 */
export async function measureStartup(ctx: BenchContext): Promise<Metric[]> {
  const log = await ctx.mainLog();
  const snapshotDir = join(DATA_ROOT, `snapshots-${log.events}`);
  await rm(snapshotDir, { recursive: true, force: true });
  const timeoutMs = 60 * 60_000;
  // Both starts read the log; neither should pay for a cold page cache (the snapshots the second
  // start reads were written just before it).
  await warmPageCache(log.dir);

  ctx.say('startup: the API from an empty snapshot directory (full replay)');
  const cold = await startApi({
    name: 'startup-full-replay',
    store: log.dir,
    snapshotDir,
    timeoutMs,
    // Stopping saves the snapshots, which takes a while for a million events: let it finish.
    stopTimeoutMs: 30 * 60_000,
  });
  const fullMs = cold.readyMs;
  const stopCode = await cold.stop(); // saves the snapshots on the way out
  const files = await readdir(snapshotDir).catch(() => [] as string[]);
  const snapshots = files.filter((f) => f.endsWith('.snapshot.ndjson'));
  // A projection whose snapshot could not be saved is folded from the log on the second start:
  // that is what the product does, so it is measured as is and reported.
  const missing = ['timeline', 'actors', 'articles', 'interactions'].filter(
    (name) => !snapshots.includes(`${name}.snapshot.ndjson`),
  );
  const saveWarnings = missing.length > 0 ? await warningsIn(cold.logFile) : [];
  let snapshotBytes = 0;
  for (const f of snapshots) snapshotBytes += (await stat(join(snapshotDir, f))).size;

  ctx.say('startup: the API from its snapshots');
  const warm = await startApi({
    name: 'startup-snapshot',
    store: log.dir,
    snapshotDir,
    timeoutMs,
    stopTimeoutMs: 30 * 60_000,
  });
  const snapshotMs = warm.readyMs;
  await warm.stop();

  return [
    judge({
      group: 'startup',
      id: 'startup',
      label: `API /healthz 200 from snapshots, ${log.events.toLocaleString('en')} events`,
      value: round(snapshotMs / 1000, 2),
      unit: 's',
      baseline: round(fullMs / 1000, 2),
      baselineLabel: 'same API, full replay (no snapshot)',
      ratio: snapshotMs / fullMs,
      target: { on: 'ratio', op: '<=', threshold: 0.2 },
      details: {
        snapshots: snapshots.length,
        stopExitCode: stopCode,
        ...(missing.length > 0 ? { missingSnapshots: missing, saveWarnings } : {}),
        snapshotMiB: round(snapshotBytes / 1024 ** 2, 1),
        logEvents: log.events,
        logMiB: round(log.bytes / 1024 ** 2, 1),
      },
    }),
  ];
}

/** The warning and error lines of a server log, shortened (why a snapshot was not saved). */
async function warningsIn(logFile: string): Promise<string[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(
      (line) => /"level":(40|50|60)/.test(line) || /RangeError|Invalid string length/.test(line),
    )
    .map((line) => line.slice(0, 400))
    .slice(0, 10);
}
