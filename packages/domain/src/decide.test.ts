import { describe, expect, it } from 'vitest';
import { type Command, parseCommand } from './commands.js';
import { decide, evolveWriteModel, initialWriteModel, type WriteModel } from './decide.js';
import { decodeEvent } from './decode.js';
import {
  AlreadyExistsError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from './errors.js';
import { currentSchemaVersion, type DomainEvent } from './events.js';
import { resolveDateExpression } from './fuzzy-date.js';

const SHA = 'a'.repeat(64);
const article = (id = 'reuters-1', publishedAt = '2025-02-17'): DomainEvent => ({
  type: 'ArticleRecorded',
  data: {
    articleId: id,
    publisher: 'Reuters',
    headline: 'A headline',
    publishedAt,
    textSha256: SHA,
  },
});
const actor = (id: string): DomainEvent => ({
  type: 'ActorRegistered',
  data: { actorId: id, name: id, kind: 'person', aliases: [] },
});
const recordFact = (overrides: Partial<Extract<Command, { type: 'RecordFact' }>> = {}): Command =>
  parseCommand({
    type: 'RecordFact',
    factId: 'call',
    kind: 'call',
    status: 'occurred',
    summary: 'Trump and Putin spoke by phone.',
    occurred: resolveDateExpression('last week', '2025-02-17'),
    participants: [{ actorId: 'trump', role: 'initiator' }],
    evidence: {
      articleId: 'reuters-1',
      paragraph: 2,
      excerpt: 'held a call',
      dateExpression: 'last week',
    },
    ...overrides,
  });

/** The deciding clock of these tests: long after the story's articles. */
const NOW = new Date('2026-11-27T08:00:00Z');

/** given events, when a command, then events or an error */
function given(...events: DomainEvent[]) {
  const model: WriteModel = events.reduce(evolveWriteModel, initialWriteModel());
  return { when: (command: Command) => () => decide(command, model, NOW) };
}

describe('RecordArticle', () => {
  const recordArticle = (publishedAt: string): Command =>
    parseCommand({
      type: 'RecordArticle',
      articleId: 'wire-1',
      publisher: 'Wire',
      headline: 'A headline',
      publishedAt,
      textSha256: SHA,
    });
  const refused = (publishedAt: string) => given().when(recordArticle(publishedAt));

  it('records an article published up to now, allowing for clocks a few minutes apart', () => {
    for (const publishedAt of [
      '2025-02-17',
      '2026-11-27T08:00:00Z',
      '2026-11-27T08:04:00Z',
      '2026-11-27T09:04:00+01:00',
    ])
      expect(given().when(recordArticle(publishedAt))().events[0]?.type).toBe('ArticleRecorded');
  });

  it('takes a date alone as published once that day has begun somewhere (UTC+14)', () => {
    // 08:00 UTC on 27 November is 22:00 on the 27th in UTC+14: the 28th has not begun anywhere.
    expect(given().when(recordArticle('2026-11-27'))().events).toHaveLength(1);
    expect(refused('2026-11-28')).toThrow(RuleViolationError);
  });

  it('takes a timestamp only with seconds and a zone, and at most nine fractional digits', () => {
    for (const publishedAt of ['2025-02-17T10:00+01:00', '2205-01-01T00:00:00.1234567890Z'])
      expect(() => recordArticle(publishedAt), publishedAt).toThrow(
        /publishedAt: must be a date \(YYYY-MM-DD\) or an ISO timestamp with seconds and a zone/,
      );
    expect(recordArticle('2025-02-17T10:00:00.123456789+01:00')).toMatchObject({
      type: 'RecordArticle',
    });
  });

  it('refuses a publication in the future, saying when it is now', () => {
    for (const publishedAt of ['2205-02-17', '2026-11-27T08:06:00Z', '2026-11-27T10:00:00+01:00'])
      expect(refused(publishedAt)).toThrow(
        /publishedAt .* is in the future \(it is now 2026-11-27T08:00:00.000Z\); record an article once it has been published/,
      );
  });

  describe('the same article under another id', () => {
    const URL = 'https://wire.example/2025/02/17/call';
    const recorded = (url: string | undefined, textSha256 = SHA): DomainEvent => ({
      type: 'ArticleRecorded',
      data: {
        articleId: 'wire-0',
        publisher: 'Wire',
        headline: 'A headline',
        publishedAt: '2025-02-17',
        textSha256,
        ...(url ? { url } : {}),
      },
    });
    const again = (url: string | undefined, textSha256 = SHA): Command =>
      parseCommand({
        type: 'RecordArticle',
        articleId: 'wire-1',
        publisher: 'Wire',
        headline: 'A headline, as filed again',
        publishedAt: '2025-02-17',
        textSha256,
        ...(url ? { url } : {}),
      });

    it('is refused when both its url and its text are those of an article recorded', () => {
      const decision = given(recorded(URL)).when(again(URL));
      expect(decision).toThrow(AlreadyExistsError);
      expect(decision).toThrow(
        'article "wire-0" has the same url and text (textSha256); it is this article, already recorded: cite "wire-0" rather than recording it again as "wire-1"',
      );
    });

    it('is recorded when its text changed at the same url, or the same text is at another url', () => {
      const other = 'b'.repeat(64);
      expect(given(recorded(URL)).when(again(URL, other))().events).toHaveLength(1);
      expect(given(recorded(URL)).when(again(`${URL}-syndicated`))().events).toHaveLength(1);
      // Without a url, the text alone does not say it is the same publication.
      expect(given(recorded(undefined)).when(again(undefined))().events).toHaveLength(1);
      expect(given(recorded(undefined)).when(again(URL))().events).toHaveLength(1);
    });
  });
});

describe('RecordFact', () => {
  it('given the article and actors, records the fact on a new stream with its label', () => {
    const decision = given(article(), actor('trump')).when(recordFact())();
    expect(decision.streamId).toBe('fact-call');
    expect(decision.expectedVersion).toBe('no_stream');
    expect(decision.events).toHaveLength(1);
    const [event] = decision.events;
    expect(event?.type).toBe('FactRecorded');
    if (event?.type === 'FactRecorded')
      expect(event.data.occurred.label).toBe('week of 10 Feb 2025');
  });

  it('refuses a fact citing an unknown article', () => {
    expect(given(actor('trump')).when(recordFact())).toThrow(NotFoundError);
    expect(given(actor('trump')).when(recordFact())).toThrow(
      /article with id "reuters-1".*record the article first/,
    );
  });

  it('refuses an unknown participant or speaker', () => {
    expect(given(article()).when(recordFact())).toThrow(/actor with id "trump"/);
    const withQuote = recordFact({
      participants: [],
      quotes: [{ text: 'hello', speakerId: 'nobody' }],
    });
    expect(given(article()).when(withQuote)).toThrow(/actor with id "nobody".*speaker/);
  });

  it('refuses an occurred fact dated after its article was published', () => {
    const future = recordFact({ occurred: resolveDateExpression('next week', '2025-02-17') });
    expect(given(article(), actor('trump')).when(future)).toThrow(RuleViolationError);
    const planned = recordFact({
      status: 'expected',
      occurred: resolveDateExpression('next week', '2025-02-17'),
    });
    expect(given(article(), actor('trump')).when(planned)().events).toHaveLength(1);
  });

  it('refuses a second fact with the same id', () => {
    const first = given(article(), actor('trump')).when(recordFact())().events[0]!;
    expect(given(article(), actor('trump'), first).when(recordFact())).toThrow(AlreadyExistsError);
  });
});

describe('CorroborateFact', () => {
  const recorded = () => given(article(), actor('trump')).when(recordFact())().events[0]!;
  const corroborate = (articleId: string) =>
    parseCommand({
      type: 'CorroborateFact',
      factId: 'call',
      evidence: { articleId, paragraph: 4, excerpt: 'spoke with Trump' },
    });

  it('given a second article, adds it as a source at the next stream version', () => {
    const decision = given(article(), article('reuters-2'), actor('trump'), recorded()).when(
      corroborate('reuters-2'),
    )();
    expect(decision).toMatchObject({ streamId: 'fact-call', expectedVersion: 1 });
  });

  it('refuses an article published before an occurred fact began', () => {
    // The fact is "last week" of 17 Feb (10–16 Feb); an article of 9 Feb cannot confirm it.
    const early = article('early-1', '2025-02-09');
    const corroborate: Command = {
      type: 'CorroborateFact',
      factId: 'call',
      evidence: { articleId: 'early-1', paragraph: 1, excerpt: 'x' },
    };
    expect(given(article(), early, actor('trump'), recorded()).when(corroborate)).toThrow(
      /published \(2025-02-09\) before the fact could have happened \(2025-02-10\)/,
    );
    const onTheDay = article('early-1', '2025-02-10');
    expect(
      given(article(), onTheDay, actor('trump'), recorded()).when(corroborate)().events,
    ).toHaveLength(1);
  });

  it('refuses the same article twice, including the original source', () => {
    expect(given(article(), actor('trump'), recorded()).when(corroborate('reuters-1'))).toThrow(
      /already supports fact "call"/,
    );
  });
});

describe('CorrectFact and RetractFact', () => {
  const recorded = () => given(article(), actor('trump')).when(recordFact())().events[0]!;
  const retract: Command = { type: 'RetractFact', factId: 'call', reason: 'misreported' };
  const correct: Command = parseCommand({
    type: 'CorrectFact',
    factId: 'call',
    changes: { status: 'planned' },
    reason: 'was planned',
  });

  it('corrects a live fact', () => {
    expect(given(article(), actor('trump'), recorded()).when(correct)().events[0]?.type).toBe(
      'FactCorrected',
    );
  });

  it('keeps the evidence a correction gives in its event', () => {
    const evidence = { articleId: 'reuters-1', paragraph: 4, excerpt: 'it was planned' };
    const event = given(article(), actor('trump'), recorded()).when(
      parseCommand({ ...correct, evidence }),
    )().events[0];
    expect(event).toEqual({
      type: 'FactCorrected',
      data: { factId: 'call', changes: { status: 'planned' }, reason: 'was planned', evidence },
    });
  });

  it('refuses a label that names another date than the span, and keeps one that fits or names none', () => {
    const week = { earliest: '2025-02-17', latest: '2025-02-23', precision: 'week' } as const;
    const withLabel = (label: string) =>
      given(article(), actor('trump')).when(recordFact({ occurred: { ...week, label } }));
    expect(withLabel('17 Feb 2025')).toThrow(
      'occurred.label "17 Feb 2025" names 2025-02-17, but the date is 2025-02-17 to 2025-02-23 (week)',
    );
    expect(withLabel('February 2025')).toThrow(
      /label-names-the-date|names 2025-02-01 to 2025-02-28/,
    );
    // Without a year or with a weekday in front, the year the span begins.
    for (const label of ['17 Feb', 'Monday 17 February', 'Tuesday, 18 Feb 2025'])
      expect(withLabel(label), label).toThrow(/names 2025-02-1[78], but the date is/);
    // Even a month that, without its year, is too far from the span to resolve as an expression.
    expect(withLabel('September')).toThrow(/names 2025-09-01 to 2025-09-30, but the date is/);
    expect(withLabel('Dec. 24')).toThrow(/names 2025-12-24, but the date is/);
    const day = { earliest: '2025-02-18', latest: '2025-02-18', precision: 'day' } as const;
    expect(
      given(article('reuters-2', '2025-02-19'), actor('trump')).when(
        recordFact({
          occurred: { ...day, label: 'Tuesday 18 Feb' },
          evidence: { articleId: 'reuters-2', paragraph: 1, excerpt: 'x' },
        }),
      )().events[0]?.data,
    ).toMatchObject({ occurred: { label: 'Tuesday 18 Feb' } });
    for (const label of ['the week of the Paris summit', 'week of 17 Feb'])
      expect(withLabel(label)().events[0]?.data).toMatchObject({ occurred: { label } });
  });

  it('refuses a correction that changes nothing, and takes one that changes anything', () => {
    const correction = (changes: Record<string, unknown>): Command =>
      parseCommand({ type: 'CorrectFact', factId: 'call', changes, reason: 'r' });
    const history = () => [article(), actor('trump'), recorded()] as const;
    for (const same of [
      { summary: 'Trump and Putin spoke by phone.' },
      { topics: [] },
      { status: 'occurred', participants: [{ actorId: 'trump', role: 'initiator' }] },
      // The same span, its label derived again.
      { occurred: resolveDateExpression('last week', '2025-02-17') },
    ])
      expect(given(...history()).when(correction(same)), JSON.stringify(same)).toThrow(
        /correction-changes-nothing|nothing to correct/,
      );
    // Of several fields, only those that change are recorded.
    expect(given(...history()).when(correction({ summary: 'x', topics: [] }))().events).toEqual([
      { type: 'FactCorrected', data: expect.objectContaining({ changes: { summary: 'x' } }) },
    ]);
    // After a correction, its values are the ones held: giving them again changes nothing, and
    // going back to the first ones is a change.
    const changed: DomainEvent = {
      type: 'FactCorrected',
      data: { factId: 'call', changes: { summary: 'Reworded.' }, reason: 'r' },
    };
    expect(given(...history(), changed).when(correction({ summary: 'Reworded.' }))).toThrow(
      /nothing to correct: summary already has the value given/,
    );
    expect(
      given(...history(), changed).when(
        correction({ summary: 'Trump and Putin spoke by phone.' }),
      )().events,
    ).toHaveLength(1);
  });

  it('refuses to correct or retract a retracted fact', () => {
    const retracted: DomainEvent = {
      type: 'FactRetracted',
      data: { factId: 'call', reason: 'misreported' },
    };
    expect(given(article(), actor('trump'), recorded(), retracted).when(correct)).toThrow(
      /was retracted and cannot be corrected/,
    );
    expect(given(article(), actor('trump'), recorded(), retracted).when(retract)).toThrow(
      RuleViolationError,
    );
  });

  it('refuses a correction that would make it occur after every article that reports it', () => {
    // The fact was "last week" of 17 Feb, from an article of 17 Feb.
    const later = (changes: Record<string, unknown>): Command =>
      parseCommand({ type: 'CorrectFact', factId: 'call', changes, reason: 'new date' });
    const march = { earliest: '2025-03-03', latest: '2025-03-03', precision: 'day' } as const;
    expect(given(article(), actor('trump'), recorded()).when(later({ occurred: march }))).toThrow(
      /occurred-before-report|cannot begin \(2025-03-03\) after the last of its articles/,
    );
    // As planned it may move; and a source published later lets it occur then.
    expect(
      given(article(), actor('trump'), recorded()).when(
        later({ occurred: march, status: 'planned' }),
      )().events,
    ).toHaveLength(1);
    const corroborated: DomainEvent = {
      type: 'FactCorroborated',
      data: { factId: 'call', evidence: { articleId: 'ap-9', paragraph: 1, excerpt: 'x' } },
    };
    expect(
      given(
        article(),
        article('ap-9', '2025-03-04'),
        actor('trump'),
        recorded(),
        corroborated,
      ).when(later({ occurred: march }))().events,
    ).toHaveLength(1);
    // A planned fact dated after its article cannot be switched to occurred either.
    const plannedLater: DomainEvent = {
      type: 'FactCorrected',
      data: { factId: 'call', changes: { status: 'planned', occurred: march }, reason: 'r' },
    };
    expect(
      given(article(), actor('trump'), recorded(), plannedLater).when(
        later({ status: 'occurred' }),
      ),
    ).toThrow(RuleViolationError);
  });

  it('refuses an empty correction at validation', () => {
    expect(() =>
      parseCommand({ type: 'CorrectFact', factId: 'call', changes: {}, reason: 'x' }),
    ).toThrow(/at least one field/);
  });
});

describe('LinkFacts', () => {
  it('refuses a self link and an unknown target', () => {
    const recorded = given(article(), actor('trump')).when(recordFact())().events[0]!;
    const link = (to: string): Command => ({
      type: 'LinkFacts',
      factId: 'call',
      relatedFactId: to,
      relation: 'led_to',
    });
    expect(given(article(), actor('trump'), recorded).when(link('call'))).toThrow(/itself/);
    expect(given(article(), actor('trump'), recorded).when(link('summit'))).toThrow(
      /fact with id "summit"/,
    );
  });

  it('refuses a relation running both ways, and takes another relation back', () => {
    const call = given(article(), actor('trump')).when(recordFact())().events[0]!;
    const summit = given(article(), actor('trump')).when(recordFact({ factId: 'summit' }))()
      .events[0]!;
    const link = (from: string, relation: string, to: string): Command =>
      parseCommand({ type: 'LinkFacts', factId: from, relatedFactId: to, relation });
    const linked = given(article(), actor('trump'), call, summit).when(
      link('call', 'responds_to', 'summit'),
    )().events[0]!;
    expect(
      given(article(), actor('trump'), call, summit, linked).when(
        link('summit', 'responds_to', 'call'),
      ),
    ).toThrow(
      'link "call responds to summit" is already recorded; the same relation cannot also run the other way',
    );
    expect(
      given(article(), actor('trump'), call, summit, linked).when(
        link('summit', 'led_to', 'call'),
      )().events,
    ).toHaveLength(1);
  });

  it('refuses a retracted fact at either end', () => {
    const call = given(article(), actor('trump')).when(recordFact())().events[0]!;
    const summit = given(article(), actor('trump')).when(recordFact({ factId: 'summit' }))()
      .events[0]!;
    const retracted: DomainEvent = {
      type: 'FactRetracted',
      data: { factId: 'summit', reason: 'misreported' },
    };
    const link: Command = {
      type: 'LinkFacts',
      factId: 'call',
      relatedFactId: 'summit',
      relation: 'led_to',
    };
    expect(given(article(), actor('trump'), call, summit).when(link)().events).toHaveLength(1);
    expect(given(article(), actor('trump'), call, summit, retracted).when(link)).toThrow(
      /"summit" was retracted and cannot be linked/,
    );
  });
});

describe('parseCommand', () => {
  it('names every bad field', () => {
    try {
      parseCommand({
        type: 'RecordFact',
        factId: 'Not An Id',
        kind: 'rumour',
        status: 'occurred',
        summary: '',
        occurred: { earliest: '2025-02-17', latest: '2025-02-10', precision: 'range' },
        evidence: { articleId: 'a', paragraph: 0, excerpt: 'x' },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      const paths = (error as InvalidInputError).issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'factId',
          'kind',
          'summary',
          'occurred.latest',
          'evidence.paragraph',
        ]),
      );
      expect((error as Error).message).toMatch(/^invalid RecordFact command: /);
    }
  });

  it('refuses an unknown command type', () => {
    expect(() => parseCommand({ type: 'DeleteEverything' })).toThrow(InvalidInputError);
  });
});

