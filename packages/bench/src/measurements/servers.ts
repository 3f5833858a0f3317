import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../config.js';
import { childExecArgv, freePort, type Server, startServer } from '../processes.js';

const BARE_GRAPHQL = fileURLToPath(new URL('../servers/bare-graphql.js', import.meta.url));
export const API_MAIN = join(REPO_ROOT, 'apps/api/dist/main.js');

/**
 * Both servers run as in production, as `npm start` runs the API: graphql-js checks every type
 * test against other copies of itself unless NODE_ENV is "production".
 */
const PRODUCTION = { NODE_ENV: 'production' };

/** The real API as an operator runs it (`node apps/api/dist/main.js`), read-only, on `store`. */
export async function startApi(options: {
  name: string;
  store: string;
  snapshotDir?: string;
  timeoutMs: number;
  stopTimeoutMs?: number;
}): Promise<Server> {
  const port = await freePort();
  return startServer({
    name: options.name,
    command: process.execPath,
    args: [...childExecArgv(options.name), API_MAIN],
    cwd: REPO_ROOT,
    env: {
      ...PRODUCTION,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATELINE_STORE: options.store,
      ...(options.snapshotDir ? { DATELINE_SNAPSHOT_DIR: options.snapshotDir } : {}),
    },
    port,
    readyPath: '/healthz',
    timeoutMs: options.timeoutMs,
    ...(options.stopTimeoutMs ? { stopTimeoutMs: options.stopTimeoutMs } : {}),
  });
}

/** The bare Fastify + Mercurius server over the same store, in the same kind of process. */
export async function startBareGraphql(options: {
  name: string;
  store: string;
  timeoutMs: number;
}): Promise<Server> {
  const port = await freePort();
  return startServer({
    name: options.name,
    command: process.execPath,
    args: [...childExecArgv(options.name), BARE_GRAPHQL],
    cwd: REPO_ROOT,
    env: { ...PRODUCTION, PORT: String(port), DATELINE_STORE: options.store },
    port,
    readyPath: '/healthz',
    timeoutMs: options.timeoutMs,
  });
}
