import { statusLabel } from './vocabulary';

/** One field a correction changed, as words a reader can compare. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
  /**
   * For a list (participants, quotes, topics, places): the items the correction took out, put in
   * and left, so that a reader sees what changed rather than two whole lists.
   */
  items?: { removed: string[]; added: string[]; kept: string[] };
}

const LIST_FIELDS = new Set(['participants', 'quotes', 'topics', 'places']);

/** Each item of a list field, in words, keyed by its value (so a changed role is out and in). */
function describeItems(
  field: string,
  value: unknown,
  names: ReadonlyMap<string, string>,
): Map<string, string> {
  const items = Array.isArray(value) ? value : [];
  return new Map(
    items.map((item) => [JSON.stringify(item), describeValue(field, [item], names)] as const),
  );
}

type Values = Record<string, unknown>;

const FIELD_NAMES: Record<string, string> = {
  kind: 'Kind',
  status: 'Status',
  summary: 'Summary',
  occurred: 'Date',
  participants: 'Participants',
  quotes: 'Quotes',
  topics: 'Topics',
  places: 'Places',
};

function isRecord(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(field: string, value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === undefined || value === null) return '—';
  switch (field) {
    case 'status':
      return typeof value === 'string' ? statusLabel(value.toUpperCase() as never) : String(value);
    case 'kind':
      return typeof value === 'string' ? value.replaceAll('_', ' ') : String(value);
    case 'occurred':
      if (isRecord(value)) {
        const label = typeof value.label === 'string' ? value.label : undefined;
        return (
          label ??
          `${String(value.earliest)} – ${String(value.latest)} (${String(value.precision)})`
        );
      }
      return String(value);
    case 'participants':
      if (Array.isArray(value)) {
        return value
          .filter(isRecord)
          .map((p) => {
            const id = String(p.actorId);
            return `${names.get(id) ?? id} (${String(p.role).replaceAll('_', ' ').toLowerCase()})`;
          })
          .join(', ');
      }
      return String(value);
    case 'quotes':
      if (Array.isArray(value)) {
        return value
          .filter(isRecord)
          .map((q) => `“${String(q.text)}”`)
          .join(' ');
      }
      return String(value);
    default:
      if (Array.isArray(value)) return value.map(String).join(', ') || '—';
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * The fields a correction changed, before and after, from the revision's JSON. Unknown shapes
 * are shown as JSON text rather than dropped, so nothing a correction did is hidden.
 */
export function describeCorrection(
  before: unknown,
  after: unknown,
  names: ReadonlyMap<string, string> = new Map(),
): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) return [];
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => {
    const change: FieldChange = {
      field: FIELD_NAMES[field] ?? field,
      before: describeValue(field, b[field], names),
      after: describeValue(field, a[field], names),
    };
    if (LIST_FIELDS.has(field) && Array.isArray(b[field] ?? []) && Array.isArray(a[field] ?? [])) {
      const was = describeItems(field, b[field], names);
      const is = describeItems(field, a[field], names);
      change.items = {
        removed: [...was].filter(([key]) => !is.has(key)).map(([, words]) => words),
        added: [...is].filter(([key]) => !was.has(key)).map(([, words]) => words),
        kept: [...is].filter(([key]) => was.has(key)).map(([, words]) => words),
      };
    }
    return change;
  });
}
