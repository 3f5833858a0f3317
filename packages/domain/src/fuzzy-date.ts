import { z } from 'zod';
import {
  addDays,
  addMonths,
  daysBetween,
  endOfMonth,
  formatDay,
  type IsoDate,
  isIsoDate,
  isoWeekday,
  MONTHS_LONG,
  startOfIsoWeek,
  startOfMonth,
} from './calendar.js';
import { text } from './text.js';

export const DATE_PRECISIONS = ['day', 'weekend', 'week', 'month', 'year', 'range'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' });

/**
 * A date as precise as the source really is: "last week" is a seven-day span, never a day.
 * `expression` and `anchor` record how it was derived ("on Saturday" in an article of 2025-02-17).
 */
export const fuzzyDateSchema = z
  .object({
    earliest: isoDateSchema,
    latest: isoDateSchema,
    precision: z.enum(DATE_PRECISIONS),
    label: text(120).optional(),
    expression: text(200).optional(),
    anchor: isoDateSchema.optional(),
  })
  .superRefine((value, ctx) => {
    const problem = precisionProblem(value.earliest, value.latest, value.precision);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['latest'] });
  });

export type FuzzyDate = z.infer<typeof fuzzyDateSchema>;

/** Why a span does not fit its precision, or undefined when it does. */
export function precisionProblem(
  earliest: IsoDate,
  latest: IsoDate,
  precision: DatePrecision,
): string | undefined {
  if (!isIsoDate(earliest) || !isIsoDate(latest)) return undefined; // reported by the date schema
  const span = daysBetween(earliest, latest);
  if (span < 0) return `latest (${latest}) is before earliest (${earliest})`;
  switch (precision) {
    case 'day':
      return span === 0 ? undefined : 'a day-precision date has earliest equal to latest';
    case 'weekend':
      return isoWeekday(earliest) === 6 && span === 1
        ? undefined
        : 'a weekend runs from a Saturday to the Sunday after it';
    case 'week':
      return isoWeekday(earliest) === 1 && span === 6
        ? undefined
        : 'a week runs from a Monday to the Sunday after it';
    case 'month':
      return earliest === startOfMonth(earliest) && latest === endOfMonth(earliest)
        ? undefined
        : 'a month runs from its first to its last day';
    case 'year':
      return earliest.endsWith('-01-01') && latest === `${earliest.slice(0, 4)}-12-31`
        ? undefined
        : 'a year runs from 1 January to 31 December';
    case 'range':
      return span === 0 ? 'a one-day range should have precision day' : undefined;
    default: {
      const unreachable: never = precision;
      return `unknown precision ${String(unreachable)}`;
    }
  }
}

/** A human label that never claims more precision than the date has. */
export function labelFor(date: Pick<FuzzyDate, 'earliest' | 'latest' | 'precision'>): string {
  const { earliest, latest, precision } = date;
  switch (precision) {
    case 'day':
      return formatDay(earliest);
    case 'weekend':
      return `weekend of ${formatDay(earliest, false)}–${formatDay(latest)}`;
    case 'week':
      return `week of ${formatDay(earliest)}`;
    case 'month':
      return `${MONTHS_LONG[Number(earliest.slice(5, 7)) - 1]} ${earliest.slice(0, 4)}`;
    case 'year':
      return earliest.slice(0, 4);
    case 'range':
      return earliest.slice(0, 4) === latest.slice(0, 4)
        ? `${formatDay(earliest, false)} – ${formatDay(latest)}`
        : `${formatDay(earliest)} – ${formatDay(latest)}`;
    default: {
      const unreachable: never = precision;
      return String(unreachable);
    }
  }
}

export function makeFuzzyDate(
  earliest: IsoDate,
  latest: IsoDate,
  precision: DatePrecision,
  derivation?: { expression: string; anchor: IsoDate },
): FuzzyDate {
  const problem = precisionProblem(earliest, latest, precision);
  if (problem) throw new RangeError(problem);
  return {
    earliest,
    latest,
    precision,
    label: labelFor({ earliest, latest, precision }),
    ...derivation,
  };
}

/** Chronological order for fuzzy dates: by earliest, then latest. Callers break ties by log position. */
export function compareFuzzyDates(
  a: Pick<FuzzyDate, 'earliest' | 'latest'>,
  b: Pick<FuzzyDate, 'earliest' | 'latest'>,
): number {
  if (a.earliest !== b.earliest) return a.earliest < b.earliest ? -1 : 1;
  if (a.latest !== b.latest) return a.latest < b.latest ? -1 : 1;
  return 0;
}

/** True when the two dates could be the same moment (their spans overlap). */
export function overlaps(
  a: Pick<FuzzyDate, 'earliest' | 'latest'>,
  b: Pick<FuzzyDate, 'earliest' | 'latest'>,
): boolean {
  return a.earliest <= b.latest && b.earliest <= a.latest;
}

