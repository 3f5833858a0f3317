import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { decodeEvent } from '@dateline/domain';
import { type FileEventStoreOptions, getFileEventStore } from './file/file-store.js';
import { SEGMENT_DIR, SEGMENT_FILE } from './file/segments.js';
import type { EventStore } from './port.js';
import { getPostgresEventStore } from './postgres/postgres-store.js';

export interface OpenStoreOptions extends Omit<FileEventStoreOptions, 'validateEvent'> {
  /**
   * Also decode each stored event through the domain catalogue while loading the file store
   * (default false). Loading always checks the whole hash chain; events are decoded where they are
   * used (a projection that cannot apply one stops and says where), and `dateline verify --decode`
   * decodes them all.
   */
  validate?: boolean;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** A store's location fit for logs and messages: a PostgreSQL URL's password is masked. */
export function describeStore(location: string): string {
  if (!isPostgresUrl(location) || !URL.canParse(location)) return location;
  const url = new URL(location);
  if (url.password) url.password = '***';
  return url.href;
}

/**
 * When a directory given as a file store is the `segments/` directory of a log (it holds segment
 * files itself and no segments/ of its own), the sentence that says so and names the log's
 * directory; undefined otherwise. Opened as it is, it would be a new, empty log.
 */
export function segmentsDirectoryHint(location: string): string | undefined {
  if (isPostgresUrl(location) || existsSync(join(location, SEGMENT_DIR))) return undefined;
  let names: string[];
  try {
    names = readdirSync(location);
  } catch {
    return undefined;
  }
  const segment = names.find((name) => SEGMENT_FILE.test(name));
  if (segment === undefined) return undefined;
  return `${location} holds segment files itself (${segment}): it is the ${SEGMENT_DIR}/ directory of a log, so give the log's directory, ${dirname(resolve(location))}`;
}

/** Validates a stored event through the domain's one decode path. */
export function validateWithDomain(type: string, schemaVersion: number, data: unknown): void {
  decodeEvent(type, schemaVersion, data);
}

/**
 * Opens the store named by a location: a postgres:// URL for PostgreSQL, otherwise a directory
 * for the file store. The CLI and the API both read `--store` / DATELINE_STORE through here.
 * `onLoad` only applies to the file store (PostgreSQL is not read on open).
 */
export async function openEventStore(
  location: string,
  options: OpenStoreOptions = {},
): Promise<EventStore> {
  if (isPostgresUrl(location)) {
    return getPostgresEventStore(location, {
      ...(options.log ? { log: options.log } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }
  const dir = isAbsolute(location) ? location : resolve(location);
  const { validate = false, ...rest } = options;
  return getFileEventStore(dir, {
    ...rest,
    ...(validate ? { validateEvent: validateWithDomain } : {}),
  });
}
