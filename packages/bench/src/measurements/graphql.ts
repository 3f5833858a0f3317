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

/** Checks that a server answers every query with data, and fingerprints the answers. */
async function answers(
  server: Server,
  label: string,
): Promise<Record<string, { sha256: string; bytes: number }>> {
  const out: Record<string, { sha256: string; bytes: number }> = {};
  for (const q of QUERIES) {
    const once = await postOnce(server, q.query);
    const body = JSON.parse(once.text) as { data?: unknown; errors?: unknown };
    if (once.status !== 200 || body.errors || !body.data)
      throw new Error(`${label} answered ${q.id} with ${once.status}: ${once.text.slice(0, 500)}`);
    out[q.id] = {
      sha256: createHash('sha256').update(JSON.stringify(body.data)).digest('hex'),
      bytes: Buffer.byteLength(once.text),
    };
  }
  return out;
}

async function loadOnce(
  ctx: BenchContext,
  server: Server,
  query: string,
  label: string,
): Promise<Omit<LoadResult, 'responseSha256' | 'responseBytes'>> {
  const {
    graphqlWarmupSeconds: warmup,
    graphqlSeconds: seconds,
    graphqlConnections: connections,
  } = ctx.profile;
  ctx.say(`graphql: ${label}: ${warmup} s warm-up, ${seconds} s × ${connections} connections`);
  await load(server, query, warmup, connections);
  const r = await load(server, query, seconds, connections);
  return {
    requestsPerSecond: r.requests.average,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.average },
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/**
 * The real API against the bare Fastify + Mercurius server, on the same log, the same queries,
 * the same duration and connections, driven by autocannon in this process, one server at a time.
 */
export async function measureGraphql(ctx: BenchContext): Promise<Metric[]> {
  const log = await ctx.serveLog();
  const timeoutMs = 30 * 60_000;
  // Both servers are started (each folds the log once), then loaded in turn: only one of them is
  // under load at any time, and alternating rounds spreads the machine's noise over both.
  ctx.say('graphql: starting the bare Fastify + Mercurius server');
  const bare = await startBareGraphql({ name: 'graphql-bare', store: log.dir, timeoutMs });
  let api: Server | undefined;
  try {
    ctx.say('graphql: starting the API (NestJS + Mercurius)');
    api = await startApi({ name: 'graphql-api', store: log.dir, timeoutMs });
    const servers = { bare, api };
    const fingerprints = {
      bare: await answers(bare, 'the bare server'),
      api: await answers(api, 'the API'),
    };
    const results: Record<string, Record<'bare' | 'api', LoadResult[]>> = {};
    for (const q of QUERIES) {
      results[q.id] = { bare: [], api: [] };
      for (let round = 1; round <= ctx.profile.graphqlRounds; round++) {
        for (const side of ['bare', 'api'] as const) {
          const label = `${side === 'bare' ? 'bare' : 'API'} ${q.id}, round ${round}/${ctx.profile.graphqlRounds}`;
          const r = await loadOnce(ctx, servers[side], q.query, label);
          results[q.id]![side].push({
            ...r,
            responseSha256: fingerprints[side][q.id]!.sha256,
            responseBytes: fingerprints[side][q.id]!.bytes,
          });
        }
      }
    }
    const best = (list: LoadResult[]) =>
      list.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
    return QUERIES.map((q) => {
      const p = best(results[q.id]!.api);
      const b = best(results[q.id]!.bare);
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
          rounds: {
            product: results[q.id]!.api.map((r) => round(r.requestsPerSecond, 1)),
            bare: results[q.id]!.bare.map((r) => round(r.requestsPerSecond, 1)),
          },
          load: {
            seconds: ctx.profile.graphqlSeconds,
            warmupSeconds: ctx.profile.graphqlWarmupSeconds,
            connections: ctx.profile.graphqlConnections,
            logEvents: log.events,
            apiLogLevel: 'info (the default)',
          },
        },
      });
    });
  } finally {
    await api?.stop();
    await bare.stop();
  }
}
