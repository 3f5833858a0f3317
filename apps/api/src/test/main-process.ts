import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface Running {
  child: ChildProcess;
  url: string;
  lines: string[];
  exit: Promise<number | null>;
}

/** Starts `node dist/main.js` as `pnpm start` does and waits for its "listening" log line. */
export async function startMain(env: Record<string, string>): Promise<Running> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build the API first (pnpm --filter @dateline/api build)`);
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const parsed = JSON.parse(line) as { url?: string };
      if (parsed.url) resolve(parsed.url);
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += String(chunk);
    });
    void exit.then((code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
  });
  return { child, url, lines, exit };
}
