import {
  addDays,
  DateExpressionError,
  type FuzzyDate,
  isoWeekday,
  makeFuzzyDate,
  resolveDateExpression,
  startOfIsoWeek,
} from '@dateline/domain';
import * as chrono from 'chrono-node';
import { clauseAround } from './clauses.js';

/**
 * Date expressions in news copy. chrono-node FINDS them (it knows the many ways English writes a
 * date); Dateline's `resolveDateExpression` RESOLVES them to honest spans where it knows the form,
 * because chrono returns one instant ("last week" → a Monday) where the text means a week.
 * chrono is extended with the phrasing of news copy it does not find whole: "over the weekend",
 * "in 2022", "since 2014", "earlier this month", "mid-February", "late 2024".
 */

export interface FoundDate {
  /** The words as the article writes them, trimmed of trailing punctuation. */
  expression: string;
  /** Offset of the expression in the text searched. */
  index: number;
  date: FuzzyDate;
  /**
   * True when `resolveDateExpression(expression, anchor)` gives exactly this date, so a curation
   * file can keep `when: { expression }` and the importer resolves it the same way.
   */
  byExpression: boolean;
  /** How the draft read it, for the curator: "the domain's rule for 'last week'", … */
  reading: string;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_WORD =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function monthNumber(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3))) + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function endOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** News phrasing chrono does not find whole; each match is resolved below, not by chrono. */
const NEWS_PATTERNS: RegExp[] = [
  /\b(?:over|at|during|on) the weekend\b/i,
  /\b(?:this|last|next|this past|the past) weekend\b/i,
  /\b(?:in|during|since) (?:1[89]|20)\d{2}\b/i,
  /\b(?:earlier|later) this (?:week|month|year)\b/i,
  new RegExp(
    `\\b(?:early|mid|late)[- ](?:${MONTH_WORD}\\b\\.?(?: (?:1[89]|20)\\d{2})?|(?:1[89]|20)\\d{2}\\b)`,
    'i',
  ),
  /\b(?:a|one|two|three|four|\d) weeks? ago\b/i,
];

function newsParser(pattern: RegExp): chrono.Parser {
  return {
    pattern: () => new RegExp(pattern.source, 'i'),
    // chrono only needs a placeholder date here: the expression is resolved by resolveNewsDate.
    extract: (context) => context.createParsingComponents({ year: context.refDate.getFullYear() }),
  };
}

const ORDINAL_DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
/** "between 10 and" right before a date: the span's first day, in the month of its last. */
const BETWEEN_DAY_AND = new RegExp(String.raw`\bbetween\s+${ORDINAL_DAY}\s+and\s+$`, 'i');
/** "and 12" right after a date that follows "between": the span's last day, in the same month. */
const AND_DAY = new RegExp(
  String.raw`^\s+and\s+${ORDINAL_DAY}\b(?!\s*(?:[:.]\d|am\b|pm\b|%))`,
  'i',
);
const BETWEEN = /\bbetween\s+$/i;

/**
 * "Between Feb 10 and Feb 12", "between February 10 and 12" and "between 10 and 12 February" are
 * one span, as chrono's own "from … to …" is; chrono finds them as two dates or one day.
 */
