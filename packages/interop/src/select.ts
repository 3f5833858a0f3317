import { FACT_KINDS, FACT_STATUSES, isIsoDate } from '@dateline/domain';
import {
  asReportedBy,
  queryTimeline,
  type ReadModels,
  type TimelineFact,
  type TimelineFilter,
} from '@dateline/projections';

/** A malformed export request (unknown format, filter key or value): a caller's mistake, not the log's. */
export class ExportOptionError extends RangeError {
  override readonly name = 'ExportOptionError';
}

export interface FactSelection {
  /** Only what had been published by this date (YYYY-MM-DD or ISO timestamp): see asReportedBy. */
  reportedBy?: string | undefined;
  filter?: TimelineFilter | undefined;
}

export interface SelectedFacts {
  /** The read models the facts were taken from (narrowed by reportedBy). */
  models: ReadModels;
  /** The facts in chronological order. */
  facts: TimelineFact[];
}

/** The facts an export contains: the story as reported by a date, then filtered, in date order. */
export function selectFacts(models: ReadModels, selection: FactSelection = {}): SelectedFacts {
  const narrowed = selection.reportedBy ? asReportedBy(models, selection.reportedBy) : models;
  return { models: narrowed, facts: queryTimeline(narrowed, selection.filter ?? {}) };
}

const FILTER_KEYS = [
  'from',
  'to',
  'actor',
  'country',
  'kind',
  'status',
  'topic',
  'article',
  'text',
  'retracted',
] as const;

/** Filters that take one value; the others are lists, which may repeat. */
const SINGLE_VALUED = new Set(['from', 'to', 'text', 'retracted']);

/**
 * Reads filter criteria written `key=value` (CLI `--filter`, or the pairs of a URL query), so the
 * CLI and HTTP downloads accept the same words. Lists may repeat a key or separate values with commas.
 * Keys: from, to (YYYY-MM-DD), actor, country, kind, status, topic, article, text, retracted=include|exclude.
 */
export function parseFilterParams(params: Iterable<readonly [string, string]>): TimelineFilter {
  const filter: TimelineFilter = {};
  const list = (value: string) =>
    value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
  const date = (key: string, value: string) => {
    if (!isIsoDate(value))
      throw new ExportOptionError(`filter ${key}: "${value}" is not a calendar date (YYYY-MM-DD)`);
    return value;
  };
  const seen = new Set<string>();
  for (const [rawKey, rawValue] of params) {
    const key = rawKey.trim();
    const value = rawValue.trim();
    // Given empty, a filter is refused rather than read as absent (as asOf is), and one that takes
    // a single value is refused when repeated rather than letting the last one win unseen.
    if (value === '' && (FILTER_KEYS as readonly string[]).includes(key))
      throw new ExportOptionError(`filter ${key}: give a value, or leave the filter out`);
    if (SINGLE_VALUED.has(key) && seen.has(key))
      throw new ExportOptionError(`filter ${key}: give it once`);
    seen.add(key);
    switch (key) {
      case 'from':
        filter.from = date(key, value);
        break;
      case 'to':
        filter.to = date(key, value);
        break;
      case 'actor':
        filter.actorIds = [...(filter.actorIds ?? []), ...list(value)];
        break;
      case 'country':
        filter.countries = [
          ...(filter.countries ?? []),
          ...list(value).map((c) => c.toUpperCase()),
        ];
        break;
      case 'kind':
        filter.kinds = [
          ...(filter.kinds ?? []),
          ...list(value).map((k) => member(key, k, FACT_KINDS)),
        ];
        break;
      case 'status':
        filter.statuses = [
          ...(filter.statuses ?? []),
          ...list(value).map((s) => member(key, s, FACT_STATUSES)),
        ];
        break;
      case 'topic':
        filter.topics = [...(filter.topics ?? []), ...list(value)];
        break;
      case 'article':
        filter.articleIds = [...(filter.articleIds ?? []), ...list(value)];
        break;
      case 'text':
        filter.text = value;
        break;
      case 'retracted':
        if (value !== 'include' && value !== 'exclude')
          throw new ExportOptionError(
            'filter retracted: use retracted=include or retracted=exclude',
          );
        filter.includeRetracted = value === 'include';
        break;
      default:
        throw new ExportOptionError(
          `unknown filter "${key}"; known: ${FILTER_KEYS.join(', ')} (written key=value)`,
        );
    }
  }
  if (filter.from && filter.to && filter.from > filter.to)
    throw new ExportOptionError(
      `filter to: ${filter.to} is before from (${filter.from}); swap them`,
    );
  return filter;
}

/** Splits "key=value" words as the CLI receives them. */
export function splitFilterWords(words: readonly string[]): [string, string][] {
  return words.map((word) => {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new ExportOptionError(`filter "${word}" is not written key=value`);
    return [word.slice(0, eq), word.slice(eq + 1)];
  });
}

/** A kind or status, in the log's spelling or in the GraphQL API's (SUMMIT for summit). */
function member<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  const lower = value.toLowerCase();
  if ((allowed as readonly string[]).includes(lower)) return lower as T;
  throw new ExportOptionError(`filter ${key}: "${value}" is not one of ${allowed.join(', ')}`);
}
