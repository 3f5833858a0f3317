import { type DatePrecision, type FuzzyDate, labelFor } from '@dateline/domain';
import type { ReadModels, TimelineFact } from '@dateline/projections';
import { stringify } from 'csv-stringify/sync';
import { actorName, citationLine, citationsOf, countriesOf } from './describe.js';

/**
 * ACLED's time_precision: 1 when the day is known, 2 when the event is known to within a week
 * (or a span of a few days), 3 when only a month or a longer span is known. ACLED has no coarser
 * code, so a year (or a range longer than a month) is 3 as well; `precision` tells them apart.
 */
export type AcledTimePrecision = 1 | 2 | 3;

export function acledTimePrecision(
  date: Pick<FuzzyDate, 'earliest' | 'latest' | 'precision'>,
): AcledTimePrecision {
  const precision: DatePrecision = date.precision;
  switch (precision) {
    case 'day':
      return 1;
    case 'weekend':
    case 'week':
      return 2;
    case 'month':
    case 'year':
      return 3;
    case 'range':
      // A range of up to seven days sits within a week; anything longer is month-like or worse.
      return spanDays(date.earliest, date.latest) <= 6 ? 2 : 3;
    default: {
      const unreachable: never = precision;
      throw new RangeError(`unknown precision ${String(unreachable)}`);
    }
  }
}

function spanDays(earliest: string, latest: string): number {
  return (Date.parse(`${latest}T00:00:00Z`) - Date.parse(`${earliest}T00:00:00Z`)) / 86_400_000;
}

export const CSV_COLUMNS = [
  'id',
  'earliest',
  'latest',
  'precision',
  'time_precision',
  'date_label',
  'date_expression',
  'status',
  'kind',
  'summary',
  'actors',
  'actor_ids',
  'countries',
  'quote',
  'sources',
  'source_article_ids',
  'topics',
  'places',
  'retracted',
  'corrected',
  'first_position',
  'last_position',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One row per fact; list cells join their items with "; " (quotes and sources with " | "). */
export function csvRecord(models: ReadModels, fact: TimelineFact): Record<CsvColumn, string> {
  const source = fact.sources.find((s) => s.kind === 'source');
  return {
    id: fact.id,
    earliest: fact.occurred.earliest,
    latest: fact.occurred.latest,
    precision: fact.occurred.precision,
    time_precision: String(acledTimePrecision(fact.occurred)),
    date_label: labelFor(fact.occurred),
    date_expression: fact.occurred.expression ?? source?.dateExpression ?? '',
    status: fact.status,
    kind: fact.kind,
    summary: fact.summary,
    actors: fact.participants.map((p) => `${actorName(models, p.actorId)} (${p.role})`).join('; '),
    actor_ids: fact.participants.map((p) => p.actorId).join('; '),
    countries: countriesOf(models, fact).join('; '),
    quote: fact.quotes
      .map((q) => `“${q.text}”${q.speakerId ? ` — ${actorName(models, q.speakerId)}` : ''}`)
      .join(' | '),
    sources: citationsOf(models, fact)
      .map((c) => `${citationLine(c)}: “${c.excerpt}”`)
      .join(' | '),
    source_article_ids: [...new Set(fact.sources.map((s) => s.articleId))].join('; '),
    topics: fact.topics.join('; '),
    places: fact.places.join('; '),
    retracted: fact.retracted ? 'true' : 'false',
    corrected: fact.corrected ? 'true' : 'false',
    first_position: String(fact.firstPosition),
    last_position: String(fact.lastPosition),
  };
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a
 * line break (csv-stringify does the quoting). Cells that a spreadsheet would run as a formula
 * (starting with = + - @) are not altered: the text is the record, and the columns that could
 * start that way are free text the reader should import as text.
 */
export function toCsv(models: ReadModels, facts: readonly TimelineFact[]): string {
  return stringify(
    facts.map((fact) => csvRecord(models, fact)),
    {
      header: true,
      columns: [...CSV_COLUMNS],
      record_delimiter: '\r\n',
      // csv-stringify quotes a field holding the whole record delimiter (CRLF) but not a lone CR
      // or LF, which still breaks the row for every reader: quote any line break, and edge spaces.
      quoted_match: [/[\r\n]/, /^\s|\s$/],
    },
  );
}
