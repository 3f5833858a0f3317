import { isAbsolute, resolve } from 'node:path';
import { decodeEvent } from '@dateline/domain';
import { type FileEventStoreOptions, getFileEventStore } from './file/file-store.js';
import type { EventStore } from './port.js';

export interface OpenStoreOptions extends Omit<FileEventStoreOptions, 'validateEvent'> {
  /** Check each stored event against the domain catalogue while loading (default true). */
  validate?: boolean;
}

/** Validates a stored event through the domain's one decode path. */
export function validateWithDomain(type: string, schemaVersion: number, data: unknown): void {
  decodeEvent(type, schemaVersion, data);
}

/**
 * Opens the store named by a location: a directory for the file store, or a postgres:// URL
 * once that adapter exists. Used by the CLI and the API so that both read `--store` the same way.
 */
export async function openEventStore(
  location: string,
  options: OpenStoreOptions = {},
): Promise<EventStore & { tornTail?: unknown }> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new Error(
      'the PostgreSQL store is not available yet; use a directory for the file store',
    );
  }
  const dir = isAbsolute(location) ? location : resolve(location);
  const { validate = true, ...rest } = options;
  return getFileEventStore(dir, {
    ...rest,
    ...(validate ? { validateEvent: validateWithDomain } : {}),
  });
}
