import { z } from 'zod';
import { COUNTRY_CODES } from './countries.js';
import { InvalidInputError } from './errors.js';
import {
  actorRegisteredSchema,
  articleRecordedSchema,
  factCorrectedSchema,
  factCorroboratedSchema,
  factRecordedSchema,
  factRetractedSchema,
  factsLinkedSchema,
  MAX_PARAGRAPH,
} from './events.js';

/**
 * A letter, digit, punctuation mark or symbol: something a reader can see. The Hangul fillers
 * and the blank braille pattern are letters and symbols to Unicode that draw nothing.
 */
const VISIBLE = /[^\P{L}\u115f\u1160\u3164\uffa0]|[\p{N}\p{P}]|[^\P{S}\u2800]/u;
/** C0 and C1 control characters other than tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/**
 * Text a reader cannot read: made only of invisible characters (zero-width spaces, joiners, soft
 * hyphens, which trimming leaves alone), so a blank summary or quote on every page; or holding a
 * control character (escape, bell), which no article has and which reaches a terminal or a CSV
 * as it is. Refused on the way in only: the event schemas also read the log, whose events stay
 * readable as they were written.
 */
function refuseUnreadableText(value: unknown, path: (string | number)[], ctx: z.RefinementCtx) {
  if (typeof value === 'string') {
    const control = CONTROL.exec(value);
    if (control)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `must not contain control characters: found U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at character ${control.index + 1}`,
      });
    else if (value.length > 0 && !VISIBLE.test(value))
      ctx.addIssue({
        code: 'custom',
        path,
        message:
          'must contain a visible character: only spaces or invisible characters (such as zero-width spaces) were given',
      });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      refuseUnreadableText(item, [...path, i], ctx);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      refuseUnreadableText(item, [...path, key], ctx);
  }
}

/** Refuses a value of a list that repeats an earlier one, whatever their case or composition. */
function refuseTwice(
  values: readonly string[] | undefined,
  path: string[],
  what: string,
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  values?.forEach((value, i) => {
    const key = value.normalize('NFC').toLocaleLowerCase('en');
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: [...path, i],
        message: `"${value}" is listed twice; give each ${what} once`,
      });
    seen.add(key);
  });
}

/** Commands are imperative requests; their payloads reuse the event schemas they lead to. */
export const commandSchema = z
  .discriminatedUnion('type', [
    articleRecordedSchema.extend({ type: z.literal('RecordArticle') }),
    actorRegisteredSchema.extend({ type: z.literal('RegisterActor') }),
    factRecordedSchema.extend({ type: z.literal('RecordFact') }),
    factCorroboratedSchema.extend({ type: z.literal('CorroborateFact') }),
    factCorrectedSchema.extend({ type: z.literal('CorrectFact') }),
    factRetractedSchema.extend({ type: z.literal('RetractFact') }),
    factsLinkedSchema.extend({ type: z.literal('LinkFacts') }),
  ])
  .superRefine((command, ctx) => {
    refuseUnreadableText(command, [], ctx);
    if (command.type === 'RegisterActor') refuseTwice(command.aliases, ['aliases'], 'alias', ctx);
    // A topic given twice would count the fact twice under it in the topics list (whose timeline
    // filter, matching any case, finds it once); a place twice shows twice wherever it is listed.
    const content =
      command.type === 'RecordFact'
        ? command
        : command.type === 'CorrectFact'
          ? command.changes
          : {};
    const prefix = command.type === 'CorrectFact' ? ['changes'] : [];
    if ('topics' in content) refuseTwice(content.topics, [...prefix, 'topics'], 'topic', ctx);
    if ('places' in content) refuseTwice(content.places, [...prefix, 'places'], 'place', ctx);
    // As an evidence paragraph is (its schema's max); a quote's is checked on the way in only, so
    // that events already in a log still decode.
    if ('quotes' in content)
      content.quotes?.forEach((quote, i) => {
        if (quote.paragraph !== undefined && quote.paragraph > MAX_PARAGRAPH)
          ctx.addIssue({
            code: 'custom',
            path: [...prefix, 'quotes', i, 'paragraph'],
            message: `must be a paragraph number of at most ${MAX_PARAGRAPH}, as for evidence`,
          });
      });
    // A code of the right shape that names no country (XX, ZZ, UK) would show as itself.
    // (A code of another shape already has the schema's message: one is enough.)
    if (
      command.type === 'RegisterActor' &&
      command.country &&
      /^[A-Z]{2}$/.test(command.country) &&
      !COUNTRY_CODES.has(command.country)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: `"${command.country}" is not an ISO 3166-1 country code (GB for the United Kingdom, EU for the European Union's institutions)`,
      });
  });

export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export const COMMAND_TYPES = commandSchema.options.map((o) => o.shape.type.value) as CommandType[];

/** Validates untrusted input into a command or throws InvalidInputError naming each bad field. */
export function parseCommand(input: unknown): Command {
  const parsed = commandSchema.safeParse(input);
  if (!parsed.success) {
    const type =
      typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
    throw InvalidInputError.fromZod(
      parsed.error,
      typeof type === 'string' ? `${type} command` : 'command',
    );
  }
  return parsed.data;
}
