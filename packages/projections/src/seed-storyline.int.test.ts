import { join } from 'node:path';
import { getFileEventStore } from '@dateline/event-store/file';
import { validateWithDomain } from '@dateline/event-store/open';
import { beforeAll, describe, expect, it } from 'vitest';
import { asReportedBy, getFact, queryTimeline } from './queries.js';
import type { ReadModels, TimelineFact } from './read-models.js';
import { replayUntil } from './replay.js';

// The committed seed log: the two Reuters articles of Monday 17 February 2025.
const EVENTS = join(import.meta.dirname, '..', '..', '..', 'events');
const STARMER = 'reuters-2025-02-17-starmer-ready-to-deploy-peacekeepers';
const LEADERS = 'reuters-2025-02-17-european-leaders-meet-on-ukraine';

let models: ReadModels;
let storyline: TimelineFact[];
const fact = (id: string): TimelineFact => {
  const found = getFact(models, id);
  if (!found) throw new Error(`fact ${id} is missing from the seed log`);
  return found;
};
const actorsOf = (f: TimelineFact) => f.participants.map((p) => `${p.actorId}:${p.role}`);
const articlesOf = (f: TimelineFact) => f.sources.map((s) => s.articleId);

beforeAll(async () => {
  const store = await getFileEventStore(EVENTS, {
    readOnly: true,
    validateEvent: validateWithDomain,
  });
  expect(store.tornTail).toBeUndefined();
  const head = await store.head();
  models = (await replayUntil(store, { position: head.position })).models;
  storyline = queryTimeline(models);
  await store.close();
});

describe('the seed storyline: from the Trump–Putin call to the Paris summit', () => {
  it('runs in chronological order with the call before Kellogg, the Sunday statements and the summit', () => {
    const order = storyline.map((f) => f.id);
    const at = (id: string) => order.indexOf(id);
    for (const id of [
      'trump-putin-call',
      'kellogg-europe-no-seat-at-table',
      'starmer-uk-troops-pledge',
      'paris-summit',
      'starmer-washington-visit',
    ]) {
      expect(at(id), id).toBeGreaterThanOrEqual(0);
    }
    expect(at('russia-full-scale-invasion')).toBe(0); // the 2022 background comes first
    expect(at('trump-putin-call')).toBeLessThan(at('kellogg-europe-no-seat-at-table'));
    expect(at('kellogg-europe-no-seat-at-table')).toBeLessThan(at('starmer-uk-troops-pledge'));
    expect(at('starmer-uk-troops-pledge')).toBeLessThan(at('paris-summit'));
    expect(at('paris-summit')).toBeLessThan(at('starmer-washington-visit'));
    // the order is by earliest, then latest date, never by a week pretending to be a day
    for (let i = 1; i < storyline.length; i++) {
      const [a, b] = [storyline[i - 1]!.occurred, storyline[i]!.occurred];
      expect(a.earliest < b.earliest || (a.earliest === b.earliest && a.latest <= b.latest)).toBe(
        true,
      );
    }
  });

  it('dates each fact as precisely as the articles support', () => {
    expect(fact('trump-putin-call').occurred).toMatchObject({
      earliest: '2025-02-10',
      latest: '2025-02-16',
      precision: 'week',
      expression: 'last week',
    });
    expect(fact('kellogg-europe-no-seat-at-table').occurred).toMatchObject({
      earliest: '2025-02-15',
      precision: 'day',
    });
    expect(fact('starmer-uk-troops-pledge').occurred).toMatchObject({
      earliest: '2025-02-16',
      precision: 'day',
    });
    expect(fact('dutch-signal-contribution').occurred).toMatchObject({
      earliest: '2025-02-15',
      latest: '2025-02-16',
      precision: 'weekend',
    });
    expect(fact('paris-summit').occurred).toMatchObject({
      earliest: '2025-02-17',
      precision: 'day',
    });
    expect(fact('starmer-washington-visit').occurred).toMatchObject({
      earliest: '2025-02-24',
      latest: '2025-03-02',
      precision: 'week',
    });
    expect(fact('russia-full-scale-invasion').occurred).toMatchObject({
      earliest: '2022-01-01',
      latest: '2022-12-31',
      precision: 'year',
    });
  });

  it('tells what happened from what is expected or planned', () => {
    expect(fact('trump-putin-call').status).toBe('occurred');
    expect(fact('starmer-washington-visit').status).toBe('expected');
    expect(fact('us-russia-talks').status).toBe('planned');
    // the first article had the summit still due; the second reported it under way: a correction, not an edit
    const summit = fact('paris-summit');
    expect(summit.status).toBe('occurred');
    expect(summit.corrected).toBe(true);
    expect(summit.history.map((h) => h.eventType)).toEqual(
      expect.arrayContaining(['FactRecorded', 'FactCorroborated', 'FactCorrected']),
    );
  });

  it('keeps who took part, in what role, and what they said verbatim', () => {
    expect(actorsOf(fact('trump-putin-call'))).toEqual(
      expect.arrayContaining(['donald-trump:initiator', 'vladimir-putin:recipient']),
    );
    expect(actorsOf(fact('paris-summit'))).toEqual(
      expect.arrayContaining([
        'emmanuel-macron:host',
        'keir-starmer:attendee',
        'olaf-scholz:attendee',
        'mark-rutte:attendee',
      ]),
    );
    const telegraph = fact('starmer-telegraph-article');
    expect(telegraph.quotes).toContainEqual(
      expect.objectContaining({
        speakerId: 'keir-starmer',
        text: 'The end of this war, when it comes, cannot merely become a temporary pause before Putin attacks again',
      }),
    );
    expect(fact('kristersson-swedish-peacekeepers').quotes.map((q) => q.text)).toContain(
      'absolutely a possibility',
    );
    expect(fact('germany-will-not-shy-away').quotes.map((q) => q.text)).toContain(
      'will not shy away',
    );
    expect(
      fact('french-official-briefing').quotes.every(
        (q) => q.speakerId === 'french-presidential-official',
      ),
    ).toBe(true);
  });

  it('cites its sources, and a fact both articles report is recorded once with both', () => {
    const ids = storyline.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['starmer-uk-troops-pledge', 'paris-summit', 'russia-full-scale-invasion']) {
      expect(articlesOf(fact(id)).sort(), id).toEqual([LEADERS, STARMER].sort());
    }
    expect(articlesOf(fact('kellogg-europe-no-seat-at-table'))).toEqual([STARMER]);
    for (const f of storyline) {
      for (const s of f.sources) {
        expect(s.paragraph).toBeGreaterThanOrEqual(1);
        expect(s.excerpt.length).toBeGreaterThan(0);
        expect(s.excerpt.length).toBeLessThanOrEqual(150);
      }
    }
  });

  it('records the causal link the articles state: Washington’s move led to the summit', () => {
    expect(fact('us-to-sit-down-with-russia').links).toContainEqual(
      expect.objectContaining({
        relation: 'led_to',
        factId: 'paris-summit',
        direction: 'outgoing',
      }),
    );
  });

  it('as reported by 16 February nothing is known yet; by 17 February everything is', () => {
    expect(queryTimeline(asReportedBy(models, '2025-02-16'))).toEqual([]);
    expect(queryTimeline(asReportedBy(models, '2025-02-17'))).toHaveLength(storyline.length);
  });
});
