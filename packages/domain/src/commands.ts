import { z } from 'zod';
import { InvalidInputError } from './errors.js';
import {
  actorRegisteredSchema,
  articleRecordedSchema,
  factCorrectedSchema,
  factCorroboratedSchema,
  factRecordedSchema,
  factRetractedSchema,
  factsLinkedSchema,
} from './events.js';

/** Commands are imperative requests; their payloads reuse the event schemas they lead to. */
export const commandSchema = z.discriminatedUnion('type', [
  articleRecordedSchema.extend({ type: z.literal('RecordArticle') }),
  actorRegisteredSchema.extend({ type: z.literal('RegisterActor') }),
  factRecordedSchema.extend({ type: z.literal('RecordFact') }),
  factCorroboratedSchema.extend({ type: z.literal('CorroborateFact') }),
  factCorrectedSchema.extend({ type: z.literal('CorrectFact') }),
  factRetractedSchema.extend({ type: z.literal('RetractFact') }),
  factsLinkedSchema.extend({ type: z.literal('LinkFacts') }),
]);

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
