import { describe, expect, it } from 'vitest';
import { parseStoryQuery, storyHref, toAsOf, toTimelineFilter } from './filters';

describe('the storyline URL', () => {
  it('parses filters leniently and drops what it cannot read', () => {
    const query = parseStoryQuery({
      q: '  peacekeepers ',
      actor: ['keir-starmer', 'Not An Id!'],
      country: 'gb',
      kind: ['summit', 'nonsense'],
      status: 'PLANNED',
      topic: 'security guarantees',
      from: '2025-02-12',
      to: '2025-02-31x',
    });
    expect(query).toMatchObject({
      text: 'peacekeepers',
      actors: ['keir-starmer'],
      countries: ['GB'],
      kinds: ['SUMMIT'],
      statuses: ['PLANNED'],
      topics: ['security guarantees'],
      from: '2025-02-12',
      to: undefined,
    });
    expect(toTimelineFilter(query)).toEqual({
      text: 'peacekeepers',
      actorIds: ['keir-starmer'],
      countries: ['GB'],
      kinds: ['SUMMIT'],
      statuses: ['PLANNED'],
      topics: ['security guarantees'],
      from: '2025-02-12',
    });
  });

  it('ignores the empty values an unfilled GET form sends', () => {
    const query = parseStoryQuery({ q: '', actor: '', kind: '', from: '', at: '' });
    expect(toTimelineFilter(query)).toBeUndefined();
    expect(toAsOf(query)).toBeUndefined();
  });

  it('round-trips through storyHref', () => {
    const query = parseStoryQuery({ actor: ['a', 'b'], kind: 'call', at: '12' });
    const href = storyHref(query);
    expect(href).toBe('/?actor=a&actor=b&kind=call&at=12');
    const again = parseStoryQuery(Object.fromEntries(groupParams(href)));
    expect(again).toEqual(query);
  });

  it('takes one kind of time travel at a time', () => {
    expect(toAsOf(parseStoryQuery({ at: '5', reportedBy: '2025-02-15' }))).toEqual({ position: 5 });
    expect(toAsOf(parseStoryQuery({ atTime: '2025-02-17T10:00' }))).toEqual({
      recordedAt: '2025-02-17T10:00:00.000Z',
    });
    expect(toAsOf(parseStoryQuery({ reportedBy: '2025-02-15' }))).toEqual({
      reportedBy: '2025-02-15',
    });
    expect(toAsOf(parseStoryQuery({ at: '-3' }))).toBeUndefined();
  });
});

function groupParams(href: string): [string, string[]][] {
  const params = new URLSearchParams(href.split('?')[1]);
  return [...new Set(params.keys())].map((k) => [k, params.getAll(k)]);
}
