import { statusLabel } from './vocabulary';

/** One field a correction changed, as words a reader can compare. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
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
  return fields.map((field) => ({
    field: FIELD_NAMES[field] ?? field,
    before: describeValue(field, b[field], names),
    after: describeValue(field, a[field], names),
  }));
}
