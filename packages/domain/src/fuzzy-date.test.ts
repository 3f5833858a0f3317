import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoWeekday } from './calendar.js';
import {
  compareFuzzyDates,
  DateExpressionError,
  fuzzyDateSchema,
  labelFor,
  makeFuzzyDate,
  resolveDateExpression,
} from './fuzzy-date.js';

const MONDAY = '2025-02-17'; // both seed articles were published on this Monday

describe('resolveDateExpression against Monday 17 February 2025', () => {
  it.each([
    ['on Monday', '2025-02-17', '2025-02-17', 'day'],
    ['Sunday', '2025-02-16', '2025-02-16', 'day'],
    ['on Saturday', '2025-02-15', '2025-02-15', 'day'],
    ['yesterday', '2025-02-16', '2025-02-16', 'day'],
    ['last week', '2025-02-10', '2025-02-16', 'week'],
    ['next week', '2025-02-24', '2025-03-02', 'week'],
    ['this week', '2025-02-17', '2025-02-23', 'week'],
    ['over the weekend', '2025-02-15', '2025-02-16', 'weekend'],
    ['next weekend', '2025-02-22', '2025-02-23', 'weekend'],
    ['in 2022', '2022-01-01', '2022-12-31', 'year'],
    ['last month', '2025-01-01', '2025-01-31', 'month'],
    ['February 2025', '2025-02-01', '2025-02-28', 'month'],
    ['on 12 February', '2025-02-12', '2025-02-12', 'day'],
    ['Feb. 12, 2025', '2025-02-12', '2025-02-12', 'day'],
    // The ordinal either side of the month, as "February 12th" already was.
    ['on 12th February', '2025-02-12', '2025-02-12', 'day'],
    ['on the 1st of February 2025', '2025-02-01', '2025-02-01', 'day'],
    ['next Friday', '2025-02-21', '2025-02-21', 'day'],
    // "this" names the day of the anchor's week, as "this week" names that week.
    ['this Saturday', '2025-02-22', '2025-02-22', 'day'],
    ['this Friday', '2025-02-21', '2025-02-21', 'day'],
    ['this Monday', '2025-02-17', '2025-02-17', 'day'],
    ['last Monday', '2025-02-10', '2025-02-10', 'day'],
    ['three days ago', '2025-02-14', '2025-02-14', 'day'],
  ])('"%s" → %s … %s (%s)', (expression, earliest, latest, precision) => {
    const date = resolveDateExpression(expression, MONDAY);
    expect(date).toMatchObject({ earliest, latest, precision, expression, anchor: MONDAY });
    expect(fuzzyDateSchema.safeParse(date).success).toBe(true);
  });

  it('labels a week as a span, never as a day', () => {
    expect(resolveDateExpression('last week', MONDAY).label).toBe('week of 10 Feb 2025');
    expect(resolveDateExpression('over the weekend', MONDAY).label).toBe(
      'weekend of 15 Feb–16 Feb 2025',
    );
    expect(resolveDateExpression('on Saturday', MONDAY).label).toBe('15 Feb 2025');
  });

  it('reads this, last and next weekend from the day the article was published', () => {
    const span = (expression: string, anchor: string) => {
      const d = resolveDateExpression(expression, anchor);
      return `${d.earliest}/${d.latest}`;
    };
    // Wednesday 19 February 2025: this weekend is to come, last weekend is gone.
    expect(span('this weekend', '2025-02-19')).toBe('2025-02-22/2025-02-23');
    expect(span('next weekend', '2025-02-19')).toBe('2025-02-22/2025-02-23');
    expect(span('last weekend', '2025-02-19')).toBe('2025-02-15/2025-02-16');
    expect(span('over the weekend', '2025-02-19')).toBe('2025-02-15/2025-02-16');
    // On Saturday 15 and Sunday 16: this weekend is the one in progress, last weekend the one before.
    for (const day of ['2025-02-15', '2025-02-16']) {
      expect(span('this weekend', day)).toBe('2025-02-15/2025-02-16');
      expect(span('last weekend', day)).toBe('2025-02-08/2025-02-09');
      expect(span('next weekend', day)).toBe('2025-02-22/2025-02-23');
    }
  });

  it("keeps its labels as they were: they are part of an imported entry's identity", () => {
    // A curation entry's command id is the hash of its resolved command, label included: a label
    // written differently would make a re-import of the same file refuse its own facts.
    const label = (earliest: string, latest: string, precision: 'weekend' | 'range') =>
      labelFor({ earliest, latest, precision });
    expect(label('2025-02-15', '2025-02-16', 'weekend')).toBe('weekend of 15 Feb–16 Feb 2025');
    expect(label('2025-02-10', '2025-02-14', 'range')).toBe('10 Feb – 14 Feb 2025');
  });

  it('reads "the past week" as the seven days up to publication, not the calendar week before', () => {
    for (const [expression, anchor, earliest] of [
      ['over the past week', '2025-02-19', '2025-02-12'],
      ['in the past week', '2025-02-17', '2025-02-10'],
      ['the past week', '2025-01-02', '2024-12-26'],
      ['past week', '2024-03-01', '2024-02-23'],
    ] as const) {
      expect(resolveDateExpression(expression, anchor), expression).toMatchObject({
        earliest,
        latest: anchor,
        precision: 'range',
      });
    }
  });

  it('refuses "this <weekday>" when that day of the week has already passed', () => {
    // Sunday 16 February 2025: "this Saturday" could be yesterday or the Saturday to come.
    expect(() => resolveDateExpression('this Saturday', '2025-02-16')).toThrow(
      /"last Saturday" for 15 Feb 2025, or "next Saturday" for 22 Feb 2025/,
    );
    expect(() => resolveDateExpression('this Monday', '2025-02-16')).toThrow(DateExpressionError);
    expect(() => resolveDateExpression('this Tuesday', '2025-02-19')).toThrow(/has passed/);
    expect(resolveDateExpression('this Sunday', '2025-02-16').earliest).toBe('2025-02-16');
    expect(resolveDateExpression('this Thursday', '2025-02-19').earliest).toBe('2025-02-20');
  });

  it('reads a month or day named without its year in the nearest year, and refuses it when far', () => {
    const span = (expression: string, anchor: string) => {
      const d = resolveDateExpression(expression, anchor);
      return `${d.earliest}/${d.latest}/${d.precision}`;
    };
    // Near the anchor, the anchor's year, past or to come.
    expect(span('in January', '2025-02-17')).toBe('2025-01-01/2025-01-31/month');
    expect(span('in July', '2025-02-17')).toBe('2025-07-01/2025-07-31/month');
    expect(span('Dec. 30', '2024-12-31')).toBe('2024-12-30/2024-12-30/day');
    expect(span('29 February', '2024-02-29')).toBe('2024-02-29/2024-02-29/day');
    // At the turn of a year "Dec. 31" is the day just gone, never the one a year ahead: refused.
    for (const [expression, anchor, readings] of [
      ['on Dec. 31', '2025-01-01', /31 Dec 2024 or 31 Dec 2025/],
      ['in December', '2025-01-02', /December 2024 or December 2025/],
      ['January 2', '2024-12-31', /2 Jan 2024 or 2 Jan 2025/],
      ['in August', '2025-02-17', /August 2024 or August 2025/],
      ['in December', '2025-02-17', /December 2024 or December 2025/],
    ] as const) {
      expect(() => resolveDateExpression(expression, anchor), expression).toThrow(readings);
      expect(() => resolveDateExpression(expression, anchor), expression).toThrow(/add the year/);
    }
    // With its year, any month.
    expect(span('December 2024', '2025-01-01')).toBe('2024-12-01/2024-12-31/month');
    expect(span('Dec. 31, 2024', '2025-01-01')).toBe('2024-12-31/2024-12-31/day');
  });

  it('refuses what it cannot resolve, naming the expression', () => {
    expect(() => resolveDateExpression('soon-ish', MONDAY)).toThrow(DateExpressionError);
    expect(() => resolveDateExpression('soon-ish', MONDAY)).toThrow(/"soon-ish"/);
    expect(() => resolveDateExpression('31 February', MONDAY)).toThrow(/not a calendar date/);
    expect(() => resolveDateExpression('today', '2025-13-01')).toThrow(/anchor/);
  });
});

