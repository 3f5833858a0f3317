import { describe, expect, it } from 'vitest';
import type { CardFact } from './facts';
import { diffTimelines, knownAt } from './time-travel';

function fact(id: string, overrides: Partial<CardFact> = {}): CardFact {
  return {
    id,
    kind: 'CALL',
    status: 'OCCURRED',
    summary: `Fact ${id}`,
    retracted: false,
    lastPosition: 1,
    occurred: {
      earliest: '2025-02-12',
      latest: '2025-02-12',
      precision: 'DAY',
      label: '12 Feb 2025',
      expression: null,
    },
    participants: [],
    quotes: [],
    sources: [],
    topics: [],
    places: [],
    history: [],
    ...overrides,
  } as CardFact;
}

describe('time travel compared with the present', () => {
  it('reports facts recorded later, facts changed since, and nothing for unchanged ones', () => {
    const past = [fact('call'), fact('summit', { status: 'PLANNED' })];
    const present = [
      fact('call'),
      fact('summit', { status: 'OCCURRED', retracted: false }),
      fact('pledge'),
    ];
    const diff = diffTimelines(past, present);
    expect(diff.added.map((f) => f.id)).toEqual(['pledge']);
    expect([...diff.changed.keys()]).toEqual(['summit']);
    expect(diff.changed.get('summit')?.differences).toEqual(['status was Planned, now Happened']);
    expect(diff.gone).toEqual([]);
  });

  it('counts a fact the present view no longer shows as changed, saying why', () => {
    // At=61 under status=planned the summit was planned; today it happened, so the filter drops it.
    const past = [fact('summit', { status: 'PLANNED' })];
    const diff = diffTimelines(past, [], 'it no longer matches these filters today');
    expect(diff.gone).toEqual(['summit']);
    expect(diff.changed.get('summit')?.differences).toEqual([
      'it no longer matches these filters today',
    ]);
  });

  it('notices changed places, and quotes reworded or given to someone else', () => {
    const quote = (text: string, speaker: string) =>
      ({ text, speaker: { id: speaker, name: speaker } }) as CardFact['quotes'][number];
    const before = fact('a', { places: ['Paris'], quotes: [quote('We are ready.', 'macron')] });
    const after = fact('a', {
      places: ['Paris', 'Élysée Palace'],
      quotes: [quote('We are ready.', 'starmer')],
    });
    expect(diffTimelines([before], [after]).changed.get('a')?.differences).toEqual([
      'its quotes changed',
      'its places changed',
    ]);
  });

  it('notices retractions, new sources and moved dates', () => {
    const source = { paragraph: 1, excerpt: 'x', dateExpression: null, article: {} };
    const before = fact('a', { sources: [source] as CardFact['sources'] });
    const after = fact('a', {
      retracted: true,
      sources: [source, source] as CardFact['sources'],
      occurred: {
        earliest: '2025-02-10',
        latest: '2025-02-16',
        precision: 'WEEK',
        label: 'week of 10 Feb 2025',
        expression: 'last week',
      },
    });
    expect(diffTimelines([before], [after]).changed.get('a')?.differences).toEqual([
      'date was 12 Feb 2025, now week of 10 Feb 2025',
      'it has since been retracted',
      '1 more source',
    ]);
  });
});

describe('whether the log knew a fact at a past point', () => {
  const recorded = { position: 49, type: 'FactRecorded', recordedAt: '2026-11-26T11:14:36.563Z' };
  const known = fact('talks', {
    history: [recorded] as CardFact['history'],
    sources: [{ article: { publishedAt: '2025-02-17T09:00:00Z' } }] as CardFact['sources'],
  });

  it('by position and by time: recorded by then', () => {
    expect(knownAt(known, { position: 45 })).toBe(false);
    expect(knownAt(known, { position: 49 })).toBe(true);
    expect(knownAt(known, { recordedAt: '2026-11-26T11:14:36.000Z' })).toBe(false);
    expect(knownAt(known, { recordedAt: '2026-11-26T11:14:36.563Z' })).toBe(true);
  });

  it('by publication: reported in an article published by then', () => {
    expect(knownAt(known, { reportedBy: '2025-02-16' })).toBe(false);
    expect(knownAt(known, { reportedBy: '2025-02-17' })).toBe(true);
  });
});
