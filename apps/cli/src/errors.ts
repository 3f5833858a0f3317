import { DomainError, InvalidInputError } from '@dateline/domain';
import { ConcurrencyError, CorruptLogError, StoreLockedError } from '@dateline/event-store';
import { debugEnabled } from './config.js';

/** A refusal the CLI explains and exits on, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Maps errors to one message and exit code, once, at the edge. */
export function reportError(error: unknown): number {
  if (error instanceof CliError) {
    console.error(`dateline: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof InvalidInputError) {
    console.error(`dateline: ${error.message}`);
    return 65;
  }
  if (error instanceof DomainError || error instanceof ConcurrencyError) {
    console.error(`dateline: ${error.message}`);
    return 65;
  }
  if (error instanceof StoreLockedError) {
    console.error(`dateline: ${error.message}`);
    return 75;
  }
  if (error instanceof CorruptLogError) {
    console.error(`dateline: ${error.message}`);
    return 66;
  }
  if (debugEnabled()) console.error(error);
  console.error(`dateline: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}
