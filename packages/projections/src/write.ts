import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  type Command,
  currentSchemaVersion,
  type DomainError,
  decide,
  decodeEvent,
  evolveWriteModel,
  initialWriteModel,
  type WriteModel,
} from '@dateline/domain';
import {
  type AppendRequest,
  ConcurrencyError,
  canonicalJson,
  type Envelope,
  type EventMetadata,
  type EventStore,
  InvalidAppendError,
  MAX_EVENTS_PER_APPEND,
} from '@dateline/event-store';

export interface ExecuteOptions {
  metadata?: EventMetadata;
  /**
   * The version of the command's stream the caller decided against (0: it must not exist yet).
   * When the log has moved on, the write is refused with a ConcurrencyError.
   */
  expectedVersion?: number;
}

export interface ExecuteResult {
  envelopes: Envelope[];
  /** The log position after the write: pass it to a read model's waitForPosition for read-your-writes. */
  position: number;
  /** True when this exact command was already in the log: nothing was appended (an idempotent retry). */
  alreadyApplied?: boolean;
}

/**
 * A command met while staging entries: how often so far, and its fact's version after it was
 * last applied or skipped there (undefined before either).
 */
interface StagedCommand {
  occurrences: number;
  versionAfter?: number | undefined;
}

/** A dry run: entries decided against a copy of the write model, nothing appended. */
export interface WriteSandbox {
  /** The copy, with every planned entry applied so far. */
  readonly model: WriteModel;
  /** Decides entries as executeAll would, on top of those planned before; appends nothing. */
  plan(entries: PlannedEntry[]): { skipped: string[]; applied: string[]; events: number };
}

export interface PlannedEntry {
  /** Names the entry in errors, e.g. "facts[3] (trump-putin-call)". */
  entry: string;
  command: Command;
}

export interface ExecuteAllResult extends ExecuteResult {
  /** Entries already in the log (by command id) and therefore skipped. */
  skipped: string[];
  applied: string[];
}

/** A refusal of one entry of a multi-command write; nothing of the write was appended. */
export class EntryRefusedError extends Error {
  override readonly name = 'EntryRefusedError';
  constructor(
    readonly entry: string,
    override readonly cause: Error,
  ) {
    super(`${entry}: ${cause.message}`);
  }
  get code(): DomainError['code'] | undefined {
    return (this.cause as Partial<DomainError>).code;
  }
}

export interface CommandHandler {
  /** Decides one command against the log as it is now and appends its events. */
  execute(command: Command, options?: ExecuteOptions): Promise<ExecuteResult>;
  /**
   * Decides every command in order (each seeing the ones before it), then appends all of them in one
   * atomic batch. Commands whose id is already in the log are skipped, so repeating a write appends nothing.
   */
  executeAll(entries: PlannedEntry[], options?: ExecuteOptions): Promise<ExecuteAllResult>;
  /** A dry run of executeAll over the log as it is now (see WriteSandbox). */
  sandbox(): Promise<WriteSandbox>;
  /** The write model caught up with the log. */
  model(): Promise<WriteModel>;
}

/** A stable id for a command: the same command always gets the same id. */
export function commandIdOf(command: Command): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex').slice(0, 32);
}

/** The command a stored commandId names: a repeated application adds `.<stream version>`. */
function baseCommandId(commandId: string): string {
  const dot = commandId.indexOf('.');
  return dot < 0 ? commandId : commandId.slice(0, dot);
}

