import { describe, expect, it } from 'vitest';
import type { CardFact } from './facts';
import { diffTimelines } from './time-travel';

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