export class DateExpressionError extends Error {
  override readonly name = 'DateExpressionError';
  constructor(
    readonly expression: string,
    reason: string,
    /** For words that could mean more than one date: each date they could mean. */
    readonly readings: readonly FuzzyDate[] = [],
  ) {
    super(`cannot resolve the date expression "${expression}": ${reason}`);
  }
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTH_NAMES = MONTHS_LONG.map((m) => m.toLowerCase());

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  return MONTH_NAMES.findIndex(
    (m) => m === w || (w.length >= 3 && m.startsWith(w.replace(/\.$/, ''))),
  );
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function weekSpan(monday: IsoDate, derivation: { expression: string; anchor: IsoDate }): FuzzyDate {
  return makeFuzzyDate(monday, addDays(monday, 6), 'week', derivation);
}

/**
 * A month, or a day of a month, named without its year ("in December", "Dec. 31") is read in the
 * anchor's year only when that is the nearest reading, within five months of the anchor's month.
 * Further away the words are as likely to mean the year before or after ("in December", written
 * on 1 January, is the December just gone, not the one eleven months ahead), so they are refused,
 * naming both readings, rather than guessed.
 */
function withoutYear(
  expression: string,
  anchor: IsoDate,
  month: number,
  inYear: (year: number) => FuzzyDate,
): FuzzyDate {
  const year = Number(anchor.slice(0, 4));
  const apart = month - (Number(anchor.slice(5, 7)) - 1);
  if (Math.abs(apart) <= 5) return inYear(year);
  const other = apart > 0 ? year - 1 : year + 1;
  const readings: FuzzyDate[] = [];
  for (const y of [Math.min(year, other), Math.max(year, other)]) {
    try {
      readings.push(inYear(y));
    } catch (error) {
      if (!(error instanceof DateExpressionError)) throw error;
    }
  }
  if (readings.length === 0) return inYear(year); // reports the date that does not exist
  const words = readings.map((r) => r.label).join(' or ');
  throw new DateExpressionError(
    expression,
    `no year is named, and in an article of ${anchor} it could mean ${words}; add the year to the words`,
    readings,
  );
}

/**
 * Resolves the relative date expressions of news copy against the article's date.
 * A bare weekday ("on Saturday", "said Sunday") is the latest such day on or before the anchor,
 * as reported speech refers to the past; "next …" looks forward; "this …" is that day of the
 * anchor's week (Monday to Sunday), as "this week" is: "this Saturday", written on a Monday, is
 * the Saturday to come; written on a Sunday it is refused, as it could be either Saturday.
 */
export function resolveDateExpression(expression: string, anchor: IsoDate): FuzzyDate {
  if (!isIsoDate(anchor))
    throw new DateExpressionError(expression, `the anchor "${anchor}" is not a YYYY-MM-DD date`);
  const derivation = { expression, anchor };
  const text = expression
    .trim()
    .toLowerCase()
    .replace(/[.,]$/, '')
    .replace(/\s+/g, ' ')
    .replace(/^(on|in|during|at|over|by) (the )?/, '');
  const day = (date: IsoDate) => makeFuzzyDate(date, date, 'day', derivation);

  if (text === 'today' || text === 'this day') return day(anchor);
  if (text === 'yesterday') return day(addDays(anchor, -1));
  if (text === 'tomorrow') return day(addDays(anchor, 1));

  const weekday =
    /^(last |next |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.exec(text);
  if (weekday) {
    const target = WEEKDAYS.indexOf(weekday[2] ?? '') + 1;
    const current = isoWeekday(anchor);
    const modifier = weekday[1]?.trim();
    if (modifier === 'next') return day(addDays(anchor, (target - current + 7) % 7 || 7));
    if (modifier === 'last') return day(addDays(anchor, -((current - target + 7) % 7 || 7)));
    if (modifier === 'this') {
      const date = addDays(startOfIsoWeek(anchor), target - 1);
      if (date >= anchor) return day(date);
      // "This Saturday" written on a Sunday: that day of the week is gone, and the words rather
      // look ahead. Neither reading is safe, so both are named.
      const name = `${weekday[2]?.[0]?.toUpperCase()}${weekday[2]?.slice(1)}`;
      throw new DateExpressionError(
        expression,
        `the ${name} of the week of ${anchor} has passed, and the words may mean the one to come; write "on ${name}" or "last ${name}" for ${formatDay(date)}, or "next ${name}" for ${formatDay(addDays(date, 7))}`,
        [day(date), day(addDays(date, 7))],
      );
    }
    return day(addDays(anchor, -((current - target + 7) % 7)));
  }

  // "In the past week" is the seven days up to publication, not the calendar week before it,
  // which, said on a Wednesday, would leave out the Monday and Tuesday just gone.
  if (/^(the )?past week$/.test(text))
    return makeFuzzyDate(addDays(anchor, -7), anchor, 'range', derivation);

  const week = /^(last|this|next) week$/.exec(text);
  if (week) {
    const monday = startOfIsoWeek(anchor);
    const shift = { last: -7, this: 0, next: 7 }[week[1] as 'last' | 'this' | 'next'];
    return weekSpan(addDays(monday, shift), derivation);
  }

  const weekend = /^(last |this |next |past )?weekend$/.exec(text);
  if (weekend) {
    const current = isoWeekday(anchor);
    const modifier = weekend[1]?.trim();
    const weekendDay = current >= 6;
    // "the weekend": the one just gone, or the one in progress.
    let saturday = weekendDay ? addDays(anchor, 6 - current) : addDays(anchor, -(current + 1));
    // "this" and "next" weekend, said on a weekday: the one to come; "next" on a weekend day:
    // the one after. "last" (or "past") weekend on a weekend day: the one before it.
    if ((modifier === 'this' || modifier === 'next') && !weekendDay)
      saturday = addDays(anchor, 6 - current);
    else if (modifier === 'next') saturday = addDays(saturday, 7);
    else if ((modifier === 'last' || modifier === 'past') && weekendDay)
      saturday = addDays(saturday, -7);
    return makeFuzzyDate(saturday, addDays(saturday, 1), 'weekend', derivation);
  }

  const month = /^(last|this|next) month$/.exec(text);
  if (month) {
    const shift = { last: -1, this: 0, next: 1 }[month[1] as 'last' | 'this' | 'next'];
    const first = addMonths(anchor, shift);
    return makeFuzzyDate(first, endOfMonth(first), 'month', derivation);
  }

  const relYear = /^(last|this|next) year$/.exec(text);
  if (relYear) {
    const shift = { last: -1, this: 0, next: 1 }[relYear[1] as 'last' | 'this' | 'next'];
    const y = Number(anchor.slice(0, 4)) + shift;
    return makeFuzzyDate(`${y}-01-01`, `${y}-12-31`, 'year', derivation);
  }

  const daysAgo = /^(\d{1,3}|a|one|two|three|four|five|six) days? ago$/.exec(text);
  if (daysAgo) {
    const words: Record<string, number> = {
      a: 1,
      one: 1,
      two: 2,
      three: 3,
      four: 4,
      five: 5,
      six: 6,
    };
    const n = words[daysAgo[1] ?? ''] ?? Number(daysAgo[1]);
    return day(addDays(anchor, -n));
  }

  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (!isIsoDate(text)) throw new DateExpressionError(expression, 'not a calendar date');
    return day(text);
  }

  const year = /^(\d{4})$/.exec(text);
  if (year) return makeFuzzyDate(`${year[1]}-01-01`, `${year[1]}-12-31`, 'year', derivation);

  // "February 2025", "February" (the nearest, see withoutYear), "15 February 2025", "February 15", "Feb. 15, 2025"
  const monthYear = /^([a-z]+\.?)(?: (\d{4}))?$/.exec(text);
  if (monthYear && monthIndex(monthYear[1] ?? '') >= 0) {
    const month = monthIndex(monthYear[1] ?? '');
    const inYear = (y: string | number) => {
      const first = `${y}-${pad(month + 1)}-01`;
      return makeFuzzyDate(first, endOfMonth(first), 'month', derivation);
    };
    return monthYear[2] ? inYear(monthYear[2]) : withoutYear(expression, anchor, month, inYear);
  }
  const dayMonth =
    /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+\.?)(?:,? (\d{4}))?$/.exec(text) ??
    (() => {
      const m = /^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$/.exec(text);
      return m ? ([m[0], m[2], m[1], m[3]] as unknown as RegExpExecArray) : null;
    })();
  if (dayMonth && monthIndex(dayMonth[2] ?? '') >= 0) {
    const month = monthIndex(dayMonth[2] ?? '');
    const inYear = (y: string | number) => {
      const date = `${y}-${pad(month + 1)}-${pad(Number(dayMonth[1]))}`;
      if (!isIsoDate(date))
        throw new DateExpressionError(expression, `${date} is not a calendar date`);
      return day(date);
    };
    return dayMonth[3] ? inYear(dayMonth[3]) : withoutYear(expression, anchor, month, inYear);
  }

  throw new DateExpressionError(
    expression,
    'not a form Dateline knows; use today/yesterday/tomorrow, a weekday (on Saturday, next Monday), ' +
      'last/this/next week|weekend|month|year, "N days ago", a year, a month, a day (15 February 2025) or YYYY-MM-DD',
  );
}
