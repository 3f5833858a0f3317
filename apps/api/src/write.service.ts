import { InvalidInputError, parseCommand, streamIdFor } from '@dateline/domain';
import { ConcurrencyError, type Envelope, type EventStore } from '@dateline/event-store';
import { type CommandHandler, createCommandHandler } from '@dateline/projections/write';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from './tokens.js';
import { inputPath, type PlannedWrite } from './write-commands.js';

export interface WriteOutcome {
  id: string;
  position: number;
  envelopes: Envelope[];
}

/**
 * The write side: validates a planned command through the domain, checks the client's
 * expectedVersion and hands the command to the shared command handler, one write at a time.
 */
@Injectable()
export class WriteService {
  private readonly handler: CommandHandler;
  private queue: Promise<unknown> = Promise.resolve();

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
    // The version check and the append run under one lock: this process is the log's only writer
    // (the store's lock sees to that), so nothing can slip in between them.
    return this.serialise(async () => {
      if (plan.expected) {
        const model = await this.handler.model();
        const actual = model.facts.get(plan.expected.factId)?.version ?? 0;
        if (actual !== plan.expected.version) {
          throw new ConcurrencyError(
            streamIdFor.fact(plan.expected.factId),
            plan.expected.version === 0 ? 'no_stream' : plan.expected.version,
            actual,
          );
        }
      }
      const result = await this.handler.execute(command, {
        metadata: metadata.requestId ? { correlationId: metadata.requestId } : {},
      });
      return { id: plan.id, position: result.position, envelopes: result.envelopes };
    });
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