describe('fuzzy date schema', () => {
  it('refuses latest before earliest', () => {
    const result = fuzzyDateSchema.safeParse({
      earliest: '2025-02-17',
      latest: '2025-02-10',
      precision: 'range',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/before earliest/);
  });
  it('refuses a week that is not Monday to Sunday', () => {
    expect(
      fuzzyDateSchema.safeParse({ earliest: '2025-02-12', latest: '2025-02-18', precision: 'week' })
        .success,
    ).toBe(false);
  });
  it('refuses impossible dates', () => {
    expect(
      fuzzyDateSchema.safeParse({ earliest: '2025-02-30', latest: '2025-02-30', precision: 'day' })
        .success,
    ).toBe(false);
  });
});

const anchorArb = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n));
const pastExpressions = [
  'yesterday',
  'last week',
  'over the weekend',
  'last month',
  'last year',
  'on Monday',
  'Tuesday',
  'on Wednesday',
  'Thursday',
  'Friday',
  'on Saturday',
  'Sunday',
  'two days ago',
];
const futureExpressions = [
  'tomorrow',
  'next week',
  'next weekend',
  'next month',
  'next year',
  'next Monday',
  'next Sunday',
];

describe('properties of resolution', () => {
  it('past expressions never end after the anchor; future ones start after it', () => {
    fc.assert(
      fc.property(anchorArb, fc.constantFrom(...pastExpressions), (anchor, expression) => {
        const date = resolveDateExpression(expression, anchor);
        expect(date.latest <= anchor || expression.includes('weekend')).toBe(true);
        expect(date.earliest <= anchor).toBe(true);
      }),
    );
    fc.assert(
      fc.property(anchorArb, fc.constantFrom(...futureExpressions), (anchor, expression) => {
        expect(resolveDateExpression(expression, anchor).earliest > anchor).toBe(true);
      }),
    );
  });

  it('every resolved date satisfies its own precision and has a label that matches it', () => {
    fc.assert(
      fc.property(
        anchorArb,
        fc.constantFrom(...pastExpressions, ...futureExpressions),
        (anchor, expression) => {
          const date = resolveDateExpression(expression, anchor);
          expect(fuzzyDateSchema.safeParse(date).success).toBe(true);
          expect(date.label).toBe(labelFor(date));
          if (date.precision === 'week') {
            expect(isoWeekday(date.earliest)).toBe(1);
            expect(daysBetween(date.earliest, date.latest)).toBe(6);
          }
        },
      ),
    );
  });

  it('a bare weekday is that weekday, within the six days up to the anchor', () => {
    fc.assert(
      fc.property(anchorArb, fc.integer({ min: 0, max: 6 }), (anchor, i) => {
        const name = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][
          i
        ]!;
        const date = resolveDateExpression(`on ${name}`, anchor);
        expect(isoWeekday(date.earliest)).toBe(i + 1);
        expect(daysBetween(date.earliest, anchor)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(date.earliest, anchor)).toBeLessThan(7);
      }),
    );
  });
});

