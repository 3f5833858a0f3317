import { dirname } from 'node:path';
import type { Envelope } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { getPostgresEventStore } from '@dateline/event-store/postgres';
import type { TestPostgres } from '@dateline/event-store/testing';
import { SEED_SEGMENTS } from './harness.js';

/** A fresh database of a test server, holding a copy of the repository's seed log. */
export async function seededDatabase(server: TestPostgres, prefix: string): Promise<string> {
  const url = await server.createDatabase(prefix);
  const source = await getFileEventStore(dirname(SEED_SEGMENTS), { readOnly: true });
  const target = await getPostgresEventStore(url);
  const all: Envelope[] = [];
  for await (const e of source.readAll()) all.push(e);
  await target.importEnvelopes(all);
  await Promise.all([source.close(), target.close()]);
  return url;
}
