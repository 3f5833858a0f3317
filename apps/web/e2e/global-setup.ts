import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_MAIN,
  freePort,
  NEXT_BIN,
  REPO_ROOT,
  requireBuilt,
  startProcess,
  stopProcess,
  WEB_DIR,
  waitFor,
} from './servers';

/**
 * Starts the real API on a temporary copy of the seed log, and the production web app in front
 * of it; the tests read the addresses and the write token from the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  requireBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'dateline-web-e2e-'));
  const store = join(dir, 'events');
  cpSync(join(REPO_ROOT, 'events', 'segments'), join(store, 'segments'), { recursive: true });

  const token = randomBytes(24).toString('hex');
  const apiPort = await freePort();
  const api = startProcess('api', [API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      DATELINE_STORE: store,
      DATELINE_SNAPSHOT_DIR: join(dir, 'snapshots'),
      DATELINE_WRITE_TOKEN: token,
      LOG_LEVEL: 'warn',
    },
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  try {
    await waitFor(`${apiUrl}/healthz`, api, 'api');
  } catch (error) {
    await stopProcess(api);
    throw error;
  }

  const webPort = await freePort();
  const web = startProcess('web', [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(webPort)], {
    cwd: WEB_DIR,
    env: {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATELINE_API_URL: `${apiUrl}/graphql`,
      DATELINE_LIVE_POLL_MS: '500',
    },
  });
  const webUrl = `http://127.0.0.1:${webPort}`;
  try {
    await waitFor(`${webUrl}/api/head`, web, 'web');
  } catch (error) {
    await Promise.all([stopProcess(web), stopProcess(api)]);
    throw error;
  }

  process.env.DATELINE_E2E_API_URL = `${apiUrl}/graphql`;
  process.env.DATELINE_E2E_WEB_URL = webUrl;
  process.env.DATELINE_E2E_WRITE_TOKEN = token;

  return async () => {
    await Promise.all([stopProcess(web), stopProcess(api)]);
    rmSync(dir, { recursive: true, force: true });
  };
}
