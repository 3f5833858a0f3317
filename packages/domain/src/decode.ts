import { z } from 'zod';
import { EventDecodeError } from './errors.js';
import {
  currentSchemaVersion,
  type DomainEvent,
  eventSchemas,
  evidenceSchema,
  FACT_KINDS,
  FACT_STATUSES,
  isEventType,
  participantSchema,
  quoteSchema,
} from './events.js';
import { isoDateSchema, labelFor } from './fuzzy-date.js';
import { idSchema } from './ids.js';

/**
 * FactRecorded v1 (before fuzzy dates): one exact day and flat evidence fields.
 * Kept so that logs written then still decode; upcast to v2 below.
 */
export const factRecordedV1Schema = z.object({
  factId: idSchema,
  kind: z.enum(FACT_KINDS),
  status: z.enum(FACT_STATUSES),
  summary: z.string().min(1),
  occurredOn: isoDateSchema,
  participants: z.array(participantSchema).default([]),
  quotes: z.array(quoteSchema).default([]),
  articleId: idSchema,
  paragraph: evidenceSchema.shape.paragraph,
  excerpt: evidenceSchema.shape.excerpt,
});

type Upcaster = (data: unknown) => unknown;

/** upcasters[type][v] turns version v into version v + 1. */
const upcasters: Partial<Record<string, Record<number, Upcaster>>> = {
  FactRecorded: {
    1: (raw) => {
      const v1 = factRecordedV1Schema.parse(raw);
      const occurred = {
        earliest: v1.occurredOn,
        latest: v1.occurredOn,
        precision: 'day' as const,
      };
      return {
        factId: v1.factId,
        kind: v1.kind,
        status: v1.status,
        summary: v1.summary,
        occurred: { ...occurred, label: labelFor(occurred) },
        participants: v1.participants,
        quotes: v1.quotes,
        topics: [],
        places: [],
        evidence: { articleId: v1.articleId, paragraph: v1.paragraph, excerpt: v1.excerpt },
      };
    },
  },
};

/** The one way into the domain for stored events: upcast to the current version, then validate. */
export function decodeEvent(type: string, schemaVersion: number, data: unknown): DomainEvent {
  if (!isEventType(type)) throw new EventDecodeError(type, schemaVersion, 'unknown event type');
  const current = currentSchemaVersion[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
    throw new EventDecodeError(type, schemaVersion, `known versions are 1..${current}`);
  }
  let value = data;
  try {
    for (let v = schemaVersion; v < current; v++) {
      const up = upcasters[type]?.[v];
      if (!up) throw new Error(`no upcaster from v${v}`);
      value = up(value);
    }
  } catch (error) {
    throw new EventDecodeError(
      type,
      schemaVersion,
      error instanceof Error ? error.message : String(error),
    );
  }
  const parsed = eventSchemas[type].safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new EventDecodeError(
      type,
      schemaVersion,
      `${first?.path.join('.') || 'data'}: ${first?.message ?? 'invalid'}`,
    );
  }
  return { type, data: parsed.data } as DomainEvent;
}
