import type { z } from 'zod';

export type DomainErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'RULE_VIOLATED'
  | 'UNDECODABLE_EVENT';

export interface InputIssue {
  /** Where in the input, e.g. "occurred.latest" or "participants.2.actorId". */
  path: string;
  message: string;
}

/** Base of every refusal the domain makes. Adapters map `code` once to their own error shape. */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT';
  override readonly name = 'InvalidInputError';
  constructor(
    readonly issues: InputIssue[],
    subject = 'input',
  ) {
    super(
      `invalid ${subject}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    );
  }

  static fromZod(error: z.ZodError, subject?: string): InvalidInputError {
    return new InvalidInputError(
      error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: plainMessage(issue.message),
      })),
      subject,
    );
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: 'article' | 'actor' | 'fact',
    readonly id: string,
    hint = '',
  ) {
    super(`no ${entity} with id "${id}" is recorded${hint ? `; ${hint}` : ''}`);
  }
}

/** What to do instead, per kind of record: only facts can be corrected. */
const ALREADY_HINTS: Record<AlreadyExistsError['entity'], string> = {
  article: 'choose another id (articles are recorded once and cannot be corrected)',
  actor: 'choose another id, or refer to the actor already registered',
  fact: 'choose another id or correct the existing one',
  link: 'it need not be linked again',
  source: 'it is already one of its sources',
};

export class AlreadyExistsError extends DomainError {
  readonly code = 'ALREADY_EXISTS';
  override readonly name = 'AlreadyExistsError';
  constructor(
    readonly entity: 'article' | 'actor' | 'fact' | 'link' | 'source',
    readonly id: string,
    message?: string,
  ) {
    super(message ?? `${entity} "${id}" is already recorded; ${ALREADY_HINTS[entity]}`);
  }
}

export class RuleViolationError extends DomainError {
  readonly code = 'RULE_VIOLATED';
  override readonly name = 'RuleViolationError';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export class EventDecodeError extends DomainError {
  readonly code = 'UNDECODABLE_EVENT';
  override readonly name = 'EventDecodeError';
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    reason: string,
  ) {
    super(`cannot decode ${type} v${schemaVersion}: ${reason}`);
  }
}

/** zod's wording for a missing or empty value, in a journalist's terms. */
export function plainMessage(message: string): string {
  if (/received undefined$/.test(message)) return 'required, and missing';
  if (/received null$/.test(message)) return 'empty: give it a value, or remove the key';
  return message;
}
