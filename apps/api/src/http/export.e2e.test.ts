import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../test/harness.js';

const exec = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', '..', 'cli', 'dist', 'main.js');

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ log: 'seed' });
});
afterAll(async () => api.close());

const download = (path: string) => fetch(`${api.url}${path}`);

describe('GET /export/{format}', () => {
  it('serves the same bytes as dateline export, with a media type and a file name', async () => {
    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['ics', 'text/calendar'],
      ['timelinejs', 'application/json'],
    ] as const) {
      const res = await download(`/export/${format}?kind=statement&reportedBy=2025-02-17`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="dateline\./);
      const { stdout } = await exec(process.execPath, [
        CLI,
        'export',
        '--store',
        api.store,
        '--format',
        format,
        '--filter',
        'kind=statement',
        '--reported-by',
        '2025-02-17',
      ]);
      expect(await res.text(), format).toBe(stdout);
    }
  });

  it('narrows by filter: only the statements of the seed story', async () => {
    const csv = await (await download('/export/csv?kind=statement')).text();
    const all = await (await download('/export/csv')).text();
    expect(csv.split('\n').length).toBeLessThan(all.split('\n').length);
    expect(csv).toContain('statement');
    expect(csv).not.toMatch(/\bsummit\b,/);
  });

  it('serves the raw log as verifiable NDJSON, and a prefix with asOf', async () => {
    const full = await (await download('/export/ndjson')).text();
    expect(full.trim().split('\n')).toHaveLength(63);
    const prefix = await (await download('/export/ndjson?asOf=31')).text();
    expect(prefix.trim().split('\n')).toHaveLength(31);
    const dir = await mkdtemp(join(tmpdir(), 'dateline-export-verify-'));
    await exec('mkdir', ['-p', join(dir, 'segments')]);
    await writeFile(join(dir, 'segments', '00000001.ndjson'), full);
    const { stdout } = await exec(process.execPath, [CLI, 'verify', '--store', dir]);
    expect(stdout).toMatch(/ok: 63 events/);
  });

  it('reads an asOf time as GraphQL does: today is the present, a time to come is refused', async () => {
    // GraphQL's asOf.recordedAt takes today's date for the present (the end of a day not over yet).
    const today = new Date().toISOString().slice(0, 10);
    const present = await api.gql<{ timeline: { position: number } }>(
      'query ($t: String) { timeline(asOf: { recordedAt: $t }) { position } }',
      { t: today },
    );
    expect(present.body.data?.timeline.position).toBe(63);
    for (const format of ['csv', 'ndjson']) {
      const res = await download(`/export/${format}?asOf=${today}`);
      expect(res.status, format).toBe(200);
      expect(await res.text(), format).toBe(await (await download(`/export/${format}`)).text());
    }
    // and a time still to come is refused by every format, the raw log's too
    for (const format of ['csv', 'ndjson']) {
      const res = await download(`/export/${format}?asOf=2999-01-01T00:00:00Z`);
      expect(res.status, format).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.message, format).toMatch(/asOf.recordedAt is in the future/);
    }
  });

  it('refuses bad parameters with 400 and a message, never a 500', async () => {
    for (const [path, pattern] of [
      ['/export/pdf', /format: unknown format "pdf"/],
      ['/export/csv?asOf=yesterday-ish', /asOf/],
      ['/export/csv?reportedBy=soon', /reportedBy/],
      ['/export/csv?colour=blue', /filter/],
      ['/export/ndjson?kind=call', /cannot be filtered/],
      ['/export/csv?asOf=', /asOf/],
      ['/export/csv?asOf=%2041', /asOf/],
      ['/export/csv?asOf=-1', /asOf/],
      ['/export/csv?reportedBy=', /reportedBy/],
      ['/export/csv?reportedBy=2025-02-31', /reportedBy/],
      ['/export/csv?from=2025-02-30', /filter/],
      ['/export/ndjson?asOf=1000', /asOf.position must be between 0 and the log head \(63\)/],
      ['/export/csv?asOf=1000', /asOf.position must be between 0 and the log head \(63\)/],
      ['/export/ics?title=', /title: give a title/],
      ['/export/ndjson?title=Log', /title: the raw log has no title/],
      ['/export/csv?from=2025-01-01&from=2025-02-01', /^filter from: give it once$/],
      ['/export/csv?status=', /^filter status: give a value/],
    ] as const) {
      const res = await download(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, path).toBe('BAD_USER_INPUT');
      expect(body.error.message, path).toMatch(pattern);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
    }
  });
});
