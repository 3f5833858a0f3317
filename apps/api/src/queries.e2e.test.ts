import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startApi, type TestApi } from './test/harness.js';

let api: TestApi;

beforeAll(async () => {
  api = await startApi({ log: 'fixture' });
});
afterAll(async () => {
  await api?.close();
});

interface Page {
  timeline: {
    totalCount: number;
    position: number;
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean };
  };
}

const TIMELINE = /* GraphQL */ `
  query Timeline($filter: TimelineFilter, $first: Int, $after: String, $asOf: AsOf) {
    timeline(filter: $filter, first: $first, after: $after, asOf: $asOf) {
      totalCount
      position
      edges { cursor node { id } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }
`;

async function ids(filter: Record<string, unknown>, asOf?: Record<string, unknown>) {
  const data = dataOf(await api.gql<Page>(TIMELINE, { filter, first: 100, asOf }));
  return data.timeline.edges.map((e) => e.node.id);
}

describe('timeline', () => {
  it('lists every fact chronologically by fuzzy date, ties by log position', async () => {
    expect(await ids({})).toEqual([
      'invasion',
      'trump-putin-call',
      'starmer-pledge',
      'paris-meeting',
      'riyadh-talks',
      'commission-statement',
      'rumoured-call',
    ]);
  });

  it('returns the contract fields of a fact', async () => {
    const data = dataOf(
      await api.gql<{ fact: Record<string, unknown> }>(/* GraphQL */ `
        {
          fact(id: "trump-putin-call") {
            id kind status summary retracted corrected version corroborationCount
            occurred { earliest latest precision label expression }
            participants { role actor { id name country } }
            quotes { text speaker { id } }
            sources { kind paragraph excerpt dateExpression article { id headline publisher } }
            topics places
            links { relation direction fact { id status } }
            history { position type recordedAt changedFields description }
          }
        }
      `),
    );
    expect(data.fact).toMatchObject({
      id: 'trump-putin-call',
      kind: 'CALL',
      status: 'OCCURRED',
      retracted: false,
      corrected: false,
      version: 3,
      corroborationCount: 1,
      occurred: { earliest: '2025-02-12', latest: '2025-02-12', precision: 'DAY' },
      participants: [
        { role: 'INITIATOR', actor: { id: 'trump', name: 'Donald Trump', country: 'US' } },
        { role: 'RECIPIENT', actor: { id: 'putin' } },
      ],
      quotes: [{ speaker: { id: 'trump' } }],
      sources: [
        {
          kind: 'SOURCE',
          paragraph: 2,
          dateExpression: 'last Wednesday',
          article: { id: 'wire-feb-17' },
        },
        { kind: 'CORROBORATION', paragraph: 2, article: { id: 'daily-feb-19' } },
      ],
      topics: ['ukraine', 'peace-talks'],
      links: [
        {
          relation: 'LED_TO',
          direction: 'OUTGOING',
          fact: { id: 'riyadh-talks', status: 'EXPECTED' },
        },
      ],
    });
    const history = (data.fact.history as { type: string }[]).map((h) => h.type);
    expect(history).toEqual(['FactRecorded', 'FactCorroborated', 'FactsLinked']);
  });

  it('shows a week as a week, corrections and retractions', async () => {
    const data = dataOf(
      await api.gql<Record<string, Record<string, unknown>>>(/* GraphQL */ `
        {
          week: fact(id: "riyadh-talks") { occurred { precision label } links { direction fact { id } } }
          corrected: fact(id: "paris-meeting") { summary corrected history { type changedFields reason before after } }
          retracted: fact(id: "rumoured-call") { retracted retraction { reason position } }
          missing: fact(id: "no-such-fact") { id }
        }
      `),
    );
    expect(data.week).toEqual({
      occurred: { precision: 'WEEK', label: expect.stringMatching(/^week of /) },
      links: [{ direction: 'INCOMING', fact: { id: 'trump-putin-call' } }],
    });
    expect(data.corrected).toMatchObject({
      summary: 'European leaders held an emergency meeting in Paris.',
      corrected: true,
      history: [
        { type: 'FactRecorded' },
        {
          type: 'FactCorrected',
          changedFields: ['summary'],
          reason: 'The article calls it an emergency meeting.',
          before: { summary: 'European leaders met in Paris.' },
          after: { summary: 'European leaders held an emergency meeting in Paris.' },
        },
      ],
    });
    expect(data.retracted).toMatchObject({
      retracted: true,
      retraction: { reason: 'The report was withdrawn.' },
    });
    expect(data.missing).toBeNull();
  });

  it.each([
    [
      { from: '2025-02-17' },
      ['paris-meeting', 'riyadh-talks', 'commission-statement', 'rumoured-call'],
    ],
    [{ to: '2025-02-12' }, ['invasion', 'trump-putin-call']],
    [{ from: '2025-02-13', to: '2025-02-16' }, ['starmer-pledge']],
    [{ actorIds: ['putin'] }, ['invasion', 'trump-putin-call', 'riyadh-talks']],
    [{ countries: ['GB', 'EU'] }, ['starmer-pledge', 'paris-meeting', 'commission-statement']],
    [{ kinds: ['CALL'] }, ['trump-putin-call', 'rumoured-call']],
    [{ statuses: ['EXPECTED', 'PLANNED'] }, ['riyadh-talks']],
    [{ topics: ['security'] }, ['starmer-pledge', 'paris-meeting']],
    [
      { articleIds: ['daily-feb-19'] },
      ['trump-putin-call', 'commission-statement', 'rumoured-call'],
    ],
    [{ text: 'brussels' }, ['commission-statement']],
    [{ text: 'NEGOTIATIONS' }, ['trump-putin-call']],
    [{ includeRetracted: false, kinds: ['CALL'] }, ['trump-putin-call']],
    [{ kinds: ['CALL'], actorIds: ['macron'] }, ['rumoured-call']],
  ])('filters by %j', async (filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });

  it('refuses malformed filters with BAD_USER_INPUT', async () => {
    const response = await api.gql(TIMELINE, { filter: { from: '17 Feb' } });
    expect(errorOf(response).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'filter.from' }],
    });
    const swapped = errorOf(
      await api.gql(TIMELINE, { filter: { from: '2025-02-20', to: '2025-02-01' } }),
    );
    expect(swapped.message).toBe('filter.to (2025-02-01) is before from (2025-02-20); swap them');
    expect(swapped.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses a wrongly typed variable with a 400 on every run, compiled or not', async () => {
    // A query text of its own, so that this test sees its first runs: with Mercurius's `jit: 1`
    // the run that compiled skipped the variable check and answered 500 (graphql/options.ts).
    const PAGE = 'query PageSize($n: Int) { timeline(first: $n) { totalCount } }';
    for (let run = 1; run <= 4; run++) {
      const response = await api.gql(PAGE, { n: 'ten' });
      expect(response.status, `run ${run}`).toBe(400);
      expect(errorOf(response).extensions?.code, `run ${run}`).toBe('BAD_USER_INPUT');
    }
    expect(dataOf(await api.gql<Page>(PAGE, { n: 2 })).timeline.totalCount).toBe(7);
  });

  it('pages through every fact with cursors and no overlap', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: Page = dataOf(await api.gql<Page>(TIMELINE, { first: 2, after }));
      pages += 1;
      expect(data.timeline.totalCount).toBe(7);
      expect(data.timeline.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...data.timeline.edges.map((e) => e.node.id));
      if (!data.timeline.pageInfo.hasNextPage) break;
      after = data.timeline.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(await ids({}));
  });

  it('refuses a page larger than 100 and an unknown cursor', async () => {
    const big = await api.gql(TIMELINE, { first: 101 });
    expect(errorOf(big).extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'pageSize',
      max: 100,
    });
    const cursor = await api.gql(TIMELINE, { after: 'bm9wZQ' });
    expect(errorOf(cursor).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    // A negative page is a mistake in the request, not a limit reached.
    const negative = errorOf(await api.gql(TIMELINE, { first: -1 }));
    expect(negative.message).toBe('first must be 0 or more (got -1)');
    expect(negative.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'first', message: 'must be 0 or more (got -1)' }],
    });
  });

  it('lists every topic with its number of facts, matching the timeline filtered by it', async () => {
    const data = dataOf(
      await api.gql<{
        topics: { name: string; factCount: number }[];
        timeline: { edges: { node: { topics: string[] } }[] };
      }>('{ topics { name factCount } timeline(first: 100) { edges { node { topics } } } }'),
    );
    const counted = new Map<string, number>();
    for (const { node } of data.timeline.edges)
      for (const topic of node.topics) counted.set(topic, (counted.get(topic) ?? 0) + 1);
    expect(data.topics.length).toBeGreaterThan(1);
    expect(data.topics.map((t) => t.name)).toEqual([...counted.keys()].sort());
    for (const t of data.topics) expect(t.factCount).toBe(counted.get(t.name));
  });
});