describe('text fields', () => {
  /** An article's data with this headline (and other fields), as a command or an event's data. */
  const articleData = (headline: string, extra: Record<string, unknown> = {}) => ({
    articleId: 'a',
    publisher: 'P',
    headline,
    publishedAt: '2025-02-17',
    textSha256: 'a'.repeat(64),
    ...extra,
  });
  const article = (headline: string, extra: Record<string, unknown> = {}) => ({
    type: 'RecordArticle',
    ...articleData(headline, extra),
  });
  const actor = (extra: Record<string, unknown>) => ({
    type: 'RegisterActor',
    actorId: 'x',
    name: 'X',
    kind: 'person',
    ...extra,
  });

  it('refuse NUL characters and lone surrogates, and accept real astral characters', () => {
    expect(() => parseCommand(article('bad \ud800 half'))).toThrow(
      /headline: must be well-formed text/,
    );
    expect(() => parseCommand(article('bad \udc00 half'))).toThrow(/well-formed/);
    expect(() => parseCommand(article('nul \u0000 here'))).toThrow(/well-formed/);
    expect(parseCommand(article('flag 🇺🇦 and ‮bidi‬ stay'))).toMatchObject({
      headline: 'flag 🇺🇦 and ‮bidi‬ stay',
    });
  });

  it('refuse text with nothing visible in it, or with control characters, on the way in', () => {
    expect(() => parseCommand(article('\u200b\u200d\u2060'))).toThrow(
      /headline: must contain a visible character/,
    );
    expect(() => parseCommand(article('H', { byline: '\u00ad\u200c' }))).toThrow(
      /byline: must contain a visible character/,
    );
    expect(() => parseCommand(article('A \u001b[31m red \u0007'))).toThrow(
      /headline: must not contain control characters: found U\+001B at character 3/,
    );
    expect(() => parseCommand(article('C1 \u009b here'))).toThrow(/U\+009B/);
    for (const blank of ['\u3164', '\u2800 \u115f', '\uffa0'])
      expect(() => parseCommand(article(blank)), blank).toThrow(/must contain a visible character/);
    // Tabs and line breaks, a lone mark beside words, and a currency symbol are text.
    for (const headline of ['two\tcolumns\nand lines', 'word\u200bword', '€'])
      expect(parseCommand(article(headline))).toMatchObject({ headline });
    // The rule is for what comes in: an event already in the log still decodes.
    expect(decodeEvent('ArticleRecorded', 1, articleData('\u200b\u200b'))).toMatchObject({
      data: { headline: '\u200b\u200b' },
    });
  });

  it('say what is wrong in words, not in schema terms', () => {
    expect(() => parseCommand(article('H', { language: 'EN' }))).toThrow(
      'language: must be a two-letter lower-case language code (ISO 639-1) such as en',
    );
    expect(() =>
      parseCommand({
        type: 'CorroborateFact',
        factId: 'call',
        evidence: { articleId: 'a', paragraph: 1 },
      }),
    ).toThrow('evidence.excerpt: required, and missing');
  });

  it('refuse a country code that names no country, on the way in', () => {
    for (const country of ['XX', 'ZZ', 'UK', 'SU'])
      expect(() => parseCommand(actor({ country })), country).toThrow(
        new RegExp(`country: "${country}" is not an ISO 3166-1 country code`),
      );
    // A code of another shape gets the schema's one message, not a second one.
    expect(() => parseCommand(actor({ country: 'gb' }))).toThrow(
      'invalid RegisterActor command: country: must be a two-letter country code such as GB',
    );
    for (const country of ['GB', 'UA', 'EU', 'XK', 'SS'])
      expect(parseCommand(actor({ country })), country).toMatchObject({ country });
  });

  it('refuse an alias listed twice', () => {
    expect(() => parseCommand(actor({ aliases: ['JD', 'jd'] }))).toThrow(
      'aliases.1: "jd" is listed twice; give each alias once',
    );
    // The same letters composed or not (é as one character, or e and an accent).
    expect(() => parseCommand(actor({ aliases: ['Café', 'Cafe\u0301'] }))).toThrow(
      /aliases\.1: .* is listed twice/,
    );
  });

  it("hold a quote's paragraph to an evidence paragraph's bound, on the way in", () => {
    const quoted = (paragraph: number) => [{ text: 'We are ready.', paragraph }];
    expect(() => recordFact({ quotes: quoted(99_999_999) })).toThrow(
      'quotes.0.paragraph: must be a paragraph number of at most 10000, as for evidence',
    );
    expect(() =>
      parseCommand({
        type: 'CorrectFact',
        factId: 'call',
        changes: { quotes: quoted(10_001) },
        reason: 'the quote was misattributed',
      }),
    ).toThrow('changes.quotes.0.paragraph: must be a paragraph number of at most 10000');
    expect(recordFact({ quotes: quoted(10_000) })).toMatchObject({ type: 'RecordFact' });
    // Events already in a log decode as they were written.
    const recorded = recordFact({ quotes: [] });
    if (recorded.type !== 'RecordFact') throw new Error('not a RecordFact');
    const { type: _, ...data } = recorded;
    expect(
      decodeEvent('FactRecorded', currentSchemaVersion.FactRecorded, {
        ...data,
        quotes: quoted(99_999_999),
      }).data,
    ).toMatchObject({ quotes: quoted(99_999_999) });
  });

  it("hold a date's label and expression and an article's URL to the same rule", () => {
    expect(() => parseCommand(article('H', { url: 'https://example.org/a\u0000b' }))).toThrow(
      /url: must be well-formed text/,
    );
    const occurred = resolveDateExpression('last week', '2025-02-17');
    expect(() => recordFact({ occurred: { ...occurred, expression: 'on \ud800 Monday' } })).toThrow(
      /occurred\.expression: must be well-formed text/,
    );
    expect(() => recordFact({ occurred: { ...occurred, label: 'week\u0000' } })).toThrow(
      /occurred\.label: must be well-formed text/,
    );
    expect(() => recordFact({ occurred: { ...occurred, label: '   ' } })).toThrow(
      /occurred\.label: must not be empty/,
    );
  });
});
