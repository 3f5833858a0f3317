import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../test/harness.js';

const NOTEBOOK = 'https://notebook.example.org';

function preflight(api: TestApi, origin: string) {
  return fetch(api.graphqlUrl, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
}

function query(api: TestApi, origin: string) {
  return fetch(api.graphqlUrl, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ logHead { position } }' }),
  });
}

describe('CORS by default: any origin may read, and write with a token', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ log: 'empty' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers a preflight for a JSON POST with a bearer token', async () => {
    const res = await preflight(api, NOTEBOOK);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('lets the page read the answer and its request id', async () => {
    const res = await query(api, NOTEBOOK);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    expect(await res.json()).toEqual({ data: { logHead: { position: 0 } } });
  });
});

describe('DATELINE_CORS_ORIGINS as a list', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ log: 'empty', corsOrigins: [NOTEBOOK] });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('names a listed origin and varies on Origin', async () => {
    const res = await query(api, NOTEBOOK);
    expect(res.headers.get('access-control-allow-origin')).toBe(NOTEBOOK);
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('gives any other origin no permission, in a preflight or an answer', async () => {
    const other = 'https://elsewhere.example.org';
    expect((await preflight(api, other)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await query(api, other)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('DATELINE_CORS_ORIGINS=none', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ log: 'empty', corsOrigins: 'none' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers no preflight and grants no origin', async () => {
    const res = await preflight(api, NOTEBOOK);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await query(api, NOTEBOOK)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
