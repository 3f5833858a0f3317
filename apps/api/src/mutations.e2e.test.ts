import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startApi, type TestApi, WRITE_TOKEN } from './test/harness.js';

let api: TestApi;

beforeAll(async () => {
  api = await startApi({ log: 'fixture' });
});
afterAll(async () => {
  await api?.close();
});

async function head(): Promise<{ position: number; hash: string }> {
  return dataOf(
    await api.gql<{ logHead: { position: number; hash: string } }>('{ logHead { position hash } }'),
  ).logHead;
}

const RECORD_FACT = /* GraphQL */ `
  mutation ($input: RecordFactInput!) {
    recordFact(input: $input) { id position events { position type streamId data } }
  }
`;

const validFact = {
  id: 'starmer-trump-visit',
  articleId: 'daily-feb-19',
  kind: 'VISIT',
  status: 'PLANNED',
  summary: 'Starmer will visit Washington.',
  occurred: {
    earliest: '2025-02-24',
    latest: '2025-03-02',
    precision: 'WEEK',
    expression: 'next week',
  },
  participants: [
    { actorId: 'starmer', role: 'ATTENDEE' },
    { actorId: 'trump', role: 'HOST' },
  ],
  topics: ['security'],
  places: ['Washington'],
  paragraph: 6,
  excerpt: 'Starmer is due in Washington next week',
};

/** Records a variant of validFact with the write token; returns the log position it landed at. */
async function recordFactAt(changes: Record<string, unknown>): Promise<number> {
  const written = await api.gql<{ recordFact: { position: number } }>(
    RECORD_FACT,
    { input: { ...validFact, ...changes } },
    { token: WRITE_TOKEN },
  );
  return dataOf(written).recordFact.position;
}

describe('authorisation', () => {
  it('refuses a mutation without a token, with a wrong token, and on a read-only API', async () => {
    const before = await head();
    const missing = await api.gql(RECORD_FACT, { input: validFact });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(errorOf(missing).extensions?.code).toBe('UNAUTHENTICATED');
    expect(missing.body.data).toBeNull();

    const wrong = await api.gql(
      RECORD_FACT,
      { input: validFact },
      { token: 'not-the-token-at-all' },
    );
    expect(errorOf(wrong).extensions?.code).toBe('UNAUTHENTICATED');
    expect(errorOf(wrong).message).toMatch(/not the write token/);

    const malformed = await api.gql(
      RECORD_FACT,
      { input: validFact },
      {
        headers: { authorization: `Basic ${WRITE_TOKEN}` },
      },
    );
    expect(errorOf(malformed).extensions?.code).toBe('UNAUTHENTICATED');
    expect(await head()).toEqual(before);

    const readOnly = await startApi({ log: 'fixture', writeToken: null });
    try {
      const refused = await readOnly.gql(RECORD_FACT, { input: validFact }, { token: WRITE_TOKEN });
      expect(refused.status).toBe(403);
      expect(errorOf(refused).extensions?.code).toBe('FORBIDDEN');
      expect(errorOf(refused).message).toMatch(/read-only/);
    } finally {
      await readOnly.close();
    }
  });
});