const fuzzyArb = fc
  .tuple(
    anchorArb,
    fc.constantFrom('day', 'week', 'range', 'month') as fc.Arbitrary<
      'day' | 'week' | 'range' | 'month'
    >,
    fc.integer({ min: 1, max: 40 }),
  )
  .map(([d, precision, len]) => {
    if (precision === 'day') return makeFuzzyDate(d, d, 'day');
    if (precision === 'week') return resolveDateExpression('this week', d);
    if (precision === 'month') return resolveDateExpression('this month', d);
    return makeFuzzyDate(d, addDays(d, len), 'range');
  });

describe('ordering of fuzzy dates', () => {
  it('is a total preorder: reflexive, antisymmetric in sign, transitive', () => {
    fc.assert(
      fc.property(fuzzyArb, fuzzyArb, fuzzyArb, (a, b, c) => {
        expect(compareFuzzyDates(a, a)).toBe(0);
        // `+ 0` folds -0 into 0, which Object.is would tell apart
        expect(Math.sign(compareFuzzyDates(a, b)) + 0).toBe(
          -Math.sign(compareFuzzyDates(b, a)) + 0,
        );
        if (compareFuzzyDates(a, b) <= 0 && compareFuzzyDates(b, c) <= 0)
          expect(compareFuzzyDates(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('never sorts a week as if it were its first day: a day inside the week with the same start comes first', () => {
    fc.assert(
      fc.property(anchorArb, (d) => {
        const week = resolveDateExpression('this week', d);
        const monday = makeFuzzyDate(week.earliest, week.earliest, 'day');
        expect(compareFuzzyDates(monday, week)).toBeLessThan(0);
      }),
    );
  });
});
