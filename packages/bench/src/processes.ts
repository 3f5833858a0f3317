import { type ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DATA_ROOT, HEAP_FLAGS } from './config.js';

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Where a run's child processes write their .cpuprofile files, when profiling is on. */
let profileDir: string | undefined;
export function setProfileDir(dir: string | undefined): void {
  profileDir = dir;
}

/** Node flags for every measured child process: the same for a product and its baseline. */
export function childExecArgv(label: string): string[] {
  const flags = [...HEAP_FLAGS];
  if (profileDir) {
    const dir = join(profileDir, label);
    mkdirSync(dir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  return flags;
}

export interface WorkerResult {
  /** What the task measured. */
  result: unknown;
  /** Peak resident set size of the worker process, in MiB. */
  peakRssMiB: number;
}

/**
 * Runs one task in a fresh Node process (dist/worker.js), so that every side of a comparison
 * starts from the same cold state and its peak RSS is its own.
 */
export function runWorker(task: string, args: unknown, label = task): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [task, JSON.stringify(args)], {
      execArgv: childExecArgv(label),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let message: WorkerResult | { error: string } | undefined;
    child.on('message', (m) => {
      message = m as WorkerResult | { error: string };
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (message && 'error' in message) reject(new Error(`${task}: ${message.error}`));
      else if (message && code === 0) resolve(message);
      else reject(new Error(`${task}: the worker exited with code ${code} without a result`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Server {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawn to the first 200 from the ready URL. */
  readyMs: number;
  logFile: string;
  stop(): Promise<number | null>;
}

export interface ServerOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  port: number;
  /** Path polled until it answers 200, e.g. /healthz. */
  readyPath: string;
  timeoutMs: number;
  /** How long stop() waits after SIGTERM before SIGKILL (a server may save snapshots first). */
  stopTimeoutMs?: number;
}

/**
 * Server processes still running. The bench stops each one it starts; should it crash first (a
 * browser that cannot be launched, say), they are killed as it exits, so that no API is left
 * holding memory and a port on a shared machine.
 */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a server process, its output going to a log file, and waits until it answers 200. */
export async function startServer(options: ServerOptions): Promise<Server> {
  const logFile = join(DATA_ROOT, 'server-logs', `${options.name}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const out = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  running.add(child);
  let exited: number | null | undefined;
  const exitPromise = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      running.delete(child);
      exited = code;
      resolve(code);
    });
  });
  const stop = async (): Promise<number | null> => {
    if (exited !== undefined) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.stopTimeoutMs ?? 60_000);
    const code = await exitPromise;
    clearTimeout(timer);
    return code;
  };
  const url = `http://127.0.0.1:${options.port}${options.readyPath}`;
  for (;;) {
    if (exited !== undefined)
      throw new Error(
        `${options.name} exited with code ${exited} before it was ready; see ${logFile}`,
      );
    if (performance.now() - started > options.timeoutMs) {
      await stop();
      throw new Error(
        `${options.name} was not ready within ${options.timeoutMs} ms; see ${logFile}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port: options.port, readyMs: performance.now() - started, logFile, stop };
}