describe('writes', () => {
  it('records a fact and reads it back with minPosition', async () => {
    const before = await head();
    const written = dataOf(
      await api.gql<{
        recordFact: {
          id: string;
          position: number;
          events: { position: number; type: string; streamId: string }[];
        };
      }>(RECORD_FACT, { input: validFact }, { token: WRITE_TOKEN }),
    ).recordFact;
    expect(written).toMatchObject({
      id: 'starmer-trump-visit',
      position: before.position + 1,
      events: [
        {
          position: before.position + 1,
          type: 'FactRecorded',
          streamId: 'fact-starmer-trump-visit',
        },
      ],
    });
    const read = dataOf(
      await api.gql<{
        fact: {
          status: string;
          occurred: { precision: string; expression: string };
          version: number;
        };
      }>(
        'query ($p: Int) { fact(id: "starmer-trump-visit", minPosition: $p) { status version occurred { precision expression } } }',
        { p: written.position },
      ),
    );
    expect(read.fact).toEqual({
      status: 'PLANNED',
      version: 1,
      occurred: { precision: 'WEEK', expression: 'next week' },
    });
  });

  it('shows a new fact in the interaction network at once (no stale list between positions)', async () => {
    const NETWORK = /* GraphQL */ `
      query ($p: Int) {
        interactionCount(minPosition: $p)
        interactions(orderBy: FACTS, first: 100, minPosition: $p) { id factCount }
      }
    `;
    type Network = { interactionCount: number; interactions: { id: string; factCount: number }[] };
    const edge = (n: Network) => n.interactions.find((e) => e.id === 'putin~starmer')?.factCount;
    const before = dataOf(await api.gql<Network>(NETWORK));
    expect(edge(before)).toBeUndefined(); // a pair that has not met in the fixture story
    const position = await recordFactAt({
      id: 'putin-starmer-call',
      kind: 'CALL',
      summary: 'Putin and Starmer spoke.',
      participants: [
        { actorId: 'putin', role: 'INITIATOR' },
        { actorId: 'starmer', role: 'RECIPIENT' },
      ],
    });
    const after = dataOf(await api.gql<Network>(NETWORK, { p: position }));
    expect(after.interactionCount).toBe(before.interactionCount + 1);
    expect(edge(after)).toBe(1);
  });

  it('shows a new fact in the timeline at once, and a correction moves it (no stale page between positions)', async () => {
    const TIMELINE = /* GraphQL */ `
      query ($p: Int) {
        all: timeline(first: 100, minPosition: $p) { totalCount edges { node { id } } }
        energy: timeline(filter: { topics: ["energy-grid"] }, minPosition: $p) {
          edges { node { id } }
        }
      }
    `;
    type Page = { totalCount?: number; edges: { node: { id: string } }[] };
    type Timeline = { all: Page; energy: Page };
    const ids = (page: Page) => page.edges.map((e) => e.node.id);
    const before = dataOf(await api.gql<Timeline>(TIMELINE));
    expect(ids(before.energy)).toEqual([]);
    const position = await recordFactAt({
      id: 'grid-talks',
      topics: ['energy-grid'],
      occurred: { earliest: '1991-08-24', latest: '1991-08-24', precision: 'DAY' },
    });
    const after = dataOf(await api.gql<Timeline>(TIMELINE, { p: position }));
    expect(after.all.totalCount).toBe((before.all.totalCount ?? 0) + 1);
    expect(ids(after.all)[0]).toBe('grid-talks'); // the earliest fact of the story
    expect(ids(after.energy)).toEqual(['grid-talks']);
    const corrected = dataOf(
      await api.gql<{ correctFact: { position: number } }>(
        'mutation { correctFact(input: { factId: "grid-talks", changes: { occurred: { earliest: "2025-12-01", latest: "2025-12-01", precision: DAY } }, reason: "Wrong year." }) { position } }',
        {},
        { token: WRITE_TOKEN },
      ),
    ).correctFact;
    const moved = dataOf(await api.gql<Timeline>(TIMELINE, { p: corrected.position }));
    expect(ids(moved.all)).toContain('grid-talks');
    expect(ids(moved.all)[0]).not.toBe('grid-talks');
    expect(ids(moved.all).at(-1)).toBe('grid-talks');
  });

  it('counts a new fact in the topics at once', async () => {
    const TOPICS = 'query ($p: Int) { topics(minPosition: $p) { name factCount } }';
    type Topics = { topics: { name: string; factCount: number }[] };
    const count = (t: Topics, name: string) => t.topics.find((x) => x.name === name)?.factCount;
    const before = dataOf(await api.gql<Topics>(TOPICS));
    expect(count(before, 'energy-prices')).toBeUndefined();
    const position = await recordFactAt({
      id: 'topic-count-fact',
      topics: ['energy-prices', 'security'],
    });
    const after = dataOf(await api.gql<Topics>(TOPICS, { p: position }));
    expect(count(after, 'energy-prices')).toBe(1);
    expect(count(after, 'security')).toBe((count(before, 'security') ?? 0) + 1);
  });

  it('counts a topic as the timeline filter finds it, whatever the case it was written in', async () => {
    await recordFactAt({ id: 'cased-topic-one', topics: ['Grid-Talks'] });
    const position = await recordFactAt({ id: 'cased-topic-two', topics: ['grid-talks'] });
    const answer = dataOf(
      await api.gql<{
        topics: { name: string; factCount: number }[];
        timeline: { totalCount: number };
      }>(
        `query ($p: Int) {
          topics(minPosition: $p) { name factCount }
          timeline(filter: { topics: ["grid-talks"] }) { totalCount }
        }`,
        { p: position },
      ),
    );
    const listed = answer.topics.filter((t) => t.name.toLowerCase() === 'grid-talks');
    expect(answer.timeline.totalCount).toBe(2);
    expect(listed).toEqual([{ name: 'Grid-Talks', factCount: 2 }]);
  });

  it('runs every other mutation, each returning its id, position and events', async () => {
    const token = { token: WRITE_TOKEN };
    const article = dataOf(
      await api.gql<{ recordArticle: { id: string; position: number } }>(
        'mutation { recordArticle(input: { headline: "Allies respond", publisher: "Wire", publishedAt: "2025-02-21T09:30:00+01:00" }) { id position events { type } } }',
        undefined,
        token,
      ),
    ).recordArticle;
    expect(article.id).toMatch(/^allies-respond-[0-9a-f]{8}$/);

    const actor = dataOf(
      await api.gql<{ registerActor: { id: string } }>(
        'mutation { registerActor(input: { id: "rutte", name: "Mark Rutte", kind: PERSON, title: "NATO Secretary General", aliases: ["Rutte"] }) { id events { type data } } }',
        undefined,
        token,
      ),
    ).registerActor;
    expect(actor.id).toBe('rutte');

    const corroborated = dataOf(
      await api.gql<{ corroborateFact: { events: { type: string }[] } }>(
        'mutation ($a: ID!) { corroborateFact(input: { factId: "riyadh-talks", articleId: $a, paragraph: 1, excerpt: "talks in Riyadh", expectedVersion: 1 }) { id events { type } } }',
        { a: article.id },
        token,
      ),
    ).corroborateFact;
    expect(corroborated.events.map((e) => e.type)).toEqual(['FactCorroborated']);

    const corrected = dataOf(
      await api.gql<{ correctFact: { id: string; position: number; events: { data: unknown }[] } }>(
        'mutation ($a: ID!) { correctFact(input: { factId: "riyadh-talks", changes: { status: OCCURRED, participants: [{ actorId: "trump", role: ATTENDEE }, { actorId: "putin", role: ATTENDEE }, { actorId: "rutte", role: SUBJECT }] }, reason: "The talks took place.", evidence: { articleId: $a, paragraph: 2, excerpt: "the talks took place" } }) { id position events { data } } }',
        { a: article.id },
        token,
      ),
    ).correctFact;
    expect(corrected.events[0]?.data).toMatchObject({
      evidence: { articleId: article.id, paragraph: 2, excerpt: 'the talks took place' },
    });
    // As reported before that article, the talks had not yet taken place; the article cites
    // the correction among the paragraphs it supports.
    const reported = dataOf(
      await api.gql<{
        before: { status: string; history: { type: string; changedFields: string[] }[] };
        after: { status: string; history: { type: string; article: { id: string } | null }[] };
        article: { citations: { kind: string; fact: { id: string }; paragraph: number }[] };
      }>(
        'query ($p: Int, $a: ID!) { before: fact(id: "riyadh-talks", asOf: { reportedBy: "2025-02-20" }) { status history { type changedFields } } after: fact(id: "riyadh-talks", minPosition: $p) { status history { type article { id } } } article(id: $a) { citations { kind fact { id } paragraph } } }',
        { p: corrected.position, a: article.id },
      ),
    );
    // Who took part stays corrected (the log's current understanding); the status does not.
    expect(reported.before.status).toBe('EXPECTED');
    expect(reported.before.history.find((h) => h.type === 'FactCorrected')?.changedFields).toEqual([
      'participants',
    ]);
    expect(reported.after.status).toBe('OCCURRED');
    expect(reported.after.history.at(-1)).toEqual({
      type: 'FactCorrected',
      article: { id: article.id },
    });
    expect(reported.article.citations).toContainEqual({
      kind: 'CORRECTION',
      fact: { id: 'riyadh-talks' },
      paragraph: 2,
    });
    const linked = dataOf(
      await api.gql<{ linkFacts: { position: number } }>(
        'mutation { linkFacts(input: { factId: "paris-meeting", relatedFactId: "riyadh-talks", relation: RESPONDS_TO }) { position } }',
        undefined,
        token,
      ),
    ).linkFacts;
    expect(linked.position).toBe(corrected.position + 1);
    const retracted = dataOf(
      await api.gql<{ retractFact: { position: number } }>(
        'mutation { retractFact(input: { factId: "starmer-pledge", reason: "Misquoted." }) { position } }',
        undefined,
        token,
      ),
    ).retractFact;

    const after = dataOf(
      await api.gql<{ riyadh: Record<string, unknown>; pledge: { retracted: boolean } }>(
        'query ($p: Int) { riyadh: fact(id: "riyadh-talks", minPosition: $p) { status corrected corroborationCount participants { actor { id } } links { relation direction fact { id } } } pledge: fact(id: "starmer-pledge") { retracted } }',
        { p: retracted.position },
      ),
    );
    expect(after.riyadh).toMatchObject({
      status: 'OCCURRED',
      corrected: true,
      corroborationCount: 1,
      participants: [
        { actor: { id: 'trump' } },
        { actor: { id: 'putin' } },
        { actor: { id: 'rutte' } },
      ],
    });
    expect(after.pledge.retracted).toBe(true);
  });
});

