import { describe, expect, it } from 'vitest';
import { findDateExpressions, resolveNewsDate } from './dates.js';

// 2025-02-17 was a Monday; 2025-02-15 a Saturday; 2025-02-23 a Sunday.
describe('resolveNewsDate: expressions against publication dates', () => {
  it.each([
    // expression, anchor, earliest, latest, precision, importer resolves it the same way
    ['last week', '2025-02-17', '2025-02-10', '2025-02-16', 'week', true],
    ['last week', '2025-02-23', '2025-02-10', '2025-02-16', 'week', true],
    ['next week', '2025-02-17', '2025-02-24', '2025-03-02', 'week', true],
    ['this week', '2025-02-19', '2025-02-17', '2025-02-23', 'week', true],
    ['on Saturday', '2025-02-17', '2025-02-15', '2025-02-15', 'day', true],
    ['Saturday', '2025-02-15', '2025-02-15', '2025-02-15', 'day', true],
    ['on Sunday,', '2025-02-17', '2025-02-16', '2025-02-16', 'day', true],
    ['on Monday', '2025-02-17', '2025-02-17', '2025-02-17', 'day', true],
    ['next Tuesday', '2025-02-17', '2025-02-18', '2025-02-18', 'day', true],
    ['over the weekend', '2025-02-17', '2025-02-15', '2025-02-16', 'weekend', true],
    ['over the weekend', '2025-02-22', '2025-02-22', '2025-02-23', 'weekend', true],
    ['at the weekend', '2025-02-19', '2025-02-15', '2025-02-16', 'weekend', true],
    ['yesterday', '2025-03-01', '2025-02-28', '2025-02-28', 'day', true],
    ['two days ago', '2025-02-17', '2025-02-15', '2025-02-15', 'day', true],
    ['last month', '2025-01-15', '2024-12-01', '2024-12-31', 'month', true],
    ['in 2022', '2025-02-17', '2022-01-01', '2022-12-31', 'year', true],
    ['Feb. 12', '2025-02-17', '2025-02-12', '2025-02-12', 'day', true],
    ['12 February 2024', '2025-02-17', '2024-02-12', '2024-02-12', 'day', true],
    ['in March', '2025-02-17', '2025-03-01', '2025-03-31', 'month', true],
    // Forms the domain does not know, resolved by the draft and kept as explicit spans.
    ['Monday night', '2025-02-19', '2025-02-17', '2025-02-17', 'day', false],
    ['this past weekend', '2025-02-17', '2025-02-15', '2025-02-16', 'weekend', false],
    ['earlier this month', '2025-02-17', '2025-02-01', '2025-02-16', 'range', false],
    ['later this week', '2025-02-17', '2025-02-18', '2025-02-23', 'range', false],
    ['mid-February', '2025-02-17', '2025-02-01', '2025-02-28', 'month', false],
    ['late 2024', '2025-02-17', '2024-01-01', '2024-12-31', 'year', false],
    ['since 2014', '2025-02-17', '2014-01-01', '2025-02-17', 'range', false],
    ['two weeks ago', '2025-02-17', '2025-02-03', '2025-02-09', 'week', false],
  ] as const)(
    '"%s" in an article of %s → %s – %s (%s)',
    (expression, anchor, earliest, latest, precision, byExpression) => {
      const resolved = resolveNewsDate(expression, anchor);
      expect(resolved).toBeDefined();
      expect(resolved?.date).toMatchObject({ earliest, latest, precision, anchor });
      expect(resolved?.byExpression).toBe(byExpression);
      expect(resolved?.date.expression).toBe(expression.replace(/,$/, ''));
    },
  );

  it('turns a bare weekday forward when the clause looks ahead', () => {
    const ahead = resolveNewsDate('on Saturday', '2025-02-17', { looksAhead: true });
    expect(ahead?.date).toMatchObject({ earliest: '2025-02-22', latest: '2025-02-22' });
    // The importer would read "on Saturday" as the past one, so the draft keeps the span.
    expect(ahead?.byExpression).toBe(false);
    const sameDay = resolveNewsDate('on Monday', '2025-02-17', { looksAhead: true });
    expect(sameDay?.date.earliest).toBe('2025-02-17');
  });

  it('resolves nothing it cannot read', () => {
    expect(resolveNewsDate('the three-year conflict', '2025-02-17')).toBeUndefined();
  });

  it('keeps both ends of a span it finds in the text, and looks ahead when the clause does', () => {
    const [span] = findDateExpressions('Ministers met Feb 15-16 in Munich.', '2025-02-17').found;
    expect(span?.date).toMatchObject({
      earliest: '2025-02-15',
      latest: '2025-02-16',
      precision: 'range',
    });
    for (const [sentence, expression] of [
      ['Talks were held between Feb 10 and Feb 12 in Riyadh.', 'Feb 10 and Feb 12'],
      ['Talks were held between February 10 and 12 in Riyadh.', 'February 10 and 12'],
      ['Talks were held between 10 and 12 February in Riyadh.', '10 and 12 February'],
      ['Talks were held between 10th and 12th February.', '10th and 12th February'],
    ]) {
      const { found } = findDateExpressions(sentence as string, '2025-02-17');
      expect(
        found.map((f) => [f.expression, f.date.earliest, f.date.latest, f.date.precision]),
        sentence,
      ).toEqual([[expression, '2025-02-10', '2025-02-12', 'range']]);
    }
    // Not a span: two dates joined by "and" without "between", ends in the wrong order, a time.
    expect(
      findDateExpressions('The truce held between Feb 10 and Feb 8.', '2025-02-17').found.map(
        (f) => [f.expression, f.date.earliest, f.date.precision],
      ),
    ).toEqual([
      ['Feb 10', '2025-02-10', 'day'],
      ['Feb 8', '2025-02-08', 'day'],
    ]);
    expect(
      findDateExpressions('He spoke on Feb 10 and Feb 12.', '2025-02-17').found.map(
        (f) => f.date.precision,
      ),
    ).toEqual(['day', 'day']);
    expect(
      findDateExpressions('Calls between Feb 10 and 3pm were logged.', '2025-02-17').found.map(
        (f) => f.date.latest,
      ),
    ).not.toContain('2025-02-03');
    for (const sentence of [
      'European leaders are meeting in Paris on Monday.',
      'Macron is to host an emergency summit on Monday.',
      'Starmer spoke ahead of the summit on Monday.',
    ]) {
      const [found] = findDateExpressions(sentence, '2025-02-16').found;
      expect(found?.date.earliest, sentence).toBe('2025-02-17');
    }
  });

  it('reads a month without its year as the last one when the clause reports the past', () => {
    const first = (sentence: string) => findDateExpressions(sentence, '2025-02-17').found[0];
    expect(first('Russia launched a major offensive in December.')?.date).toMatchObject({
      earliest: '2024-12-01',
      latest: '2024-12-31',
      precision: 'month',
    });
    expect(first('Russia launched a major offensive in December.')?.byExpression).toBe(false);
    expect(first('Putin said in May that Russia was ready.')?.date.earliest).toBe('2024-05-01');
    // Still to come, or already past in the year of publication: as the domain reads it.
    expect(first('A summit is planned for March.')?.date.earliest).toBe('2025-03-01');
    expect(first('Leaders will meet in March.')?.date.earliest).toBe('2025-03-01');
    expect(first('Talks collapsed in January.')?.date.earliest).toBe('2025-01-01');
  });

  it('dates a day or month named without its year across the turn of the year as the nearest one', () => {
    // The importer refuses these words (they could name either year), so the span is written out.
    const first = (sentence: string, anchor: string) =>
      findDateExpressions(sentence, anchor).found[0];
    expect(first('They will meet on January 3.', '2024-12-31')).toMatchObject({
      date: { earliest: '2025-01-03', latest: '2025-01-03', precision: 'day' },
      byExpression: false,
    });
    expect(first('Talks were held on Dec. 20.', '2025-01-02')).toMatchObject({
      date: { earliest: '2024-12-20', latest: '2024-12-20', precision: 'day' },
      byExpression: false,
    });
  });

  it('leaves "earlier this week" on a Monday and "later this week" on a Sunday to be dated by hand', () => {
    // Neither names a day of its week; chrono's placeholder for them would be the whole year.
    expect(resolveNewsDate('earlier this week', '2025-02-17')).toBeUndefined();
    expect(resolveNewsDate('later this week', '2025-02-16')).toBeUndefined();
    expect(resolveNewsDate('earlier this week', '2025-02-19')?.date).toMatchObject({
      earliest: '2025-02-17',
      latest: '2025-02-18',
    });
  });
});

