import { join } from 'node:path';
import { DATA_ROOT, SEED } from '../config.js';
import { judge, type Metric } from '../metrics.js';
import { runWorker } from '../processes.js';
import type { AppendResult } from '../tasks/append-tasks.js';
import { type BenchContext, round } from './context.js';

const SYNC_EVERY = 64;

export function describeAppend(r: AppendResult, peakRssMiB: number) {
  return {
    appends: r.appends,
    seconds: round(r.ms / 1000, 2),
    perSecond: Math.round(r.perSecond),
    latencyMs: {
      p50: round(r.latencyMs.p50, 2),
      p99: round(r.latencyMs.p99, 2),
      max: round(r.latencyMs.max, 2),
    },
    peakRssMiB,
  };
}

/** Durable appends to an empty file store with 1 and 32 appenders, against write+fdatasync/64. */
export async function measureAppend(ctx: BenchContext): Promise<Metric[]> {
  const dir = join(DATA_ROOT, 'append-store');
  const seconds = ctx.profile.appendSeconds;
  ctx.say(`append: bare write + fdatasync every ${SYNC_EVERY} lines, ${seconds} s`);
  const bare = await runWorker(
    'append-bare',
    { dir, seconds, seed: SEED, syncEvery: SYNC_EVERY },
    'append-bare',
  );
  const results: Metric[] = [];
  const b = bare.result as AppendResult;
  for (const appenders of [1, 32]) {
    ctx.say(`append: file store, ${appenders} concurrent appender(s), ${seconds} s`);
    const run = await runWorker(
      'append-file',
      { dir, appenders, seconds, seed: SEED },
      `append-file-${appenders}`,
    );
    const r = run.result as AppendResult;
    results.push(
      judge({
        group: 'append',
        id: `append.${appenders}`,
        label: `append, ${appenders} appender${appenders > 1 ? 's' : ''} (ack after fdatasync)`,
        value: Math.round(r.perSecond),
        unit: 'events/s',
        baseline: Math.round(b.perSecond),
        baselineLabel: `write + fdatasync every ${SYNC_EVERY} lines`,
        ratio: r.perSecond / b.perSecond,
        ...(appenders === 32 ? { target: { on: 'ratio', op: '>=', threshold: 0.5 } as const } : {}),
        details: {
          p99AckMs: round(r.latencyMs.p99, 2),
          product: describeAppend(r, run.peakRssMiB),
          bare: describeAppend(b, bare.peakRssMiB),
        },
      }),
    );
  }
  return results;
}
