import { describe, expect, it } from 'vitest';
import {
  ACTOR_LIST_LIMIT,
  actorChoices,
  EMPTY_QUERY,
  exportHref,
  parseStoryQuery,
  storyHref,
  toAsOf,
  topicChoices,
  toTimelineFilter,
  travelQuery,
  withoutPositionPastHead,
} from './filters';

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
    // Position 0 is the log before its first event; a bare date is the end of that day (UTC).
    expect(toAsOf(parseStoryQuery({ at: '0' }))).toEqual({ position: 0 });
    expect(toAsOf(parseStoryQuery({ atTime: '2020-01-01' }))).toEqual({
      recordedAt: '2020-01-01T23:59:59.999Z',
    });
  });

  it('reads years before 100 as themselves, and refuses a position the API cannot take', () => {
    expect(parseStoryQuery({ reportedBy: '0001-01-01' }).reportedBy).toBe('0001-01-01');
    expect(parseStoryQuery({ at: '2147483647' }).atPosition).toBe(2147483647);
    expect(parseStoryQuery({ at: '2147483648' }).ignored.map((i) => i.parameter)).toEqual(['at']);
    expect(parseStoryQuery({ at: '999999999999999' }).atPosition).toBeUndefined();
  });

  it('names a position the API refused as past the head, and drops it', () => {
    const query = parseStoryQuery({ at: '64', kind: 'call' });
    const retry = withoutPositionPastHead(query, {
      kind: 'rejected',
      paths: ['asOf.position'],
    });
    expect(retry?.atPosition).toBeUndefined();
    expect(retry?.kinds).toEqual(['CALL']);
    expect(retry?.ignored).toEqual([
      { parameter: 'at', value: '64', expected: 'a log position no further than the log head' },
    ]);
    expect(withoutPositionPastHead(query, { kind: 'rejected', paths: ['filter.from'] })).toBe(
      undefined,
    );
  });

  it('lists the time travel it could not read, and nothing else', () => {
    const query = parseStoryQuery({ at: 'abc', atTime: 'garbage', reportedBy: '2025-13-45' });
    expect(toAsOf(query)).toBeUndefined();
    expect(query.ignored).toEqual([
      { parameter: 'at', value: 'abc', expected: 'a log position (a whole number, 0 or more)' },
      {
        parameter: 'atTime',
        value: 'garbage',
        expected: 'a date or a date and time (2025-02-17T10:00, UTC)',
      },
      { parameter: 'reportedBy', value: '2025-13-45', expected: 'a date (2025-02-17)' },
    ]);
    expect(parseStoryQuery({ at: '-1' }).ignored.map((i) => i.parameter)).toEqual(['at']);
    expect(parseStoryQuery({ at: '', kind: 'nonsense', at2: 'x' }).ignored).toEqual([]);
    expect(parseStoryQuery({ at: '12' }).ignored).toEqual([]);
  });

  it('names the time travel it read but does not use: repeats, and kinds after the first', () => {
    const repeated = parseStoryQuery({ at: ['3', '9', '3', '12'] });
    expect(toAsOf(repeated)).toEqual({ position: 3 });
    expect(repeated.ignored).toEqual([
      { parameter: 'at', value: '9', repeat: true },
      { parameter: 'at', value: '12', repeat: true },
    ]);
    const kinds = parseStoryQuery({ at: '3', atTime: '2025-02-17', reportedBy: '2025-02-16' });
    expect(toAsOf(kinds)).toEqual({ position: 3 });
    expect(kinds.ignored).toEqual([
      { parameter: 'atTime', value: '2025-02-17', instead: 'at' },
      { parameter: 'reportedBy', value: '2025-02-16', instead: 'at' },
    ]);
    // A kind not understood leaves the next one in use.
    expect(parseStoryQuery({ at: 'abc', reportedBy: '2025-02-16' }).ignored).toEqual([
      { parameter: 'at', value: 'abc', expected: 'a log position (a whole number, 0 or more)' },
    ]);
  });

  it('uses the next kind of time travel given when the position is past the head', () => {
    const query = parseStoryQuery({ at: '64', atTime: '2025-02-17', reportedBy: '2025-02-16' });
    const retry = withoutPositionPastHead(query, { kind: 'rejected', paths: ['asOf.position'] });
    expect(retry && toAsOf(retry)).toEqual({ recordedAt: '2025-02-17T23:59:59.999Z' });
    expect(retry?.ignored).toEqual([
      { parameter: 'at', value: '64', expected: 'a log position no further than the log head' },
      { parameter: 'reportedBy', value: '2025-02-16', instead: 'atTime' },
    ]);
  });

  it('drops dates and times that are not real ones, rather than reading them as others', () => {
    for (const atTime of [
      '1',
      '2025',
      'Feb 17 2025',
      '2026-02-30T10:00',
      '2025-02-17T24:00',
      '+010000-01-01T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
    ])
      expect(parseStoryQuery({ atTime }).atTime, atTime).toBeUndefined();
    expect(parseStoryQuery({ atTime: '2025-02-17T10:00:00+01:00' }).atTime).toBe(
      '2025-02-17T09:00:00.000Z',
    );
    for (const date of ['2025-02-30', '2025-13-01', '0000-01-01', '2025-2-17']) {
      const query = parseStoryQuery({ from: date, to: date, reportedBy: date });
      expect([query.from, query.to, query.reportedBy], date).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    }
    expect(parseStoryQuery({ reportedBy: '2024-02-29' }).reportedBy).toBe('2024-02-29');
  });
});

