import { z } from 'zod';
import { type Command, commandSchema } from './commands.js';
import { InvalidInputError, plainMessage } from './errors.js';
import {
  actorRegisteredSchema,
  articleRecordedSchema,
  evidenceSchema,
  FACT_KINDS,
  FACT_STATUSES,
  LINK_RELATIONS,
  PARTICIPANT_ROLES,
  quoteSchema,
} from './events.js';
import {
  DateExpressionError,
  type FuzzyDate,
  fuzzyDateSchema,
  isoDateSchema,
  resolveDateExpression,
} from './fuzzy-date.js';
import { idSchema } from './ids.js';

/**
 * The curation file: a reviewable, hand-edited description of what one article reports.
 * `dateline import` turns it into commands; the log is never written by hand.
 */
const whenSchema = z.union([
  // `when: last week` is short for `when: { expression: last week }`: the way a curator writes it.
  z
    .string()
    .min(1)
    .transform((expression): { expression: string; anchor?: string } => ({ expression })),
  z
    .object({
      expression: z.string().min(1),
      /** Defaults to the article's publication date. */
      anchor: isoDateSchema.optional(),
    })
    .strict(),
  // An explicit span; `expression` and `anchor` then only record where it came from. Strict here
  // (not in the event catalogue, which must keep reading what it once stored).
  fuzzyDateSchema.strict(),
]);

const citation = {
  paragraph: evidenceSchema.shape.paragraph,
  excerpt: evidenceSchema.shape.excerpt,
  dateExpression: evidenceSchema.shape.dateExpression,
  note: evidenceSchema.shape.note,
};

const curationParticipants = z.array(
  z.object({ actor: idSchema, role: z.enum(PARTICIPANT_ROLES) }).strict(),
);
const curationQuotes = z.array(
  z
    .object({
      text: quoteSchema.shape.text,
      speaker: idSchema.optional(),
      paragraph: quoteSchema.shape.paragraph,
    })
    .strict(),
);

// Every object is strict: a misspelt key ("topic:" for "topics:") must be refused, not dropped
// from an event that can never be edited afterwards.
const curationFactSchema = z
  .object({
    id: idSchema,
    kind: z.enum(FACT_KINDS),
    status: z.enum(FACT_STATUSES),
    summary: z.string(),
    when: whenSchema,
    participants: curationParticipants.default([]),
    quotes: curationQuotes.default([]),
    topics: z.array(z.string()).default([]),
    places: z.array(z.string()).default([]),
    ...citation,
  })
  .strict();

/** A correction's changes, spelled as facts are spelled in curation files. */
const curationChangesSchema = z
  .object({
    kind: z.enum(FACT_KINDS),
    status: z.enum(FACT_STATUSES),
    summary: z.string(),
    when: whenSchema,
    participants: curationParticipants,
    quotes: curationQuotes,
    topics: z.array(z.string()),
    places: z.array(z.string()),
  })
  .partial()
  .strict();

export const curationFileSchema = z
  .object({
    article: articleRecordedSchema
      .omit({ articleId: true })
      .extend({ id: idSchema })
      .strict()
      .optional(),
    /** The article the facts, corroborations and links below cite; defaults to `article.id`. */
    cites: idSchema.optional(),
    actors: z
      .array(actorRegisteredSchema.omit({ actorId: true }).extend({ id: idSchema }).strict())
      .default([]),
    facts: z.array(curationFactSchema).default([]),
    corroborations: z.array(z.object({ fact: idSchema, ...citation }).strict()).default([]),
    links: z
      .array(
        z
          .object({ from: idSchema, relation: z.enum(LINK_RELATIONS), to: idSchema, ...citation })
          .partial({ paragraph: true, excerpt: true })
          .strict(),
      )
      .default([]),
    corrections: z
      .array(
        z
          .object({
            fact: idSchema,
            changes: curationChangesSchema,
            reason: z.string(),
            ...citation,
          })
          .partial({ paragraph: true, excerpt: true })
          .strict(),
      )
      .default([]),
    retractions: z.array(z.object({ fact: idSchema, reason: z.string() }).strict()).default([]),
  })
  .strict()
  .superRefine((doc, ctx) => {
    // An id given twice in one file is a slip: the second entry would be skipped as a retry of the
    // first, or refused as "already recorded" when nothing was, before this file.
    // Evidence is cited whole or not at all: half of it was dropped without a word.
    for (const list of ['links', 'corrections'] as const) {
      doc[list].forEach((entry, i) => {
        if ((entry.paragraph === undefined) !== (entry.excerpt === undefined))
          ctx.addIssue({
            code: 'custom',
            path: [list, i, entry.paragraph === undefined ? 'paragraph' : 'excerpt'],
            message:
              'evidence needs both a paragraph and an excerpt of the cited article; give both, or neither',
          });
      });
    }
    const links = new Map<string, number>();
    doc.links.forEach((link, i) => {
      const key = `${link.from} ${link.relation} ${link.to}`;
      const earlier = links.get(key);
      if (earlier === undefined) links.set(key, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['links', i],
          message: `listed twice in this file (links[${earlier}] is the same link); give it once`,
        });
    });
    for (const list of ['actors', 'facts'] as const) {
      const first = new Map<string, number>();
      doc[list].forEach((entry, i) => {
        const earlier = first.get(entry.id);
        if (earlier === undefined) first.set(entry.id, i);
        else
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'id'],
            message: `"${entry.id}" is used twice in this file (${list}[${earlier}] has it too); give each entry its own id`,
          });
      });
    }
  });

