import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzyDate } from '@dateline/domain';
import { canonicalJson } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { validateWithDomain } from '@dateline/event-store/open';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { acledTimePrecision, CSV_COLUMNS, csvRecord, toCsv } from './csv.js';
import { headlineOf } from './describe.js';
import { exportFacts, parseExportFormat } from './formats.js';
import { toIcs } from './ics.js';
import { envelopeLine, readLogPrefix, toNdjson } from './ndjson.js';
import { ExportOptionError, parseFilterParams, selectFacts, splitFilterWords } from './select.js';
import { modelsFromCuration, SEED_STORE, seedModels, TRICKY_CURATION } from './test-fixtures.js';
import { type TimelineJsDocument, timelineJsDates, toTimelineJs } from './timelinejs.js';

type Models = Awaited<ReturnType<typeof seedModels>>['models'];
let tricky: Models;
let seed: Awaited<ReturnType<typeof seedModels>>;

beforeAll(async () => {
  tricky = (await modelsFromCuration(TRICKY_CURATION)).models;
  seed = await seedModels();
});

const date = (
  earliest: string,
  latest: string,
  precision: FuzzyDate['precision'],
): Pick<FuzzyDate, 'earliest' | 'latest' | 'precision'> => ({ earliest, latest, precision });

describe('TimelineJS dates stop at the fact’s precision', () => {
  it.each([
    [date('2025-02-15', '2025-02-15', 'day'), { year: '2025', month: '2', day: '15' }, undefined],
    [
      date('2025-02-15', '2025-02-16', 'weekend'),
      { year: '2025', month: '2', day: '15' },
      { year: '2025', month: '2', day: '16' },
    ],
    [
      date('2025-02-10', '2025-02-16', 'week'),
      { year: '2025', month: '2', day: '10' },
      { year: '2025', month: '2', day: '16' },
    ],
    [date('2025-03-01', '2025-03-31', 'month'), { year: '2025', month: '3' }, undefined],
    [date('2022-01-01', '2022-12-31', 'year'), { year: '2022' }, undefined],
    [
      date('2025-01-20', '2025-02-16', 'range'),
      { year: '2025', month: '1', day: '20' },
      { year: '2025', month: '2', day: '16' },
    ],
  ])('%o', (fuzzy, start, end) => {
    const dates = timelineJsDates(fuzzy);
    expect(dates.start_date).toStrictEqual(start);
    expect(dates.end_date).toStrictEqual(end);
  });
});

describe('toTimelineJs', () => {
  it('gives one slide per fact, grouped by kind, keyed by fact id, with escaped HTML', () => {
    const { facts } = selectFacts(tricky);
    const doc = toTimelineJs(tricky, facts, { title: { headline: 'Ruritania <story>' } });
    expect(doc.events.map((e) => e.unique_id).sort()).toStrictEqual(
      Object.keys(tricky.timeline.facts).sort(),
    );
    const call = doc.events.find((e) => e.unique_id === 'day-call')!;
    expect(call.group).toBe('call');
    expect(call.start_date).toStrictEqual({ year: '2025', month: '2', day: '15' });
    expect(call.display_date).toBe('15 Feb 2025');
    expect(call.text.headline).toContain('&quot;enough, &lt;now&gt;&quot;');
    expect(call.text.text).not.toMatch(/<now>|<Daily>|<b>bold/);
    expect(call.text.text).toContain('The &lt;Daily&gt; &amp; &quot;Weekly&quot;');
    expect(call.text.text).toContain('href="https://example.org/news?a=1,2;3&amp;b=&lt;2&gt;"');
    expect(call.text.text).toContain('par. 1');
    expect(doc.title?.text.headline).toBe('Ruritania &lt;story&gt;');
    const retracted = doc.events.find((e) => e.unique_id === 'withdrawn-visit')!;
    expect(retracted.text.headline).toMatch(/^Retracted: /);
    expect(retracted.text.text).toContain('misread the article');
  });

  it('exports every fact of the seed log with its dates', () => {
    const doc = JSON.parse(exportFacts('timelinejs', seed.models)) as TimelineJsDocument;
    expect(doc.events).toHaveLength(Object.keys(seed.models.timeline.facts).length);
    const call = doc.events.find((e) => e.unique_id === 'trump-putin-call')!;
    expect(call.start_date).toStrictEqual({ year: '2025', month: '2', day: '10' });
    expect(call.end_date).toStrictEqual({ year: '2025', month: '2', day: '16' });
    expect(call.group).toBe('call');
    const invasion = doc.events.find((e) => e.unique_id === 'russia-full-scale-invasion')!;
    expect(invasion.start_date).toStrictEqual({ year: '2022' });
    expect(invasion.text.text).toContain('Corroborated by');
  });
});

