/**
 * The GraphQL baseline: Fastify + Mercurius, no Nest, serving the API's own schema (its generated
 * schema.graphql) over the same read models, folded by the same projection runner from the same
 * store. Resolvers do only what the answer needs. `node bare-graphql.js` with PORT and DATELINE_STORE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getFileEventStore } from '@dateline/event-store/file';
import { validateWithDomain } from '@dateline/event-store/open';
import {
  createProjectionRunner,
  getActor,
  getArticle,
  queryTimelineAt,
  type ReadModels,
  type TimelineFact,
} from '@dateline/projections';
// biome-ignore lint/style/noRestrictedImports: the baseline is a bare Fastify server by definition
import Fastify from 'fastify';
// biome-ignore lint/style/noRestrictedImports: the baseline is a bare Mercurius server by definition
import mercurius from 'mercurius';
import { REPO_ROOT } from '../config.js';

const port = Number(process.env.PORT ?? 4100);
const storeDir = process.env.DATELINE_STORE;
if (!storeDir) throw new Error('DATELINE_STORE is required');

const upper = (value: string) => value.toUpperCase();

/** The same cursor the API gives out, so that both servers answer with the same bytes. */
const cursorOf = (fact: TimelineFact) =>
  Buffer.from(
    JSON.stringify([fact.occurred.earliest, fact.occurred.latest, fact.firstPosition]),
  ).toString('base64url');

const store = await getFileEventStore(storeDir, {
  readOnly: true,
  validateEvent: validateWithDomain,
});
const runner = createProjectionRunner(store);
await runner.start();
const models = (): ReadModels => runner.readModels();

const resolvers = {
  Query: {
    timeline: (_: unknown, args: { first?: number | null }) => {
      const sorted = queryTimelineAt(models(), runner.position(), {});
      const first = args.first ?? 20;
      const page = sorted.slice(0, first);
      const edges = page.map((fact) => ({ cursor: cursorOf(fact), node: fact }));
      return {
        edges,
        pageInfo: {
          hasNextPage: first < sorted.length,
          hasPreviousPage: false,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        totalCount: sorted.length,
        position: runner.position(),
      };
    },
    logHead: () => store.head(),
  },
  Fact: {
    kind: (fact: TimelineFact) => upper(fact.kind),
    status: (fact: TimelineFact) => upper(fact.status),
    occurred: (fact: TimelineFact) => ({
      ...fact.occurred,
      precision: upper(fact.occurred.precision),
    }),
    participants: (fact: TimelineFact) =>
      fact.participants.map((p) => ({ role: upper(p.role), actor: getActor(models(), p.actorId) })),
    quotes: (fact: TimelineFact) =>
      fact.quotes.map((q) => ({
        text: q.text,
        paragraph: q.paragraph ?? null,
        speaker: q.speakerId === undefined ? null : getActor(models(), q.speakerId),
      })),
    sources: (fact: TimelineFact) =>
      fact.sources.map((c) => ({
        ...c,
        kind: upper(c.kind),
        article: getArticle(models(), c.articleId),
      })),
    corroborationCount: (fact: TimelineFact) =>
      fact.sources.filter((s) => s.kind === 'corroboration').length,
  },
  Actor: {
    kind: (actor: { kind: string }) => upper(actor.kind),
  },
};

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ ok: true }));
await app.register(mercurius, {
  schema: readFileSync(join(REPO_ROOT, 'apps/api/schema.graphql'), 'utf8'),
  resolvers,
  graphiql: false,
  path: '/graphql',
});
await app.listen({ port, host: '127.0.0.1' });

const shutdown = async () => {
  await app.close();
  await runner.stop();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
