import type pg from 'pg';
import { GENESIS_HASH } from '../envelope.js';

/** Versioned, append-only list of schema changes. Never edit an applied migration; add one. */
export const MIGRATIONS: Array<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'events and head',
    sql: `
      CREATE TABLE dateline_events (
        position        bigint  PRIMARY KEY,
        stream_id       text    NOT NULL,
        stream_version  integer NOT NULL,
        event_id        text    NOT NULL,
        type            text    NOT NULL,
        schema_version  integer NOT NULL,
        -- kept as the exact ISO 8601 text that was hashed; it sorts chronologically
        recorded_at     text    NOT NULL,
        data            jsonb   NOT NULL,
        metadata        jsonb   NOT NULL,
        prev_hash       text    NOT NULL,
        hash            text    NOT NULL,
        CONSTRAINT dateline_events_stream_version UNIQUE (stream_id, stream_version),
        CONSTRAINT dateline_events_event_id UNIQUE (event_id),
        CONSTRAINT dateline_events_position_positive CHECK (position > 0)
      );
      CREATE INDEX dateline_events_by_type ON dateline_events (type, position);
      -- One row: the last committed position and its hash, updated in the appending transaction.
      CREATE TABLE dateline_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position  bigint  NOT NULL,
        hash      text    NOT NULL
      );
      INSERT INTO dateline_head (position, hash) VALUES (0, '${GENESIS_HASH}');
    `,
  },
];

const MIGRATION_LOCK = 7_301_001; // an arbitrary advisory-lock key owned by Dateline's migrations

/** Brings the schema up to date. Safe from several instances at once: they queue on an advisory lock. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS dateline_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM dateline_schema_migrations',
    );
    const done = new Set(rows.map((r) => r.version));
    // A newer build changed the schema: this one would write rows in a shape it no longer has.
    const known = new Set(MIGRATIONS.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v)).sort((a, b) => a - b);
    if (unknown.length > 0) {
      throw new Error(
        `the database's Dateline schema has migration${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}, which this build does not know (it knows up to ${Math.max(...known)}): a newer Dateline migrated it; run that version or a later one`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO dateline_schema_migrations (version, name) VALUES ($1, $2)',
          [migration.version, migration.name],
        );
        await client.query('COMMIT');
        applied.push(migration.version);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
