import { join } from 'node:path';
import { DATA_ROOT, SEED } from '../config.js';
import { judge, type Metric } from '../metrics.js';
import { runWorker, type WorkerResult } from '../processes.js';
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

/**
 * Durable appends to an empty file store with 1 and 32 appenders, against write + fdatasync every
 * 64 lines. The disk is shared and noisy, so the three run in rounds and the best of each counts.
 */
export async function measureAppend(ctx: BenchContext): Promise<Metric[]> {
  const dir = join(DATA_ROOT, 'append-store');
  const seconds = ctx.profile.appendSeconds;
  const runs = new Map<string, WorkerResult[]>();
  const keep = (key: string, run: WorkerResult) => runs.set(key, [...(runs.get(key) ?? []), run]);
  for (let i = 0; i < ctx.profile.appendRepeats; i++) {
    const of = `round ${i + 1}/${ctx.profile.appendRepeats}`;
    ctx.say(`append: bare write + fdatasync every ${SYNC_EVERY} lines, ${seconds} s, ${of}`);
    keep(
      'bare',
      await runWorker(
        'append-bare',
        { dir, seconds, seed: SEED, syncEvery: SYNC_EVERY },
        'append-bare',
      ),
    );
    for (const appenders of [1, 32]) {
      ctx.say(`append: file store, ${appenders} concurrent appender(s), ${seconds} s, ${of}`);
      keep(
        String(appenders),
        await runWorker(
          'append-file',
          { dir, appenders, seconds, seed: SEED },
          `append-file-${appenders}`,
        ),
      );
    }
  }
  const best = (key: string) =>
    runs
      .get(key)!
      .reduce((a, b) =>
        (b.result as AppendResult).perSecond > (a.result as AppendResult).perSecond ? b : a,
      );
  const bare = best('bare');
  const b = bare.result as AppendResult;
  return [1, 32].map((appenders) => {
    const run = best(String(appenders));
    const r = run.result as AppendResult;
    return judge({
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
        rounds: {
          product: runs
            .get(String(appenders))!
            .map((x) => Math.round((x.result as AppendResult).perSecond)),
          bare: runs.get('bare')!.map((x) => Math.round((x.result as AppendResult).perSecond)),
        },
      },
    });
  });
}
