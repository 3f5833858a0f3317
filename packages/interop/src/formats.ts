import type { ReadModels } from '@dateline/projections';
import { toCsv } from './csv.js';
import { toIcs } from './ics.js';
import { ExportOptionError, type FactSelection, selectFacts } from './select.js';
import { toTimelineJs } from './timelinejs.js';

/** Every export format; `ndjson` is the raw log, the others are rendered from the read models. */
export const EXPORT_FORMATS = ['timelinejs', 'csv', 'ics', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type FactExportFormat = Exclude<ExportFormat, 'ndjson'>;

/** What an HTTP download needs to label a body: the media type and a file extension. */
export const EXPORT_MEDIA: Record<ExportFormat, { mediaType: string; extension: string }> = {
  timelinejs: { mediaType: 'application/json; charset=utf-8', extension: 'json' },
  csv: { mediaType: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  ics: { mediaType: 'text/calendar; charset=utf-8', extension: 'ics' },
  ndjson: { mediaType: 'application/x-ndjson; charset=utf-8', extension: 'ndjson' },
};

export function parseExportFormat(text: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(text)) return text as ExportFormat;
  throw new ExportOptionError(`unknown format "${text}"; known: ${EXPORT_FORMATS.join(', ')}`);
}

export interface FactExportOptions extends FactSelection {
  /** A name for the export: the TimelineJS title slide and the calendar's name. */
  title?: string | undefined;
}

/**
 * Renders the facts of the read models in one format: selects (reportedBy, filter), then renders.
 * The CLI's `dateline export` and the API's downloads both call this, so they give the same bytes.
 */
export function exportFacts(
  format: FactExportFormat,
  models: ReadModels,
  options: FactExportOptions = {},
): string {
  const { models: narrowed, facts } = selectFacts(models, options);
  switch (format) {
    case 'timelinejs':
      return `${JSON.stringify(
        toTimelineJs(narrowed, facts, options.title ? { title: { headline: options.title } } : {}),
        null,
        2,
      )}\n`;
    case 'csv':
      return toCsv(narrowed, facts);
    case 'ics':
      return toIcs(narrowed, facts, { name: options.title });
    default: {
      const unreachable: never = format;
      throw new ExportOptionError(`unknown format ${String(unreachable)}`);
    }
  }
}
