import { getFileEventStore } from '@dateline/event-store/file';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startApi, type TestApi, WRITE_TOKEN } from './test/harness.js';

// A disk that refuses writes while `full` is set (ENOSPC), as a full or failing disk does.
let full = false;
let api: TestApi;

beforeAll(async () => {
  api = await startApi({
    log: 'fixture',
    openStore: (config, onLoad) =>
      getFileEventStore(config.store, {
        tool: 'dateline-api',
        ...(onLoad ? { onLoad } : {}),
        io: {
          write: async (handle, data) => {
            if (full)
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
                code: 'ENOSPC',
              });
            await handle.write(data);
          },
          datasync: (handle) => handle.datasync(),
        },
      }),
  });
});
afterAll(async () => api?.close());

const REGISTER =
  'mutation ($name: String!) { registerActor(input: { name: $name, kind: PERSON }) { id } }';

describe('a store stopped by a disk error', () => {
  it('says that writes wait for a restart, and /healthz reports it, not "try again later"', async () => {
    const before = dataOf(
      await api.gql<{ logHead: { position: number } }>('{ logHead { position } }'),
    );
    full = true;
    const refused = errorOf(
      await api.gql(REGISTER, { name: 'Disk Probe' }, { token: WRITE_TOKEN }),
    );
    expect(refused.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // The file store never acknowledges after a failed write, even once the disk is fixed, until
    // it is reopened: a client told "try again later" would retry for ever.
    full = false;
    const again = errorOf(await api.gql(REGISTER, { name: 'Disk Probe' }, { token: WRITE_TOKEN }));
    expect(again.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    for (const error of [refused, again]) {
      expect(error.message).not.toMatch(/try again/);
      expect(error.message).toMatch(/disk error/);
      expect(error.message).toMatch(/restart/);
    }
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(503);
    const report = (await health.json()) as { ok: boolean; store?: string };
    expect(report.ok).toBe(false);
    expect(report.store).toMatch(/disk error.*restart/);
    // reads still answer, from the log as it was
    expect(
      dataOf(await api.gql<{ logHead: { position: number } }>('{ logHead { position } }')),
    ).toEqual(before);
  });
});