describe('time travel', () => {
  it('asOf position shows the log as it stood after that event', async () => {
    const events = dataOf(
      await api.gql<{
        events: {
          edges: { node: { position: number; type: string; data: { factId?: string } } }[];
        };
      }>('{ events(first: 100) { edges { node { position type data } } } }'),
    ).events.edges.map((e) => e.node);
    const correction = events.find((e) => e.type === 'FactCorrected')!;
    const before = correction.position - 1;
    const data = dataOf(
      await api.gql<{
        fact: { summary: string; corrected: boolean };
        timeline: { totalCount: number; position: number };
      }>(
        /* GraphQL */ `
          query ($asOf: AsOf) {
            fact(id: "paris-meeting", asOf: $asOf) { summary corrected }
            timeline(asOf: $asOf) { totalCount position }
          }
        `,
        { asOf: { position: before } },
      ),
    );
    expect(data.fact).toEqual({ summary: 'European leaders met in Paris.', corrected: false });
    expect(data.timeline).toEqual({ totalCount: 7, position: before });

    const early = dataOf(
      await api.gql<Page>(TIMELINE, { asOf: { position: 9 } }),
    ).timeline.edges.map((e) => e.node.id);
    expect(early).toEqual(['trump-putin-call']);
  });

  it('asOf recordedAt uses the time each event was recorded', async () => {
    const events = dataOf(
      await api.gql<{ events: { edges: { node: { position: number; recordedAt: string } }[] } }>(
        '{ events(first: 100) { edges { node { position recordedAt } } } }',
      ),
    ).events.edges.map((e) => e.node);
    const tenth = events[9]!;
    const byTime = dataOf(
      await api.gql<Page>(TIMELINE, { asOf: { recordedAt: tenth.recordedAt } }),
    );
    const byPosition = dataOf(await api.gql<Page>(TIMELINE, { asOf: { position: 10 } }));
    expect(byTime.timeline).toEqual(byPosition.timeline);
    expect(byTime.timeline.position).toBe(10);
  });

  it('asOf reportedBy keeps only what articles published by then reported', async () => {
    const data = dataOf(
      await api.gql<{
        timeline: Page['timeline'];
        fact: { sources: { article: { id: string } }[]; corroborationCount: number };
      }>(
        /* GraphQL */ `
          query ($asOf: AsOf) {
            timeline(asOf: $asOf, first: 100) { totalCount position edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } }
            fact(id: "trump-putin-call", asOf: $asOf) { sources { article { id } } corroborationCount }
          }
        `,
        { asOf: { reportedBy: '2025-02-18' } },
      ),
    );
    expect(data.timeline.edges.map((e) => e.node.id)).toEqual([
      'invasion',
      'trump-putin-call',
      'starmer-pledge',
      'paris-meeting',
      'riyadh-talks',
    ]);
    expect(data.fact).toEqual({
      sources: [{ article: { id: 'wire-feb-17' } }],
      corroborationCount: 0,
    });
    const articles = dataOf(
      await api.gql<{ articles: { id: string }[] }>(
        '{ articles(asOf: { reportedBy: "2025-02-18" }) { id } }',
      ),
    );
    expect(articles.articles).toEqual([{ id: 'wire-feb-17' }]);
  });

  it('refuses an asOf with two points, or one beyond the head', async () => {
    const two = await api.gql(TIMELINE, { asOf: { position: 3, reportedBy: '2025-02-18' } });
    expect(errorOf(two).extensions?.code).toBe('BAD_USER_INPUT');
    const beyond = await api.gql(TIMELINE, { asOf: { position: 10_000 } });
    expect(errorOf(beyond).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'asOf.position' }],
    });
  });

  it('refuses a cursor no fact could have given', async () => {
    const forged = Buffer.from(JSON.stringify(['a', 'b', 1])).toString('base64url');
    const inverted = Buffer.from(JSON.stringify(['2025-02-20', '2025-02-10', 3])).toString(
      'base64url',
    );
    for (const after of [forged, inverted, 'not-a-cursor']) {
      const error = errorOf(await api.gql(TIMELINE, { first: 5, after }));
      expect(error.extensions, after).toMatchObject({
        code: 'BAD_USER_INPUT',
        issues: [{ path: 'after' }],
      });
    }
    // The same refusal from a field resolver (Nest runs no exception filter there), also once
    // the query is compiled (the harness asks a third time after a pause).
    const nested = await api.gql(
      'query ($after: String) { actor(id: "putin") { facts(first: 2, after: $after) { totalCount } } }',
      { after: forged },
    );
    expect(nested.status).toBe(200);
    expect(errorOf(nested)).toMatchObject({
      message: 'after is not a cursor this API gave out',
      path: ['actor', 'facts'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses dates it would otherwise read as other dates, naming the argument', async () => {
    const refused = async (asOf: Record<string, string>, path: string) => {
      const error = errorOf(await api.gql(TIMELINE, { asOf }));
      expect(error.extensions, JSON.stringify(asOf)).toMatchObject({
        code: 'BAD_USER_INPUT',
        issues: [{ path }],
      });
    };
    for (const recordedAt of ['', '1', '2026-02-30', 'Feb 17 2026', '2025-02-17T10:00'])
      await refused({ recordedAt }, 'asOf.recordedAt');
    for (const reportedBy of ['', '2025', '2025-02', '2025-13-01', '2025-02-30', '2025-2-17'])
      await refused({ reportedBy }, 'asOf.reportedBy');
    // A time still to come has no fixed answer: what is written until then would change it.
    const later = new Date(Date.now() + 60_000).toISOString();
    await refused({ recordedAt: later }, 'asOf.recordedAt');
    expect(errorOf(await api.gql(TIMELINE, { asOf: { recordedAt: later } })).message).toBe(
      `asOf.recordedAt is in the future (${later}); give a time up to now, or leave asOf out for the present`,
    );
    // Today's date is the end of a day not over yet: the log so far, the present.
    const today = new Date().toISOString().slice(0, 10);
    const now = dataOf(await api.gql(TIMELINE, {}));
    expect(now).toMatchObject({ timeline: { totalCount: expect.any(Number) } });
    expect(dataOf(await api.gql(TIMELINE, { asOf: { recordedAt: today } }))).toEqual(now);
    // So is the date of a client whose day has begun ahead of UTC (the date in UTC+14, which is
    // tomorrow's in UTC from 10:00 UTC on); the day after it has begun nowhere.
    const aheadMs = Date.now() + 14 * 3_600_000;
    const aheadToday = new Date(aheadMs).toISOString().slice(0, 10);
    expect(dataOf(await api.gql(TIMELINE, { asOf: { recordedAt: aheadToday } }))).toEqual(now);
    const dayAfter = new Date(aheadMs + 86_400_000).toISOString().slice(0, 10);
    await refused({ recordedAt: dayAfter }, 'asOf.recordedAt');
  });

  it('refuses an empty or impossible date in a filter instead of matching nothing', async () => {
    for (const [key, value] of [
      ['to', ''],
      ['from', ''],
      ['from', '2025-02-30'],
    ] as const) {
      const error = errorOf(await api.gql(TIMELINE, { filter: { [key]: value } }));
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        issues: [{ path: `filter.${key}` }],
      });
    }
  });
});

