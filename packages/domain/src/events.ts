import { z } from 'zod';
import { isoTimestampMs } from './calendar.js';
import { fuzzyDateSchema, isoDateSchema } from './fuzzy-date.js';
import { idSchema } from './ids.js';
import { isWellFormedText, text, WELL_FORMED_MESSAGE } from './text.js';

export const ACTOR_KINDS = [
  'person',
  'government',
  'organisation',
  'state',
  'group',
  'anonymous_source',
] as const;
export const FACT_KINDS = [
  'call',
  'meeting',
  'summit',
  'statement',
  'pledge',
  'announcement',
  'document',
  'report',
  'decision',
  'visit',
  'talks',
  'background',
] as const;
export const FACT_STATUSES = ['occurred', 'ongoing', 'planned', 'expected', 'cancelled'] as const;
export const PARTICIPANT_ROLES = [
  'initiator',
  'recipient',
  'host',
  'attendee',
  'speaker',
  'author',
  'addressee',
  'subject',
  'excluded',
  'publisher',
] as const;
export const LINK_RELATIONS = ['led_to', 'responds_to', 'part_of', 'prepares'] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];
export type FactKind = (typeof FACT_KINDS)[number];
export type FactStatus = (typeof FACT_STATUSES)[number];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export type LinkRelation = (typeof LINK_RELATIONS)[number];

/**
 * A relation in words, for what people read (messages, a fact's history): "call led to summit".
 * Not the log's token: a GraphQL client writes LED_TO, a curation file led_to; both read "led to".
 */
export const LINK_RELATION_WORDS: Record<LinkRelation, string> = {
  led_to: 'led to',
  responds_to: 'responds to',
  part_of: 'is part of',
  prepares: 'prepares',
};

const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256 (64 characters)');

export const PUBLISHED_AT_FORM =
  'a date (YYYY-MM-DD) or an ISO timestamp with seconds and a zone (2025-02-17T09:30:00Z)';

/** A publication time: a calendar date or an ISO timestamp with zone, one the domain can order. */
export const publishedAtSchema = z.union(
  [
    isoDateSchema,
    // zod takes any number of fractional digits; the clock comparison reads up to nine.
    z.iso.datetime({ offset: true }).refine((value) => isoTimestampMs(value) !== undefined),
  ],
  { error: `must be ${PUBLISHED_AT_FORM}` },
);

/** The highest paragraph number a citation may give. */
export const MAX_PARAGRAPH = 10_000;

export const evidenceSchema = z.object({
  articleId: idSchema,
  paragraph: z.number().int().min(1, 'paragraphs are numbered from 1').max(MAX_PARAGRAPH),
  excerpt: text(400),
  /** The words the article used for the date ("last week", "on Saturday"). */
  dateExpression: text(200).optional(),
  /** Outside knowledge used alongside the article (for example, where an exact date came from). */
  note: text(500).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const participantSchema = z.object({ actorId: idSchema, role: z.enum(PARTICIPANT_ROLES) });
export type Participant = z.infer<typeof participantSchema>;

export const quoteSchema = z.object({
  text: text(2000),
  speakerId: idSchema.optional(),
  paragraph: z.number().int().min(1).optional(),
});
export type Quote = z.infer<typeof quoteSchema>;

const factContent = {
  kind: z.enum(FACT_KINDS),
  status: z.enum(FACT_STATUSES),
  summary: text(600),
  occurred: fuzzyDateSchema,
  participants: z.array(participantSchema).max(100).default([]),
  quotes: z.array(quoteSchema).max(100).default([]),
  topics: z.array(text(60)).max(30).default([]),
  places: z.array(text(120)).max(30).default([]),
};

export const articleRecordedSchema = z.object({
  articleId: idSchema,
  publisher: text(200),
  headline: text(400),
  publishedAt: publishedAtSchema,
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .refine(isWellFormedText, WELL_FORMED_MESSAGE)
    .optional(),
  byline: text(200).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be a two-letter lower-case language code (ISO 639-1) such as en')
    .optional(),
  textSha256: sha256Hex,
});

export const actorRegisteredSchema = z.object({
  actorId: idSchema,
  name: text(200),
  kind: z.enum(ACTOR_KINDS),
  title: text(200).optional(),
  /** ISO 3166-1 alpha-2 code, or EU for the European Union's institutions. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as GB')
    .optional(),
  aliases: z.array(text(200)).max(50).default([]),
});

export const factRecordedSchema = z.object({
  factId: idSchema,
  ...factContent,
  evidence: evidenceSchema,
});

export const factChangesSchema = z
  .object({
    kind: factContent.kind,
    status: factContent.status,
    summary: factContent.summary,
    occurred: factContent.occurred,
    participants: z.array(participantSchema).max(100),
    quotes: z.array(quoteSchema).max(100),
    topics: z.array(text(60)).max(30),
    places: z.array(text(120)).max(30),
  })
  .partial()
  .refine((c) => Object.keys(c).length > 0, {
    message: 'a correction must change at least one field',
  });
export type FactChanges = z.infer<typeof factChangesSchema>;

export const factCorroboratedSchema = z.object({ factId: idSchema, evidence: evidenceSchema });
export const factCorrectedSchema = z.object({
  factId: idSchema,
  changes: factChangesSchema,
  reason: text(1000),
  /** The report that prompted the correction, when there is one. */
  evidence: evidenceSchema.optional(),
});
export const factRetractedSchema = z.object({ factId: idSchema, reason: text(1000) });
export const factsLinkedSchema = z.object({
  factId: idSchema,
  relatedFactId: idSchema,
  relation: z.enum(LINK_RELATIONS),
  evidence: evidenceSchema.optional(),
});

/** The current schema of every event type. Older versions are upcast in decodeEvent. */
export const eventSchemas = {
  ArticleRecorded: articleRecordedSchema,
  ActorRegistered: actorRegisteredSchema,
  FactRecorded: factRecordedSchema,
  FactCorroborated: factCorroboratedSchema,
  FactCorrected: factCorrectedSchema,
  FactRetracted: factRetractedSchema,
  FactsLinked: factsLinkedSchema,
} as const;

export type EventType = keyof typeof eventSchemas;
export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

/**
 * The top-level fields each event type's schema fills in when they are absent (participants: []).
 * A reader that takes stored events as they are, without running the schema, must find them
 * there, or decode the event in full.
 */
export const DEFAULTED_FIELDS: Readonly<Record<EventType, readonly string[]>> = Object.fromEntries(
  EVENT_TYPES.map((type) => [
    type,
    Object.entries(eventSchemas[type].shape)
      .filter(([, field]) => field instanceof z.ZodDefault)
      .map(([key]) => key),
  ]),
) as Record<EventType, string[]>;

export const currentSchemaVersion: Record<EventType, number> = {
  ArticleRecorded: 1,
  ActorRegistered: 1,
  FactRecorded: 2,
  FactCorroborated: 1,
  FactCorrected: 1,
  FactRetracted: 1,
  FactsLinked: 1,
};

export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export type DomainEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];
export type DomainEventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

export type ArticleRecorded = DomainEventOf<'ArticleRecorded'>;
export type ActorRegistered = DomainEventOf<'ActorRegistered'>;
export type FactRecorded = DomainEventOf<'FactRecorded'>;
export type FactCorroborated = DomainEventOf<'FactCorroborated'>;
export type FactCorrected = DomainEventOf<'FactCorrected'>;
export type FactRetracted = DomainEventOf<'FactRetracted'>;
export type FactsLinked = DomainEventOf<'FactsLinked'>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventSchemas, type);
}