function mergeBetween(text: string, results: chrono.ParsingResult[]): chrono.ParsingResult[] {
  const merged: chrono.ParsingResult[] = [];
  // Ends in the wrong order ("between Feb 10 and Feb 8") are left as chrono read them.
  const keep = (span: chrono.ParsingResult, ...parts: chrono.ParsingResult[]) => {
    if (span.end && span.end.date() > span.start.date()) merged.push(span);
    else merged.push(...parts);
  };
  for (let i = 0; i < results.length; i++) {
    const result = results[i] as chrono.ParsingResult;
    if (result.end || !result.start.isCertain('day')) {
      merged.push(result);
      continue;
    }
    const before = text.slice(0, result.index);
    const afterIndex = result.index + result.text.length;
    const next = results[i + 1];
    if (
      BETWEEN.test(before) &&
      next &&
      !next.end &&
      next.start.isCertain('day') &&
      /^\s+and\s+$/i.test(text.slice(afterIndex, next.index))
    ) {
      const span = result.clone();
      span.text = text.slice(result.index, next.index + next.text.length);
      span.end = next.start.clone();
      if (!next.start.isCertain('month')) span.end.assign('month', result.start.get('month') ?? 1);
      keep(span, result, next);
      i++;
      continue;
    }
    const firstDay = BETWEEN_DAY_AND.exec(before);
    if (firstDay) {
      const span = result.clone();
      span.index = firstDay.index + firstDay[0].indexOf(firstDay[1] as string, 'between'.length);
      span.text = text.slice(span.index, afterIndex);
      span.start = result.start.clone().assign('day', Number(firstDay[1]));
      span.end = result.start.clone();
      keep(span, result);
      continue;
    }
    const lastDay = BETWEEN.test(before) ? AND_DAY.exec(text.slice(afterIndex)) : null;
    if (lastDay) {
      const span = result.clone();
      span.text = text.slice(result.index, afterIndex + lastDay[0].length);
      span.end = result.start.clone().assign('day', Number(lastDay[1]));
      keep(span, result);
      continue;
    }
    merged.push(result);
  }
  return merged;
}

const finder = (() => {
  const parser = chrono.casual.clone();
  for (const pattern of NEWS_PATTERNS) parser.parsers.push(newsParser(pattern));
  parser.refiners.push({
    // "may" and "march" in lower case are a verb, not a month; a bare dateline ISO date is not copy.
    refine: (_context, results) =>
      results.filter((r) => !/^(?:may|march|sat|sun|wed)$/.test(r.text.trim())),
  });
  parser.refiners.push({ refine: (context, results) => mergeBetween(context.text, results) });
  return parser;
})();

/** Words a clause uses when it looks ahead, which turns a bare weekday forward. */
export const LOOKS_AHEAD =
  /\b(?:will|shall|is (?:expected|due|set|scheduled|planned|going) to|are (?:expected|due|set|scheduled|planned|going) to|was (?:expected|due) to|were (?:expected|due) to|expected to|due to|plans? to|to be held|upcoming|scheduled for|(?:is|are) to|(?:is|are) (?:meeting|hosting|holding|visiting|travelling|traveling|flying|heading|convening|gathering)|ahead of|hopes? to|aims? to|intends? to|set for)\b/i;

/**
 * Words of a clause that report what happened ("launched", "said", "met"): a month named without
 * its year, which the domain reads in the year of publication, is then the last such month.
 * Participles that look ahead ("planned for", "scheduled for") do not count.
 */
export const LOOKS_BACK =
  /\b(?:(?!(?:planned|scheduled|expected|proposed|slated|intended|needed|required|invited)\b)[a-z]+ed|was|were|had|said|told|met|spoke|began|took|made|held|went|came|saw|won|lost|fell|rose|led|sent|gave|left|struck|hit|signed|agreed)\b/i;

export interface ResolveContext {
  /** The clause looks ahead ("will meet on Saturday"): a bare weekday is then the next one. */
  looksAhead?: boolean;
  /** The clause reports the past ("launched an offensive in December"), and does not look ahead. */
  looksBack?: boolean;
  /** What chrono made of the expression, for forms neither the domain nor the draft knows. */
  chrono?: chrono.ParsedComponents;
  /** Where chrono's reading ends, when it read a span ("Feb 15-16"). */
  chronoEnd?: chrono.ParsedComponents | undefined;
}

/**
 * A month or a day of a month named without a year ("in December", "on 12 March") that the
 * domain placed after publication, moved to the year before; undefined when that does not apply.
 */
function inTheYearBefore(
  date: FuzzyDate,
  text: string,
  derivation: { expression: string; anchor: string },
): FuzzyDate | undefined {
  if (date.earliest <= derivation.anchor || /\d{4}/.test(text)) return undefined;
  if (!new RegExp(`\\b${MONTH_WORD}\\b`, 'i').test(text)) return undefined;
  const year = Number(date.earliest.slice(0, 4)) - 1;
  const month = Number(date.earliest.slice(5, 7));
  if (date.precision === 'month')
    return makeFuzzyDate(`${year}-${pad(month)}-01`, endOfMonth(year, month), 'month', derivation);
  if (date.precision === 'day') {
    const day = `${year}${date.earliest.slice(4)}`;
    return endOfMonth(year, month) >= day ? makeFuzzyDate(day, day, 'day', derivation) : undefined;
  }
  return undefined;
}

