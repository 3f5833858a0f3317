import type { Envelope, NewEvent } from './envelope.js';

/** A number (the stream's current version), 'no_stream' (must not exist yet) or 'any'. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expectedVersion: ExpectedVersion;
}

export interface LogHead {
  position: number;
  hash: string;
}

export interface ReadAllOptions {
  /** First position to read (1-based); defaults to 1. */
  fromPosition?: number;
  /** Last position to read; defaults to the head when the read starts. */
  toPosition?: number;
}

export interface SubscribeOptions {
  fromPosition?: number;
  signal?: AbortSignal;
}

/**
 * The log port. Every adapter (memory, file, PostgreSQL) passes the same contract suite.
 * Positions are global, 1-based and contiguous; stream versions start at 1.
 */
export interface EventStore {
  /** Appends to one stream, checking its version. Returns the stored envelopes. */
  append(
    streamId: string,
    events: NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<Envelope[]>;
  /** Appends to several streams atomically: all requests are stored, or none. */
  appendBatch(requests: AppendRequest[]): Promise<Envelope[][]>;
  /**
   * Continues the log with envelopes sealed elsewhere (migration, restore), keeping their positions,
   * times and hashes. Refused unless they chain exactly onto this log's head.
   */
  importEnvelopes(envelopes: Envelope[]): Promise<void>;
  readAll(options?: ReadAllOptions): AsyncIterable<Envelope>;
  /** The same as readAll in arrays, for consumers that fold many events per tick. */
  readAllBatches(options?: ReadAllOptions): AsyncIterable<Envelope[]>;
  readStream(streamId: string): AsyncIterable<Envelope>;
  head(): Promise<LogHead>;
  /**
   * How many events are stored past the recorded head: none in a sound log. A store whose head
   * is kept apart from its events (PostgreSQL's head row) can be left behind them by a restore
   * or a hand edit; `verifyStore` asks. Stores that derive the head from the events omit it.
   */
  eventsBeyondHead?(): Promise<number>;
  /**
   * Looks at once for events other processes appended, where the store learns of them by polling
   * (a following read-only file store); head() may otherwise be one poll behind. Optional.
   */
  refresh?(): Promise<void>;
  /** Catch-up then live, strictly in position order; pull-based, so a slow consumer slows only itself. */
  subscribe(options?: SubscribeOptions): AsyncIterable<Envelope>;
  subscribeBatches(options?: SubscribeOptions): AsyncIterable<Envelope[]>;
  close(): Promise<void>;
}