describe('CSV', () => {
  it('maps precisions to ACLED time-precision codes', () => {
    expect(acledTimePrecision(date('2025-02-15', '2025-02-15', 'day'))).toBe(1);
    expect(acledTimePrecision(date('2025-02-15', '2025-02-16', 'weekend'))).toBe(2);
    expect(acledTimePrecision(date('2025-02-10', '2025-02-16', 'week'))).toBe(2);
    expect(acledTimePrecision(date('2025-02-10', '2025-02-16', 'range'))).toBe(2);
    expect(acledTimePrecision(date('2025-02-10', '2025-02-17', 'range'))).toBe(3);
    expect(acledTimePrecision(date('2025-03-01', '2025-03-31', 'month'))).toBe(3);
    expect(acledTimePrecision(date('2022-01-01', '2022-12-31', 'year'))).toBe(3);
  });

  it('round-trips through an RFC 4180 parser: commas, quotes, line breaks and all', () => {
    const { facts } = selectFacts(tricky);
    const text = toCsv(tricky, facts);
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = parseCsv(text, { columns: true, record_delimiter: '\r\n' }) as Record<
      string,
      string
    >[];
    expect(rows).toStrictEqual(facts.map((f) => csvRecord(tricky, f)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('month-summit')?.summary).toBe(
      'A summit is planned for March.\nA second line, with a comma.',
    );
    expect(byId.get('day-call')).toMatchObject({
      earliest: '2025-02-15',
      latest: '2025-02-15',
      precision: 'day',
      time_precision: '1',
      status: 'occurred',
      kind: 'call',
      actors: 'Ann "The Hammer" Smith (initiator); Ruritania (recipient)',
      countries: 'GB; RU',
      quote: '“enough, <now>” — Ann "The Hammer" Smith',
      date_expression: 'on Saturday',
    });
    expect(byId.get('day-call')?.sources).toContain('The <Daily> & "Weekly"');
    expect(byId.get('year-background')).toMatchObject({ precision: 'year', time_precision: '3' });
    expect(byId.get('week-visit')).toMatchObject({ precision: 'week', time_precision: '2' });
    expect(byId.get('withdrawn-visit')?.retracted).toBe('true');
    expect(byId.get('weekend-meeting')?.corrected).toBe('true');
  });

  it('quotes a field holding a lone line break (LF or CR), not only one with a comma', () => {
    const { facts } = selectFacts(tricky);
    const text = toCsv(tricky, facts);
    expect(text).toContain('"Line one of the summary\nline two\rand a third"');
    expect(text).toContain('"Kyiv\nCentre"');
    // Every record ends where a reader splitting on CRLF outside quotes expects: one per fact.
    const rows = parseCsv(text, { columns: true, record_delimiter: '\r\n' }) as unknown[];
    expect(rows).toHaveLength(facts.length);
  });

  it('exports the seed log one row per fact', () => {
    const rows = parseCsv(exportFacts('csv', seed.models), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(Object.keys(seed.models.timeline.facts).length);
    expect(rows.find((r) => r.id === 'starmer-washington-visit')).toMatchObject({
      earliest: '2025-02-24',
      latest: '2025-03-02',
      status: 'expected',
      time_precision: '2',
    });
  });
});

describe('iCalendar', () => {
  function events(text: string) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    return calendar.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        summary: e.summary,
        description: e.description,
        start: e.startDate.toString(),
        end: e.endDate.toString(),
        allDay: e.startDate.isDate && e.endDate.isDate,
        status: String(v.getFirstPropertyValue('status')),
        sequence: e.sequence,
        location: e.location,
      };
    });
  }

  it('escapes the calendar name as RFC 5545 text', () => {
    const text = toIcs(tricky, [], { name: 'Ukraine, Europe; talks \\ more' });
    expect(text).toContain('\r\nNAME:Ukraine\\, Europe\\; talks \\\\ more\r\n');
    expect(text).toContain('\r\nX-WR-CALNAME:Ukraine\\, Europe\\; talks \\\\ more\r\n');
  });

  it('ends with CRLF and lets no control character into a content line', () => {
    const { facts } = selectFacts(tricky);
    const text = toIcs(tricky, facts, { name: 'A\rB\u000bC\r\nD' });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('\r\nX-WR-CALNAME:A\\nB C\\nD\r\n');
    // Outside the CRLF line ends and folding, no CR, LF or other C0 control but HTAB remains.
    const body = text.replaceAll('\r\n ', '').replaceAll('\r\n', '');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(body).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
  });

  it('says a retracted fact is retracted, and writes its source URL as a valid URI', () => {
    const parsed = events(toIcs(tricky, selectFacts(tricky).facts));
    expect(parsed.find((e) => e.uid === 'withdrawn-visit@dateline')?.summary).toMatch(
      /^Retracted: /,
    );
    // A URI value is not TEXT: a backslash before its commas and semicolons would become part of
    // the link in a calendar's hands, so they are percent-encoded instead.
    const text = toIcs(tricky, selectFacts(tricky).facts);
    expect(text).toContain('URL;VALUE=URI:https://example.org/news?a=1%2C2%3B3&b=%3C2%3E');
    const url = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents('vevent')
      .map((v) => v.getFirstPropertyValue('url'))
      .find(Boolean);
    expect(url).toBe('https://example.org/news?a=1%2C2%3B3&b=%3C2%3E');
  });

  it('holds the planned, expected and called-off facts as all-day events spanning the fuzzy date', () => {
    const { facts } = selectFacts(tricky);
    const text = toIcs(tricky, facts, { name: 'Ruritania' });
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const parsed = events(text);
    const byUid = new Map(parsed.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toStrictEqual([
      'month-summit@dateline',
      'range-talks@dateline',
      'week-visit@dateline',
      'weekend-meeting@dateline',
      'withdrawn-visit@dateline',
    ]);
    expect(parsed.every((e) => e.allDay)).toBe(true);
    expect(byUid.get('week-visit@dateline')).toMatchObject({
      start: '2025-02-24',
      end: '2025-03-03',
      status: 'TENTATIVE',
      location: 'Zenda',
    });
    expect(byUid.get('month-summit@dateline')).toMatchObject({
      start: '2025-03-01',
      end: '2025-04-01',
      status: 'CONFIRMED',
      summary: 'Planned: A summit is planned for March.',
    });
    expect(byUid.get('month-summit@dateline')?.description).toContain(
      'A summit is planned for March.\nA second line, with a comma.',
    );
    expect(byUid.get('range-talks@dateline')).toMatchObject({
      start: '2025-03-03',
      end: '2025-03-13',
    });
    expect(byUid.get('weekend-meeting@dateline')).toMatchObject({
      status: 'CANCELLED',
      start: '2025-02-22',
      end: '2025-02-24',
      sequence: 1,
    });
    expect(byUid.get('withdrawn-visit@dateline')?.status).toBe('CANCELLED');
  });

  it('writes the same calendar whatever the local time zone', () => {
    const { facts } = selectFacts(tricky);
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const east = toIcs(tricky, facts);
      process.env.TZ = 'Pacific/Pago_Pago';
      const west = toIcs(tricky, facts);
      expect(east).toBe(west);
      expect(east).toContain('DTSTART;VALUE=DATE:20250224');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('puts the seed story’s expected visit to Washington in the calendar', () => {
    const parsed = events(exportFacts('ics', seed.models));
    // The Paris summit was corrected from planned to occurred, so it has left the calendar.
    expect(parsed.map((e) => e.uid).sort()).toStrictEqual([
      'starmer-washington-visit@dateline',
      'us-russia-talks@dateline',
    ]);
    expect(parsed.find((e) => e.uid === 'starmer-washington-visit@dateline')).toMatchObject({
      start: '2025-02-24',
      end: '2025-03-03',
    });
  });
});

describe('NDJSON', () => {
  it('writes each event as the store writes it today: the canonical JSON of the envelope', () => {
    // The seed's lines predate the canonical line form (their fields are in envelope order), so
    // the export has the same events, hashes and order, with each line's keys sorted.
    const segment = readFileSync(join(SEED_STORE, 'segments', '00000001.ndjson'), 'utf8');
    const stored = segment.split('\n').slice(0, -1);
    const exported = toNdjson(seed.envelopes).split('\n');
    expect(exported.pop()).toBe('');
    expect(exported).toStrictEqual(stored.map((line) => canonicalJson(JSON.parse(line))));
    expect(envelopeLine(seed.envelopes[0]!)).toBe(`${exported[0]}\n`);
  });

  it('reads a prefix of the log by position or by time, never ending inside an append', async () => {
    const store = await getFileEventStore(SEED_STORE, {
      readOnly: true,
      validateEvent: validateWithDomain,
    });
    const positions = async (asOf?: Parameters<typeof readLogPrefix>[1]) => {
      const out: number[] = [];
      for await (const e of readLogPrefix(store, asOf)) out.push(e.position);
      return out;
    };
    try {
      expect(await positions()).toStrictEqual(seed.envelopes.map((e) => e.position));
      // The seed's actors were one append (1–31), the first article the next (32–45).
      expect(seed.envelopes[31]?.metadata.append).toStrictEqual({ index: 0, count: 14 });
      expect(await positions({ position: 31 })).toHaveLength(31);
      expect(await positions({ position: 40 })).toHaveLength(31);
      expect(await positions({ position: 45 })).toHaveLength(45);
      expect(await positions({ position: 0 })).toStrictEqual([]);
      expect(await positions({ recordedAt: '2025-02-01' })).toStrictEqual([]);
      const last = seed.envelopes.at(-1)!;
      expect(await positions({ recordedAt: last.recordedAt })).toHaveLength(seed.envelopes.length);
      // A prefix read this way is what a verifying reader accepts: the log's first 45 events.
      const prefix = [];
      for await (const e of readLogPrefix(store, { position: 45 })) prefix.push(e);
      expect(toNdjson(prefix)).toBe(toNdjson(seed.envelopes.slice(0, 45)));
    } finally {
      await store.close();
    }
  });
});

describe('selection and filters', () => {
  it('refuses a single-valued filter given twice, and any filter given empty', () => {
    expect(() =>
      parseFilterParams([
        ['from', '2025-01-01'],
        ['from', '2025-02-01'],
      ]),
    ).toThrow(/filter from: give it once/);
    expect(() =>
      parseFilterParams([
        ['text', 'a'],
        ['text', 'b'],
      ]),
    ).toThrow(/filter text: give it once/);
    expect(() => parseFilterParams([['status', '']])).toThrow(
      /filter status: give a value, or leave the filter out/,
    );
    expect(
      parseFilterParams([
        ['kind', 'call'],
        ['kind', 'visit'],
      ]).kinds,
    ).toEqual(['call', 'visit']);
  });

  it('reads filter words the way the CLI and the API take them', () => {
    expect(
      parseFilterParams(
        splitFilterWords(['kind=call,visit', 'status=expected', 'country=gb', 'from=2025-02-01']),
      ),
    ).toStrictEqual({
      kinds: ['call', 'visit'],
      statuses: ['expected'],
      countries: ['GB'],
      from: '2025-02-01',
    });
    expect(() => parseFilterParams([['colour', 'red']])).toThrow(ExportOptionError);
    // The API's enum spelling is read too; a window that ends before it begins is refused.
    expect(parseFilterParams(splitFilterWords(['kind=SUMMIT', 'status=Planned']))).toStrictEqual({
      kinds: ['summit'],
      statuses: ['planned'],
    });
    expect(() => parseFilterParams(splitFilterWords(['from=2025-02-20', 'to=2025-02-01']))).toThrow(
      'filter to: 2025-02-01 is before from (2025-02-20); swap them',
    );
    expect(() => parseFilterParams([['kind', 'party']])).toThrow(/not one of/);
    expect(() => parseFilterParams([['from', 'yesterday']])).toThrow(/not a calendar date/);
    expect(() => parseFilterParams([['from', '2025-02-30']])).toThrow(/not a calendar date/);
    expect(() => parseFilterParams([['to', '9999-99-99']])).toThrow(/not a calendar date/);
    expect(() => splitFilterWords(['kind'])).toThrow(/key=value/);
    expect(() => parseExportFormat('pdf')).toThrow(ExportOptionError);
  });

  it('narrows to the story as reported by a date, then filters', () => {
    expect(selectFacts(seed.models, { reportedBy: '2025-02-16' }).facts).toHaveLength(0);
    const visits = selectFacts(seed.models, { filter: { kinds: ['visit'] } }).facts;
    expect(visits.map((f) => f.id)).toStrictEqual(['starmer-washington-visit']);
  });
});

describe('headlines', () => {
  it('cuts a long summary between characters, never inside an emoji', () => {
    for (const at of [137, 138, 139]) {
      const summary = `${'a'.repeat(at)}\u{1F30D}${'b'.repeat(20)}`;
      const headline = headlineOf({ summary } as Parameters<typeof headlineOf>[0]);
      expect(headline.endsWith('…')).toBe(true);
      expect(headline.length).toBeLessThanOrEqual(140);
      // No high surrogate without its low half, and the text survives a UTF-8 round trip.
      expect(headline).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(Buffer.from(headline, 'utf8').toString('utf8')).toBe(headline);
    }
  });
});
