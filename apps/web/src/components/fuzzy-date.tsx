import { type DateSpan, dateHeading, shortDateLabel } from '@/lib/dates';

/** The machine-readable form HTML allows for each precision (a week as 2025-W07, a month as 2025-02). */
export function dateTimeAttribute(span: DateSpan): string | undefined {
  switch (span.precision) {
    case 'DAY':
      return span.earliest;
    case 'WEEK':
      return isoWeek(span.earliest);
    case 'MONTH':
      return span.earliest.slice(0, 7);
    case 'YEAR':
      return span.earliest.slice(0, 4);
    case 'WEEKEND':
    case 'RANGE':
      return undefined;
    default: {
      const unreachable: never = span.precision;
      return unreachable;
    }
  }
}

/** ISO 8601 week of a date: "2025-W07". */
export function isoWeek(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function FuzzyDate({ span, long = false }: { span: DateSpan; long?: boolean }) {
  const text = long ? dateHeading(span) : shortDateLabel(span);
  const dateTime = dateTimeAttribute(span);
  return dateTime ? <time dateTime={dateTime}>{text}</time> : <span>{text}</span>;
}
