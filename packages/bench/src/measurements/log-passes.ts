import { judge, type Metric } from '../metrics.js';
import { runWorker } from '../processes.js';
import type { LogPassResult } from '../tasks/log-tasks.js';
import { type BenchContext, round } from './context.js';

interface Run {
  result: LogPassResult;
  peakRssMiB: number;
}

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

/**
 * replay or verify on the main log: each side in its own fresh process, alternating bare and
 * product `repeats` times; the fastest run of each side counts (the machine is shared).
 */
export async function measureLogPass(
  ctx: BenchContext,
  kind: 'replay' | 'verify',
): Promise<Metric[]> {
  const log = await ctx.mainLog();
  const bare: Run[] = [];
  const product: Run[] = [];
  for (let i = 0; i < ctx.profile.repeats; i++) {
    ctx.say(`${kind}: bare baseline, run ${i + 1}/${ctx.profile.repeats}`);
    bare.push((await runWorker(`${kind}-bare`, { dir: log.dir }, `${kind}-bare`)) as Run);
    ctx.say(`${kind}: product, run ${i + 1}/${ctx.profile.repeats}`);
    product.push((await runWorker(`${kind}-product`, { dir: log.dir }, `${kind}-product`)) as Run);
  }
  const best = (runs: Run[]) => runs.reduce((a, b) => (b.result.ms < a.result.ms ? b : a));
  const b = best(bare);
  const p = best(product);
  for (const run of [...bare, ...product]) {
    if (run.result.events !== log.events)
      throw new Error(`${kind} read ${run.result.events} events, the log has ${log.events}`);
  }
  if (p.result.check !== log.head.hash)
    throw new Error(`${kind} ended at hash ${p.result.check}, the log's head is ${log.head.hash}`);
  const what =
    kind === 'replay'
      ? 'open (reads, checks and validates the log) + fold the four projections, as `dateline replay`'
      : 'hash chain, envelope shape, stream versions, ids and domain decoding, as `dateline verify`';
  return [
    judge({
      group: kind,
      id: kind,
      label: `${kind} ${log.events.toLocaleString('en')} events`,
      value: Math.round(rate(p.result)),
      unit: 'events/s',
      baseline: Math.round(rate(b.result)),
      baselineLabel:
        kind === 'replay' ? 'read + split + JSON.parse' : 'read + split + sha256 per line',
      ratio: rate(p.result) / rate(b.result),
      target: { on: 'ratio', op: '>=', threshold: 0.5 },
      details: {
        product: { what, ...describe(p) },
        bare: describe(b),
        runs: { product: product.map(describe), bare: bare.map(describe) },
        log: { events: log.events, bytes: log.bytes, segments: log.segments },
      },
    }),
  ];
}