describe('the filter form’s choices', () => {
  const actor = (id: string, name: string) => ({ id, name });
  const fact = (
    actors: { id: string; name: string }[],
    topics: string[],
    speaker?: { id: string; name: string },
  ) => ({
    participants: actors.map((a) => ({ role: 'HOST' as const, actor: { ...a, country: null } })),
    quotes: speaker ? [{ text: '…', speaker }] : [],
    topics,
  });

  it('lists every actor, by name, while the cast is short', () => {
    const all = [actor('b', 'Bea'), actor('a', 'Al')];
    expect(actorChoices(all, [], [])).toEqual({
      actors: [actor('a', 'Al'), actor('b', 'Bea')],
      partial: false,
    });
  });

  it('lists only the actors shown and chosen when the cast is long', () => {
    const all = Array.from({ length: ACTOR_LIST_LIMIT + 1 }, (_, i) => actor(`x${i}`, `X ${i}`));
    all.push(actor('zed', 'Zed'));
    const shown = [
      fact([actor('x7', 'X 7'), actor('x3', 'X 3')], [], actor('x7', 'X 7')),
      fact([], [], actor('sp', 'Speaker')),
    ];
    expect(actorChoices(all, shown, ['zed', 'unknown'])).toEqual({
      actors: [actor('sp', 'Speaker'), actor('x3', 'X 3'), actor('x7', 'X 7'), actor('zed', 'Zed')],
      partial: true,
    });
  });

  it('lists every topic of the timeline, and any chosen, once each', () => {
    const shown = [fact([], ['peacekeeping', 'nato']), fact([], ['nato'])];
    expect(topicChoices(['tariffs', 'nato', 'peacekeeping'], shown, ['energy'])).toEqual([
      'energy',
      'nato',
      'peacekeeping',
      'tariffs',
    ]);
  });

  it('falls back to the topics of the facts shown when the list is long or unknown', () => {
    const shown = [fact([], ['peacekeeping', 'nato']), fact([], ['nato'])];
    expect(topicChoices(undefined, shown, ['energy'])).toEqual(['energy', 'nato', 'peacekeeping']);
    const many = Array.from({ length: 101 }, (_, i) => `topic ${i}`);
    expect(topicChoices(many, shown, [])).toEqual(['nato', 'peacekeeping']);
  });
});

function groupParams(href: string): [string, string[]][] {
  const params = new URLSearchParams(href.split('?')[1]);
  return [...new Set(params.keys())].map((k) => [k, params.getAll(k)]);
}

describe('the download of a view', () => {
  it('carries its filters and time travel to the export', () => {
    const query = parseStoryQuery({
      kind: 'summit',
      status: 'planned',
      actor: 'a',
      at: '45',
      q: 'Paris',
    });
    expect(exportHref('csv', query)).toBe(
      '/export/csv?asOf=45&text=Paris&actor=a&kind=summit&status=planned',
    );
    expect(
      exportHref('ics', parseStoryQuery({ reportedBy: '2025-02-17', from: '2025-02-10' })),
    ).toBe('/export/ics?reportedBy=2025-02-17&from=2025-02-10');
    expect(exportHref('timelinejs', EMPTY_QUERY)).toBe('/export/timelinejs');
  });

  it('offers the raw log only as a prefix of the chain', () => {
    expect(exportHref('ndjson', parseStoryQuery({ atTime: '2025-02-17T10:00' }))).toBe(
      '/export/ndjson?asOf=2025-02-17T10%3A00%3A00.000Z',
    );
    expect(exportHref('ndjson', parseStoryQuery({ kind: 'call' }))).toBeUndefined();
    expect(exportHref('ndjson', parseStoryQuery({ reportedBy: '2025-02-17' }))).toBeUndefined();
  });
});

describe('the time travel a link keeps', () => {
  it('is the moment of the view alone, with what the link adds', () => {
    expect(travelQuery(parseStoryQuery({ at: '45', kind: 'call' }))).toBe('?at=45');
    expect(travelQuery(parseStoryQuery({ reportedBy: '2025-02-17' }), { topic: 'x' })).toBe(
      '?topic=x&reportedBy=2025-02-17',
    );
    expect(travelQuery(parseStoryQuery({ kind: 'call' }))).toBe('');
  });
});
