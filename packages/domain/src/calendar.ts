// Calendar arithmetic on ISO dates (YYYY-MM-DD) as whole UTC days, so no time zone can move a date.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

/** Days since 1970-01-01 for a valid ISO date, or undefined when the text is not a real date. */
export function toDayNumber(date: IsoDate): number | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== Number(y) ||
    back.getUTCMonth() !== Number(m) - 1 ||
    back.getUTCDate() !== Number(d)
  ) {
    return undefined;
  }
  return ms / DAY_MS;
}

export function isIsoDate(date: string): boolean {
  return toDayNumber(date) !== undefined;
}

const ISO_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Milliseconds of an ISO 8601 timestamp that names its zone (`Z` or `±hh:mm`) and a real calendar
 * date and time, or undefined for anything else. Stricter than Date.parse, which reads "1" as the
 * year 2001, "2025-02-30" as 2 March and a time without a zone in the server's own zone.
 */
export function isoTimestampMs(text: string): number | undefined {
  const match = ISO_TIMESTAMP.exec(text);
  if (!match || toDayNumber(match[1] as string) === undefined) return undefined;
  const [hours, minutes, seconds, zoneHours, zoneMinutes] = match.slice(2).map(Number);
  if ((hours as number) > 23 || (minutes as number) > 59 || (seconds ?? 0) > 59) return undefined;
  if ((zoneHours ?? 0) > 23 || (zoneMinutes ?? 0) > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayNumberOrThrow(date: IsoDate): number {
  const day = toDayNumber(date);
  if (day === undefined) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return day;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumberOrThrow(date) + days);
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumberOrThrow(date) + 3) % 7) + 7) % 7) + 1;
}

export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

export function endOfMonth(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return fromDayNumber(Date.UTC(year, month, 0) / DAY_MS);
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  return fromDayNumber(Date.UTC(year, month, 1) / DAY_MS);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOrThrow(to) - dayNumberOrThrow(from);
}

const MONTHS_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
export const MONTHS_LONG = [
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

export function formatDay(date: IsoDate, withYear = true): string {
  const day = Number(date.slice(8, 10));
  const month = MONTHS_SHORT[Number(date.slice(5, 7)) - 1];
  return withYear ? `${day} ${month} ${date.slice(0, 4)}` : `${day} ${month}`;
}

/** The most a zone is ahead of UTC (UTC+14). */
const MAX_ZONE_AHEAD_MS = 14 * 3_600_000;

/**
 * The latest calendar date that has begun somewhere on Earth at `nowMs`: a date written alone by
 * someone whose day it already is (the date in UTC+14).
 */
export function latestBegunDate(nowMs: number): IsoDate {
  return new Date(nowMs + MAX_ZONE_AHEAD_MS).toISOString().slice(0, 10);
}