/** Event ids derived from the command id, so that a retried write is an idempotent append. */
function eventIdFor(commandId: string, index: number): string {
  const h = createHash('sha256').update(`${commandId}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Whether a stored envelope carries every metadata entry an append request gave its event. */
function carriesMetadata(envelope: Envelope, sent: EventMetadata | undefined): boolean {
  return Object.entries(sent ?? {}).every(([key, value]) =>
    isDeepStrictEqual(envelope.metadata[key], value),
  );
}

function cloneWriteModel(model: WriteModel): WriteModel {
  return {
    articles: new Map([...model.articles].map(([k, v]) => [k, { ...v }])),
    articlesByContent: new Map(model.articlesByContent),
    actors: new Map([...model.actors].map(([k, v]) => [k, { ...v }])),
    facts: new Map(
      [...model.facts].map(([k, v]) => [
        k,
        { ...v, sources: new Set(v.sources), links: new Set(v.links) },
      ]),
    ),
  };
}

/**
 * The write side shared by the CLI and the API: keeps a write model folded from the log, decides
 * commands against it and appends with the stream version it decided against, so a concurrent writer
 * turns into a ConcurrencyError rather than a lost update. Writes in one process are serialised.
 */
export function createCommandHandler(
  store: EventStore,
  options: {
    tool: string;
    /** The deciding clock (an article's publication may not lie after it); default: the system's. */
    now?: () => Date;
  },
): CommandHandler {
  const now = options.now ?? (() => new Date());
  const model = initialWriteModel();
  // Command (by commandIdOf) → where its last application ended, so that a repeated command is
  // answered, not re-run; and each stream's last position, to tell a retry from a new request.
  const appliedCommands = new Map<string, { position: number; streamId: string }>();
  // Command → how often the log applied it again after its first time (as `<id>.<version>`): only
  // the few commands applied more than once have an entry. A command's events lie together.
  const reapplied = new Map<string, number>();
  let lastCommandId: string | undefined;
  const applications = (base: string) =>
    appliedCommands.has(base) ? 1 + (reapplied.get(base) ?? 0) : 0;
  const streamEnds = new Map<string, number>();
  let position = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function catchUp(): Promise<void> {
    for await (const batch of store.readAllBatches({ fromPosition: position + 1 })) {
      for (const envelope of batch) {
        evolveWriteModel(model, decodeEvent(envelope.type, envelope.schemaVersion, envelope.data));
        const commandId = envelope.metadata.commandId;
        if (typeof commandId === 'string') {
          const base = baseCommandId(commandId);
          if (commandId !== base && commandId !== lastCommandId)
            reapplied.set(base, (reapplied.get(base) ?? 0) + 1);
          appliedCommands.set(base, { position: envelope.position, streamId: envelope.streamId });
        }
        lastCommandId = typeof commandId === 'string' ? commandId : undefined;
        streamEnds.set(envelope.streamId, envelope.position);
        position = envelope.position;
      }
    }
  }

  function serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  function toRequest(
    decision: ReturnType<typeof decide>,
    commandId: string,
    metadata: EventMetadata | undefined,
  ): AppendRequest {
    return {
      streamId: decision.streamId,
      expectedVersion: decision.expectedVersion,
      events: decision.events.map((event, i) => ({
        eventId: eventIdFor(commandId, i),
        type: event.type,
        schemaVersion: currentSchemaVersion[event.type],
        data: event.data,
        metadata: { tool: options.tool, ...metadata, commandId },
      })),
    };
  }

  async function finish(results: Envelope[][]): Promise<ExecuteResult> {
    await catchUp();
    const envelopes = results.flat();
    const last = envelopes.reduce((max, e) => Math.max(max, e.position), 0);
    return { envelopes, position: Math.max(last, position) };
  }

  /**
   * Whether a command already in the log is a retry of a single write (execute): every command but
   * a correction applies once only; a correction is a retry only while nothing has been written to
   * its fact since (B, then C, then B again is what the caller wants now).
   */
  function stillApplied(command: Command, last: { position: number; streamId: string }): boolean {
    return command.type !== 'CorrectFact' || streamEnds.get(last.streamId) === last.position;
  }

  /**
   * Decides entries in order against `staged`, each seeing the ones before it, and returns the
   * appends they make. Entries are a file's record of what was done, so importing it again must
   * append nothing: the n-th entry of a command is skipped while the log holds n applications of
   * it, whatever was written since (a correction B, then C, imported again, must not turn the
   * fact back to B). Within the entries, a command repeated is skipped as a retry unless it is a
   * correction whose fact changed in between (D, E, D applies D twice). Throws EntryRefusedError
   * for the first refused entry, and InvalidAppendError when the whole would exceed one append.
   */
  function stage(
    entries: PlannedEntry[],
    staged: WriteModel,
    at: Date,
    metadata: EventMetadata | undefined,
    seen = new Map<string, StagedCommand>(),
  ) {
    const requests: AppendRequest[] = [];
    const skipped: string[] = [];
    const applied: string[] = [];
    let events = 0;
    for (const { entry, command } of entries) {
      const base = commandIdOf(command);
      const last = appliedCommands.get(base);
      const factVersion =
        command.type === 'CorrectFact' ? staged.facts.get(command.factId)?.version : undefined;
      const met = seen.get(base) ?? { occurrences: 0 };
      met.occurrences++;
      seen.set(base, met);
      const inLog = met.occurrences <= applications(base);
      const retry =
        inLog ||
        (met.versionAfter !== undefined &&
          (command.type !== 'CorrectFact' || factVersion === met.versionAfter));
      if (retry) {
        // A repeat right after it is a retry of it too.
        met.versionAfter = factVersion ?? met.versionAfter ?? 0;
        skipped.push(entry);
        continue;
      }
      try {
        const decision = decide(command, staged, at);
        for (const event of decision.events) evolveWriteModel(staged, event);
        const decided = decision.expectedVersion === 'no_stream' ? 0 : decision.expectedVersion;
        const first = last === undefined && met.occurrences === 1;
        const commandId = first ? base : `${base}.${decided}`;
        requests.push(toRequest(decision, commandId, metadata));
        met.versionAfter = decided + decision.events.length;
        applied.push(entry);
        events += decision.events.length;
      } catch (error) {
        throw new EntryRefusedError(
          entry,
          error instanceof Error ? error : new Error(String(error)),
        );
      }
    }
    if (events > MAX_EVENTS_PER_APPEND)
      throw new InvalidAppendError(
        `${applied.length} entries would append ${events} events, and one write carries at most ${MAX_EVENTS_PER_APPEND}: split them into several files`,
      );
    return { requests, skipped, applied, events };
  }

  return {
    execute(command, opts = {}) {
      return serialise(async () => {
        await catchUp();
        const base = commandIdOf(command);
        const last = appliedCommands.get(base);
        // A correction sent again after its fact changed (B, then C, then B) is a new request.
        if (last !== undefined && stillApplied(command, last))
          return { envelopes: [], position: last.position, alreadyApplied: true };
        const decision = decide(command, model, now());
        if (opts.expectedVersion !== undefined) {
          const actual = decision.expectedVersion === 'no_stream' ? 0 : decision.expectedVersion;
          if (actual !== opts.expectedVersion) {
            throw new ConcurrencyError(
              decision.streamId,
              opts.expectedVersion === 0 ? 'no_stream' : opts.expectedVersion,
              actual,
            );
          }
        }
        // A command applied before gets an id of its own this time (its event ids derive from it).
        const decided = decision.expectedVersion === 'no_stream' ? 0 : decision.expectedVersion;
        const commandId = last === undefined ? base : `${base}.${decided}`;
        // The store checks the version decided against, so a writer elsewhere cannot slip in between.
        const request = toRequest(decision, commandId, opts.metadata);
        const results = await store.appendBatch([request]);
        // Another process on the same log may have appended this very command after our catch-up:
        // the store then hands back the events it holds, which carry that writer's metadata (its
        // request id). They are not this request's: answer as the retry it turned out to be.
        const stored = results[0] ?? [];
        if (stored.some((e, i) => !carriesMetadata(e, request.events[i]?.metadata))) {
          await catchUp();
          const position = stored.reduce((max, e) => Math.max(max, e.position), 0);
          return { envelopes: [], position, alreadyApplied: true };
        }
        return finish(results);
      });
    },
    executeAll(entries, opts = {}) {
      return serialise(async () => {
        await catchUp();
        const staged = cloneWriteModel(model);
        const { requests, skipped, applied } = stage(entries, staged, now(), opts.metadata);
        if (requests.length === 0) return { envelopes: [], position, skipped, applied };
        const results = await store.appendBatch(requests);
        return { ...(await finish(results)), skipped, applied };
      });
    },
    async sandbox() {
      await serialise(catchUp);
      const staged = cloneWriteModel(model);
      const seen = new Map<string, StagedCommand>();
      return {
        model: staged,
        plan(entries) {
          const { skipped, applied, events } = stage(entries, staged, now(), undefined, seen);
          return { skipped, applied, events };
        },
      };
    },
    async model() {
      await serialise(catchUp);
      return model;
    },
  };
}
