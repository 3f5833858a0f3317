import { mkdir } from 'node:fs/promises';
import { type Command, parseCommand } from '@dateline/domain';
import { openEventStore } from '@dateline/event-store/open';
import { createCommandHandler } from '@dateline/projections/write';

/**
 * A small log built through the real command handler, with one fact for every filter and both
 * kinds of time travel: two articles two days apart, a correction, a corroboration, a link and
 * a retraction. Each event is recorded one minute after the previous one.
 */
export const FIXTURE_START = Date.parse('2025-02-20T10:00:00.000Z');

const excerpt = (text: string) => ({ excerpt: text });

export const fixtureCommands: Command[] = [
  {
    type: 'RecordArticle',
    articleId: 'wire-feb-17',
    publisher: 'Wire',
    headline: 'Leaders gather in Paris after the Trump–Putin call',
    publishedAt: '2025-02-17',
    url: 'https://news.example/wire-feb-17',
    textSha256: 'a'.repeat(64),
  },
  {
    type: 'RecordArticle',
    articleId: 'daily-feb-19',
    publisher: 'Daily',
    headline: 'Brussels answers Washington',
    publishedAt: '2025-02-19T08:00:00Z',
    textSha256: 'b'.repeat(64),
  },
  {
    type: 'RegisterActor',
    actorId: 'trump',
    name: 'Donald Trump',
    kind: 'person',
    country: 'US',
    title: 'President of the United States',
    aliases: ['Trump'],
  },
  {
    type: 'RegisterActor',
    actorId: 'putin',
    name: 'Vladimir Putin',
    kind: 'person',
    country: 'RU',
    aliases: [],
  },
  {
    type: 'RegisterActor',
    actorId: 'starmer',
    name: 'Keir Starmer',
    kind: 'person',
    country: 'GB',
    aliases: [],
  },
  {
    type: 'RegisterActor',
    actorId: 'macron',
    name: 'Emmanuel Macron',
    kind: 'person',
    country: 'FR',
    aliases: [],
  },
  {
    type: 'RegisterActor',
    actorId: 'zelensky',
    name: 'Volodymyr Zelensky',
    kind: 'person',
    country: 'UA',
    aliases: [],
  },
  {
    type: 'RegisterActor',
    actorId: 'commission',
    name: 'European Commission',
    kind: 'organisation',
    country: 'EU',
    aliases: ['Brussels'],
  },
  {
    type: 'RecordFact',
    factId: 'trump-putin-call',
    kind: 'call',
    status: 'occurred',
    summary: 'Trump and Putin spoke by phone about ending the war.',
    occurred: { earliest: '2025-02-12', latest: '2025-02-12', precision: 'day' },
    participants: [
      { actorId: 'trump', role: 'initiator' },
      { actorId: 'putin', role: 'recipient' },
    ],
    quotes: [
      { text: 'We agreed to have our teams start negotiations immediately', speakerId: 'trump' },
    ],
    topics: ['ukraine', 'peace-talks'],
    places: [],
    evidence: {
      articleId: 'wire-feb-17',
      paragraph: 2,
      ...excerpt('Trump called Putin last Wednesday'),
      dateExpression: 'last Wednesday',
    },
  },
  {
    type: 'RecordFact',
    factId: 'paris-meeting',
    kind: 'summit',
    status: 'occurred',
    summary: 'European leaders met in Paris.',
    occurred: { earliest: '2025-02-17', latest: '2025-02-17', precision: 'day' },
    participants: [
      { actorId: 'macron', role: 'host' },
      { actorId: 'starmer', role: 'attendee' },
    ],
    quotes: [],
    topics: ['security'],
    places: ['Paris'],
    evidence: {
      articleId: 'wire-feb-17',
      paragraph: 1,
      ...excerpt('Leaders met in Paris on Monday'),
    },
  },
  {
    type: 'RecordFact',
    factId: 'riyadh-talks',
    kind: 'talks',
    status: 'expected',
    summary: 'US and Russian officials are expected to meet in Saudi Arabia.',
    occurred: { earliest: '2025-02-17', latest: '2025-02-23', precision: 'week' },
    participants: [
      { actorId: 'trump', role: 'attendee' },
      { actorId: 'putin', role: 'attendee' },
      { actorId: 'zelensky', role: 'excluded' },
    ],
    quotes: [],
    topics: ['ukraine'],
    places: ['Riyadh'],
    evidence: {
      articleId: 'wire-feb-17',
      paragraph: 5,
      ...excerpt('Talks are expected this week'),
      dateExpression: 'this week',
    },
  },
  {
    type: 'RecordFact',
    factId: 'starmer-pledge',
    kind: 'pledge',
    status: 'occurred',
    summary: 'Starmer said Britain is ready to put troops on the ground.',
    occurred: { earliest: '2025-02-16', latest: '2025-02-16', precision: 'day' },
    participants: [{ actorId: 'starmer', role: 'speaker' }],
    quotes: [{ text: 'ready and willing to contribute', speakerId: 'starmer' }],
    topics: ['security', 'peacekeeping'],
    places: [],
    evidence: { articleId: 'wire-feb-17', paragraph: 3, ...excerpt('Starmer wrote on Sunday') },
  },
  {
    type: 'RecordFact',
    factId: 'invasion',
    kind: 'background',
    status: 'occurred',
    summary: 'Russia invaded Ukraine.',
    occurred: { earliest: '2022-01-01', latest: '2022-12-31', precision: 'year' },
    participants: [
      { actorId: 'putin', role: 'initiator' },
      { actorId: 'zelensky', role: 'subject' },
    ],
    quotes: [],
    topics: ['ukraine'],
    places: [],
    evidence: { articleId: 'wire-feb-17', paragraph: 9, ...excerpt('since the 2022 invasion') },
  },
  {
    type: 'RecordFact',
    factId: 'commission-statement',
    kind: 'statement',
    status: 'occurred',
    summary: 'The Commission said Europe will spend more on defence.',
    occurred: { earliest: '2025-02-18', latest: '2025-02-18', precision: 'day' },
    participants: [{ actorId: 'commission', role: 'speaker' }],
    quotes: [],
    topics: ['defence'],
    places: ['Brussels'],
    evidence: {
      articleId: 'daily-feb-19',
      paragraph: 1,
      ...excerpt('The Commission said on Tuesday'),
    },
  },
  {
    type: 'RecordFact',
    factId: 'rumoured-call',
    kind: 'call',
    status: 'occurred',
    summary: 'Macron was said to have called Zelensky.',
    occurred: { earliest: '2025-02-18', latest: '2025-02-18', precision: 'day' },
    participants: [
      { actorId: 'macron', role: 'initiator' },
      { actorId: 'zelensky', role: 'recipient' },
    ],
    quotes: [],
    topics: [],
    places: [],
    evidence: { articleId: 'daily-feb-19', paragraph: 4, ...excerpt('a call was reported') },
  },
  {
    type: 'CorroborateFact',
    factId: 'trump-putin-call',
    evidence: { articleId: 'daily-feb-19', paragraph: 2, excerpt: 'after last week’s call' },
  },
  {
    type: 'CorrectFact',
    factId: 'paris-meeting',
    changes: { summary: 'European leaders held an emergency meeting in Paris.' },
    reason: 'The article calls it an emergency meeting.',
  },
  {
    type: 'LinkFacts',
    factId: 'trump-putin-call',
    relatedFactId: 'riyadh-talks',
    relation: 'led_to',
  },
  { type: 'RetractFact', factId: 'rumoured-call', reason: 'The report was withdrawn.' },
].map((c) => parseCommand(c));

/** Writes the fixture into `dir` (a new file store), one append per command. */
export async function buildFixtureLog(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let tick = 0;
  const store = await openEventStore(dir, {
    tool: 'api-test-fixture',
    now: () => new Date(FIXTURE_START + 60_000 * tick++),
  });
  try {
    const handler = createCommandHandler(store, { tool: 'api-test-fixture' });
    for (const command of fixtureCommands) await handler.execute(command);
    return (await store.head()).position;
  } finally {
    await store.close();
  }
}