describe('findDateExpressions: chrono finds, news phrasing included', () => {
  const find = (text: string, anchor = '2025-02-17') =>
    findDateExpressions(text, anchor).found.map((f) => [
      f.expression,
      f.date.earliest,
      f.date.latest,
      f.date.precision,
    ]);

  it.each([
    [
      "Trump's Ukraine envoy, Keith Kellogg, said Saturday that Europe would not have a seat.",
      [['Saturday', '2025-02-15', '2025-02-15', 'day']],
    ],
    [
      'The Dutch government over the weekend also signalled it could contribute.',
      [['over the weekend', '2025-02-15', '2025-02-16', 'weekend']],
    ],
    [
      'Russia, which launched its full-scale invasion of Ukraine in 2022, said nothing.',
      [['in 2022', '2022-01-01', '2022-12-31', 'year']],
    ],
    [
      'Starmer, who is expected to travel to Washington to meet Trump next week, said Sunday that Europe was facing a moment.',
      [
        ['next week', '2025-02-24', '2025-03-02', 'week'],
        ['Sunday', '2025-02-16', '2025-02-16', 'day'],
      ],
    ],
    ['Protesters may march through the city.', []],
    [
      'The talks began in mid-February, officials said.',
      [['mid-February', '2025-02-01', '2025-02-28', 'month']],
    ],
    ['It ended the three-year conflict.', []],
  ])('%s', (sentence, expected) => {
    expect(find(sentence)).toStrictEqual(expected);
  });

  it('reads the clause before a weekday for tense', () => {
    const found = findDateExpressions(
      'Leaders will meet on Saturday in Paris.',
      '2025-02-17',
      (i) => 'Leaders will meet on Saturday in Paris.'.slice(0, i),
    ).found;
    expect(found.map((f) => f.date.earliest)).toStrictEqual(['2025-02-22']);
  });
});
