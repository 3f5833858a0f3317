import type { AsOf, FactKind, FactStatus, TimelineFilter } from '@/gql/graphql';
import type { CardFact } from './facts';
import { FACT_KINDS, FACT_STATUSES } from './vocabulary';

/** What Next hands a page as its search parameters. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The storyline's view, as it lives in the URL: every view is a permalink. */
export interface StoryQuery {
  text?: string;
  actors: string[];
  countries: string[];
  kinds: FactKind[];
  statuses: FactStatus[];
  topics: string[];
  from?: string;
  to?: string;
  /** Time travel: the log as recorded up to this position. */
  atPosition?: number;
  /** Time travel: the log as recorded up to this time (ISO). */
  atTime?: string;
  /** Time travel: only what articles published by this date reported. */
  reportedBy?: string;
  /** Pagination cursor. */
  after?: string;
  /** Time-travel values given but not used, so that the page can say it ignored them. */
  ignored: IgnoredParameter[];
}

type TimeTravelParameter = 'at' | 'atTime' | 'reportedBy';

/**
 * A time-travel value the view does not use: one not understood (`expected` says what the
 * parameter takes, e.g. "a log position (a whole number, 0 or more)"), a repeat of its parameter
 * (only the first value is read), or another kind of time travel than the one used (`instead`).
 */
export type IgnoredParameter = { parameter: TimeTravelParameter; value: string } & (
  | { expected: string }
  | { repeat: true }
  | { instead: TimeTravelParameter }
);

const ID = /^[a-z0-9][a-z0-9-]{0,119}$/;

function values(params: SearchParams, name: string): string[] {
  const raw = params[name];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return [...new Set(list.map((v) => v.trim()).filter((v) => v.length > 0))];
}

function single(params: SearchParams, name: string): string | undefined {
  return values(params, name)[0];
}

/** Whether y-m-d (numbers) names a real day of a four-digit year. */
function isCalendarDay(y: number, m: number, d: number): boolean {
  // setUTCFullYear, not Date.UTC: that reads years 0-99 as 1900-1999.
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  return (
    y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d
  );
}

/** A calendar date (YYYY-MM-DD): "2025-02-30" is dropped, not read as 2 March. */
function isoDate(value: string | undefined): string | undefined {
  const match = value && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))
    ? value
    : undefined;
}

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * A datetime-local value ("2025-02-17T10:00", read as UTC) or an ISO timestamp with its zone, of a
 * real day and time of a four-digit year, or a bare date meaning the end of that day (UTC), as the
 * API reads one; anything looser ("1", "Feb 17", "+010000-…") is dropped.
 */