export type CurationFile = z.infer<typeof curationFileSchema>;

export interface PlannedCommand {
  /** Names the entry for error messages, e.g. "facts[3] (trump-putin-call)". */
  entry: string;
  command: Command;
}

/** How an entry of a list is named in messages, as planCuration names it: `facts[2] (paris-summit)`. */
const ENTRY_NAMES: Record<string, (entry: Record<string, unknown>) => unknown> = {
  actors: (e) => e.id,
  facts: (e) => e.id,
  corroborations: (e) => e.fact,
  corrections: (e) => e.fact,
  retractions: (e) => e.fact,
  links: (e) => (e.from && e.to ? `${e.from} ${e.relation ?? '?'} ${e.to}` : undefined),
};

/** A zod issue path in the words of the file: `facts[2] (paris-summit).summary`. */
function entryPath(input: unknown, path: readonly PropertyKey[]): string {
  const [list, index, ...rest] = path;
  const tail = rest.map(String).join('.');
  if (typeof list !== 'string' || typeof index !== 'number') return path.map(String).join('.');
  const entry = (input as Record<string, unknown> | null)?.[list];
  const item = Array.isArray(entry) ? entry[index] : undefined;
  const name =
    item && typeof item === 'object'
      ? ENTRY_NAMES[list]?.(item as Record<string, unknown>)
      : undefined;
  const head = `${list}[${index}]${typeof name === 'string' && name ? ` (${name})` : ''}`;
  return tail ? `${head}.${tail}` : head;
}

/**
 * Validates a parsed curation document and turns it into commands in a safe order
 * (article, actors, facts, corroborations, links, corrections, retractions).
 * `publishedOn` looks up the publication date of articles recorded earlier, for relative dates.
 */
