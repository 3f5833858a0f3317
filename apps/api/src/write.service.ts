import { InvalidInputError, parseCommand } from '@dateline/domain';
import type { Envelope, EventStore } from '@dateline/event-store';
import { type CommandHandler, createCommandHandler } from '@dateline/projections/write';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from './tokens.js';
import { inputPath, type PlannedWrite } from './write-commands.js';

export interface WriteOutcome {
  id: string;
  position: number;
  envelopes: Envelope[];
  /** The same command was already in the log: nothing was appended. */
  alreadyApplied: boolean;
}

/**
 * The write side: validates a planned command through the domain and hands it, with the client's
 * expectedVersion, to the shared command handler (which serialises writes in this process).
 */
@Injectable()
export class WriteService {
  private readonly handler: CommandHandler;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.handler = createCommandHandler(store, { tool: 'dateline-api' });
  }

  async write(plan: PlannedWrite, metadata: { requestId?: string } = {}): Promise<WriteOutcome> {
    let command: ReturnType<typeof parseCommand>;
    try {
      command = parseCommand(plan.command);
    } catch (error) {
      if (error instanceof InvalidInputError) {
        throw new InvalidInputError(
          error.issues.map((i) => ({ ...i, path: inputPath(i.path, plan.paths) })),
          `${plan.command.type} input`,
        );
      }
      throw error;
    }
    // A version is a count of the fact's events: 0 (must not exist yet) or more, never below.
    if (plan.expected && plan.expected.version < 0) {
      throw new InvalidInputError(
        [
          {
            path: 'input.expectedVersion',
            message: 'must be 0 (not recorded yet) or a version ≥ 1',
          },
        ],
        `${plan.command.type} input`,
      );
    }
    // The handler checks the client's expectedVersion against the log and appends with the version
    // it decided against, so the store refuses the write if another writer (another instance on
    // PostgreSQL, say) got in between.
    const result = await this.handler.execute(command, {
      metadata: metadata.requestId ? { correlationId: metadata.requestId } : {},
      ...(plan.expected ? { expectedVersion: plan.expected.version } : {}),
    });
    return {
      id: plan.id,
      position: result.position,
      envelopes: result.envelopes,
      alreadyApplied: result.alreadyApplied ?? false,
    };
  }
}
