import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import { judge, type Metric } from '../metrics.js';
import type { Server } from '../processes.js';
import { type BenchContext, round } from './context.js';
import { startApi, startBareGraphql } from './servers.js';

export const TIMELINE_QUERY = `query BenchTimeline {
  timeline(first: 50) {
    totalCount
    position
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id kind status summary version retracted corroborationCount
        occurred { earliest latest precision label }
        participants { role actor { id name kind country title } }
        quotes { text paragraph speaker { id name } }
        sources { kind paragraph excerpt position recordedAt article { id publisher headline publishedAt url } }
      }
    }
  }
}`;

export const LOG_HEAD_QUERY = 'query BenchLogHead { logHead { position } }';

const QUERIES = [
  {
    id: 'timeline',
    label: 'timeline(first: 50) + participants, quotes, sources',
    query: TIMELINE_QUERY,
  },
  { id: 'logHead', label: 'logHead { position }', query: LOG_HEAD_QUERY },
] as const;

interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  responseSha256: string;
  responseBytes: number;
}

async function postOnce(server: Server, query: string): Promise<{ text: string; status: number }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { text: await response.text(), status: response.status };
}

async function load(
  server: Server,
  query: string,
  seconds: number,
  connections: number,
): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${server.port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration: seconds,
  });
}

/** One server at a time: start it, check its answers, warm it up, then load each query. */
async function measureServer(
  ctx: BenchContext,
  start: () => Promise<Server>,
  label: string,
): Promise<Record<string, LoadResult>> {
  ctx.say(`graphql: starting ${label}`);
  const server = await start();
  try {
    const out: Record<string, LoadResult> = {};
    for (const q of QUERIES) {
      const once = await postOnce(server, q.query);
      const body = JSON.parse(once.text) as { data?: unknown; errors?: unknown };
      if (once.status !== 200 || body.errors || !body.data)
        throw new Error(
          `${label} answered ${q.id} with ${once.status}: ${once.text.slice(0, 500)}`,
        );
      const { warmupSeconds, seconds, connections } = {
        warmupSeconds: ctx.profile.graphqlWarmupSeconds,
        seconds: ctx.profile.graphqlSeconds,
        connections: ctx.profile.graphqlConnections,
      };
      ctx.say(
        `graphql: ${label} ${q.id}: ${warmupSeconds} s warm-up, ${seconds} s × ${connections} connections`,
      );
      await load(server, q.query, warmupSeconds, connections);
      const r = await load(server, q.query, seconds, connections);
      out[q.id] = {
        requestsPerSecond: r.requests.average,
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.average },
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        responseSha256: createHash('sha256').update(JSON.stringify(body.data)).digest('hex'),
        responseBytes: Buffer.byteLength(once.text),
      };
    }
    return out;
  } finally {
    await server.stop();
  }
}

/**
 * The real API against the bare Fastify + Mercurius server, on the same log, the same queries,
 * the same duration and connections, driven by autocannon in this process, one server at a time.
 */
export async function measureGraphql(ctx: BenchContext): Promise<Metric[]> {
  const log = await ctx.serveLog();
  const timeoutMs = 30 * 60_000;
  const bare = await measureServer(
    ctx,
    () => startBareGraphql({ name: 'graphql-bare', store: log.dir, timeoutMs }),
    'bare Fastify + Mercurius',
  );
  const product = await measureServer(
    ctx,
    () => startApi({ name: 'graphql-api', store: log.dir, timeoutMs }),
    'the API (NestJS + Mercurius)',
  );
  return QUERIES.map((q) => {
    const p = product[q.id]!;
    const b = bare[q.id]!;
    const clean = (r: LoadResult) => ({
      requestsPerSecond: round(r.requestsPerSecond, 1),
      latencyMs: { p50: r.latencyMs.p50, p99: r.latencyMs.p99, mean: round(r.latencyMs.mean, 2) },
      requests: r.requests,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      responseBytes: r.responseBytes,
    });
    return judge({
      group: 'graphql',
      id: `graphql.${q.id}`,
      label: `graphql ${q.label}`,
      value: round(p.requestsPerSecond, 1),
      unit: 'req/s',
      baseline: round(b.requestsPerSecond, 1),
      baselineLabel: 'bare Fastify + Mercurius, same schema and read models',
      ratio: p.requestsPerSecond / b.requestsPerSecond,
      target: { on: 'ratio', op: '>=', threshold: 0.6 },
      details: {
        p50Ms: p.latencyMs.p50,
        p99Ms: p.latencyMs.p99,
        sameAnswer: p.responseSha256 === b.responseSha256,
        product: clean(p),
        bare: clean(b),
        load: {
          seconds: ctx.profile.graphqlSeconds,
          warmupSeconds: ctx.profile.graphqlWarmupSeconds,
          connections: ctx.profile.graphqlConnections,
          logEvents: log.events,
        },
      },
    });
  });
}
