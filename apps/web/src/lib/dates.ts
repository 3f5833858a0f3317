import type { DatePrecision } from '@/gql/graphql';

/** The parts of a fuzzy date needed to place and label it. */
export interface DateSpan {
  earliest: string;
  latest: string;
  precision: DatePrecision;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function parts(iso: string): { year: number; month: number; day: number; weekday: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, weekday };
}

interface DayFormat {
  weekday?: boolean;
  year?: boolean;
  short?: boolean;
}

/** "12 February 2025", "Wednesday 12 February 2025", "12 Feb": calendar arithmetic only, no time zone. */
export function formatDay(iso: string, format: DayFormat = {}): string {
  const { year, month, day, weekday } = parts(iso);
  const monthName = MONTHS[month - 1]!;
  const text = `${day} ${format.short ? monthName.slice(0, 3) : monthName}`;
  const withYear = format.year === false ? text : `${text} ${year}`;
  return format.weekday ? `${WEEKDAYS[weekday]} ${withYear}` : withYear;
}

/** A heading for a group of facts sharing a date: never more precise than the date is. */
export function dateHeading(span: DateSpan): string {
  const { earliest, latest, precision } = span;
  switch (precision) {
    case 'DAY':
      return formatDay(earliest, { weekday: true });
    case 'WEEKEND': {
      // "15–16 February 2025"; a weekend across months or years names both ends in full.
      const [from, to] = [parts(earliest), parts(latest)];
      const start =
        from.month === to.month && from.year === to.year
          ? String(from.day)
          : formatDay(earliest, { year: from.year !== to.year });
      return `Weekend of ${start}–${formatDay(latest)}`;
    }
    case 'WEEK':
      return `Week of ${formatDay(earliest)}`;
    case 'MONTH': {
      const { year, month } = parts(earliest);
      return `${MONTHS[month - 1]} ${year}`;
    }
    case 'YEAR':
      return String(parts(earliest).year);
    case 'RANGE':
      return `Between ${formatDay(earliest, { year: parts(earliest).year !== parts(latest).year })} and ${formatDay(latest)}`;
    default: {
      const unreachable: never = precision;
      return String(unreachable);
    }
  }
}

/**
 * A short label for a card: "12 Feb", "week of 10 Feb", "weekend of 15–16 Feb". It leaves the year
 * to the storyline's date headings, except for a span whose ends are in different years: there,
 * as in the headings, both ends name theirs ("20 Dec 2024 – 5 Jan 2025"), or the label would read
 * as a span running backwards within one year.
 */
export function shortDateLabel(span: DateSpan): string {
  const { earliest, latest, precision } = span;
  const acrossYears = parts(earliest).year !== parts(latest).year;
  const short = { short: true, year: acrossYears } as const;
  switch (precision) {
    case 'DAY':
      return formatDay(earliest, short);
    case 'WEEKEND': {
      const sameMonth = parts(earliest).month === parts(latest).month && !acrossYears;
      const start = sameMonth ? String(parts(earliest).day) : formatDay(earliest, short);
      return `weekend of ${start}–${formatDay(latest, short)}`;
    }
    case 'WEEK':
      return `week of ${formatDay(earliest, short)}`;
    case 'MONTH':
      return dateHeading(span);
    case 'YEAR':
      return String(parts(earliest).year);
    case 'RANGE':
      return `${formatDay(earliest, short)} – ${formatDay(latest, short)}`;
    default: {
      const unreachable: never = precision;
      return String(unreachable);
    }
  }
}

export interface DateGroup<T> {
  key: string;
  span: DateSpan;
  items: T[];
}

/** Groups facts that share a date span, keeping the order the API gave (chronological). */
export function groupByDate<T extends { occurred: DateSpan }>(facts: readonly T[]): DateGroup<T>[] {
  const groups: DateGroup<T>[] = [];
  for (const fact of facts) {
    const { earliest, latest, precision } = fact.occurred;
    const key = `${earliest}_${latest}_${precision.toLowerCase()}`;
    const last = groups.at(-1);
    if (last && last.key === key) last.items.push(fact);
    else groups.push({ key, span: { earliest, latest, precision }, items: [fact] });
  }
  return groups;
}

/** "17 Feb 2025, 14:03 UTC" for a store timestamp; a bare date stays a date. */
export function formatTimestamp(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const iso = date.toISOString();
  return `${formatDay(iso.slice(0, 10), { short: true })}, ${iso.slice(11, 16)} UTC`;
}

/**
 * An instant to the second, and to the millisecond when it has one: the moment a view of the log
 * stands at, where events a second apart may differ.
 */
export function formatInstant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const iso = date.toISOString();
  const time = iso.endsWith('.000Z') ? iso.slice(11, 19) : iso.slice(11, 23);
  return `${formatDay(iso.slice(0, 10), { short: true })}, ${time} UTC`;
}

/** A publication date: the article's own day, as recorded. */
export function formatPublished(value: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? formatDay(value.slice(0, 10)) : value;
}