describe('actors, articles, interactions', () => {
  it('lists actors by name with their facts and who they interacted with', async () => {
    const data = dataOf(
      await api.gql<{ actors: { id: string }[]; actor: Record<string, unknown> }>(/* GraphQL */ `
        {
          actors { id }
          actor(id: "putin") {
            id name kind country aliases title
            facts(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage } }
            interactsWith { actor { id } facts { id } }
          }
        }
      `),
    );
    expect(data.actors.map((a) => a.id)).toEqual([
      'trump',
      'macron',
      'commission',
      'starmer',
      'putin',
      'zelensky',
    ]);
    expect(data.actor).toMatchObject({
      id: 'putin',
      kind: 'PERSON',
      country: 'RU',
      facts: {
        totalCount: 3,
        edges: [{ node: { id: 'invasion' } }, { node: { id: 'trump-putin-call' } }],
        pageInfo: { hasNextPage: true },
      },
    });
    const others = (data.actor.interactsWith as { actor: { id: string } }[]).map((i) => i.actor.id);
    expect(others).toEqual(expect.arrayContaining(['trump', 'zelensky']));
  });

  it('lists articles by publication with their facts in paragraph order', async () => {
    const data = dataOf(
      await api.gql<{
        articles: { id: string }[];
        article: { facts: { id: string }[]; citations: { paragraph: number; kind: string }[] };
      }>(/* GraphQL */ `
        {
          articles { id }
          article(id: "wire-feb-17") { headline url facts { id } citations { paragraph kind fact { id } } }
        }
      `),
    );
    expect(data.articles.map((a) => a.id)).toEqual(['wire-feb-17', 'daily-feb-19']);
    expect(data.article.facts.map((f) => f.id)).toEqual([
      'paris-meeting',
      'trump-putin-call',
      'starmer-pledge',
      'riyadh-talks',
      'invasion',
    ]);
  });

  it('builds the interaction network and filters it', async () => {
    const data = dataOf(
      await api.gql<{
        all: { id: string; kinds: string[] }[];
        putin: { id: string }[];
        withRetracted: { id: string }[];
      }>(/* GraphQL */ `
        {
          all: interactions { id kinds source { id } target { id } facts { id } via { kind from { id } to { id } fact { id } } }
          putin: interactions(filter: { actorIds: ["putin"], kinds: [CALL] }) { id }
          withRetracted: interactions(filter: { includeRetracted: true, actorIds: ["macron"] }) { id }
        }
      `),
    );
    expect(data.all.find((e) => e.id === 'putin~trump')?.kinds).toEqual(
      expect.arrayContaining(['CALL', 'TALKS']),
    );
    expect(data.putin.map((e) => e.id)).toEqual(['putin~trump']);
    expect(data.withRetracted.map((e) => e.id)).toContain('macron~zelensky');
    expect(data.all.map((e) => e.id)).not.toContain('macron~zelensky');
  });

  it('gives the strongest edges first, with their fact counts, and how many there are', async () => {
    type Edge = { id: string; factCount: number; facts: { id: string }[] };
    const data = dataOf(
      await api.gql<{ all: Edge[]; top: Edge[]; count: number; putinCount: number }>(/* GraphQL */ `
        {
          all: interactions { id factCount facts { id } }
          top: interactions(orderBy: FACTS, first: 3) { id factCount facts(first: 1) { id } }
          count: interactionCount
          putinCount: interactionCount(filter: { actorIds: ["putin"], kinds: [CALL] })
        }
      `),
    );
    expect(data.count).toBe(data.all.length);
    expect(data.putinCount).toBe(1);
    for (const edge of data.all) expect(edge.factCount).toBe(edge.facts.length);
    const strongest = [...data.all]
      .sort((a, b) => b.factCount - a.factCount || (a.id < b.id ? -1 : 1))
      .slice(0, 3);
    expect(data.top.map((e) => [e.id, e.factCount])).toEqual(
      strongest.map((e) => [e.id, e.factCount]),
    );
    expect(data.top[0]!.factCount).toBeGreaterThan(1);
    expect(data.top[0]!.facts).toEqual(strongest[0]!.facts.slice(0, 1));

    const refused = errorOf(await api.gql('{ interactions(orderBy: FACTS, first: 1000) { id } }'));
    expect(refused.message).toMatch(/first must be between 0 and 100 \(got 1000\)/);
    expect(refused.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'pageSize' });
  });
});

