#!/usr/bin/env node
// Starts the API and the web app side by side on the default store and stops both together.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const apiPort = process.env.API_PORT ?? '4000';
const webPort = process.env.WEB_PORT ?? '3000';
const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;

const children = [
  // A 64 MiB young generation: folding the log keeps most of what it allocates, and the default
  // one makes rebuilding read models about a quarter slower (docs/performance.md).
  spawn(process.execPath, ['--max-semi-space-size=64', 'apps/api/dist/main.js'], {
    cwd: root,
    stdio: 'inherit',
    // graphql-js skips its development-time checks on every type test in production.
    env: { NODE_ENV: 'production', ...process.env, PORT: apiPort, HOST: '127.0.0.1' },
  }),
  spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', webPort],
    {
      cwd: `${root}apps/web`,
      stdio: 'inherit',
      env: {
        ...process.env,
        PORT: webPort,
        DATELINE_API_URL: apiUrl,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  ),
];

console.log(`\nDateline is starting:\n  web  http://127.0.0.1:${webPort}\n  api  ${apiUrl}\n`);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
}
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`a Dateline process exited (${code ?? 'signal'}); stopping the other`);
      stop(code ?? 1);
    } else if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(0);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
