import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOG_FLUSH_MS } from '../create-app.js';
import { SEED_SEGMENTS, waitUntilHealthy } from '../test/harness.js';
import { type Running, startMain } from '../test/main-process.js';

let dir: string | undefined;
let api: Running | undefined;
afterAll(async () => {
  api?.child.kill('SIGTERM');
  await api?.exit;
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Overwrites the first bytes of a segment in place, as damage on disk would. */
async function damage(segment: string): Promise<void> {
  const file = await open(segment, 'r+');
  await file.write('##########', 0);
  await file.close();
}

describe('a download that fails after its first bytes', () => {
  it('is cut, never ended as if whole, and the failure is logged', async () => {
    // The seed log in two segments, split where its first append ends: the read models are folded
    // at start, so only a download reads the second segment again, after the first went out.
    dir = await mkdtemp(join(tmpdir(), 'dateline-export-cut-'));
    await mkdir(join(dir, 'segments'));
    const log = await readFile(join(SEED_SEGMENTS, '00000001.ndjson'), 'utf8');
    const lines = log.split(/(?<=\n)/);
    await writeFile(join(dir, 'segments', '00000001.ndjson'), lines.slice(0, 31).join(''));
    await writeFile(join(dir, 'segments', '00000002.ndjson'), lines.slice(31).join(''));
    api = await startMain({ DATELINE_STORE: dir });
    await waitUntilHealthy(api.url);
    const whole = await (await fetch(`${api.url}/export/ndjson`)).text();
    expect(whole.split(/(?<=\n)/)).toHaveLength(lines.length);

    /** Downloads the log, which must fail after its first bytes and be logged; the error logged. */
    const cutDownload = async (requestId: string) => {
      const res = await fetch(`${api!.url}/export/ndjson`, {
        headers: { 'x-request-id': requestId },
      });
      expect(res.status).toBe(200);
      let received = '';
      const decoder = new TextDecoder();
      const reading = (async () => {
        for await (const chunk of res.body!) received += decoder.decode(chunk, { stream: true });
      })();
      await expect(reading).rejects.toThrow(TypeError);
      expect(whole.startsWith(received) && received.length < whole.length).toBe(true);
      const deadline = Date.now() + LOG_FLUSH_MS * 5;
      const logged = () =>
        api?.lines
          .map(
            (line) =>
              JSON.parse(line) as { requestId?: string; msg?: string; err?: { message?: string } },
          )
          .find((line) => line.requestId === requestId && line.msg === 'download cut short');
      while (!logged() && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      return logged()?.err;
    };

    // Bytes overwritten in the second segment.
    const second = join(dir, 'segments', '00000002.ndjson');
    const intact = await readFile(second);
    await damage(second);
    expect(await cutDownload('cut-download')).toMatchObject({
      type: 'CorruptLogError',
      message: expect.stringMatching(/00000002\.ndjson line 1 .*not valid JSON/),
    });
    // The second segment cut short: the download must not end as if the log were shorter.
    await writeFile(second, intact.subarray(0, intact.indexOf(10) + 1));
    expect(await cutDownload('short-download')).toMatchObject({
      type: 'CorruptLogError',
      message: expect.stringMatching(/segments end before this position/),
    });

    // A failure before the first byte is still answered with a status and the API's error shape.
    await damage(join(dir, 'segments', '00000001.ndjson'));
    const refused = await fetch(`${api.url}/export/ndjson`);
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({
      error: {
        code: 'INTERNAL_SERVER_ERROR',
        message: 'internal server error; the problem was logged',
      },
    });
  });
});
