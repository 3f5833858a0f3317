import { isIsoDate, latestBegunDate } from '@dateline/domain';
import type { EventStore } from '@dateline/event-store';
import { isPostgresUrl } from '@dateline/event-store/open';
import {
  asReportedBy,
  createProjectionRunner,
  createTimeTravel,
  decodeVerified,
  getFileSnapshotStore,
  normaliseInstant,
  PositionMemo,
  type Preload,
  ProjectionError,
  type ProjectionFailure,
  type ProjectionRunner,
  publishedBy,
  type ReadModels,
  type ReplayTarget,
  type RunnerStatus,
  RunnerStoppedError,
  WaitTimeoutError,
} from '@dateline/projections';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApiConfig } from './config.js';
import { ApiError, STORE_FAILED } from './graphql/errors.js';
import { LIMITS } from './graphql/limits.js';
import type { ReadScope } from './models/scope.js';
import { API_CONFIG, EVENT_STORE, PRELOAD } from './tokens.js';

export interface AsOf {
  position?: number | null;
  recordedAt?: string | null;
  reportedBy?: string | null;
}

export interface HealthReport {
  ok: boolean;
  phase: RunnerStatus['phase'];
  /** Absent when the store cannot be reached. */
  head?: { position: number; hash: string };
  /** Set when the store is not answering. */
  store?: string;
  projections: { name: string; position: number; failure?: string }[];
}

/**
 * The read side of the service: the projection runner that follows the log, time travel into the
 * log's past, and read-your-writes waits. Resolvers get a ReadScope from here and nothing else.
 */
@Injectable()
export class ReadModelsService {
  private readonly logger = new Logger('ReadModels');
  readonly runner: ProjectionRunner;
  private readonly timeTravel: ReturnType<typeof createTimeTravel>;
  private started: Promise<void> | undefined;
  private live: ReadScope | undefined;
  /**
   * The story as reported by a date, at the live position: each view walks and copies every read
   * model (about 0.4 s at 40,000 events), and a page asks for it in several queries. Two dates are
   * kept, not more: a view of a large log holds copies of its records and graphs.
   */
  private readonly reported = new PositionMemo<ReadModels>(2);
  /** A PostgreSQL store reconnects by itself; a file store that failed a write waits for a restart. */
  private readonly postgres: boolean;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(PRELOAD) preload: Preload | null,
  ) {
    this.runner = createProjectionRunner(store, {
      ...(preload ? { preloaded: preload } : {}),
      ...(config.snapshotDir ? { snapshotStore: getFileSnapshotStore(config.snapshotDir) } : {}),
      log: (level, message, details) => {
        if (level === 'error') this.logger.error({ ...details, msg: message });
        else if (level === 'warn') this.logger.warn({ ...details, msg: message });
        else this.logger.log({ ...details, msg: message });
      },
    });
    // Every event of a file log was hash-checked as the store read it and decoded by the domain
    // when it was written, so time travel takes current-version events as they are (as the fold
    // done while opening does; replay.test.ts holds both decodings to the same read models).
    // Rows read from PostgreSQL are not hash-checked on read: they are decoded in full.
    this.postgres = isPostgresUrl(config.store);
    this.timeTravel = createTimeTravel(store, {
      maxEntries: 8,
      ...(this.postgres ? {} : { decode: decodeVerified }),
    });
  }

  /** Begins catching up in the background; the health check reports when it is done. */
  start(): Promise<void> {
    this.started ??= this.runner.start();
    return this.started;
  }

  /** The live read models, once caught up (waiting a little while they are still catching up). */
  async current(minPosition?: number | null): Promise<ReadScope> {
    if (minPosition !== undefined && minPosition !== null) await this.waitFor(minPosition);
    else if (!this.runner.status().caughtUp) await this.waitFor(0);
    this.refuseIfStopped();
    const models = this.runner.readModels();
    const position = this.runner.position();
    // One object per position, so that what inScope copies for it is copied once (models/scope.ts).
    const live = this.live;
    if (
      live?.position !== position ||
      (Object.keys(models) as Array<keyof ReadModels>).some((k) => live.models[k] !== models[k])
    )
      this.live = { models, position };
    return this.live as ReadScope;
  }

  /** The read models for a query's asOf argument, or the live ones when it is absent. */
  async scope(asOf: AsOf | null | undefined, minPosition?: number | null): Promise<ReadScope> {
    const live = await this.current(minPosition);
    if (!asOf) return live;
    const given = (['position', 'recordedAt', 'reportedBy'] as const).filter(
      (key) => asOf[key] !== undefined && asOf[key] !== null,
    );
    if (given.length !== 1) {
      throw new ApiError(
        'BAD_USER_INPUT',
        'asOf takes exactly one of position, recordedAt or reportedBy',
        { issues: [{ path: 'asOf', message: `got ${given.length}` }] },
      );
    }
    if (asOf.position !== undefined && asOf.position !== null) {
      const head = await this.headCovering(asOf.position);
      if (asOf.position < 0 || asOf.position > head.position) {
        throw positionOutOfRange(head.position);
      }
      if (asOf.position === live.position) return live;
      const point = await this.travel({ position: asOf.position });
      return { models: point.models, position: point.position };
    }
    if (asOf.recordedAt !== undefined && asOf.recordedAt !== null) {
      const instant = recordedAtInstant(asOf.recordedAt);
      if (instant === undefined) return live;
      const point = await this.travel({ recordedAt: instant });
      return { models: point.models, position: point.position };
    }
    const date = asOf.reportedBy as string;
    try {
      publishedBy(date);
    } catch {
      throw invalidArgument(
        'asOf.reportedBy',
        'must be a date (YYYY-MM-DD) or a timestamp with its zone (2025-02-17T09:30:00Z)',
      );
    }
    const models = this.reported.get(live.models.timeline, live.position, date, () =>
      asReportedBy(live.models, date),
    );
    return { models, position: live.position };
  }

  /**
   * The log head, looked up afresh when `position` is past the one known: a follower's head can be
   * a poll behind the writer a client has just written through.
   */
  private async headCovering(position: number): Promise<{ position: number; hash: string }> {
    const head = await this.store.head();
    if (position <= head.position || !this.store.refresh) return head;
    await this.store.refresh();
    return this.store.head();
  }

  /** Read-your-writes: resolves once the read models reflect `position`. */
  async waitFor(position: number): Promise<void> {
    const head = await this.headCovering(position);
    if (!Number.isInteger(position) || position < 0 || position > head.position) {
      throw invalidArgument('minPosition', `must be between 0 and the log head (${head.position})`);
    }
    try {
      if (!this.runner.status().caughtUp) {
        await withTimeout(this.start(), LIMITS.minPositionWaitMs, () => {
          throw new ApiError(
            'POSITION_NOT_REACHED',
            'the read models are still catching up with the log; retry shortly',
            { position, reached: this.runner.position() },
          );
        });
      }
      await this.runner.waitForPosition(position, LIMITS.minPositionWaitMs);
    } catch (error) {
      if (error instanceof ProjectionError) throw stopped(error.failure);
      if (error instanceof WaitTimeoutError || error instanceof RunnerStoppedError) {
        throw new ApiError('POSITION_NOT_REACHED', error.message, {
          position,
          reached: this.runner.position(),
        });
      }
      throw error;
    }
  }

  /**
   * A projection that stopped (an event it could not apply) leaves its read model behind the
   * others: answers would mix two points of the log under one position, so none are given.
   */
  private refuseIfStopped(): void {
    const failure = this.runner.failure();
    if (failure) throw stopped(failure);
  }

  private async travel(target: ReplayTarget) {
    try {
      return await this.timeTravel.at(target);
    } catch (error) {
      if (error instanceof ProjectionError) throw stopped(error.failure);
      throw error;
    }
  }

  async health(): Promise<HealthReport> {
    const status = this.runner.status();
    let head: { position: number; hash: string };
    try {
      head = await this.store.head();
    } catch (error) {
      // The store cannot be reached (a PostgreSQL restart, say): not healthy until it answers again.
      return {
        ok: false,
        phase: status.phase,
        store: `unreachable: ${(error as Error).message}`,
        projections: [],
      };
    }
    const storeHealthy = (this.store as { healthy?: () => boolean }).healthy?.() ?? true;
    const projections = status.projections.map((p) => ({
      name: p.name,
      position: p.position,
      ...(p.failure ? { failure: p.failure.message } : {}),
    }));
    const ok =
      storeHealthy &&
      status.caughtUp &&
      status.phase === 'live' &&
      projections.every((p) => p.position >= head.position && !p.failure);
    return {
      ok,
      phase: status.phase,
      head,
      ...(storeHealthy ? {} : { store: this.postgres ? 'reconnecting' : STORE_FAILED }),
      projections,
    };
  }

  async stop(saveSnapshots: boolean): Promise<void> {
    await this.runner.stop();
    if (saveSnapshots) {
      try {
        const started = Date.now();
        const saved = await this.runner.saveSnapshots();
        this.logger.log({
          msg: `saved ${saved.length} snapshot(s) in ${Date.now() - started} ms`,
          snapshots: saved.map((h) => ({ name: h.name, version: h.version, position: h.position })),
        });
      } catch (error) {
        this.logger.warn({ msg: 'could not save snapshots', error: String(error) });
      }
    }
  }
}

