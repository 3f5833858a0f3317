import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interactionEdges } from './interactions.js';
import {
  asReportedBy,
  compareFacts,
  factsOfActor,
  getFact,
  indexAfter,
  listActors,
  listArticles,
  listTopics,
  queryInteractions,
  queryTimeline,
  queryTimelineAt,
} from './queries.js';
import type { ReadModels, TimelineFact } from './read-models.js';
import { replayUntil } from './replay.js';
import { cmd, commandWriter, newStore, storyStore } from './test-fixtures.js';

async function storyModels() {
  const { store } = await storyStore();
  return (await replayUntil(store, { position: Number.MAX_SAFE_INTEGER })).models;
}

const ids = (facts: { id: string }[]) => facts.map((f) => f.id);

describe('timeline query', () => {
  it('sorts by earliest, then latest, then position: a week never counts as its first day', async () => {
    const store = newStore();
    await commandWriter(store).runAll([
      cmd.article('reuters-1', '2025-02-20'),
      cmd.fact('week', 'reuters-1', {
        occurred: { earliest: '2025-02-10', latest: '2025-02-16', precision: 'week' },
      }),
      cmd.fact('monday', 'reuters-1', {
        occurred: { earliest: '2025-02-10', latest: '2025-02-10', precision: 'day' },
      }),
      cmd.fact('tuesday', 'reuters-1', {
        occurred: { earliest: '2025-02-11', latest: '2025-02-11', precision: 'day' },
      }),
      cmd.fact('monday-again', 'reuters-1', {
        occurred: { earliest: '2025-02-10', latest: '2025-02-10', precision: 'day' },
      }),
      cmd.fact('month', 'reuters-1', {
        occurred: { earliest: '2025-02-01', latest: '2025-02-28', precision: 'month' },
      }),
    ]);
    const { models } = await replayUntil(store, { position: 100 });
    expect(ids(queryTimeline(models))).toEqual([
      'month',
      'monday',
      'monday-again',
      'week',
      'tuesday',
    ]);
  });

  it('filters by overlap with the fuzzy span, not by its first day', async () => {
    const models = await storyModels();
    // The call happened some time in the week of 10 Feb: it overlaps 14 Feb.
    expect(ids(queryTimeline(models, { from: '2025-02-14', to: '2025-02-14' }))).toEqual(['call']);
    expect(ids(queryTimeline(models, { from: '2025-02-17' }))).toEqual([
      'zelensky-reply',
      'summit',
    ]);
    expect(ids(queryTimeline(models, { to: '2025-02-16' }))).toEqual(['call', 'eu-claim']);
  });

  it('filters by actors, countries, kinds, statuses, topics, articles and text', async () => {
    const models = await storyModels();
    expect(ids(queryTimeline(models, { actorIds: ['eu'] }))).toEqual(['eu-claim']);
    expect(ids(queryTimeline(models, { countries: ['ua'] }))).toEqual([
      'call',
      'zelensky-reply',
      'summit',
    ]);
    expect(ids(queryTimeline(models, { kinds: ['summit', 'call'] }))).toEqual(['call', 'summit']);
    expect(ids(queryTimeline(models, { statuses: ['planned'] }))).toEqual(['summit']);
    expect(ids(queryTimeline(models, { topics: ['UKRAINE'] }))).toEqual(['call', 'zelensky-reply']);
    expect(ids(queryTimeline(models, { articleIds: ['bbc-3'] }))).toEqual(['summit']);
    // Summary, quote, actor name and alias, case-insensitively.
    expect(ids(queryTimeline(models, { text: 'riyadh' }))).toEqual(['summit']);
    expect(ids(queryTimeline(models, { text: 'PRODUCTIVE' }))).toEqual(['call']);
    expect(ids(queryTimeline(models, { text: 'potus' }))).toEqual([
      'call',
      'zelensky-reply',
      'summit',
    ]);
    expect(ids(queryTimeline(models, { text: 'european union' }))).toEqual(['eu-claim']);
    expect(ids(queryTimeline(models, { includeRetracted: false }))).not.toContain('eu-claim');
    expect(ids(queryTimeline(models, { actorIds: ['putin'], kinds: ['statement'] }))).toEqual([
      'zelensky-reply',
    ]);
  });

  it('matches text whether its accents were typed composed or decomposed', async () => {
    const store = newStore();
    const nfd = 'Re\u0301union a\u0300 Gene\u0300ve.';
    await commandWriter(store).runAll([
      cmd.article('a', '2025-02-16'),
      cmd.fact('decomposed', 'a', { summary: nfd }),
      cmd.fact('composed', 'a', { summary: nfd.normalize('NFC') }),
    ]);
    const { models } = await replayUntil(store, { position: 100 });
    for (const typed of ['Genève', 'Gene\u0300ve', 'RÉUNION'])
      expect(ids(queryTimeline(models, { text: typed })).sort()).toEqual([
        'composed',
        'decomposed',
      ]);
  });

  it('looks ids up as own properties, so "constructor" is just an unknown id', async () => {
    const models = await storyModels();
    expect(getFact(models, 'constructor')).toBeUndefined();
    expect(factsOfActor(models, 'constructor')).toEqual([]);
  });

  it('lists actors by name and articles by publication', async () => {
    const models = await storyModels();
    expect(listActors(models).map((a) => a.id)).toEqual(['trump', 'eu', 'putin', 'zelensky']);
    expect(listArticles(models).map((a) => a.id)).toEqual(['reuters-1', 'ap-2', 'bbc-3']);
    expect(ids(factsOfActor(models, 'putin'))).toEqual(['call', 'zelensky-reply', 'summit']);
  });
});

