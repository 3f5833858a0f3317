import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built module (turbo builds before it tests), run by a plain Node process.
const PROCESSES = fileURLToPath(new URL('../dist/processes.js', import.meta.url));

/** Whether a process runs: a killed one nobody has reaped yet (a zombie) does not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/^\d+ \(.*\) Z/.test(stat);
}

describe('servers the bench starts', () => {
  it('are killed when the bench crashes before stopping them', async () => {
    // A bench that starts a server and then throws, as one did when Chromium was missing.
    const script = `
      import { freePort, startServer } from ${JSON.stringify(PROCESSES)};
      const port = await freePort();
      const server = await startServer({
        name: 'crash-test', command: process.execPath, port, readyPath: '/', timeoutMs: 20000,
        args: ['-e', 'require("node:http").createServer((q, s) => s.end("ok")).listen(' + port + ')'],
        env: {},
      });
      console.log(server.child.pid);
      throw new Error('the bench crashed');
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, DATELINE_BENCH_DIR: '/tmp/dateline-bench-test' },
    });
    expect(run.stderr).toMatch(/the bench crashed/);
    const pid = Number(run.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const left = alive(pid);
    if (left) process.kill(pid, 'SIGKILL'); // not left behind by this test either
    expect(left).toBe(false);
  });
});
