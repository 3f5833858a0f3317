#!/usr/bin/env node
// `npm start` and `npm test` enter here so that a machine with only Node and npm
// (no global pnpm, no prior install) gets the pinned pnpm, a frozen install and a build.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const pinned = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).packageManager.split('@')[1];

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pinned) return ['pnpm'];
  return ['npx', '-y', `pnpm@${pinned}`];
}

const pnpm = pnpmCommand();
function run(args, env = {}) {
  const [cmd, ...rest] = [...pnpm, ...args];
  console.log(`\n> ${[cmd, ...rest].join(' ')}`);
  const result = spawnSync(cmd, rest, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1', ...env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const mode = process.argv[2];
run(['install', '--frozen-lockfile']);
if (mode === 'test') {
  run(['exec', 'biome', 'ci', '.']);
  run(['run', 'check-log']);
  run(['exec', 'turbo', 'run', 'build', 'typecheck']);
  run(['exec', 'turbo', 'run', 'test', '--concurrency=1']);
} else if (mode === 'start') {
  run(['exec', 'turbo', 'run', 'build']);
  run(['run', 'serve']);
} else {
  console.error('usage: quick.mjs start|test');
  process.exit(2);
}
