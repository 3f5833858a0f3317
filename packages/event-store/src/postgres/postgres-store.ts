import pg from 'pg';
import { computeHash, type Envelope, GENESIS_HASH } from '../envelope.js';
import {
  CorruptLogError,
  InvalidAppendError,
  StoreClosedError,
  StoreUnavailableError,
} from '../errors.js';
import {
  clampRange,
  HeadSignal,
  LogIndex,
  portMethods,
  prepareWrite,
  subscribeBatches,
  touchedBy,
  type WriteRequest,
} from '../log-core.js';
import type { EventStore, LogHead, ReadAllOptions, SubscribeOptions } from '../port.js';
import { migrate } from './migrations.js';

const APPEND_LOCK = 7_301_002; // serialises appenders across every instance: see docs/postgres.md
const CHANNEL = 'dateline_events';
const READ_BATCH = 1000;
const COLUMNS =
  'position, stream_id, stream_version, event_id, type, schema_version, recorded_at, data, metadata, prev_hash, hash';

export interface PostgresEventStoreOptions {
  now?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
  /** How often to re-read the head when no notification arrives (a safety net; default 1000 ms). */
  pollIntervalMs?: number;
  poolSize?: number;
  /** Test hook: runs inside the append transaction, after the insert and before COMMIT. */
  beforeCommit?: () => Promise<void>;
}

export interface PostgresEventStore extends EventStore {
  /** False while the database cannot be reached; true again after a successful query. */
  healthy(): boolean;
}

interface Row {
  position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  recorded_at: string;
  data: unknown;
  metadata: Envelope['metadata'];
  prev_hash: string;
  hash: string;
}

function toEnvelope(row: Row): Envelope {
  return {
    position: Number(row.position),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    recordedAt: row.recorded_at,
    data: row.data,
    metadata: row.metadata,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

interface PendingAppend {
  write: WriteRequest;
  resolve: (value: Envelope[][]) => void;
  reject: (error: unknown) => void;
}

/**
 * The PostgreSQL adapter. Appends take one transaction-scoped advisory lock, so positions are
 * assigned and committed strictly in order across all instances; the head row is updated in the
 * same transaction and NOTIFY tells every listening instance about it after COMMIT.
 */
/** Where damage found by a read is named: the table (there is no file or line to name). */
const EVENTS_TABLE = 'PostgreSQL table dateline_events';
/** What a read finds when rows no longer continue the chain they were written as. */
const RESTORE =
  'restore the table from a backup, then check it with `dateline verify --store <this database>`';
const BEHIND = `behind Dateline's back; ${RESTORE}`;

function damageAt(position: number, reason: string): CorruptLogError {
  return new CorruptLogError(EVENTS_TABLE, undefined, position, reason);
}

function missing(found: number): string {
  return `no row holds this position (the next row holds position ${found}): a row was deleted or renumbered ${BEHIND}`;
}

/**
 * Whether the head row still describes the last row (checked under the append lock, before each
 * append): the row at its position exists and has its hash, and none lies beyond it.
 */
function headDamage(
  position: number,
  hash: string,
  eventHash: string | null,
  beyond: boolean,
): CorruptLogError | undefined {
  const refused = `behind Dateline's back; nothing was appended; ${RESTORE}`;
  if (beyond)
    return damageAt(
      position + 1,
      `rows are stored after the recorded head (dateline_head, position ${position}): the head row was moved back, or rows were added ${refused}`,
    );
  if (position === 0) return undefined;
  if (eventHash === null)
    return damageAt(
      position,
      `the recorded head (dateline_head) is at this position, but no row holds it: rows were deleted, or the head row moved ${refused}`,
    );
  if (eventHash !== hash)
    return damageAt(
      position,
      `the recorded head's hash (dateline_head) is not this row's hash: one of them was changed ${refused}`,
    );
  return undefined;
}

// A NUL, or a lone UTF-16 surrogate: PostgreSQL's text cannot hold the first, its jsonb neither.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const notText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
// The same in JSON.stringify's output, which writes both as \u escapes (after an even run of \).
const NOT_TEXT_JSON = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/;

/**
 * The JSON text of an envelope's data and metadata for the INSERT, or InvalidAppendError when the
 * envelope holds what PostgreSQL cannot store (the domain refuses such text at the door; this is
 * for other writers of the port, and for a file log copied in).
 */
function storable(e: Envelope, kind: 'append' | 'import'): [string, string] {
  const data = JSON.stringify(e.data);
  const metadata = JSON.stringify(e.metadata);
  // Stream and event ids were looked at before the batch's lookups (see commitBatch).
  const field = notText(e.type)
    ? 'its type'
    : data.includes('\\u') && NOT_TEXT_JSON.test(data)
      ? 'its data'
      : metadata.includes('\\u') && NOT_TEXT_JSON.test(metadata)
        ? 'its metadata'
        : undefined;
  if (field === undefined) return [data, metadata];
  const which =
    kind === 'import'
      ? `the event at position ${e.position} (id ${e.eventId})`
      : `event ${e.metadata.append?.index ?? 0} of the append to "${e.streamId}"`;
  throw new InvalidAppendError(
    `${which}: ${field} holds a NUL character or a lone UTF-16 surrogate, which PostgreSQL cannot store; write it as well-formed text (nothing of this append was stored)`,
  );
}

/** Error codes of a connection that failed or went away, as node and PostgreSQL report them. */
const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * A database that cannot be reached becomes StoreUnavailableError, so callers can tell "try again
 * later" from a refusal; anything else is passed on as it is. SQLSTATE class 08 is a connection
 * exception, 57P01–57P03 an administrator or crash shutdown.
 */
function unavailable(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const lost =
    (typeof code === 'string' &&
      (CONNECTION_FAILURES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code))) ||
    (error instanceof Error && /^Connection terminated/.test(error.message));
  return lost ? new StoreUnavailableError(error) : error;
}

/** Runs a database call, turning a lost connection into StoreUnavailableError. */
async function reaching<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailable(error);
  }
}