function tryDomain(expression: string, anchor: string): FuzzyDate | undefined {
  try {
    return resolveDateExpression(expression, anchor);
  } catch (error) {
    if (error instanceof DateExpressionError) return undefined;
    throw error;
  }
}

/**
 * One expression resolved against the publication date (the anchor). The domain's rules come
 * first; then the forms news copy adds; then chrono's own reading at the precision chrono is
 * certain of. Returns undefined when none applies.
 */
export function resolveNewsDate(
  written: string,
  anchor: string,
  context: ResolveContext = {},
): Omit<FoundDate, 'index'> | undefined {
  const expression = written.trim().replace(/[\s.,;:]+$/, '');
  const derivation = { expression, anchor };
  const text = expression.toLowerCase().replace(/\s+/g, ' ');
  const found = (date: FuzzyDate, reading: string, byExpression = false) => ({
    expression,
    date,
    byExpression,
    reading,
  });

  // A bare weekday is the last such day in reported speech, but the next one when the clause looks ahead.
  const weekday =
    /^(?:on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?$/.exec(
      text,
    );
  if (weekday && context.looksAhead) {
    const target = WEEKDAYS.indexOf(weekday[1]!) + 1;
    const day = addDays(anchor, (target - isoWeekday(anchor) + 7) % 7);
    return found(
      makeFuzzyDate(day, day, 'day', derivation),
      `the first ${weekday[1]} on or after publication, because the clause looks ahead`,
    );
  }

  const direct = tryDomain(expression, anchor);
  if (direct) {
    const lastYear = context.looksBack ? inTheYearBefore(direct, text, derivation) : undefined;
    if (lastYear)
      return found(
        lastYear,
        'the last such month before publication, because the clause reports the past (the importer would read the year of publication, so the span is written out)',
      );
    return found(direct, `Dateline's rule for "${expression}"`, true);
  }

  // "Monday night", "on Sunday morning": the day is what the date records.
  const withoutTime = text.replace(/ (?:morning|afternoon|evening|night)$/, '');
  if (withoutTime !== text) {
    const date = tryDomain(withoutTime, anchor);
    if (date)
      return found(
        { ...date, expression },
        `Dateline's rule for "${withoutTime}" (the time of day is not recorded)`,
      );
  }

  const past = /^(?:this past|the past) weekend$/.exec(text);
  if (past) {
    const date = tryDomain('last weekend', anchor);
    if (date) return found({ ...date, expression }, 'the weekend just gone');
  }

  const since = /^since (\d{4})$/.exec(text);
  if (since)
    return found(
      makeFuzzyDate(`${since[1]}-01-01`, anchor, 'range', derivation),
      `from the start of ${since[1]} to publication`,
    );

  const partOf = /^(earlier|later) this (week|month|year)$/.exec(text);
  if (partOf) {
    const unit = partOf[2] as 'week' | 'month' | 'year';
    const whole = tryDomain(`this ${unit}`, anchor);
    if (whole) {
      const [earliest, latest] =
        partOf[1] === 'earlier'
          ? [whole.earliest, addDays(anchor, -1)]
          : [addDays(anchor, 1), whole.latest];
      if (earliest < latest)
        return found(
          makeFuzzyDate(earliest, latest, 'range', derivation),
          `${partOf[1]} in the ${unit} of publication, ${partOf[1] === 'earlier' ? 'before' : 'after'} the publication day`,
        );
      if (earliest === latest)
        return found(
          makeFuzzyDate(earliest, latest, 'day', derivation),
          `the one day ${partOf[1]} in the ${unit}`,
        );
    }
    // "Earlier this week" on a Monday names no day of it: left to be dated by hand, never handed
    // to chrono, whose placeholder for these words is the whole year.
    return undefined;
  }

  // "mid-February", "late 2024": the qualifier narrows nothing the date can hold honestly, so the
  // whole month or year is the span and the words stay in the expression.
  const part = new RegExp(
    `^(?:early|mid|late)[- ](?:(${MONTH_WORD})\\.?(?: (\\d{4}))?|(\\d{4}))$`,
  ).exec(text);
  if (part) {
    if (part[3])
      return found(
        makeFuzzyDate(`${part[3]}-01-01`, `${part[3]}-12-31`, 'year', derivation),
        `the year ${part[3]} (the part of it is kept in the expression)`,
      );
    const month = monthNumber(part[1]!);
    const year = part[2] ? Number(part[2]) : Number(anchor.slice(0, 4));
    return found(
      makeFuzzyDate(`${year}-${pad(month)}-01`, endOfMonth(year, month), 'month', derivation),
      'the whole month (the part of it is kept in the expression)',
    );
  }

  const weeksAgo = /^(a|one|two|three|four|\d) weeks? ago$/.exec(text);
  if (weeksAgo) {
    const n =
      { a: 1, one: 1, two: 2, three: 3, four: 4 }[weeksAgo[1] as 'a'] ?? Number(weeksAgo[1]);
    const monday = startOfIsoWeek(addDays(anchor, -7 * n));
    return found(
      makeFuzzyDate(monday, addDays(monday, 6), 'week', derivation),
      `the week that held the day ${n * 7} days before publication`,
    );
  }

  const c = context.chrono;
  if (c) {
    const year = c.get('year');
    const month = c.get('month');
    const day = c.get('day');
    if (c.isCertain('day') && c.isCertain('month') && year && month && day) {
      const iso = `${year}-${pad(month)}-${pad(day)}`;
      // A span ("Feb 15-16") keeps both ends: the date is no more precise than the text.
      const end = context.chronoEnd;
      const [endYear, endMonth, endDay] = [end?.get('year'), end?.get('month'), end?.get('day')];
      if (end?.isCertain('day') && endYear && endMonth && endDay) {
        const last = `${endYear}-${pad(endMonth)}-${pad(endDay)}`;
        if (last > iso)
          return found(makeFuzzyDate(iso, last, 'range', derivation), `chrono's reading of a span`);
      }
      return found(makeFuzzyDate(iso, iso, 'day', derivation), `chrono's reading, to the day`);
    }
    if (c.isCertain('month') && year && month)
      return found(
        makeFuzzyDate(`${year}-${pad(month)}-01`, endOfMonth(year, month), 'month', derivation),
        `chrono's reading, to the month`,
      );
    if (c.isCertain('year') && year)
      return found(
        makeFuzzyDate(`${year}-01-01`, `${year}-12-31`, 'year', derivation),
        `chrono's reading, to the year`,
      );
  }
  return undefined;
}

/**
 * Every date expression chrono (with the news extensions) finds in a piece of text, resolved
 * against the anchor; expressions found but not resolvable are returned apart.
 * `clauseBefore` gives the words of the clause before an offset, to tell whether it looks ahead.
 */
export function findDateExpressions(
  text: string,
  anchor: string,
  clauseBefore: (index: number) => string = (index) =>
    text.slice(clauseAround(text, index).start, index),
): { found: FoundDate[]; unresolved: { expression: string; index: number }[] } {
  const reference = new Date(`${anchor}T12:00:00Z`);
  const found: FoundDate[] = [];
  const unresolved: { expression: string; index: number }[] = [];
  for (const result of finder.parse(text, reference, { forwardDate: false })) {
    const clause = clauseBefore(result.index);
    const looksAhead = LOOKS_AHEAD.test(clause);
    const resolved = resolveNewsDate(result.text, anchor, {
      looksAhead,
      looksBack: !looksAhead && LOOKS_BACK.test(clause),
      chrono: result.start,
      chronoEnd: result.end ?? undefined,
    });
    if (resolved) found.push({ ...resolved, index: result.index });
    else unresolved.push({ expression: result.text.trim(), index: result.index });
  }
  return { found, unresolved };
}
