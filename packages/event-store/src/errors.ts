import type { ExpectedVersion } from './port.js';

/** The stream was not at the version the caller decided against; nothing was appended. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(
      `stream "${streamId}" is at version ${actual === 0 ? '0 (no stream)' : actual}, not ${
        expected === 'no_stream' ? 'absent (no stream)' : expected
      }; reload and decide again`,
    );
  }
}

/** An event id was reused for different content. */
export class DuplicateEventError extends Error {
  override readonly name = 'DuplicateEventError';
  constructor(
    readonly eventId: string,
    readonly position: number,
  ) {
    super(`event id ${eventId} is already stored at position ${position} with other content`);
  }
}

/** The request itself is malformed (empty stream id, no events, bad expected version…). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}

/** A second writer: another process holds the store's lock. */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  constructor(
    readonly lockPath: string,
    readonly holder: { pid: number; host?: string; tool?: string; since?: string },
  ) {
    super(
      `the store is locked by pid ${holder.pid}${holder.tool ? ` (${holder.tool})` : ''}${
        holder.host ? ` on ${holder.host}` : ''
      }${holder.since ? ` since ${holder.since}` : ''}; stop that process or write through it (lock: ${lockPath})`,
    );
  }
}

/**
 * Damage before the tail: the store refuses to open (or to read on) and names where: a segment
 * file and its line, or for a store without files (PostgreSQL) its table, with no line.
 */
export class CorruptLogError extends Error {
  override readonly name = 'CorruptLogError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly position: number | undefined,
    readonly reason: string,
  ) {
    super(
      `corrupt log: ${file}${line !== undefined ? ` line ${line}` : ''}${position !== undefined ? ` (position ${position})` : ''}: ${reason}`,
    );
  }
}

/** The store stopped acknowledging after a write or sync failed; reopen it once the fault is fixed. */
export class StoreFailedError extends Error {
  override readonly name = 'StoreFailedError';
  constructor(override readonly cause: unknown) {
    super(
      `the store stopped accepting writes after a disk error (${cause instanceof Error ? cause.message : String(cause)}); nothing after it was acknowledged; reopen the store once the disk is fixed`,
    );
  }
}

export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor() {
    super('the store is closed');
  }
}

/**
 * The store's database cannot be reached right now (refused, dropped or shut down connections):
 * the request was not refused, and may be retried once the database is back.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(override readonly cause: unknown) {
    super(
      `the event store's database is not reachable (${cause instanceof Error ? cause.message : String(cause)}); try again once it is back`,
    );
  }
}
