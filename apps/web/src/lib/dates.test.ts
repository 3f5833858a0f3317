import { describe, expect, it } from 'vitest';
import {
  dateHeading,
  formatDay,
  formatInstant,
  formatTimestamp,
  groupByDate,
  shortDateLabel,
} from './dates';

describe('date labels never claim more precision than the date has', () => {
  it('shows a day as a day', () => {
    const span = { earliest: '2025-02-12', latest: '2025-02-12', precision: 'DAY' } as const;
    expect(dateHeading(span)).toBe('Wednesday 12 February 2025');
    expect(shortDateLabel(span)).toBe('12 Feb');
  });

  it('shows a week as "week of", never as a day', () => {
    const span = { earliest: '2025-02-10', latest: '2025-02-16', precision: 'WEEK' } as const;
    expect(dateHeading(span)).toBe('Week of 10 February 2025');
    expect(shortDateLabel(span)).toBe('week of 10 Feb');
  });

  it('shows a weekend, a month, a year and a range as spans', () => {
    expect(
      shortDateLabel({ earliest: '2025-02-15', latest: '2025-02-16', precision: 'WEEKEND' }),
    ).toBe('weekend of 15–16 Feb');
    expect(
      dateHeading({ earliest: '2025-02-15', latest: '2025-02-16', precision: 'WEEKEND' }),
    ).toBe('Weekend of 15–16 February 2025');
    // Weekends across a month or a year end name both ends.
    const mayJune = { earliest: '2025-05-31', latest: '2025-06-01', precision: 'WEEKEND' } as const;
    expect(dateHeading(mayJune)).toBe('Weekend of 31 May–1 June 2025');
    expect(shortDateLabel(mayJune)).toBe('weekend of 31 May–1 Jun');
    expect(
      dateHeading({ earliest: '2022-12-31', latest: '2023-01-01', precision: 'WEEKEND' }),
    ).toBe('Weekend of 31 December 2022–1 January 2023');
    expect(dateHeading({ earliest: '2025-02-01', latest: '2025-02-28', precision: 'MONTH' })).toBe(
      'February 2025',
    );
    expect(dateHeading({ earliest: '2025-01-01', latest: '2025-12-31', precision: 'YEAR' })).toBe(
      '2025',
    );
    expect(dateHeading({ earliest: '2024-12-30', latest: '2025-01-03', precision: 'RANGE' })).toBe(
      'Between 30 December 2024 and 3 January 2025',
    );
  });

  it('names both years on a card when a span crosses New Year, as the headings do', () => {
    const newYear = { earliest: '2024-12-20', latest: '2025-01-05', precision: 'RANGE' } as const;
    expect(shortDateLabel(newYear)).toBe('20 Dec 2024 – 5 Jan 2025');
    expect(dateHeading(newYear)).toBe('Between 20 December 2024 and 5 January 2025');
    expect(
      shortDateLabel({ earliest: '2022-12-31', latest: '2023-01-01', precision: 'WEEKEND' }),
    ).toBe('weekend of 31 Dec 2022–1 Jan 2023');
    expect(
      shortDateLabel({ earliest: '2024-12-30', latest: '2025-01-05', precision: 'WEEK' }),
    ).toBe('week of 30 Dec 2024');
    // Within one year a card still leaves the year to the date heading above it.
    expect(
      shortDateLabel({ earliest: '2025-02-10', latest: '2025-02-20', precision: 'RANGE' }),
    ).toBe('10 Feb – 20 Feb');
  });

  it('formats without time-zone drift', () => {
    expect(formatDay('2025-03-01')).toBe('1 March 2025');
    expect(formatTimestamp('2025-02-17T23:59:00.000Z')).toBe('17 Feb 2025, 23:59 UTC');
    expect(formatTimestamp('2025-02-17')).toBe('17 February 2025');
  });

  it('names an instant to the second, and to the millisecond when it has one', () => {
    expect(formatInstant('2026-11-26T11:14:36.563Z')).toBe('26 Nov 2026, 11:14:36.563 UTC');
    expect(formatInstant('2026-11-26T11:14:37.000Z')).toBe('26 Nov 2026, 11:14:37 UTC');
    expect(formatInstant('2026-11-26T12:14:37+01:00')).toBe('26 Nov 2026, 11:14:37 UTC');
  });
});

describe('groupByDate', () => {
  it('groups consecutive facts that share a span and keeps the given order', () => {
    const fact = (id: string, earliest: string, latest: string, precision: 'DAY' | 'WEEK') => ({
      id,
      occurred: { earliest, latest, precision },
    });
    const groups = groupByDate([
      fact('a', '2025-02-10', '2025-02-16', 'WEEK'),
      fact('b', '2025-02-12', '2025-02-12', 'DAY'),
      fact('c', '2025-02-12', '2025-02-12', 'DAY'),
      fact('d', '2025-02-17', '2025-02-17', 'DAY'),
    ]);
    expect(groups.map((g) => g.items.map((f) => f.id))).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(groups[0]?.span.precision).toBe('WEEK');
  });
});