export async function getPostgresEventStore(
  url: string,
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> {
  const log = options.log ?? (() => {});
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4 });
  let healthy = true;
  pool.on('error', (error) => {
    healthy = false;
    log('PostgreSQL connection error', { error: String(error) });
  });
  /**
   * Opening steps: one that fails ends the pool (whose idle connections would otherwise hold the
   * process for ten seconds) and reports an unreachable database as StoreUnavailableError.
   */
  async function opening<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw unavailable(error);
    }
  }
  await opening(() => migrate(pool));

  const signal = new HeadSignal();
  const queue: PendingAppend[] = [];
  let writing = false;
  let closed = false;
  let knownHead: LogHead = await opening(readHead);

  async function readHead(): Promise<LogHead> {
    const { rows } = await reaching(() =>
      pool.query<{ position: string; hash: string }>('SELECT position, hash FROM dateline_head'),
    );
    const row = rows[0];
    return row
      ? { position: Number(row.position), hash: row.hash }
      : { position: 0, hash: '0'.repeat(64) };
  }

  function advance(head: LogHead): void {
    if (head.position > knownHead.position) {
      knownHead = head;
      signal.notify(head.position);
    }
  }

  // Follow writes from every instance: LISTEN, with a periodic re-read as a safety net.
  let listener: pg.Client | undefined;
  async function listen(): Promise<void> {
    if (closed) return;
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {
      if (listener !== client) return; // a failed connect is retried by its caller
      healthy = false;
      listener = undefined;
      client.end().catch(() => undefined);
      relisten();
    });
    client.on('notification', (message) => {
      const position = Number(message.payload);
      if (Number.isSafeInteger(position) && position > knownHead.position) void refresh();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
    await refresh(); // anything committed while nobody listened
  }
  /** Reconnects the listener until it succeeds or the store closes; the poll covers the gap. */
  function relisten(): void {
    if (closed) return;
    setTimeout(() => {
      listen().catch(() => relisten());
    }, 250).unref();
  }
  async function refresh(): Promise<void> {
    try {
      advance(await readHead());
      healthy = true;
    } catch {
      healthy = false;
    }
  }
  await opening(listen);
  const poll = setInterval(() => void refresh(), options.pollIntervalMs ?? 1000);
  poll.unref();

  /**
   * Reads positions from..to (all at or below a committed head). Rows are checked as they are read,
   * at the cost of two comparisons each: every position is there, in turn, and links to the hash of
   * the one before (the row before `from` is read for that). A row deleted, added or replaced behind
   * Dateline's back is refused with its place, as the file store refuses a segment changed under it,
   * never read past as a shorter log: a subscriber or a download would otherwise skip events, or end
   * early, as if nothing were wrong. What was read whole before the damage is handed on first (so
   * `verifyStore` still names the first bad event). Every hash is recomputed by `dateline verify`.
   */
  async function* readRange(from: number, to: number): AsyncIterable<Envelope[]> {
    if (from > to) return;
    let next = from;
    // The hash the next row must link to; the row before `from` comes with the first query.
    let prevHash: string | undefined = from === 1 ? GENESIS_HASH : undefined;
    let first = from === 1 ? from : from - 1;
    while (next <= to) {
      const { rows } = await reaching(() =>
        pool.query<Row>(
          `SELECT ${COLUMNS} FROM dateline_events WHERE position >= $1 AND position <= $2 ORDER BY position LIMIT ${READ_BATCH}`,
          [first, to],
        ),
      );
      const batch: Envelope[] = [];
      let damage: CorruptLogError | undefined;
      if (rows.length === 0)
        damage = damageAt(
          prevHash === undefined ? from - 1 : next,
          `the table ends before this position, though the log's head is at ${to} or beyond: rows were deleted ${BEHIND}`,
        );
      for (const row of rows) {
        const e = toEnvelope(row);
        if (prevHash === undefined) {
          // The row before the range: only its hash is wanted.
          if (e.position !== from - 1) {
            damage = damageAt(from - 1, missing(e.position));
            break;
          }
          prevHash = e.hash;
          continue;
        }
        if (e.position !== next) {
          damage = damageAt(next, missing(e.position));
          break;
        }
        if (e.prevHash !== prevHash) {
          damage = damageAt(
            next,
            `its prevHash does not link to the hash of position ${next - 1}: a row was changed or replaced ${BEHIND}`,
          );
          break;
        }
        // As the file store hashes every line when it opens a log: a row's content changed in place
        // (its hash kept) is refused, not served to a reader, a download or a rebuild.
        if (computeHash(e) !== e.hash) {
          damage = damageAt(
            next,
            `its content does not match its hash: the row was changed in place ${BEHIND}`,
          );
          break;
        }
        batch.push(e);
        prevHash = e.hash;
        next++;
      }
      first = next;
      if (batch.length > 0) yield batch;
      if (damage) throw damage;
    }
  }

  async function commitBatch(batch: PendingAppend[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      healthy = false;
      for (const item of batch) item.reject(unavailable(error));
      return;
    }
    const accepted: Array<{ item: PendingAppend; results: Envelope[][] }> = [];
    let broken: Error | undefined;
    // A checked-out connection that dies between queries emits 'error'; the next query reports it.
    const onConnectionError = (error: Error) => {
      broken = error;
    };
    client.on('error', onConnectionError);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const head = (
        await client.query<{
          position: string;
          hash: string;
          recorded_at: string | null;
          event_hash: string | null;
          last_position: string | null;
        }>(
          // max(position) is read from the end of the primary key's index.
          `SELECT h.position, h.hash, e.recorded_at, e.hash AS event_hash,
             (SELECT max(position) FROM dateline_events) AS last_position
           FROM dateline_head h LEFT JOIN dateline_events e ON e.position = h.position`,
        )
      ).rows[0]!;
      const damage = headDamage(
        Number(head.position),
        head.hash,
        head.event_hash,
        Number(head.last_position ?? 0) > Number(head.position),
      );
      if (damage) {
        // Appending would extend a broken chain (or collide with a row past the head): refuse it
        // whole, as the file store refuses to open such a log, and leave the table as it is.
        await client.query('ROLLBACK');
        for (const item of batch) item.reject(damage);
        return;
      }
      // An id PostgreSQL cannot hold would fail the lookups below for every append of the batch.
      const writable = batch.filter((item) => {
        const { streamIds, eventIds } = touchedBy(item.write);
        const bad = [...streamIds, ...eventIds].find((id) => typeof id === 'string' && notText(id));
        if (bad !== undefined)
          item.reject(
            new InvalidAppendError(
              `the stream or event id ${JSON.stringify(bad)} holds a NUL character or a lone UTF-16 surrogate, which PostgreSQL cannot store; use well-formed text (nothing of this append was stored)`,
            ),
          );
        return bad === undefined;
      });
      const touched = writable.map((b) => touchedBy(b.write));
      const streamIds = [...new Set(touched.flatMap((t) => t.streamIds))];
      const eventIds = [...new Set(touched.flatMap((t) => t.eventIds))];
      const versions = await client.query<{ stream_id: string; version: number }>(
        'SELECT stream_id, max(stream_version) AS version FROM dateline_events WHERE stream_id = ANY($1) GROUP BY stream_id',
        [streamIds],
      );
      const existing = await client.query<Row>(
        `SELECT ${COLUMNS} FROM dateline_events WHERE event_id = ANY($1)`,
        [eventIds],
      );

      // The part of the log these appends touch, in the shape the shared decision expects.
      const index = new LogIndex();
      index.head = { position: Number(head.position), hash: head.hash };
      // Another instance's clock may be ahead of this one's: never stamp before the head.
      index.headRecordedAt = head.recorded_at ?? undefined;
      for (const v of versions.rows) index.knowStreamVersion(v.stream_id, Number(v.version));
      const stored = new Map<number, Envelope>();
      for (const row of existing.rows) {
        const e = toEnvelope(row);
        stored.set(e.position, e);
        index.eventIds.add(e.eventId, e.position);
      }
      const fresh: Envelope[] = [];
      const dataJson: string[] = [];
      const metadataJson: string[] = [];
      for (const item of writable) {
        try {
          const prepared = prepareWrite(index, item.write, (p) => stored.get(p)!, options.now);
          // Refused here, alone, rather than by the INSERT, which would fail the whole batch of
          // appends committed together with a raw database error.
          const json = prepared.fresh.map((e) => storable(e, item.write.kind));
          for (const [data, metadata] of json) {
            dataJson.push(data);
            metadataJson.push(metadata);
          }
          for (const e of prepared.fresh) {
            index.add(e);
            stored.set(e.position, e);
          }
          fresh.push(...prepared.fresh);
          accepted.push({ item, results: prepared.results });
        } catch (error) {
          item.reject(error);
        }
      }
      if (fresh.length > 0) {
        await client.query(
          `INSERT INTO dateline_events (${COLUMNS})
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[])`,
          [
            fresh.map((e) => e.position),
            fresh.map((e) => e.streamId),
            fresh.map((e) => e.streamVersion),
            fresh.map((e) => e.eventId),
            fresh.map((e) => e.type),
            fresh.map((e) => e.schemaVersion),
            fresh.map((e) => e.recordedAt),
            dataJson,
            metadataJson,
            fresh.map((e) => e.prevHash),
            fresh.map((e) => e.hash),
          ],
        );
        await client.query('UPDATE dateline_head SET position = $1, hash = $2', [
          index.head.position,
          index.head.hash,
        ]);
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, String(index.head.position)]);
        await options.beforeCommit?.();
      }
      await client.query('COMMIT');
      healthy = true;
      if (fresh.length > 0) advance({ ...index.head });
      for (const a of accepted) a.item.resolve(a.results);
    } catch (error) {
      // Refusals of single appends were settled above; what reaches here is the database failing.
      // Drop the connection rather than return a possibly broken one to the pool. A retry with the
      // same event ids is safe even if COMMIT did land before the connection died.
      broken = error instanceof Error ? error : new Error(String(error));
      healthy = false;
      await client.query('ROLLBACK').catch(() => undefined);
      for (const item of batch) item.reject(unavailable(error));
    } finally {
      client.off('error', onConnectionError);
      client.release(broken);
    }
  }

  async function pump(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      while (queue.length > 0) await commitBatch(queue.splice(0, queue.length));
    } finally {
      writing = false;
    }
  }

  function enqueue(write: WriteRequest): Promise<Envelope[][]> {
    if (closed) return Promise.reject(new StoreClosedError());
    return new Promise<Envelope[][]>((resolve, reject) => {
      queue.push({ write, resolve, reject });
      void pump();
    });
  }

  const store: PostgresEventStore = {
    ...portMethods({
      write: enqueue,
      readAllBatches: (options) => store.readAllBatches(options),
      subscribeBatches: (options) => store.subscribeBatches(options),
    }),
    healthy: () => healthy,
    async *readAllBatches(opts: ReadAllOptions = {}) {
      // Another instance may have written since this one last heard: read to the database's head.
      advance(await readHead());
      const [from, to] = clampRange(opts.fromPosition, opts.toPosition, knownHead.position);
      yield* readRange(from, to);
    },
    async *readStream(streamId: string) {
      const { rows } = await reaching(() =>
        pool.query<Row>(
          `SELECT ${COLUMNS} FROM dateline_events WHERE stream_id = $1 ORDER BY stream_version`,
          [streamId],
        ),
      );
      let version = 0;
      for (const row of rows) {
        const e = toEnvelope(row);
        // Stream versions are contiguous from 1, as positions are: a gap is a deleted row.
        if (e.streamVersion !== ++version)
          throw damageAt(
            e.position,
            `stream ${streamId} is at version ${e.streamVersion} here, after version ${version - 1}: a row was deleted or changed ${BEHIND}`,
          );
        yield e;
      }
    },
    async head() {
      advance(await readHead());
      return { ...knownHead };
    },
    async eventsBeyondHead() {
      const { rows } = await reaching(() =>
        pool.query<{ count: string }>(
          'SELECT count(*) AS count FROM dateline_events WHERE position > COALESCE((SELECT position FROM dateline_head), 0)',
        ),
      );
      return Number(rows[0]?.count ?? 0);
    },
    subscribeBatches(opts?: SubscribeOptions) {
      return subscribeBatches(readRange, () => knownHead.position, signal, opts);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      while (writing || queue.length > 0) await new Promise((r) => setImmediate(r));
      signal.close();
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
  return store;
}
