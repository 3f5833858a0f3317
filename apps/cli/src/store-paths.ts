import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { segmentsDirectoryHint } from '@dateline/event-store/open';
import { isPostgres } from './config.js';
import { CliError } from './errors.js';

/**
 * Refuses a file store that is not there, for the commands that only read one: a mistyped --store
 * must not pass for an empty log (verify would report "ok: 0 events").
 */
export function requireStore(location: string, option = '--store'): void {
  if (isPostgres(location) || existsSync(join(location, 'segments'))) return;
  const hint = segmentsDirectoryHint(location);
  throw new CliError(
    hint
      ? `${option} ${hint}`
      : existsSync(location)
        ? `${option} ${location} is not an event store (it has no segments/ directory)`
        : `${option} ${location}: no such directory; check the path (or $DATELINE_STORE)`,
    66,
  );
}

/**
 * Refuses a file store a write would create in the wrong place: a new log starts only in an
 * existing empty directory, so a mistyped --store (or $DATELINE_STORE) cannot quietly begin a
 * second log that the API and the web app never read.
 */
export function requireWritableStore(location: string, option = '--store'): void {
  if (isPostgres(location) || existsSync(join(location, 'segments'))) return;
  const stats = statSync(location, { throwIfNoEntry: false });
  if (!stats)
    throw new CliError(
      `${option} ${location}: no such directory; check the path (or $DATELINE_STORE), or create an empty directory there to start a new log`,
      66,
    );
  if (!stats.isDirectory())
    throw new CliError(`${option} ${location} is a file, not an event store directory`, 66);
  if (readdirSync(location).length > 0)
    throw new CliError(
      `${option} ${segmentsDirectoryHint(location) ?? `${location} is not an event store (it has no segments/ directory) and is not empty; a new log starts only in an empty directory`}`,
      66,
    );
}

/** The real path of a file that may not exist yet (its directory's real path, then its name). */
function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/**
 * Refuses an output inside a file store's own files (its segments and its lock): `--out` naming a
 * segment would truncate the log before a byte of it was read.
 */
export function refuseOutputInStore(
  out: string | undefined,
  store: string,
  option = '--out',
): void {
  if (out === undefined || isPostgres(store) || !existsSync(store)) return;
  const root = realPathOf(store);
  const segments = join(root, 'segments');
  const target = realPathOf(out);
  if (target === segments || target.startsWith(segments + sep) || target === join(root, '.lock'))
    throw new CliError(
      `${option} ${out} is inside the event store's own files (${store}); write it somewhere else: the log is never overwritten`,
      64,
    );
}

/**
 * Refuses, before any work, an output the command could not create at the end: a --out file in a
 * directory that is not there or that is itself a directory, a --snapshot-dir that is a file. A
 * replay of a large log would otherwise run for minutes and then fail on the path (exit 73).
 */
export function requireCreatable(
  path: string | undefined,
  option: string,
  kind: 'file' | 'directory',
): void {
  if (path === undefined) return;
  const stats = statSync(path, { throwIfNoEntry: false });
  if (kind === 'directory') {
    if (stats && !stats.isDirectory())
      throw new CliError(`${option} ${path} is a file; give a directory for the snapshots`, 73);
    return;
  }
  if (stats?.isDirectory())
    throw new CliError(`${option} ${path} is a directory; give the path of a file to write`, 73);
  const parent = statSync(dirname(resolve(path)), { throwIfNoEntry: false });
  if (!parent?.isDirectory())
    throw new CliError(
      `${option} ${path}: the directory ${dirname(path)} is not there; create it first`,
      73,
    );
}

/** Whether two --store values name one store: the same URL, or the same directory however spelt. */
export function sameStore(a: string, b: string): boolean {
  if (isPostgres(a) || isPostgres(b)) return a === b;
  return realPathOf(a) === realPathOf(b);
}

/**
 * Refuses a target position the log has not reached, as the API's asOf does, rather than reading
 * it as the head (`export --as-of`, `replay --until`).
 */
export async function refusePastHead(
  store: { head(): Promise<{ position: number }> },
  target: { position: number } | { recordedAt: string } | undefined,
  option: string,
): Promise<void> {
  if (!target || !('position' in target)) return;
  const head = (await store.head()).position;
  if (target.position > head)
    throw new CliError(
      `${option}: position ${target.position} is past the head of the log (position ${head})`,
      64,
    );
}
