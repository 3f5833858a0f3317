import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, SEED_SEGMENTS, startApi, type TestApi } from './test/harness.js';

// The repository's own log, copied: every fact it holds must resolve through the whole schema.
describe.runIf(existsSync(SEED_SEGMENTS))('the seed log', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ log: 'seed' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves every recorded fact, page by page, with all nested fields', async () => {
    const events = dataOf(
      await api.gql<{ events: { totalCount: number } }>('{ events(first: 0) { totalCount } }'),
    ).events.totalCount;
    let recorded = 0;
    for (let after = 0; after < events; after += 100) {
      const page = dataOf(
        await api.gql<{ events: { edges: { node: { type: string } }[] } }>(
          'query ($after: Int) { events(after: $after, first: 100) { edges { node { type } } } }',
          { after },
        ),
      );
      recorded += page.events.edges.filter((e) => e.node.type === 'FactRecorded').length;
    }

    const ids: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const page: {
        timeline: {
          totalCount: number;
          edges: { node: { id: string; occurred: { earliest: string } } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = dataOf(
        await api.gql(
          /* GraphQL */ `
            query ($after: String) {
              timeline(first: 5, after: $after) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges {
                  node {
                    id summary kind status retracted
                    occurred { earliest latest precision label }
                    participants { role actor { id name } }
                    quotes { text speaker { id } }
                    sources { kind paragraph excerpt article { id headline publishedAt } }
                    links { relation direction fact { id } }
                    history { position type description article { id } }
                  }
                }
              }
            }
          `,
          { after: cursor },
        ),
      );
      total = page.timeline.totalCount;
      ids.push(...page.timeline.edges.map((e) => e.node.id));
      cursor = page.timeline.pageInfo.hasNextPage ? page.timeline.pageInfo.endCursor : null;
    } while (cursor);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(total).toBe(recorded);
  });

  it('serves every actor, article and interaction', async () => {
    const data = dataOf(
      await api.gql<{
        actors: unknown[];
        articles: { facts: unknown[] }[];
        interactions: unknown[];
        interactionCount: number;
      }>(/* GraphQL */ `
        {
          actors { id name facts(first: 100) { totalCount } interactsWith { actor { id } facts { id } } }
          articles { id headline facts { id } citations { paragraph fact { id } } }
          interactions { id kinds source { id } target { id } via { kind from { id } to { id } } }
          interactionCount
        }
      `),
    );
    // More edges than a default page (20): without `first`, interactions gives every one.
    expect(data.interactionCount).toBeGreaterThan(20);
    expect(data.interactions).toHaveLength(data.interactionCount);
    expect(data.actors.length).toBeGreaterThan(0);
    expect(data.articles.length).toBeGreaterThan(0);
    expect(data.articles.every((a) => a.facts.length > 0)).toBe(true);
  });
});