describe('the raw log', () => {
  it('pages through events and reports the head', async () => {
    const first = dataOf(
      await api.gql<{
        events: {
          totalCount: number;
          edges: {
            cursor: string;
            node: {
              position: number;
              prevHash: string;
              hash: string;
              streamId: string;
              streamVersion: number;
              type: string;
            };
          }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
        logHead: { position: number; hash: string };
      }>(
        '{ logHead { position hash } events(first: 10) { totalCount edges { cursor node { position streamId streamVersion type prevHash hash } } pageInfo { hasNextPage endCursor } } }',
      ),
    );
    expect(first.events.totalCount).toBe(first.logHead.position);
    expect(first.events.edges.map((e) => e.node.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first.events.edges[0]?.node).toMatchObject({
      streamId: 'article-wire-feb-17',
      streamVersion: 1,
      type: 'ArticleRecorded',
      prevHash: '0'.repeat(64),
    });
    for (let i = 1; i < first.events.edges.length; i++) {
      expect(first.events.edges[i]?.node.prevHash).toBe(first.events.edges[i - 1]?.node.hash);
    }
    const rest = dataOf(
      await api.gql<{
        events: {
          edges: { node: { position: number; hash: string } }[];
          pageInfo: { hasNextPage: boolean };
        };
      }>(
        'query ($after: Int) { events(after: $after, first: 100) { edges { node { position hash } } pageInfo { hasNextPage } } }',
        { after: Number(first.events.pageInfo.endCursor) },
      ),
    );
    expect(rest.events.edges[0]?.node.position).toBe(11);
    expect(rest.events.pageInfo.hasNextPage).toBe(false);
    expect(rest.events.edges.at(-1)?.node).toEqual({
      position: first.logHead.position,
      hash: first.logHead.hash,
    });
  });
});

describe('health', () => {
  it('answers 200 with the head and each projection position once caught up', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ok: boolean;
      head: { position: number };
      projections: { name: string; position: number }[];
    };
    expect(body.ok).toBe(true);
    expect(body.projections.map((p) => p.name).sort()).toEqual([
      'actors',
      'articles',
      'interactions',
      'timeline',
    ]);
    for (const p of body.projections) expect(p.position).toBe(body.head.position);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