function isoTime(value: string | undefined): string | undefined {
  const day = isoDate(value);
  if (day) return `${day}T23:59:59.999Z`;
  const match = value ? TIME.exec(value) : null;
  if (!value || !match) return undefined;
  const [y, mo, d, h, mi, s = '0'] = match.slice(1, 7).map((part) => part ?? '0');
  if (!isCalendarDay(Number(y), Number(mo), Number(d))) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const time = Date.parse(match[7] ? value : `${value}Z`);
  if (Number.isNaN(time)) return undefined;
  const iso = new Date(time).toISOString();
  // A zone can move a time across a year boundary: keep what formats back as four digits.
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

function oneOf<T extends string>(list: readonly T[], raw: string[]): T[] {
  const upper = raw.map((v) => v.toUpperCase());
  return list.filter((item) => upper.includes(item));
}

/** A log position: a whole number, 0 (before the first event) or more, that the API can take. */
function logPosition(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  const position = Number(value);
  return position <= 2 ** 31 - 1 ? position : undefined;
}

/**
 * The view without a log position the API refused as past the log head, that position listed
 * as ignored (as any time travel the page cannot read is); undefined for any other refusal.
 */
export function withoutPositionPastHead(
  query: StoryQuery,
  problem: { kind: string; paths?: string[] },
): StoryQuery | undefined {
  if (query.atPosition === undefined || problem.kind !== 'rejected') return undefined;
  if (!problem.paths?.includes('asOf.position')) return undefined;
  // The kinds of time travel set aside for the position: the first of them is used now.
  const setAside = query.ignored.filter((i) => 'instead' in i);
  const used = setAside[0]?.parameter;
  return {
    ...query,
    atPosition: undefined,
    ignored: [
      ...query.ignored.filter((i) => !('instead' in i)),
      {
        parameter: 'at',
        value: String(query.atPosition),
        expected: 'a log position no further than the log head',
      },
      ...(used ? setAside.slice(1).map((i) => ({ ...i, instead: used })) : []),
    ],
  };
}

/**
 * Reads the URL leniently: unknown or malformed values are dropped, never an error page. Time
 * travel the view does not use (unreadable, repeated, or another kind than the one used) is
 * listed in `ignored`: showing the present or another moment in its place unannounced would pass
 * that off as the moment asked for.
 */
export function parseStoryQuery(params: SearchParams): StoryQuery {
  const text = single(params, 'q')?.slice(0, 200);
  const ignored: IgnoredParameter[] = [];
  const understood: { parameter: TimeTravelParameter; value: string }[] = [];
  const read = <T>(
    parameter: TimeTravelParameter,
    parse: (value: string | undefined) => T | undefined,
    expected: string,
  ): T | undefined => {
    const [value, ...repeats] = values(params, parameter);
    const parsed = parse(value);
    if (value !== undefined && parsed === undefined)
      ignored.push({ parameter, value: value.slice(0, 80), expected });
    else if (value !== undefined) understood.push({ parameter, value: value.slice(0, 80) });
    for (const repeat of repeats)
      ignored.push({ parameter, value: repeat.slice(0, 80), repeat: true });
    return parsed;
  };
  const atPosition = read('at', logPosition, 'a log position (a whole number, 0 or more)');
  const atTime = read('atTime', isoTime, 'a date or a date and time (2025-02-17T10:00, UTC)');
  const reportedBy = read('reportedBy', isoDate, 'a date (2025-02-17)');
  // Read in toAsOf's order, so the first kind understood is the one the view uses.
  const [used, ...others] = understood;
  if (used) for (const other of others) ignored.push({ ...other, instead: used.parameter });
  return {
    text: text || undefined,
    actors: values(params, 'actor').filter((v) => ID.test(v)),
    countries: values(params, 'country')
      .map((v) => v.toUpperCase())
      .filter((v) => /^[A-Z]{2}$/.test(v)),
    kinds: oneOf(FACT_KINDS, values(params, 'kind')),
    statuses: oneOf(FACT_STATUSES, values(params, 'status')),
    topics: values(params, 'topic').map((v) => v.slice(0, 60)),
    from: isoDate(single(params, 'from')),
    to: isoDate(single(params, 'to')),
    atPosition,
    atTime,
    reportedBy,
    after: single(params, 'after')?.slice(0, 200),
    ignored,
  };
}

/** The API's filter for a view; undefined when nothing narrows it. */
export function toTimelineFilter(query: StoryQuery): TimelineFilter | undefined {
  const filter: TimelineFilter = {};
  if (query.text) filter.text = query.text;
  if (query.actors.length) filter.actorIds = query.actors;
  if (query.countries.length) filter.countries = query.countries;
  if (query.kinds.length) filter.kinds = query.kinds;
  if (query.statuses.length) filter.statuses = query.statuses;
  if (query.topics.length) filter.topics = query.topics;
  if (query.from) filter.from = query.from;
  if (query.to) filter.to = query.to;
  return Object.keys(filter).length ? filter : undefined;
}

/** The API's asOf for a view (one kind at a time: position, then time, then publication date). */
export function toAsOf(query: StoryQuery): AsOf | undefined {
  if (query.atPosition !== undefined) return { position: query.atPosition };
  if (query.atTime) return { recordedAt: query.atTime };
  if (query.reportedBy) return { reportedBy: query.reportedBy };
  return undefined;
}

export function isFiltered(query: StoryQuery): boolean {
  return toTimelineFilter(query) !== undefined;
}

export function isTimeTravel(query: StoryQuery): boolean {
  return toAsOf(query) !== undefined;
}

/**
 * A view's filters as URL parameters, in the spelling both the pages and the API's downloads read
 * (lower-case kinds and statuses); the words searched for go under `textKey`.
 */
function appendFilters(params: URLSearchParams, query: StoryQuery, textKey: 'q' | 'text'): void {
  if (query.text) params.set(textKey, query.text);
  for (const v of query.actors) params.append('actor', v);
  for (const v of query.countries) params.append('country', v);
  for (const v of query.kinds) params.append('kind', v.toLowerCase());
  for (const v of query.statuses) params.append('status', v.toLowerCase());
  for (const v of query.topics) params.append('topic', v);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
}

/** The URL of a view; `changes` replaces fields, and pagination restarts unless given. */
export function storyHref(query: StoryQuery, changes: Partial<StoryQuery> = {}): string {
  const next: StoryQuery = { ...query, after: undefined, ...changes };
  const params = new URLSearchParams();
  appendFilters(params, next, 'q');
  if (next.atPosition !== undefined) params.set('at', String(next.atPosition));
  if (next.atTime) params.set('atTime', next.atTime);
  if (next.reportedBy) params.set('reportedBy', next.reportedBy);
  if (next.after) params.set('after', next.after);
  const search = params.toString();
  return search ? `/?${search}` : '/';
}

export const EMPTY_QUERY: StoryQuery = {
  actors: [],
  countries: [],
  kinds: [],
  statuses: [],
  topics: [],
  ignored: [],
};

/**
 * Above this many actors the storyline's Actor field lists only those in the facts shown (and any
 * already chosen), with a pointer to the actors index: a select of every actor of a long-running
 * story (1,800 in the benchmark's 100,000-event log) is a hundred kilobytes of HTML, sent again in
 * the page's React Server Components payload, and far too long a list to choose from anyway.
 */
export const ACTOR_LIST_LIMIT = 100;

interface NamedActor {
  id: string;
  name: string;
}

/** What the choice lists need of the facts on the page. */
type ShownFact = Pick<CardFact, 'participants' | 'quotes' | 'topics'>;

/** The Actor field's choices by name: every actor, or for a long cast those shown and chosen. */
export function actorChoices(
  all: readonly NamedActor[],
  shown: readonly ShownFact[],
  chosen: readonly string[],
): { actors: NamedActor[]; partial: boolean } {
  const byName = (a: NamedActor, b: NamedActor) => a.name.localeCompare(b.name);
  if (all.length <= ACTOR_LIST_LIMIT) return { actors: [...all].sort(byName), partial: false };
  const picked = new Map<string, NamedActor>();
  const pick = (a: NamedActor) => picked.set(a.id, { id: a.id, name: a.name });
  for (const fact of shown) {
    for (const p of fact.participants) pick(p.actor);
    for (const q of fact.quotes) if (q.speaker) pick(q.speaker);
  }
  for (const id of chosen) {
    const actor = all.find((a) => a.id === id);
    if (actor) pick(actor);
  }
  return { actors: [...picked.values()].sort(byName), partial: true };
}

/** Above this many topics the Topic field lists those of the facts shown (and any chosen). */
export const TOPIC_LIST_LIMIT = 100;

/**
 * The Topic field's choices, alphabetically: every topic of the timeline (the API's `topics`), or,
 * past TOPIC_LIST_LIMIT or when that list is unknown, the topics of the facts shown; any chosen
 * topic is always there.
 */
export function topicChoices(
  all: readonly string[] | undefined,
  shown: readonly ShownFact[],
  chosen: readonly string[],
): string[] {
  const listed = all && all.length <= TOPIC_LIST_LIMIT ? all : shown.flatMap((f) => f.topics);
  return [...new Set([...listed, ...chosen])].sort((a, b) => a.localeCompare(b));
}

/**
 * The download of a view in an export format: the same filters and time travel as query
 * parameters of /export/{format} (the API's export takes them as `dateline export` does).
 * Undefined for the raw log of a filtered view or one as reported by a date: only a prefix of
 * the chain verifies.
 */
export function exportHref(
  format: 'csv' | 'ics' | 'timelinejs' | 'ndjson',
  query: StoryQuery,
): string | undefined {
  const params = new URLSearchParams();
  const asOf = toAsOf(query);
  if (asOf?.position !== undefined && asOf.position !== null)
    params.set('asOf', String(asOf.position));
  else if (asOf?.recordedAt) params.set('asOf', asOf.recordedAt);
  if (format === 'ndjson') {
    if (isFiltered(query) || asOf?.reportedBy) return undefined;
  } else {
    if (asOf?.reportedBy) params.set('reportedBy', asOf.reportedBy);
    appendFilters(params, query, 'text');
  }
  const search = params.toString();
  return `/export/${format}${search ? `?${search}` : ''}`;
}

/** The moment of a view, without its filters. */
export function timeTravelOf(query: StoryQuery): Partial<StoryQuery> {
  return { atPosition: query.atPosition, atTime: query.atTime, reportedBy: query.reportedBy };
}

/**
 * The time travel of a view as a query string for the pages it links to ("?at=45", or "" in the
 * present), so that following a fact or a topic keeps the moment being looked at.
 */
export function travelQuery(query: StoryQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (query.atPosition !== undefined) params.set('at', String(query.atPosition));
  else if (query.atTime) params.set('atTime', query.atTime);
  else if (query.reportedBy) params.set('reportedBy', query.reportedBy);
  const search = params.toString();
  return search ? `?${search}` : '';
}