describe('as reported by a date', () => {
  it('keeps only facts and citations from articles published by then', async () => {
    const models = await storyModels();
    const early = asReportedBy(models, '2025-02-18');
    expect(ids(queryTimeline(early))).toEqual(['call', 'eu-claim']);
    expect(getFact(early, 'call')?.sources.map((s) => s.articleId)).toEqual(['reuters-1']);
    expect(getFact(early, 'call')?.links).toEqual([]);
    expect(Object.keys(early.articles.articles)).toEqual(['reuters-1']);
    expect(early.actors.actors.trump?.factIds).toEqual(['call']);
    const earlyEdges = interactionEdges(early.interactions);
    expect(earlyEdges.map((e) => e.id).sort()).toEqual([
      'putin~trump',
      'putin~zelensky',
      'trump~zelensky',
    ]);
    expect(earlyEdges.find((e) => e.id === 'putin~trump')?.factIds).toEqual(['call']);

    // ap-2 was published at 09:30 UTC on the 19th.
    expect(ids(queryTimeline(asReportedBy(models, '2025-02-19T09:00:00Z')))).toEqual([
      'call',
      'eu-claim',
    ]);
    const later = asReportedBy(models, '2025-02-19T10:00:00+00:00');
    expect(ids(queryTimeline(later))).toEqual(['call', 'eu-claim', 'zelensky-reply', 'summit']);
    expect(getFact(later, 'summit')?.sources.map((s) => s.articleId)).toEqual(['ap-2']);
    expect(getFact(later, 'call')?.links.map((l) => l.factId)).toEqual(['zelensky-reply']);
    // Nothing changed in the input.
    expect(getFact(models, 'call')?.sources).toHaveLength(2);
  });

  it('promotes the earliest remaining corroboration to source when the original is later', async () => {
    const store = newStore();
    await commandWriter(store).runAll([
      cmd.article('late', '2025-02-20'),
      cmd.article('early', '2025-02-18'),
      cmd.fact('f', 'late'),
      cmd.corroborate('f', 'early'),
    ]);
    const { models } = await replayUntil(store, { position: 10 });
    const fact = getFact(asReportedBy(models, '2025-02-19'), 'f');
    expect(fact?.sources.map((s) => [s.articleId, s.kind])).toEqual([['early', 'source']]);
    expect(asReportedBy(models, '2025-02-17').timeline.facts).toEqual({});
  });

  it('undoes a correction of status or date that later reporting brought, and only those fields', async () => {
    const store = newStore();
    await commandWriter(store).runAll([
      cmd.article('feb-16', '2025-02-16'),
      cmd.article('feb-18', '2025-02-18'),
      cmd.article('feb-20', '2025-02-20'),
      cmd.actor('macron', 'Emmanuel Macron', 'FR'),
      cmd.fact('summit', 'feb-16', {
        status: 'planned',
        occurred: { earliest: '2025-02-17', latest: '2025-02-17', precision: 'day' },
      }),
      cmd.fact('talks', 'feb-16', { status: 'expected' }),
      // A fix of how the log recorded feb-16: it stays applied in every view.
      cmd.correct('talks', { summary: 'What feb-16 said.' }, 'typo'),
      cmd.corroborate('summit', 'feb-18'),
      // Made on the strength of feb-18 (no evidence of its own): feb-16 did not report it.
      cmd.correct(
        'summit',
        {
          status: 'occurred',
          participants: [{ actorId: 'macron', role: 'host' }],
        },
        'feb-18 says it took place',
      ),
      // Evidence from a later article: before it was published, the talks were still expected.
      {
        ...cmd.correct('talks', { status: 'occurred' }, 'feb-20 reports them held'),
        evidence: { articleId: 'feb-20', paragraph: 2, excerpt: 'the talks were held' },
      },
    ]);
    const { models } = await replayUntil(store, { position: 100 });

    const early = asReportedBy(models, '2025-02-17');
    const summit = getFact(early, 'summit');
    expect(summit?.status).toBe('planned');
    // Who took part stays the log's current understanding: the graphs agree with the fact.
    expect(summit?.participants).toEqual([{ actorId: 'macron', role: 'host' }]);
    expect(early.actors.actors.macron?.factIds).toEqual(['summit']);
    expect(summit?.history.map((h) => [h.eventType, h.changedFields])).toEqual([
      ['FactRecorded', ['sources']],
      ['FactCorrected', ['participants']],
    ]);
    expect(summit?.history[1]?.before).toEqual({ participants: [] });
    expect(summit?.history[1]?.description).toBe(
      'Corrected participants: feb-18 says it took place',
    );
    expect(summit?.corrected).toBe(true);
    // Recorded (1), corrected (3): the corroboration (2) is not part of this view.
    expect(summit?.version).toBe(2);
    expect(summit?.lastPosition).toBe(summit?.history[1]?.position);

    const talks = getFact(early, 'talks');
    expect([talks?.status, talks?.summary, talks?.corrected]).toEqual([
      'expected',
      'What feb-16 said.',
      true,
    ]);
    expect(talks?.history.map((h) => h.eventType)).toEqual(['FactRecorded', 'FactCorrected']);

    // Once the later articles are out, both corrections hold, with their article named.
    const late = asReportedBy(models, '2025-02-20');
    expect(getFact(late, 'summit')?.status).toBe('occurred');
    expect(getFact(late, 'talks')?.status).toBe('occurred');
    expect(getFact(late, 'talks')?.history.at(-1)?.articleId).toBe('feb-20');
    expect(getFact(late, 'talks')?.history.at(-1)?.evidence?.articleId).toBe('feb-20');
    expect(getFact(late, 'summit')).toBe(getFact(models, 'summit'));
    const between = asReportedBy(models, '2025-02-18');
    expect([getFact(between, 'summit')?.status, getFact(between, 'talks')?.status]).toEqual([
      'occurred',
      'expected',
    ]);
    // The input is not changed.
    expect(getFact(models, 'summit')?.status).toBe('occurred');
    expect(getFact(models, 'summit')?.history).toHaveLength(3);
  });

  it('shows a correction kept after an undone one with the values this view had before it', async () => {
    const store = newStore();
    const later = (id: string, changes: Record<string, unknown>, reason: string) => ({
      ...cmd.correct(id, changes, reason),
      evidence: { articleId: 'feb-20', paragraph: 1, excerpt: 'it was held' },
    });
    await commandWriter(store).runAll([
      cmd.article('feb-16', '2025-02-16'),
      cmd.article('feb-20', '2025-02-20'),
      cmd.fact('summit', 'feb-16', { status: 'planned' }),
      cmd.fact('talks', 'feb-16', { status: 'planned' }),
      // Brought by a later article, so undone as of Feb 17 ...
      later('summit', { status: 'occurred' }, 'feb-20 reports it held'),
      later('talks', { status: 'occurred' }, 'feb-20 reports them held'),
      // ... and made on the strength of feb-16 alone, so kept.
      cmd.correct('summit', { status: 'cancelled', summary: 'Called off.' }, 'misread'),
      cmd.correct('talks', { status: 'planned' }, 'feb-20 was wrong'),
    ]);
    const { models } = await replayUntil(store, { position: 100 });
    const early = asReportedBy(models, '2025-02-17');

    const summit = getFact(early, 'summit');
    expect(summit?.status).toBe('cancelled');
    expect(summit?.history.map((h) => [h.eventType, h.before, h.after])).toEqual([
      ['FactRecorded', undefined, undefined],
      // "occurred" was never this view's status: the correction is shown from "planned".
      [
        'FactCorrected',
        { status: 'planned', summary: expect.any(String) },
        { status: 'cancelled', summary: 'Called off.' },
      ],
    ]);
    expect(getFact(models, 'summit')?.history.at(-1)?.before?.status).toBe('occurred');

    // Setting the status this view already had changes nothing here: the revision goes.
    const talks = getFact(early, 'talks');
    expect(talks?.status).toBe('planned');
    expect(talks?.history.map((h) => h.eventType)).toEqual(['FactRecorded']);
    expect([talks?.corrected, talks?.version]).toEqual([false, 1]);
  });

  it('leaves a link to a fact outside the view out of the history, version and last position', async () => {
    const store = newStore();
    await commandWriter(store).runAll([
      cmd.article('early', '2025-02-16'),
      cmd.article('late', '2025-02-22'),
      cmd.fact('known', 'early'),
      cmd.fact('later', 'late'),
      cmd.link('known', 'led_to', 'later'),
    ]);
    const { models } = await replayUntil(store, { position: 100 });
    const known = getFact(asReportedBy(models, '2025-02-17'), 'known');
    expect(known?.links).toEqual([]);
    expect(known?.history.map((h) => h.eventType)).toEqual(['FactRecorded']);
    expect(known?.version).toBe(1);
    expect(known?.lastPosition).toBe(known?.history[0]?.position);
    // Once both are reported, the link is back with its revision.
    expect(getFact(asReportedBy(models, '2025-02-22'), 'known')?.version).toBe(2);
  });

  it('gives a date back when the correction that changed it came later, keeping a later kept one', async () => {
    const store = newStore();
    const day = (d: string) => ({ earliest: d, latest: d, precision: 'day' });
    await commandWriter(store).runAll([
      cmd.article('a', '2025-02-16'),
      cmd.article('b', '2025-02-25'),
      cmd.fact('f', 'a', { status: 'planned', occurred: day('2025-02-20') }),
      {
        ...cmd.correct('f', { occurred: day('2025-02-21') }, 'moved'),
        evidence: { articleId: 'b', paragraph: 1, excerpt: 'moved to Friday' },
      },
      cmd.correct('f', { summary: 'Reworded.' }, 'wording'),
    ]);
    const { models } = await replayUntil(store, { position: 100 });
    const fact = getFact(asReportedBy(models, '2025-02-17'), 'f');
    expect(fact?.occurred.earliest).toBe('2025-02-20');
    expect(fact?.summary).toBe('Reworded.');
    expect(fact?.history.map((h) => h.changedFields)).toEqual([['sources'], ['summary']]);
  });

  it('counts an article known only to the day by a timestamp once that whole day is over', async () => {
    const store = newStore();
    await commandWriter(store).runAll([cmd.article('dated', '2025-02-18'), cmd.fact('f', 'dated')]);
    const { models } = await replayUntil(store, { position: 10 });
    const shown = (date: string) => Object.keys(asReportedBy(models, date).timeline.facts);
    expect(shown('2025-02-18T12:00:00Z')).toEqual([]);
    expect(shown('2025-02-18T23:59:59.998Z')).toEqual([]);
    expect(shown('2025-02-18T23:59:59.999Z')).toEqual(['f']);
    expect(shown('2025-02-18T19:00:00-05:00')).toEqual(['f']);
    // A bare date compares dates as the publisher wrote them.
    expect(shown('2025-02-18')).toEqual(['f']);
    expect(shown('2025-02-17')).toEqual([]);
  });

  it('refuses a date it cannot read, rather than reading it as some other date', async () => {
    const models = await storyModels();
    for (const date of [
      'soon',
      '',
      '1',
      '2025',
      '2025-02',
      '2025-2-17',
      '2025-13-01',
      '2025-02-30',
      '2025-02-17T10:00',
      '2025-02-30T10:00:00Z',
      '2025-02-17T24:00:00Z',
      'Feb 17 2025',
    ]) {
      expect(() => asReportedBy(models, date), date).toThrow(RangeError);
    }
  });
});

