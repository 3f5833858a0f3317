import type { ChildProcess } from 'node:child_process';
import { expect, test } from './fixtures';
import { freePort, NEXT_BIN, startProcess, stopProcess, WEB_DIR, waitFor } from './servers';

let web: ChildProcess | undefined;
let webUrl = '';

test.beforeAll(async () => {
  const deadApiPort = await freePort();
  const port = await freePort();
  web = startProcess('web-api-down', [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: WEB_DIR,
    env: {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATELINE_API_URL: `http://127.0.0.1:${deadApiPort}/graphql`,
    },
  });
  webUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${webUrl}/`, web, 'web-api-down');
});

test.afterAll(async () => {
  await stopProcess(web);
});

test('when the API is down, every page says so plainly', async ({ page }) => {
  for (const path of ['/', '/facts/paris-summit', '/graph', '/log']) {
    await page.goto(`${webUrl}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'The Dateline API is not answering',
    );
    await expect(page.getByRole('link', { name: 'Back to the storyline' })).toBeVisible();
  }
});