/**
 * An asOf time as the API reads it, in queries and downloads alike: the instant to travel to, or
 * undefined for the present (today's date: the end of a day not over yet). A time still to come
 * would answer with whatever is written until then, not a point the log has a fixed answer for
 * (as a position past the head is refused), so it is refused.
 */
export function recordedAtInstant(text: string): string | undefined {
  let instant: string;
  try {
    instant = normaliseInstant(text);
  } catch {
    throw invalidArgument(
      'asOf.recordedAt',
      'must be a date (YYYY-MM-DD, the end of that day) or a timestamp with its zone (2025-02-17T09:30:00Z)',
    );
  }
  if (Date.parse(instant) <= Date.now()) return instant;
  const given = text.trim();
  // A date alone is the present once that day has begun somewhere (a client in UTC+10 at 08:00
  // asks for its today, which has not begun in UTC), as for an article's publication date.
  if (isIsoDate(given) && given <= latestBegunDate(Date.now())) return undefined;
  throw invalidArgument(
    'asOf.recordedAt',
    `is in the future (${instant}); give a time up to now, or leave asOf out for the present`,
  );
}

function stopped(failure: ProjectionFailure): ApiError {
  return new ApiError(
    'READ_MODEL_STOPPED',
    `the ${failure.projection} read model stopped at position ${failure.position} (${failure.eventType}: ${failure.message}); no answer is given until the log or the projection is repaired`,
    { projection: failure.projection, position: failure.position },
  );
}

/** The refusal of an asOf position the log has not reached (or below 0), the same everywhere. */
export function positionOutOfRange(head: number): ApiError {
  return invalidArgument('asOf.position', `must be between 0 and the log head (${head})`);
}

function invalidArgument(path: string, message: string): ApiError {
  return new ApiError('BAD_USER_INPUT', `${path} ${message}`, { issues: [{ path, message }] });
}

async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => never): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          try {
            onTimeout();
          } catch (error) {
            reject(error);
          }
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
