import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const WEB_DIR = new URL('..', import.meta.url).pathname;
export const REPO_ROOT = new URL('../../..', import.meta.url).pathname;
export const API_MAIN = `${REPO_ROOT}apps/api/dist/main.js`;
export const NEXT_BIN = `${WEB_DIR}node_modules/next/dist/bin/next`;
export const LOG_DIR = `${WEB_DIR}test-results/servers`;

/** A port the kernel just handed out and released: free for the next moment. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a Node program with its output in test-results/servers/<name>.log. */
export function startProcess(
  name: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): ChildProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(`${LOG_DIR}/${name}.log`);
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Waits until `url` answers 200, or fails with where to look. */
export async function waitFor(url: string, child: ChildProcess, name: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with ${child.exitCode}; see ${LOG_DIR}/${name}.log`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not answer ${url} within ${ms} ms; see ${LOG_DIR}/${name}.log`);
}

export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timeout = sleep(5_000).then(() => 'timeout');
  if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
}

export function requireBuilt(): void {
  if (!existsSync(API_MAIN)) {
    throw new Error(`the API is not built (${API_MAIN}): run \`pnpm turbo run build\` first`);
  }
  if (!existsSync(`${WEB_DIR}.next/BUILD_ID`)) {
    throw new Error('the web app is not built: run `pnpm --filter @dateline/web build` first');
  }
}