describe('interactions query', () => {
  it('leaves out retracted facts unless asked, and filters by actor and kind', async () => {
    const store = newStore();
    await commandWriter(store).runAll([
      cmd.article('reuters-1', '2025-02-17'),
      cmd.actor('a', 'A'),
      cmd.actor('b', 'B'),
      cmd.actor('c', 'C'),
      cmd.fact('met', 'reuters-1', {
        kind: 'meeting',
        participants: [
          { actorId: 'a', role: 'host' },
          { actorId: 'b', role: 'attendee' },
        ],
      }),
      cmd.fact('said', 'reuters-1', {
        participants: [
          { actorId: 'a', role: 'speaker' },
          { actorId: 'c', role: 'subject' },
        ],
      }),
      cmd.retract('said', 'misquoted'),
    ]);
    const { models } = await replayUntil(store, { position: 100 });
    expect(queryInteractions(models).map((e) => e.id)).toEqual(['a~b']);
    expect(queryInteractions(models, { includeRetracted: true }).map((e) => e.id)).toEqual([
      'a~b',
      'a~c',
    ]);
    expect(
      queryInteractions(models, { includeRetracted: true, actorIds: ['c'] }).map((e) => e.id),
    ).toEqual(['a~c']);
    expect(queryInteractions(models, { kinds: ['discussed'] })).toEqual([]);
  });

  it('orders by the number of facts behind each edge when asked, ties by id', async () => {
    const store = newStore();
    const pair = (id: string, x: string, y: string) =>
      cmd.fact(id, 'reuters-1', {
        kind: 'call',
        participants: [
          { actorId: x, role: 'initiator' },
          { actorId: y, role: 'recipient' },
        ],
      });
    await commandWriter(store).runAll([
      cmd.article('reuters-1', '2025-02-17'),
      cmd.actor('a', 'A'),
      cmd.actor('b', 'B'),
      cmd.actor('c', 'C'),
      cmd.actor('d', 'D'),
      pair('f1', 'c', 'd'),
      pair('f2', 'a', 'b'),
      pair('f3', 'c', 'd'),
      pair('f4', 'a', 'c'),
      pair('f5', 'c', 'd'),
      pair('f6', 'b', 'a'),
    ]);
    const { models } = await replayUntil(store, { position: 100 });
    const order = (o?: 'id' | 'facts') => queryInteractions(models, {}, o).map((e) => e.id);
    expect(order()).toEqual(['a~b', 'a~c', 'c~d']);
    expect(order('id')).toEqual(['a~b', 'a~c', 'c~d']);
    expect(order('facts')).toEqual(['c~d', 'a~b', 'a~c']);
  });
});

