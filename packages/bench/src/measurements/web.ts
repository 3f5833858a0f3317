import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { BENCH_ROOT, CHROMIUM_PATH, DATA_ROOT, REPO_ROOT } from '../config.js';
import { judge, type Metric } from '../metrics.js';
import { freePort, type Server, startServer } from '../processes.js';
import { type BenchContext, round } from './context.js';
import { startApi } from './servers.js';

const WEB_DIR = join(REPO_ROOT, 'apps/web');
const BLANK_DIR = join(BENCH_ROOT, 'fixtures/blank-next');
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The Next.js package an app resolves (the blank page's comes from this package's dependencies). */
function nextDir(appDir: string): string {
  return dirname(createRequire(join(appDir, 'package.json')).resolve('next/package.json'));
}

function nextBin(appDir: string): string {
  return join(nextDir(appDir), 'dist/bin/next');
}

function nextVersion(appDir: string): string {
  return (
    JSON.parse(readFileSync(join(nextDir(appDir), 'package.json'), 'utf8')) as { version: string }
  ).version;
}

function newestMtime(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  let newest = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.next') continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(path);
  return newest;
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/**
 * Builds a Next app for production when it has no build, or when asked (--build-web). An existing
 * build is used as it is, since apps/web may be built by its owners meanwhile; whether its sources
 * are newer than the build is reported.
 */
async function ensureBuilt(
  ctx: BenchContext,
  appDir: string,
  sources: string[],
  force: boolean,
): Promise<{ rebuilt: boolean; stale: boolean; builtAt: string }> {
  const buildId = join(appDir, '.next/BUILD_ID');
  const newest = Math.max(...sources.map((s) => (existsSync(s) ? newestMtime(s) : 0)));
  let rebuilt = false;
  if (force || !existsSync(buildId)) {
    ctx.say(`web: next build in ${appDir}`);
    await run(process.execPath, [nextBin(appDir), 'build'], appDir);
    rebuilt = true;
  }
  if (!existsSync(buildId)) throw new Error(`next build left no ${buildId}`);
  const built = statSync(buildId).mtimeMs;
  return { rebuilt, stale: newest > built, builtAt: new Date(built).toISOString() };
}

async function startNext(
  name: string,
  appDir: string,
  env: Record<string, string>,
): Promise<Server> {
  const port = await freePort();
  return startServer({
    name,
    command: process.execPath,
    args: [nextBin(appDir), 'start', '-p', String(port), '-H', '127.0.0.1'],
    cwd: appDir,
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env },
    port,
    readyPath: '/',
    timeoutMs: 120_000,
  });
}

/** The JavaScript files the HTML of `url` loads up front, and their sizes raw and gzipped. */
async function firstLoadJs(url: string) {
  const html = await (await fetch(url)).text();
  const sources = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)) sources.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*rel="(?:modulepreload|preload)"[^>]*>/g)) {
    if (!/\sas="script"/.test(m[0]) && !m[0].includes('modulepreload')) continue;
    const href = /\shref="([^"]+)"/.exec(m[0])?.[1];
    if (href) sources.add(href);
  }
  let rawBytes = 0;
  let gzipBytes = 0;
  const files: Array<{ src: string; bytes: number; gzip: number }> = [];
  for (const src of sources) {
    const absolute = new URL(src.replaceAll('&amp;', '&'), url).toString();
    const body = Buffer.from(await (await fetch(absolute)).arrayBuffer());
    const gzip = gzipSync(body, { level: 9 }).length;
    rawBytes += body.length;
    gzipBytes += gzip;
    files.push({ src, bytes: body.length, gzip });
  }
  return { files, rawBytes, gzipBytes };
}

interface LighthouseRun {
  scores: Record<(typeof CATEGORIES)[number], number>;
  failing: Array<{ id: string; title: string; score: number | null; displayValue?: string }>;
  metrics: Record<string, number | undefined>;
}

async function runLighthouse(url: string, reportFile: string): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROME_FLAGS,
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new LighthouseRunError('Lighthouse returned no result');
    const { lhr } = result;
    // A run that could not record the page (e.g. NO_NAVSTART on a loaded machine) scores 0: it is
    // a failed measurement, not a score of the page.
    if (lhr.runtimeError)
      throw new LighthouseRunError(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    await writeFile(
      reportFile,
      typeof result.report === 'string' ? result.report : JSON.stringify(lhr),
    );
    const scores = Object.fromEntries(
      CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
    ) as LighthouseRun['scores'];
    const failing: LighthouseRun['failing'] = [];
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
        failing.push({
          id: audit.id,
          title: audit.title,
          score: audit.score,
          ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
        });
      }
    }
    const metric = (id: string) => lhr.audits[id]?.numericValue;
    return {
      scores,
      failing,
      metrics: {
        fcpMs: metric('first-contentful-paint'),
        lcpMs: metric('largest-contentful-paint'),
        tbtMs: metric('total-blocking-time'),
        cls: metric('cumulative-layout-shift'),
        speedIndexMs: metric('speed-index'),
      },
    };
  } finally {
    chrome.kill();
  }
}

class LighthouseRunError extends Error {}

/** One counted run: a run Lighthouse itself fails is retried (twice at most) and reported. */
async function countedRun(
  url: string,
  reportFile: string,
  failures: string[],
): Promise<LighthouseRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runLighthouse(url, reportFile);
    } catch (error) {
      if (!(error instanceof LighthouseRunError) || attempt === 3) throw error;
      failures.push(error.message);
    }
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/**
 * Lighthouse 12.2.3 (its default mobile profile) with Debian's Chromium on `/` of the production
 * build, served by `next start` against the API on the serve log; and the first-load JavaScript of
 * `/` against a blank page built with the same Next.js version.
 */