export function planCuration(
  input: unknown,
  publishedOn: (articleId: string) => string | undefined = () => undefined,
): PlannedCommand[] {
  const parsed = curationFileSchema.safeParse(input);
  if (!parsed.success)
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({
        path: entryPath(input, issue.path),
        message: plainMessage(issue.message),
      })),
      'curation file',
    );
  const doc = parsed.data;
  const articleId = doc.cites ?? doc.article?.id;
  const planned: PlannedCommand[] = [];

  if (doc.article) {
    const { id, ...rest } = doc.article;
    planned.push({
      entry: `article (${id})`,
      command: { type: 'RecordArticle', articleId: id, ...rest },
    });
  }
  for (const [i, { id, ...rest }] of doc.actors.entries()) {
    planned.push({
      entry: `actors[${i}] (${id})`,
      command: { type: 'RegisterActor', actorId: id, ...rest },
    });
  }

  const needArticle = (entry: string): string => {
    if (!articleId)
      throw new InvalidInputError(
        [{ path: entry, message: 'no article: add `article:` or `cites:` to the file' }],
        'curation file',
      );
    return articleId;
  };
  const anchorFor = (entry: string): string => {
    const id = needArticle(entry);
    const anchor = doc.article?.id === id ? doc.article.publishedAt.slice(0, 10) : publishedOn(id);
    if (!anchor)
      throw new InvalidInputError(
        [
          {
            path: entry,
            message: `article "${id}" is not recorded, so relative dates cannot be resolved`,
          },
        ],
        'curation file',
      );
    return anchor;
  };
  const evidence = (
    entry: string,
    c: {
      paragraph: number;
      excerpt: string;
      dateExpression?: string | undefined;
      note?: string | undefined;
    },
  ) => ({
    articleId: needArticle(entry),
    paragraph: c.paragraph,
    excerpt: c.excerpt,
    ...(c.dateExpression ? { dateExpression: c.dateExpression } : {}),
    ...(c.note ? { note: c.note } : {}),
  });

  const resolveWhen = (entry: string, when: z.infer<typeof whenSchema>): FuzzyDate => {
    if ('precision' in when) return when;
    try {
      return resolveDateExpression(when.expression, when.anchor ?? anchorFor(entry));
    } catch (error) {
      if (!(error instanceof DateExpressionError)) throw error;
      throw new InvalidInputError(
        [{ path: `${entry}.when.expression`, message: error.message }],
        'curation file',
      );
    }
  };
  const participantsOf = (list: z.infer<typeof curationParticipants>) =>
    list.map((p) => ({ actorId: p.actor, role: p.role }));
  const quotesOf = (list: z.infer<typeof curationQuotes>) =>
    list.map((q) => ({
      text: q.text,
      ...(q.speaker ? { speakerId: q.speaker } : {}),
      ...(q.paragraph ? { paragraph: q.paragraph } : {}),
    }));

  for (const [i, fact] of doc.facts.entries()) {
    const entry = `facts[${i}] (${fact.id})`;
    const occurred = resolveWhen(entry, fact.when);
    planned.push({
      entry,
      command: {
        type: 'RecordFact',
        factId: fact.id,
        kind: fact.kind,
        status: fact.status,
        summary: fact.summary,
        occurred,
        participants: participantsOf(fact.participants),
        quotes: quotesOf(fact.quotes),
        topics: fact.topics,
        places: fact.places,
        evidence: evidence(entry, {
          ...fact,
          dateExpression: fact.dateExpression ?? fact.when.expression,
        }),
      },
    });
  }
  for (const [i, c] of doc.corroborations.entries()) {
    const entry = `corroborations[${i}] (${c.fact})`;
    planned.push({
      entry,
      command: { type: 'CorroborateFact', factId: c.fact, evidence: evidence(entry, c) },
    });
  }
  for (const [i, link] of doc.links.entries()) {
    const entry = `links[${i}] (${link.from} ${link.relation} ${link.to})`;
    planned.push({
      entry,
      command: {
        type: 'LinkFacts',
        factId: link.from,
        relatedFactId: link.to,
        relation: link.relation,
        ...(link.paragraph && link.excerpt
          ? {
              evidence: evidence(entry, {
                ...link,
                paragraph: link.paragraph,
                excerpt: link.excerpt,
              }),
            }
          : {}),
      },
    });
  }
  for (const [i, c] of doc.corrections.entries()) {
    const entry = `corrections[${i}] (${c.fact})`;
    const { when, participants, quotes, ...rest } = c.changes;
    const changes = {
      ...rest,
      ...(when ? { occurred: resolveWhen(entry, when) } : {}),
      ...(participants ? { participants: participantsOf(participants) } : {}),
      ...(quotes ? { quotes: quotesOf(quotes) } : {}),
    };
    const cited =
      c.paragraph && c.excerpt
        ? { evidence: evidence(entry, { ...c, paragraph: c.paragraph, excerpt: c.excerpt }) }
        : {};
    planned.push({
      entry,
      command: { type: 'CorrectFact', factId: c.fact, changes, reason: c.reason, ...cited },
    });
  }
  for (const [i, r] of doc.retractions.entries()) {
    planned.push({
      entry: `retractions[${i}] (${r.fact})`,
      command: { type: 'RetractFact', factId: r.fact, reason: r.reason },
    });
  }
  // Every command is checked against the catalogue here, so errors name the entry and the field.
  return planned.map(({ entry, command }) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      throw new InvalidInputError(
        parsed.error.issues.map((issue) => ({
          path: [entry, ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
        'curation file',
      );
    }
    return { entry, command: parsed.data };
  });
}
