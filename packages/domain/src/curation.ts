import { z } from 'zod';
import type { Command } from './commands.js';
import { InvalidInputError } from './errors.js';
import {
  actorRegisteredSchema,
  articleRecordedSchema,
  evidenceSchema,
  FACT_KINDS,
  FACT_STATUSES,
  factChangesSchema,
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
  z.object({
    expression: z.string().min(1),
    /** Defaults to the article's publication date. */
    anchor: isoDateSchema.optional(),
  }),
  fuzzyDateSchema,
]);

const citation = {
  paragraph: evidenceSchema.shape.paragraph,
  excerpt: evidenceSchema.shape.excerpt,
  dateExpression: evidenceSchema.shape.dateExpression,
  note: evidenceSchema.shape.note,
};

const curationFactSchema = z.object({
  id: idSchema,
  kind: z.enum(FACT_KINDS),
  status: z.enum(FACT_STATUSES),
  summary: z.string(),
  when: whenSchema,
  participants: z.array(z.object({ actor: idSchema, role: z.enum(PARTICIPANT_ROLES) })).default([]),
  quotes: z
    .array(
      z.object({
        text: quoteSchema.shape.text,
        speaker: idSchema.optional(),
        paragraph: quoteSchema.shape.paragraph,
      }),
    )
    .default([]),
  topics: z.array(z.string()).default([]),
  places: z.array(z.string()).default([]),
  ...citation,
});

export const curationFileSchema = z
  .object({
    article: articleRecordedSchema.omit({ articleId: true }).extend({ id: idSchema }).optional(),
    /** The article the facts, corroborations and links below cite; defaults to `article.id`. */
    cites: idSchema.optional(),
    actors: z
      .array(actorRegisteredSchema.omit({ actorId: true }).extend({ id: idSchema }))
      .default([]),
    facts: z.array(curationFactSchema).default([]),
    corroborations: z.array(z.object({ fact: idSchema, ...citation })).default([]),
    links: z
      .array(
        z
          .object({ from: idSchema, relation: z.enum(LINK_RELATIONS), to: idSchema, ...citation })
          .partial({ paragraph: true, excerpt: true }),
      )
      .default([]),
    corrections: z
      .array(z.object({ fact: idSchema, changes: factChangesSchema, reason: z.string() }))
      .default([]),
    retractions: z.array(z.object({ fact: idSchema, reason: z.string() })).default([]),
  })
  .strict();

export type CurationFile = z.infer<typeof curationFileSchema>;

export interface PlannedCommand {
  /** Names the entry for error messages, e.g. "facts[3] (trump-putin-call)". */
  entry: string;
  command: Command;
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
  if (!parsed.success) throw InvalidInputError.fromZod(parsed.error, 'curation file');
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

  for (const [i, fact] of doc.facts.entries()) {
    const entry = `facts[${i}] (${fact.id})`;
    let occurred: FuzzyDate;
    if ('precision' in fact.when) occurred = fact.when;
    else {
      try {
        occurred = resolveDateExpression(
          fact.when.expression,
          fact.when.anchor ?? anchorFor(entry),
        );
      } catch (error) {
        if (error instanceof DateExpressionError)
          throw new InvalidInputError(
            [{ path: `${entry}.when.expression`, message: error.message }],
            'curation file',
          );
        throw error;
      }
    }
    planned.push({
      entry,
      command: {
        type: 'RecordFact',
        factId: fact.id,
        kind: fact.kind,
        status: fact.status,
        summary: fact.summary,
        occurred,
        participants: fact.participants.map((p) => ({ actorId: p.actor, role: p.role })),
        quotes: fact.quotes.map((q) => ({
          text: q.text,
          ...(q.speaker ? { speakerId: q.speaker } : {}),
          ...(q.paragraph ? { paragraph: q.paragraph } : {}),
        })),
        topics: fact.topics,
        places: fact.places,
        evidence: evidence(entry, {
          ...fact,
          dateExpression:
            fact.dateExpression ?? ('expression' in fact.when ? fact.when.expression : undefined),
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
    planned.push({
      entry: `corrections[${i}] (${c.fact})`,
      command: { type: 'CorrectFact', factId: c.fact, changes: c.changes, reason: c.reason },
    });
  }
  for (const [i, r] of doc.retractions.entries()) {
    planned.push({
      entry: `retractions[${i}] (${r.fact})`,
      command: { type: 'RetractFact', factId: r.fact, reason: r.reason },
    });
  }
  return planned;
}
