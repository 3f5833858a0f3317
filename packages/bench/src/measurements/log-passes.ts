import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { judge, type Metric } from '../metrics.js';
import { runWorker } from '../processes.js';
import type { LogPassResult } from '../tasks/log-tasks.js';
import { type BenchContext, round } from './context.js';

interface Run {
  result: LogPassResult;
  peakRssMiB: number;
}

interface Variant {
  task: string;
  id: string;
  label: string;
  what: string;
  /** Reported without a target. */
  reported?: true;
}

const VARIANTS: Record<'replay' | 'verify', Variant[]> = {
  replay: [
    {
      task: 'replay-runner',
      id: 'replay',
      label: 'replay (open + projection runner, as the API rebuilds)',
      what: 'getFileEventStore folding every projection as it reads and checks each line (onLoad), then createProjectionRunner({ preloaded }).start() to the head',
    },
    {
      task: 'replay-product',
      id: 'replay.cli',
      label: 'replay as `dateline replay` (open + replayProjections)',
      what: 'getFileEventStore folding as it reads (onLoad), then replayProjections({ preloaded }): state digests',
    },
  ],
  verify: [
    {
      task: 'verify-product',
      id: 'verify',
      label: 'verify as `dateline verify`',
      what: 'loadLog: sha256 of every line (canonical lines as stored, older lines re-serialised), positions, prevHash links, stream versions, unique ids, envelope fields',
    },
    {
      task: 'verify-decode-product',
      id: 'verify.decode',
      label: 'verify as `dateline verify --decode`',
      what: 'the same, with every event parsed whole and decoded through the domain schemas',
      reported: true,
    },
  ],
};

const BASELINES = {
  replay: 'read + split lines + JSON.parse',
  verify: 'read + split lines + sha256 per line',
};

const rate = (r: LogPassResult) => (r.events * 1000) / r.ms;
const mbPerSecond = (r: LogPassResult) => r.bytes / 1e6 / (r.ms / 1000);

function describe(run: Run) {
  return {
    seconds: round(run.result.ms / 1000, 3),
    eventsPerSecond: Math.round(rate(run.result)),
    mbPerSecond: round(mbPerSecond(run.result), 1),
    peakRssMiB: run.peakRssMiB,
    ...(run.result.phases
      ? {
          phasesSeconds: Object.fromEntries(
            Object.entries(run.result.phases).map(([k, v]) => [
              k.replace(/Ms$/, ''),
              round(v / 1000, 3),
            ]),
          ),
        }
      : {}),
  };
}

/** Reads every segment of a log once, so that the timed runs all find it in the page cache. */
export async function warmPageCache(dir: string): Promise<void> {
  const segments = join(dir, 'segments');
  for (const name of (await readdir(segments)).sort()) await readFile(join(segments, name));
}

const best = (runs: Run[]) => runs.reduce((a, b) => (b.result.ms < a.result.ms ? b : a));

/**
 * replay or verify on the main log: every side in its own fresh process, alternating baseline and
 * product `repeats` times; the fastest run of each side counts (the machine is shared).
 */
export async function measureLogPass(
  ctx: BenchContext,
  kind: 'replay' | 'verify',
): Promise<Metric[]> {
  const log = await ctx.mainLog();
  // Read once, untimed, so that the first run (the baseline's) does not pay for a cold page cache.
  await warmPageCache(log.dir);
  const bare: Run[] = [];
  const product = new Map<string, Run[]>();
  const failures = new Map<string, string>();
  for (let i = 0; i < ctx.profile.repeats; i++) {
    const of = `${i + 1}/${ctx.profile.repeats}`;
    ctx.say(`${kind}: baseline (${BASELINES[kind]}), run ${of}`);
    bare.push((await runWorker(`${kind}-bare`, { dir: log.dir }, `${kind}-bare`)) as Run);
    for (const variant of VARIANTS[kind]) {
      if (failures.has(variant.id)) continue;
      ctx.say(`${kind}: ${variant.label}, run ${of}`);
      try {
        const run = (await runWorker(variant.task, { dir: log.dir }, variant.task)) as Run;
        if (run.result.events !== log.events)
          throw new Error(`read ${run.result.events} events, the log has ${log.events}`);
        if (run.result.check !== log.head.hash)
          throw new Error(`ended at hash ${run.result.check}, the log's head is ${log.head.hash}`);
        product.set(variant.id, [...(product.get(variant.id) ?? []), run]);
      } catch (error) {
        failures.set(variant.id, error instanceof Error ? error.message : String(error));
        ctx.say(`${kind}: ${variant.label} failed: ${failures.get(variant.id)}`);
      }
    }
  }
  for (const run of bare) {
    if (run.result.events !== log.events)
      throw new Error(`the ${kind} baseline read ${run.result.events} events, not ${log.events}`);
  }
  const b = best(bare);
  return VARIANTS[kind].map((variant) => {
    const runs = product.get(variant.id) ?? [];
    const common = {
      group: kind,
      id: variant.id,
      label: `${variant.label}, ${log.events.toLocaleString('en')} events`,
      unit: 'events/s',
      baseline: Math.round(rate(b.result)),
      baselineLabel: BASELINES[kind],
      ...(variant.reported ? {} : { target: { on: 'ratio', op: '>=', threshold: 0.5 } as const }),
    };
    const log_ = { events: log.events, bytes: log.bytes, segments: log.segments };
    if (runs.length === 0) {
      return judge({
        ...common,
        value: Number.NaN,
        details: {
          error: failures.get(variant.id),
          what: variant.what,
          bare: describe(b),
          log: log_,
        },
      });
    }
    const p = best(runs);
    return judge({
      ...common,
      value: Math.round(rate(p.result)),
      ratio: rate(p.result) / rate(b.result),
      details: {
        product: { what: variant.what, ...describe(p) },
        bare: describe(b),
        runs: { product: runs.map(describe), bare: bare.map(describe) },
        log: log_,
        ...(failures.has(variant.id) ? { error: failures.get(variant.id) } : {}),
      },
    });
  });
}
