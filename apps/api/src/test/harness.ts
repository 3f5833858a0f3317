import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import type { StoreOpener } from '../app.module.js';
import type { ApiConfig } from '../config.js';
import { createApp } from '../create-app.js';
import { buildFixtureLog } from './fixture.js';

export const WRITE_TOKEN = 'test-write-token-0123456789';

/** The repository's seed log. */
export const SEED_SEGMENTS = fileURLToPath(new URL('../../../../events/segments', import.meta.url));

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
    }[];
  };
}

export interface TestApi {
  app: NestFastifyApplication;
  url: string;
  graphqlUrl: string;
  store: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * A real Nest app listening on 127.0.0.1 over a temporary log: the repository's seed log copied
 * ('seed'), the test fixture built through the command handler ('fixture'), or nothing ('empty').
 */
export async function startApi(
  options: {
    log?: 'seed' | 'fixture' | 'empty';
    writeToken?: string | null;
    openStore?: StoreOpener;
    /** Skip waiting for /healthz (for tests of the catching-up state). */
    healthy?: boolean;
    rateLimitPerMinute?: number;
    rateLimitAllow?: string[];
    corsOrigins?: ApiConfig['corsOrigins'];
  } = {},
): Promise<TestApi> {
  const dir = await mkdtemp(join(tmpdir(), 'dateline-api-test-'));
  const log = options.log ?? 'fixture';
  if (log === 'seed' && (await exists(SEED_SEGMENTS))) {
    await cp(SEED_SEGMENTS, join(dir, 'segments'), { recursive: true });
  } else if (log !== 'empty') {
    await buildFixtureLog(dir);
  }
  const config: ApiConfig = {
    port: 0,
    host: '127.0.0.1',
    store: dir,
    writeToken: options.writeToken === null ? undefined : (options.writeToken ?? WRITE_TOKEN),
    snapshotDir: undefined,
    logLevel: 'silent',
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    // The tests' client is on loopback: exempt nobody, so a test that sets a limit sees it.
    rateLimitAllow: options.rateLimitAllow ?? [],
    corsOrigins: options.corsOrigins ?? '*',
  };
  const app = await createApp(config, pino({ level: 'silent' }), options.openStore);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const graphqlUrl = `${url}/graphql`;
  // Query texts this server has already compiled (each server compiles its own).
  const compiledQueries = new Set<string>();
  if (options.healthy !== false) await waitUntilHealthy(url);
  return {
    app,
    url,
    graphqlUrl,
    store: dir,
    async gql(query, variables, opts = {}) {
      const send = async () => {
        const res = await fetch(graphqlUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
            ...opts.headers,
          },
          body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
        });
        return { status: res.status, headers: res.headers, body: (await res.json()) as never };
      };
      const first = await send();
      // The API compiles a query with graphql-jit once it has run twice, off the request path
      // (graphql/options.ts). The first time a read is seen it is asked again by graphql-js, then,
      // after a pause long enough for the compiling, once more; every answer must equal the
      // first. Its later runs are compiled and meet the tests' own expectations. Not with a rate
      // limit, whose tests count requests.
      if (config.rateLimitPerMinute === 0 && isQuery(query) && !compiledQueries.has(query)) {
        compiledQueries.add(query);
        for (const run of ['second', 'third (compiled)']) {
          if (run !== 'second')
            await new Promise((resolve) => setTimeout(resolve, COMPILE_PAUSE_MS));
          const again = await send();
          if (again.status !== first.status || !isDeepStrictEqual(again.body, first.body))
            throw new Error(
              `a query answered differently the ${run} time: ${JSON.stringify({ query, first: [first.status, first.body], again: [again.status, again.body] })}`,
            );
        }
      }
      return first;
    },
    async close() {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Mercurius compiles when its event loop was not wholly busy since it last looked, and looks
 * again every 50 ms: a pause of a few of those lets it.
 */
const COMPILE_PAUSE_MS = 150;

/** A document whose only operation is a query (not a mutation or subscription). */
function isQuery(document: string): boolean {
  const operations = document
    .replace(/#[^\n]*/g, '')
    .match(/\b(query|mutation|subscription)\b|^\s*\{/g);
  return !operations?.some((o) => o === 'mutation' || o === 'subscription');
}

/** Polls /healthz until the read models have caught up (each poll is a real request, no sleeps). */
export async function waitUntilHealthy(url: string, attempts = 500): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const res = await fetch(`${url}/healthz`);
    if (res.status === 200) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the API never became healthy');
}

/** Asserts a response carries data and no errors, and returns the data. */
export function dataOf<T>(response: GqlResponse<T>): T {
  if (response.body.errors?.length) {
    throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors, null, 2)}`);
  }
  if (!response.body.data) throw new Error(`no data (status ${response.status})`);
  return response.body.data;
}

export function errorOf(response: GqlResponse): {
  message: string;
  extensions?: Record<string, unknown>;
} {
  const error = response.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body)}`);
  return error;
}
