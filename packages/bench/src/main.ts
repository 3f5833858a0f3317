/**
 * `pnpm bench [--quick] [--only name[,name]] [--check] [--profile]`: runs the measurements of
 * issue 9, each against a bare baseline measured in the same run, prints a table and writes
 * packages/bench/results/latest.{json,md}. See docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  DATA_ROOT,
  describeMachine,
  logDir,
  PROFILES,
  type Profile,
  REPO_ROOT,
  RESULTS_DIR,
  SEED,
} from './config.js';
import { ensureLog } from './generator/generate-log.js';
import { measureAppend } from './measurements/append.js';
import type { BenchContext, LogInfo } from './measurements/context.js';
import { measureGraphql } from './measurements/graphql.js';
import { measureLogPass } from './measurements/log-passes.js';
import { measurePostgres } from './measurements/postgres.js';
import { measureStartup } from './measurements/startup.js';
import { measureWeb } from './measurements/web.js';
import { failedMetric, type Metric } from './metrics.js';
import { setProfileDir } from './processes.js';
import { type BenchRun, terminalTable, writeResults } from './report.js';

const MEASUREMENTS: Record<string, (ctx: BenchContext) => Promise<Metric[]>> = {
  replay: (ctx) => measureLogPass(ctx, 'replay'),
  verify: (ctx) => measureLogPass(ctx, 'verify'),
  graphql: measureGraphql,
  append: measureAppend,
  startup: measureStartup,
  web: measureWeb,
  postgres: measurePostgres,
};

function usage(): string {
  return [
    'usage: pnpm bench [--quick] [--only <name>[,<name>…]] [--check] [--profile] [--build-web]',
    `  measurements: ${Object.keys(MEASUREMENTS).join(', ')}`,
    '  --quick    everything on smaller data (under five minutes)',
    '  --only     run only the named measurements (repeatable or comma-separated)',
    '  --check    exit 1 when a target is missed',
    `  --profile  write .cpuprofile files of every measured process under ${DATA_ROOT}/profiles`,
    '  --build-web  run next build in apps/web first (by default its existing build is measured)',
  ].join('\n');
}

function gitState(): BenchRun['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT }).toString().trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      check: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'build-web': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const only = values.only
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = (only ?? []).filter((name) => !(name in MEASUREMENTS));
  if (unknown.length > 0) {
    console.error(`unknown measurement ${unknown.join(', ')}\n${usage()}`);
    return 64;
  }
  const profile: Profile = PROFILES[values.quick ? 'quick' : 'full'];
  if (values.profile)
    setProfileDir(join(DATA_ROOT, 'profiles', new Date().toISOString().replaceAll(':', '-')));

  const started = performance.now();
  const git = gitState(); // the code measured is the code at the start
  const say = (message: string) =>
    console.error(
      `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`,
    );
  const logs = new Map<number, Promise<LogInfo>>();
  const logOf = (events: number): Promise<LogInfo> => {
    let pending = logs.get(events);
    if (!pending) {
      const dir = logDir(events, profile.segmentMaxBytes);
      say(`log of ${events.toLocaleString('en')} events: ${dir}`);
      pending = ensureLog({
        dir,
        events,
        seed: SEED,
        segmentMaxBytes: profile.segmentMaxBytes,
      }).then((g) => {
        say(
          g.reused
            ? `reusing the generated log of ${g.events} events (${(g.bytes / 1e6).toFixed(0)} MB, ${g.segments} segments)`
            : `generated ${g.events} events (${(g.bytes / 1e6).toFixed(0)} MB, ${g.segments} segments) in ${(g.generatedInMs / 1000).toFixed(1)} s`,
        );
        return { ...g, dir };
      });
      logs.set(events, pending);
    }
    return pending;
  };
  const ctx: BenchContext = {
    profile,
    buildWeb: values['build-web'] ?? false,
    mainLog: () => logOf(profile.logEvents),
    serveLog: () => logOf(profile.serveEvents),
    logOf,
    say,
  };

  const metrics: Metric[] = [];
  for (const [name, measure] of Object.entries(MEASUREMENTS)) {
    if (only && !only.includes(name)) continue;
    say(`== ${name}`);
    try {
      metrics.push(...(await measure(ctx)));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      say(`${name} failed: ${message}`);
      metrics.push(failedMetric(name, message));
    }
  }

  const targeted = metrics.filter((m) => m.met !== undefined);
  const run: BenchRun = {
    tool: '@dateline/bench',
    profile: profile.name,
    only: only ?? null,
    date: new Date().toISOString(),
    durationSeconds: Math.round((performance.now() - started) / 1000),
    machine: describeMachine(),
    git,
    metrics,
    summary: {
      targets: targeted.length,
      met: targeted.filter((m) => m.met).length,
      missed: targeted.filter((m) => !m.met).map((m) => m.id),
    },
  };
  console.log(terminalTable(run));
  const written = await writeResults(RESULTS_DIR, run);
  console.log(`wrote ${written.map((f) => f.replace(REPO_ROOT, '')).join(', ')}`);
  return values.check && run.summary.missed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
