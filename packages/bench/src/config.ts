import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so that the working directory does not matter. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BENCH_ROOT = join(REPO_ROOT, 'packages/bench');
export const RESULTS_DIR = join(BENCH_ROOT, 'results');
/** Generated logs, stores and snapshots: large, so outside the repository. */
export const DATA_ROOT = process.env.DATELINE_BENCH_DIR ?? '/tmp/dateline-bench';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SEED = 'dateline-bench-1';

/**
 * Heap for every process that holds a whole log's read models (product and baseline alike):
 * the default limit (about 4 GiB here) is too small for the read models of a million events.
 * The 64 MiB young generation is what the API and the CLI run with (apps/api and root
 * package.json, scripts/serve.mjs): building read models keeps most of what it allocates.
 */
export const HEAP_FLAGS = ['--max-old-space-size=16384', '--max-semi-space-size=64'];

export interface Profile {
  name: 'quick' | 'full';
  /** Events in the log that replay, verify and startup use. */
  logEvents: number;
  /** Events behind the read models that the GraphQL servers and the web page serve. */
  serveEvents: number;
  /** Events copied into PostgreSQL for its replay comparison. */
  postgresEvents: number;
  segmentMaxBytes: number;
  /** Runs of each side of replay and verify (alternating, bare first); the best of each counts. */
  repeats: number;
  graphqlSeconds: number;
  graphqlWarmupSeconds: number;
  graphqlConnections: number;
  /** Alternating load rounds per query (bare, API, bare, API…); the best of each counts. */
  graphqlRounds: number;
  appendSeconds: number;
  /** Rounds of (baseline, 1 appender, 32 appenders); the best of each counts (the disk is shared). */
  appendRepeats: number;
  /** Lighthouse runs on `/`; the median counts (one run alone swings by 10 points here). */
  lighthouseRuns: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  quick: {
    name: 'quick',
    logEvents: 50_000,
    serveEvents: 20_000,
    postgresEvents: 10_000,
    segmentMaxBytes: 8 * 1024 * 1024,
    repeats: 2,
    graphqlSeconds: 5,
    graphqlWarmupSeconds: 1,
    graphqlConnections: 10,
    graphqlRounds: 1,
    appendSeconds: 3,
    appendRepeats: 2,
    lighthouseRuns: 3,
  },
  full: {
    name: 'full',
    logEvents: 1_000_000,
    serveEvents: 100_000,
    postgresEvents: 100_000,
    segmentMaxBytes: 64 * 1024 * 1024,
    repeats: 1,
    graphqlSeconds: 15,
    graphqlWarmupSeconds: 3,
    graphqlConnections: 10,
    graphqlRounds: 2,
    appendSeconds: 10,
    appendRepeats: 3,
    lighthouseRuns: 5,
  },
};

export function logDir(events: number, segmentMaxBytes: number): string {
  return join(DATA_ROOT, 'logs', `${SEED}-${events}-${Math.round(segmentMaxBytes / 1024)}k`);
}

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
