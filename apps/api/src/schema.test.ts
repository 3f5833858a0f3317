import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiSchema, printSorted, SCHEMA_FILE } from './graphql/print-schema.js';
import { startApi, type TestApi } from './test/harness.js';

let api: TestApi;
let committed: string;

beforeAll(async () => {
  committed = await readFile(SCHEMA_FILE, 'utf8');
  api = await startApi({ log: 'empty' });
});
afterAll(async () => {
  await api?.close();
});

const stale =
  'apps/api/schema.graphql is stale: run `pnpm --filter @dateline/api build && pnpm --filter @dateline/api schema` and commit it';

describe('schema.graphql', () => {
  it('matches the schema built from the resolvers', async () => {
    expect(printSorted(await buildApiSchema()), stale).toBe(committed);
  });

  it('matches the schema the running app serves', () => {
    const served = api.app.get(GraphQLSchemaHost).schema;
    expect(printSorted(served), stale).toBe(committed);
  });

  it('keeps the names of the public contract', () => {
    for (const name of [
      'timeline(',
      'fact(',
      'actors(',
      'actor(',
      'articles(',
      'article(',
      'interactions(',
      'events(',
      'logHead: LogHead!',
      'recordArticle(',
      'registerActor(',
      'recordFact(',
      'corroborateFact(',
      'correctFact(',
      'retractFact(',
      'linkFacts(',
      'eventAppended(',
      'factChanged(',
      'type WriteResult',
      'type FactConnection',
      'input TimelineFilter',
      'input AsOf',
    ]) {
      expect(committed).toContain(name);
    }
    for (const value of ['OCCURRED', 'PLANNED', 'EXPECTED', 'WEEKEND', 'SUMMIT', 'BACKGROUND']) {
      expect(committed).toMatch(new RegExp(`\\n  ${value}\\n`));
    }
  });
});
