export {
  type AcledTimePrecision,
  acledTimePrecision,
  CSV_COLUMNS,
  type CsvColumn,
  csvRecord,
  toCsv,
} from './csv.js';
export {
  EXPORT_FORMATS,
  EXPORT_MEDIA,
  type ExportFormat,
  exportFacts,
  type FactExportFormat,
  type FactExportOptions,
  parseExportFormat,
} from './formats.js';
export { CALENDAR_STATUSES, type IcsOptions, toIcs } from './ics.js';
export { envelopeLine, readLogPrefix, toNdjson } from './ndjson.js';
export {
  ExportOptionError,
  type FactSelection,
  parseFilterParams,
  type SelectedFacts,
  selectFacts,
  splitFilterWords,
} from './select.js';
export {
  type TimelineJsDate,
  type TimelineJsDocument,
  type TimelineJsEvent,
  type TimelineJsOptions,
  timelineJsDates,
  toTimelineJs,
} from './timelinejs.js';