describe('queryTimeline keeps its order as the state changes in place', () => {
  it('re-sorts after a new fact, and after a correction that moves a fact', () => {
    const fact = (id: string, earliest: string, position: number) =>
      ({
        id,
        occurred: { earliest, latest: earliest, precision: 'day' },
        firstPosition: position,
        lastPosition: position,
        participants: [],
        quotes: [],
        topics: [],
        sources: [],
        retracted: false,
      }) as unknown as TimelineFact;
    const models = { timeline: { facts: {} }, actors: { actors: {} } } as unknown as ReadModels;
    const facts = models.timeline.facts as Record<string, TimelineFact>;
    facts.b = fact('b', '2025-02-15', 1);
    facts.a = fact('a', '2025-02-10', 2);
    expect(queryTimeline(models).map((f) => f.id)).toEqual(['a', 'b']);
    facts.c = fact('c', '2025-02-12', 3);
    expect(queryTimeline(models).map((f) => f.id)).toEqual(['a', 'c', 'b']);
    // a correction moves "a" after "b" (in place, as evolve does) and raises its lastPosition
    facts.a = {
      ...facts.a!,
      occurred: { ...facts.a!.occurred, earliest: '2025-02-20', latest: '2025-02-20' },
      lastPosition: 4,
    };
    expect(queryTimeline(models).map((f) => f.id)).toEqual(['c', 'b', 'a']);
    expect(queryTimeline(models, { kinds: [] }).map((f) => f.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('queryTimelineAt keeps answers per position and filter', () => {
  it('answers as queryTimeline does, reuses an answer at the same position, and recomputes when the position moves', async () => {
    const store = newStore();
    const writer = commandWriter(store);
    await writer.runAll([
      cmd.article('reuters-1', '2025-02-17'),
      cmd.fact('a', 'reuters-1', { topics: ['ceasefire'] }),
      cmd.fact('b', 'reuters-1', { topics: ['tariffs'] }),
    ]);
    const runner = (await replayUntil(store, { position: 100 })).models;
    const head = (await store.head()).position;
    const all = queryTimelineAt(runner, head);
    expect(ids([...all])).toEqual(ids(queryTimeline(runner)));
    expect(queryTimelineAt(runner, head)).toBe(all);
    const tariffs = queryTimelineAt(runner, head, { topics: ['tariffs'], kinds: undefined });
    expect(ids([...tariffs])).toEqual(['b']);
    // the same filter with its fields in another order is the same question
    expect(queryTimelineAt(runner, head, { kinds: undefined, topics: ['tariffs'] })).toBe(tariffs);

    // a fact folded in place: the state is the same object, the position has moved
    const facts = runner.timeline.facts as Record<string, TimelineFact>;
    facts.c = { ...facts.b!, id: 'c', firstPosition: head + 1, lastPosition: head + 1 };
    expect(queryTimelineAt(runner, head)).toBe(all);
    expect(ids([...queryTimelineAt(runner, head + 1)])).toEqual(['a', 'b', 'c']);
    expect(ids([...queryTimelineAt(runner, head + 1, { topics: ['tariffs'] })])).toEqual([
      'b',
      'c',
    ]);
  });

  it('indexAfter finds where the page after a cursor starts, as a linear search would', () => {
    const key = fc.record({
      earliest: fc.constantFrom('2025-02-10', '2025-02-11', '2025-02-12'),
      span: fc.nat(2),
      firstPosition: fc.integer({ min: 1, max: 30 }),
    });
    const toFact = (k: { earliest: string; span: number; firstPosition: number }) =>
      ({
        occurred: {
          earliest: k.earliest,
          latest: `2025-02-1${Number(k.earliest.slice(-1)) + k.span}`,
          precision: 'range',
        },
        firstPosition: k.firstPosition,
      }) as TimelineFact;
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), key, (keys, after) => {
        const sorted = keys.map(toFact).sort(compareFacts);
        const cursor = toFact(after);
        const linear = sorted.findIndex((f) => compareFacts(f, cursor) > 0);
        expect(indexAfter(sorted, cursor)).toBe(linear < 0 ? sorted.length : linear);
      }),
    );
  });
});

describe('topics', () => {
  it('lists every topic with its number of facts, retracted facts included, by topic', async () => {
    const store = newStore();
    await commandWriter(store).runAll([
      cmd.article('reuters-1', '2025-02-17'),
      cmd.fact('a', 'reuters-1', { topics: ['tariffs', 'ceasefire'] }),
      cmd.fact('b', 'reuters-1', { topics: ['ceasefire'] }),
      cmd.fact('c', 'reuters-1', { topics: [] }),
      cmd.retract('b', 'misreported'),
    ]);
    const { models } = await replayUntil(store, { position: 100 });
    expect(listTopics(models)).toEqual([
      { topic: 'ceasefire', factCount: 2 },
      { topic: 'tariffs', factCount: 1 },
    ]);
  });
});