describe('refusals append nothing', () => {
  it('refuses invalid input with BAD_USER_INPUT naming each field', async () => {
    const before = await head();
    const response = await api.gql(
      RECORD_FACT,
      {
        input: {
          ...validFact,
          id: 'Not A Slug',
          summary: '   ',
          occurred: { earliest: '2025-02-24', latest: '2025-02-25', precision: 'WEEK' },
          paragraph: 0,
          excerpt: undefined,
        },
      },
      { token: WRITE_TOKEN },
    );
    const error = errorOf(response);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = ((error.extensions?.issues ?? []) as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'input.id',
        'input.summary',
        'input.occurred.latest',
        'input.paragraph',
        'input.excerpt',
      ]),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(await head()).toEqual(before);
  });

  it('refuses a topic or place listed twice, which the topics query would count twice', async () => {
    const before = await head();
    const recorded = await api.gql(
      RECORD_FACT,
      {
        input: {
          ...validFact,
          id: 'twice-listed',
          topics: ['security', 'Security'],
          places: ['Washington', 'Washington'],
        },
      },
      { token: WRITE_TOKEN },
    );
    const error = errorOf(recorded);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.issues).toEqual([
      { path: 'input.topics.1', message: '"Security" is listed twice; give each topic once' },
      { path: 'input.places.1', message: '"Washington" is listed twice; give each place once' },
    ]);
    const corrected = await api.gql(
      `mutation ($input: CorrectFactInput!) { correctFact(input: $input) { position } }`,
      {
        input: {
          factId: 'paris-meeting',
          changes: { topics: ['energy', 'energy'] },
          reason: 'topics',
        },
      },
      { token: WRITE_TOKEN },
    );
    expect(errorOf(corrected).extensions?.issues).toEqual([
      { path: 'input.changes.topics.1', message: '"energy" is listed twice; give each topic once' },
    ]);
    expect(await head()).toEqual(before);
  });

  it('answers a retried mutation with its original position and appends nothing', async () => {
    const before = await head();
    const retry = dataOf(
      await api.gql<{
        recordFact: { id: string; position: number; events: unknown[]; alreadyApplied: boolean };
      }>(
        'mutation ($input: RecordFactInput!) { recordFact(input: $input) { id position events { position } alreadyApplied } }',
        { input: validFact },
        { token: WRITE_TOKEN },
      ),
    ).recordFact;
    expect(retry).toMatchObject({ id: 'starmer-trump-visit', events: [], alreadyApplied: true });
    expect(retry.position).toBeLessThan(before.position + 1);
    expect(await head()).toEqual(before);
  });

  it('refuses a request of several writes before any runs, so no write goes unreported', async () => {
    const before = await head();
    const response = await api.gql(
      'mutation { a: retractFact(input: { factId: "invasion", reason: "x" }) { id } b: retractFact(input: { factId: "nowhere", reason: "y" }) { id } }',
      undefined,
      { token: WRITE_TOKEN },
    );
    expect(errorOf(response)).toMatchObject({
      message: expect.stringContaining('one mutation; this one holds 2 (a, b)'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(response.body.data).toBeUndefined();
    expect(await head()).toEqual(before);
  });

  it('refuses wrongly typed variables before anything runs', async () => {
    const before = await head();
    const response = await api.gql(
      RECORD_FACT,
      { input: { ...validFact, kind: 'PARTY' } },
      { token: WRITE_TOKEN },
    );
    expect(response.status).toBe(400);
    expect(errorOf(response).extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.data).toBeUndefined();
    expect(await head()).toEqual(before);
  });

  it('maps NOT_FOUND, CONFLICT (already exists) and rule violations', async () => {
    const before = await head();
    const token = { token: WRITE_TOKEN };
    const unknownArticle = await api.gql(
      RECORD_FACT,
      { input: { ...validFact, id: 'other', articleId: 'no-such-article' } },
      token,
    );
    expect(errorOf(unknownArticle).extensions?.code).toBe('NOT_FOUND');
    expect(errorOf(unknownArticle).message).toMatch(/no article with id "no-such-article"/);

    const duplicate = await api.gql(
      RECORD_FACT,
      { input: { ...validFact, summary: 'Another summary.' } },
      token,
    );
    expect(errorOf(duplicate).extensions?.code).toBe('CONFLICT');
    expect(errorOf(duplicate).message).toMatch(/already recorded/);

    const tooEarly = await api.gql(
      RECORD_FACT,
      { input: { ...validFact, id: 'future', status: 'OCCURRED' } },
      token,
    );
    expect(errorOf(tooEarly).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'occurred-before-report',
    });

    const typo = await api.gql(
      'mutation { recordArticle(input: { headline: "Typo year", publisher: "Wire", publishedAt: "2205-02-21" }) { id } }',
      undefined,
      token,
    );
    expect(errorOf(typo).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'published-not-in-future',
    });
    expect(errorOf(typo).message).toMatch(/publishedAt 2205-02-21 is in the future/);

    const retractedTwice = await api.gql(
      'mutation { retractFact(input: { factId: "rumoured-call", reason: "again" }) { id } }',
      undefined,
      token,
    );
    expect(errorOf(retractedTwice).extensions?.code).toBe('BAD_USER_INPUT');
    expect(await head()).toEqual(before);
  });

  it("names the relation of a refused link in words, not in the log's spelling (led_to)", async () => {
    const before = await head();
    const link = (factId: string, relatedFactId: string) =>
      api.gql(
        `mutation { linkFacts(input: { factId: "${factId}", relatedFactId: "${relatedFactId}", relation: LED_TO, evidence: { articleId: "daily-feb-19", paragraph: 2, excerpt: "after last week’s call" } }) { id } }`,
        undefined,
        { token: WRITE_TOKEN },
      );
    // The fixture links trump-putin-call led_to riyadh-talks, without evidence: with it, the same
    // link is a new request (not a retry answered with the first one's position).
    const again = errorOf(await link('trump-putin-call', 'riyadh-talks'));
    expect(again.extensions?.code).toBe('CONFLICT');
    expect(again.message).toBe(
      'link "trump-putin-call led to riyadh-talks" is already recorded; it need not be linked again',
    );
    const reverse = errorOf(await link('riyadh-talks', 'trump-putin-call'));
    expect(reverse.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'no-reverse-link' });
    expect(reverse.message).toBe(
      'link "trump-putin-call led to riyadh-talks" is already recorded; the same relation cannot also run the other way',
    );
    expect(await head()).toEqual(before);
  });

  it('refuses an article whose url and text are those of one recorded, naming it', async () => {
    // A second desk records the same piece under another headline (so another id): the same url
    // and the same text's sha256 say it is the article already recorded.
    const record = (headline: string) =>
      api.gql<{ recordArticle: { id: string } }>(
        `mutation { recordArticle(input: { headline: "${headline}", publisher: "Wire", publishedAt: "2025-02-17", url: "https://wire.example/2025/02/17/paris", textSha256: "${'c'.repeat(64)}" }) { id } }`,
        undefined,
        { token: WRITE_TOKEN },
      );
    const first = dataOf(await record('Leaders gather in Paris')).recordArticle.id;
    const before = await head();
    const again = errorOf(await record('European leaders meet in Paris'));
    expect(again.extensions?.code).toBe('CONFLICT');
    expect(again.message).toMatch(
      new RegExp(
        `^article "${first}" has the same url and text \\(textSha256\\); it is this article, already recorded: cite "${first}" rather than recording it again as "european-leaders-meet-in-paris-[0-9a-f]{8}"$`,
      ),
    );
    expect(await head()).toEqual(before);
  });

  it('answers from the new position after a correction, though the same fact was just read', async () => {
    // The API keeps the copies of facts it answered with for as long as the log stays at one
    // position (models/scope.ts): a correction must not be hidden behind them.
    const QUERY = `query ($p: Int) {
      fact(id: "commission-statement", minPosition: $p) { summary participants { actor { id } } }
      timeline(first: 100, minPosition: $p) { edges { node { id summary } } }
    }`;
    type Answer = {
      fact: { summary: string; participants: Array<{ actor: { id: string } }> };
      timeline: { edges: Array<{ node: { id: string; summary: string } }> };
    };
    const read = async (p?: number) => dataOf(await api.gql<Answer>(QUERY, { p: p ?? null }));
    const first = await read();
    expect(await read()).toEqual(first);
    const summary = `${first.fact.summary} (corrected)`;
    const { position } = dataOf(
      await api.gql<{ correctFact: { position: number } }>(
        'mutation ($s: String) { correctFact(input: { factId: "commission-statement", changes: { summary: $s }, reason: "Wording." }) { position } }',
        { s: summary },
        { token: WRITE_TOKEN },
      ),
    ).correctFact;
    const after = await read(position);
    expect(after.fact.summary).toBe(summary);
    expect(after.fact.participants).toEqual(first.fact.participants);
    const inTimeline = after.timeline.edges.find((e) => e.node.id === 'commission-statement');
    expect(inTimeline?.node.summary).toBe(summary);
    // The past is still there to ask for, by position.
    const past = dataOf(
      await api.gql<{ fact: { summary: string } }>(
        `{ fact(id: "commission-statement", asOf: { position: ${position - 1} }) { summary } }`,
      ),
    ).fact;
    expect(past.summary).toBe(first.fact.summary);
  });

  it('refuses a write decided against an old version with CONFLICT', async () => {
    const token = { token: WRITE_TOKEN };
    const current = dataOf(
      await api.gql<{ fact: { version: number } }>('{ fact(id: "trump-putin-call") { version } }'),
    ).fact.version;
    const correct = (expectedVersion: number, summary: string) =>
      api.gql(
        'mutation ($v: Int, $s: String) { correctFact(input: { factId: "trump-putin-call", changes: { summary: $s }, reason: "editing", expectedVersion: $v }) { position } }',
        { v: expectedVersion, s: summary },
        token,
      );
    // Two editors read the same version; the first write wins, the second is refused.
    const first = await correct(current, 'Trump and Putin spoke for 90 minutes.');
    dataOf(first);
    const before = await head();
    const second = await correct(current, 'Trump and Putin spoke briefly.');
    expect(errorOf(second).extensions).toMatchObject({
      code: 'CONFLICT',
      streamId: 'fact-trump-putin-call',
      expectedVersion: current,
      actualVersion: current + 1,
    });
    expect(await head()).toEqual(before);

    // Concurrent requests with the same expected version: exactly one is appended.
    const racers = await Promise.all(
      [1, 2, 3, 4].map((n) => correct(current + 1, `Version ${n} of the summary.`)),
    );
    const won = racers.filter((r) => !r.body.errors);
    const lost = racers.filter((r) => r.body.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(3);
    expect((await head()).position).toBe(before.position + 1);
  });

  it('treats expectedVersion 0 on recordFact as "must not exist yet"', async () => {
    // The same id with other content: the fact exists, so the write conflicts. (The identical command
    // would be an idempotent retry and answer alreadyApplied instead.)
    const response = await api.gql(
      RECORD_FACT,
      { input: { ...validFact, summary: 'Another account of it.', expectedVersion: 0 } },
      { token: WRITE_TOKEN },
    );
    expect(errorOf(response).extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a negative expectedVersion as bad input, not as a conflict', async () => {
    const before = await head();
    const response = await api.gql(
      'mutation { retractFact(input: { factId: "invasion", reason: "x", expectedVersion: -5 }) { id } }',
      undefined,
      { token: WRITE_TOKEN },
    );
    expect(errorOf(response).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'input.expectedVersion' }],
    });
    expect(await head()).toEqual(before);
  });

  it('refuses a stale expectedVersion on a correction with the versions named', async () => {
    const response = await api.gql(
      'mutation ($input: RetractFactInput!) { retractFact(input: $input) { id } }',
      { input: { factId: validFact.id, reason: 'checking versions', expectedVersion: 0 } },
      { token: WRITE_TOKEN },
    );
    expect(errorOf(response).extensions).toMatchObject({
      code: 'CONFLICT',
      expectedVersion: 'no_stream',
    });
  });
});

describe('read-your-writes', () => {
  it('refuses a minPosition beyond the log head', async () => {
    const { position } = await head();
    const response = await api.gql('query ($p: Int) { actors(minPosition: $p) { id } }', {
      p: position + 5,
    });
    expect(errorOf(response).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'minPosition' }],
    });
  });
});