export async function measureWeb(ctx: BenchContext): Promise<Metric[]> {
  const webVersion = nextVersion(WEB_DIR);
  const blankVersion = nextVersion(BLANK_DIR);
  if (webVersion !== blankVersion)
    throw new Error(`apps/web uses Next ${webVersion}, the blank page ${blankVersion}: align them`);
  const webBuild = await ensureBuilt(
    ctx,
    WEB_DIR,
    [join(WEB_DIR, 'src'), join(WEB_DIR, 'next.config.ts'), join(WEB_DIR, 'package.json')],
    ctx.buildWeb,
  );
  if (webBuild.stale)
    ctx.say('web: note: apps/web has sources newer than its build (--build-web rebuilds)');
  const blankBuild = await ensureBuilt(
    ctx,
    BLANK_DIR,
    [join(BLANK_DIR, 'app'), join(BLANK_DIR, 'next.config.mjs')],
    false,
  );
  if (blankBuild.stale) await ensureBuilt(ctx, BLANK_DIR, [], true);

  const log = await ctx.serveLog();
  const reports = join(DATA_ROOT, 'lighthouse');
  await mkdir(reports, { recursive: true });
  const api = await startApi({ name: 'web-api', store: log.dir, timeoutMs: 30 * 60_000 });
  const runs: LighthouseRun[] = [];
  const blankRuns: LighthouseRun[] = [];
  const failedRuns: string[] = [];
  let webJs: Awaited<ReturnType<typeof firstLoadJs>>;
  let blankJs: Awaited<ReturnType<typeof firstLoadJs>>;
  try {
    const web = await startNext('web-next', WEB_DIR, {
      DATELINE_API_URL: `http://127.0.0.1:${api.port}/graphql`,
    });
    try {
      // The blank page is scored in the same rounds, alternating with `/`: on this kind of machine
      // Next's own runtime takes most of the blocking-time budget, and the blank page shows how much.
      const blank = await startNext('blank-next', BLANK_DIR, {});
      try {
        const url = `http://127.0.0.1:${web.port}/`;
        const blankUrl = `http://127.0.0.1:${blank.port}/`;
        webJs = await firstLoadJs(url);
        blankJs = await firstLoadJs(blankUrl);
        for (let i = 0; i < ctx.profile.lighthouseRuns; i++) {
          const round = `${i + 1}/${ctx.profile.lighthouseRuns}`;
          ctx.say(`web: Lighthouse run ${round} on ${url}, then on the blank page`);
          runs.push(await countedRun(url, join(reports, `web-${i + 1}.json`), failedRuns));
          blankRuns.push(
            await countedRun(blankUrl, join(reports, `blank-${i + 1}.json`), failedRuns),
          );
        }
      } finally {
        await blank.stop();
      }
    } finally {
      await web.stop();
    }
  } finally {
    await api.stop();
  }

  const score = (c: (typeof CATEGORIES)[number]) => median(runs.map((r) => r.scores[c]));
  const medianRun = runs.find((r) => r.scores.performance === score('performance')) ?? runs[0]!;
  const blankPerformance = median(blankRuns.map((r) => r.scores.performance));
  const blankMedianRun =
    blankRuns.find((r) => r.scores.performance === blankPerformance) ?? blankRuns[0]!;
  const tbt = (list: LighthouseRun[]) => round(median(list.map((r) => r.metrics.tbtMs ?? 0)), 0);
  const common = {
    group: 'web',
    unit: 'score',
    details: {
      runs: runs.map((r) => r.scores),
      ...(failedRuns.length > 0 ? { failedRunsRetried: failedRuns } : {}),
      lighthouseMetrics: medianRun.metrics,
      failingAudits: medianRun.failing,
      profile: 'Lighthouse default (mobile, simulated throttling)',
      reports,
    },
  };
  return [
    judge({
      ...common,
      id: 'web.performance',
      label: 'web / Lighthouse performance',
      value: score('performance'),
      baseline: blankPerformance,
      baselineLabel: `blank page, Next ${blankVersion}, scored in the same rounds (reported)`,
      target: { on: 'value', op: '>=', threshold: 95 },
      details: {
        ...common.details,
        medianTbtMs: tbt(runs),
        blank: {
          runs: blankRuns.map((r) => r.scores.performance),
          medianTbtMs: tbt(blankRuns),
          lighthouseMetrics: blankMedianRun.metrics,
        },
      },
    }),
    judge({
      ...common,
      id: 'web.accessibility',
      label: 'web / Lighthouse accessibility',
      value: score('accessibility'),
      target: { on: 'value', op: '>=', threshold: 100 },
    }),
    judge({
      ...common,
      id: 'web.best-practices',
      label: 'web / Lighthouse best practices',
      value: score('best-practices'),
      target: { on: 'value', op: '>=', threshold: 95 },
    }),
    judge({
      group: 'web',
      id: 'web.first-load-js',
      label: 'web / first-load JS (gzip)',
      value: round(webJs.gzipBytes / 1024, 1),
      unit: 'KiB',
      baseline: round(blankJs.gzipBytes / 1024, 1),
      baselineLabel: `blank page, Next ${blankVersion}`,
      ratio: webJs.gzipBytes / blankJs.gzipBytes,
      target: { on: 'ratio', op: '<=', threshold: 1.3 },
      details: {
        nextVersion: webVersion,
        webBuild,
        rawKiB: round(webJs.rawBytes / 1024, 1),
        blankRawKiB: round(blankJs.rawBytes / 1024, 1),
        files: webJs.files.map((f) => ({ src: f.src, gzipKiB: round(f.gzip / 1024, 1) })),
        blankFiles: blankJs.files.map((f) => ({ src: f.src, gzipKiB: round(f.gzip / 1024, 1) })),
      },
    }),
  ];
}
