/**
 * Loads the exported JSON into TimelineJS3 itself (the built JS and CSS of @knight-lab/timelinejs)
 * in Debian's Chromium, from a page served on 127.0.0.1, with every other request refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFacts } from './formats.js';
import { selectFacts } from './select.js';
import { modelsFromCuration, seedModels, TRICKY_CURATION } from './test-fixtures.js';
import { toTimelineJs } from './timelinejs.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMELINE_DIST = join(
  dirname(createRequire(import.meta.url).resolve('@knight-lab/timelinejs/package.json')),
  'dist',
);
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dateline in TimelineJS</title>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script></head>
<body style="margin:0"><div id="timeline-embed" style="width:1000px;height:640px"></div>
<script>
  window.loaded = false;
  window.timelineEvents = [];
  fetch('/data.json').then((r) => r.json()).then((data) => {
    // Self-hosted: the script path keeps TimelineJS off its CDN, and a system-font theme off web fonts.
    window.timeline = new TL.Timeline('timeline-embed', data, {
      script_path: location.origin + '/tl/js/',
      font: 'georgia-helvetica',
    });
    for (const name of ['dataloaded', 'loaded', 'change']) {
      window.timeline.on(name, () => window.timelineEvents.push(name));
    }
    window.loaded = true;
  });
</script></body></html>`;

let server: Server;
let base: string;
let browser: Browser;
let data = '{}';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    if (url.pathname === '/data.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(data);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(TIMELINE_DIST, url.pathname.replace(/^\/tl\//, '')));
    if (url.pathname.startsWith('/tl/') && file.startsWith(TIMELINE_DIST) && existsSync(file)) {
      res
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(readFileSync(file));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
});

interface Loaded {
  errors: string[];
  offHost: string[];
  slides: number;
  markers: number;
  headlines: string[];
  bodyText: string;
  injected: number;
  configErrors: string[];
}

interface TimelineHandle {
  config?: { getErrors(): unknown[] };
}

async function load(json: string): Promise<Loaded> {
  data = json;
  const page = await browser.newPage();
  const errors: string[] = [];
  const offHost: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
    offHost.push(url);
    return route.abort();
  });
  try {
    await page.goto(base);
    await page.waitForFunction(() => (globalThis as unknown as { loaded: boolean }).loaded);
    // TimelineJS builds its slides and markers after the data loads.
    await page
      .waitForSelector('.tl-timemarker, .tl-message-full', { state: 'attached', timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(300);
    return {
      errors,
      offHost,
      slides: await page.locator('.tl-slide').count(),
      markers: await page.locator('.tl-timemarker').count(),
      headlines: await page.locator('.tl-slide .tl-headline').allInnerTexts(),
      bodyText: (await page.locator('#timeline-embed').textContent()) ?? '',
      injected: await page.locator('#timeline-embed now, #timeline-embed script').count(),
      // TimelineJS validates the document itself and keeps what it rejected.
      configErrors: await page.evaluate(() => {
        const tl = (globalThis as unknown as { timeline: TimelineHandle }).timeline;
        return (tl.config?.getErrors() ?? ['no configuration']).map((e) =>
          typeof e === 'string' ? e : JSON.stringify(e),
        );
      }),
    };
  } finally {
    await page.close();
  }
}

describe('TimelineJS3 loads the export', () => {
  it('shows every fact of the seed log with no console errors', async () => {
    const { models } = await seedModels();
    const json = exportFacts('timelinejs', models, { title: 'Ukraine: 17 February 2025' });
    const events = (JSON.parse(json) as { events: unknown[] }).events.length;
    const result = await load(json);
    expect(result.errors).toStrictEqual([]);
    expect(result.configErrors).toStrictEqual([]);
    expect(result.offHost).toStrictEqual([]);
    expect(result.markers).toBe(events);
    // One slide per event plus the title slide.
    expect(result.slides).toBe(events + 1);
    expect(result.headlines).toContain('Ukraine: 17 February 2025');
  });

  it('renders escaped text as text, at each precision', async () => {
    const { models } = await modelsFromCuration(TRICKY_CURATION);
    const { facts } = selectFacts(models);
    const result = await load(JSON.stringify(toTimelineJs(models, facts)));
    expect(result.errors).toStrictEqual([]);
    expect(result.configErrors).toStrictEqual([]);
    expect(result.markers).toBe(facts.length);
    expect(result.bodyText).toContain('saying "enough, <now>"');
    expect(result.injected).toBe(0);
  });

  it.each([
    ['no events at all', { events: [] }],
    ['a year that is not a number', { events: [{ start_date: { year: 'soon' }, unique_id: 'x' }] }],
  ])('reports a broken document (%s), so a clean run means something', async (_, doc) => {
    const result = await load(JSON.stringify(doc));
    expect([...result.errors, ...result.configErrors].length).toBeGreaterThan(0);
    expect(result.markers).toBe(0);
  });
});
