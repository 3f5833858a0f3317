import type { Profile } from '../config.js';
import type { GeneratedLog } from '../generator/generate-log.js';

export interface LogInfo extends GeneratedLog {
  dir: string;
  reused: boolean;
}

/** What every measurement gets from the runner. */
export interface BenchContext {
  profile: Profile;
  /** Rebuild apps/web before measuring it (otherwise its existing production build is used). */
  buildWeb: boolean;
  /** The large log (replay, verify, startup), generated on first use and cached between runs. */
  mainLog(): Promise<LogInfo>;
  /** The smaller log behind the GraphQL servers, the web page and the PostgreSQL comparison. */
  serveLog(): Promise<LogInfo>;
  /** A log of `events` events (same seed), e.g. for PostgreSQL. */
  logOf(events: number): Promise<LogInfo>;
  say(message: string): void;
}

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
