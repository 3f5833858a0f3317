import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runEventStoreContract } from '../contract.js';
import type { Envelope, NewEvent } from '../envelope.js';
import { computeHash } from '../envelope.js';
import {
  ConcurrencyError,
  CorruptLogError,
  InvalidAppendError,
  StoreUnavailableError,
} from '../errors.js';
import { getInMemoryEventStore } from '../memory.js';
import { startTestPostgres } from '../testing/postgres-server.js';
import { verifyStore } from '../verify.js';
import { getPostgresEventStore, type PostgresEventStoreOptions } from './postgres-store.js';

const server = startTestPostgres();
afterAll(async () => (await server).stop(), 60_000);

async function freshStore(options: PostgresEventStoreOptions = {}) {
  const url = await (await server).createDatabase();
  return { url, store: await getPostgresEventStore(url, options) };
}

runEventStoreContract('postgres', async (options) => {
  const { store } = await freshStore(options);
  return { store, cleanup: () => store.close() };
});

const event = (n: number, extra: Record<string, unknown> = {}): NewEvent => ({
  type: 'TestHappened',
  schemaVersion: 1,
  data: { n, text: `event ${n}`, nested: { b: 2, a: [1, 'x'] }, ...extra },
});

describe('postgres store: the same log as the other adapters', () => {
  it('hashes the same events to the same chain as the in-memory store', async () => {
    const fixed = () => new Date('2025-02-17T10:00:00.000Z');
    const { store } = await freshStore({ now: fixed });
    const memory = getInMemoryEventStore({ now: fixed });
    for (let i = 1; i <= 5; i++) {
      const e = { ...event(i, { unicode: 'Élysée – “quotes”' }), eventId: `id-${i}` };
      await store.append(`s-${i % 2}`, [e], { expectedVersion: 'any' });
      await memory.append(`s-${i % 2}`, [e], { expectedVersion: 'any' });
    }
    expect(await store.head()).toEqual(await memory.head());
    const read: Envelope[] = [];
    for await (const e of store.readAll()) read.push(e);
    for (const e of read) expect(computeHash(e)).toBe(e.hash);
    await store.close();
  });

  it('migrates once when several instances start together', async () => {
    const url = await (await server).createDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => getPostgresEventStore(url)));
    await stores[0]!.append('s', [event(1)], { expectedVersion: 'no_stream' });
    expect((await stores[2]!.head()).position).toBe(1);
    await Promise.all(stores.map((s) => s.close()));
  });
});

describe('postgres store: concurrency across instances', () => {
  it('many racers on one expected version: exactly one wins', async () => {
    const { url, store } = await freshStore();
    const others = await Promise.all([1, 2, 3].map(() => getPostgresEventStore(url)));
    const all = [store, ...others];
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        all[i % all.length]!.append('contested', [event(i)], { expectedVersion: 'no_stream' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
    await Promise.all(all.map((s) => s.close()));
  });

  it('20 writers × 100 events: positions 1..2000 contiguous, a subscriber on another instance sees all in order, even while writer transactions are held open', async () => {
    const url = await (await server).createDatabase();
    let held = 0;
    // Some writers hold their transaction open for a while before committing.
    const slow = await getPostgresEventStore(url, {
      beforeCommit: async () => {
        if (held++ % 10 === 0) await new Promise((r) => setTimeout(r, 300));
      },
    });
    const writers = [
      slow,
      ...(await Promise.all(Array.from({ length: 3 }, () => getPostgresEventStore(url)))),
    ];
    const reader = await getPostgresEventStore(url, { pollIntervalMs: 50 });

    const seen: number[] = [];
    const controller = new AbortController();
    const subscription = (async () => {
      for await (const e of reader.subscribe({ fromPosition: 1, signal: controller.signal })) {
        seen.push(e.position);
        if (e.position === 2000) controller.abort();
      }
    })();

    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        const store = writers[w % writers.length]!;
        for (let i = 0; i < 100; i++)
          await store.append(`writer-${w}`, [event(w * 1000 + i)], {
            expectedVersion: i === 0 ? 'no_stream' : i,
          });
      }),
    );
    await subscription;
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    const positions: number[] = [];
    for await (const e of reader.readAll()) positions.push(e.position);
    expect(positions).toEqual(seen);
    await Promise.all([...writers, reader].map((s) => s.close()));
  }, 120_000);
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function sql(url: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe('postgres store: rows changed behind its back are refused where they are, as the file store refuses a changed segment', () => {
  async function tenEvents() {
    const { url, store } = await freshStore();
    for (let i = 1; i <= 10; i++)
      await store.append(`s-${i % 2}`, [event(i)], { expectedVersion: 'any' });
    return { url, store };
  }

  it('a deleted row: reads, subscriptions and stream reads stop there and name the position', async () => {
    const { url, store } = await tenEvents();
    await sql(url, 'DELETE FROM dateline_events WHERE position = 5');
    const read = await collect(store.readAll()).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(CorruptLogError);
    expect((read as CorruptLogError).message).toMatch(
      /^corrupt log: PostgreSQL table dateline_events \(position 5\): no row holds this position \(the next row holds position 6\).*restore the table from a backup/,
    );
    // A read that starts past the hole still finds it: the row before the range is linked to.
    await expect(collect(store.readAll({ fromPosition: 6 }))).rejects.toMatchObject({
      position: 5,
    });
    const seen: number[] = [];
    const subscribed = (async () => {
      for await (const e of store.subscribe({ fromPosition: 1 })) seen.push(e.position);
    })();
    await expect(subscribed).rejects.toBeInstanceOf(CorruptLogError);
    expect(seen).toEqual([1, 2, 3, 4]);
    await expect(collect(store.readStream('s-1'))).rejects.toThrow(
      /\(position 7\): stream s-1 is at version 4 here, after version 2/,
    );
    // verify reports the same place as a failure, not a crash.
    expect(await verifyStore(store)).toMatchObject({ ok: false, position: 5 });
    await store.close();
  });

  it('rows deleted at the end, below the recorded head: a read does not end early as if the log were shorter', async () => {
    const { url, store } = await tenEvents();
    await sql(url, 'DELETE FROM dateline_events WHERE position > 8');
    await expect(collect(store.readAll())).rejects.toThrow(
      /\(position 9\): the table ends before this position, though the log's head is at 10/,
    );
    await store.close();
  });

  it('a row replaced with a new hash of its own: the next row no longer links to it', async () => {
    const { url, store } = await tenEvents();
    const [third] = await collect(store.readAll({ fromPosition: 3, toPosition: 3 }));
    const altered = { ...third!, data: { n: 42 } };
    await sql(url, 'UPDATE dateline_events SET data = $1, hash = $2 WHERE position = 3', [
      JSON.stringify(altered.data),
      computeHash(altered),
    ]);
    await expect(collect(store.readAll())).rejects.toThrow(
      /\(position 4\): its prevHash does not link to the hash of position 3/,
    );
    await store.close();
  });

  it('a row whose content was changed in place, its hash kept: refused at that row, not served', async () => {
    const { url, store } = await tenEvents();
    await sql(url, `UPDATE dateline_events SET data = '{"n":42}' WHERE position = 3`);
    const seen: number[] = [];
    const read = (async () => {
      for await (const e of store.readAll()) seen.push(e.position);
    })();
    await expect(read).rejects.toThrow(
      /\(position 3\): its content does not match its hash: the row was changed in place/,
    );
    expect(seen).toEqual([1, 2]);
    expect(await verifyStore(store)).toMatchObject({ ok: false, position: 3 });
    await store.close();
  });
});

describe('postgres store: a head row that no longer describes the last row refuses appends, and leaves the table as it is', () => {
  async function rows(url: string): Promise<number> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM dateline_events',
      );
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  }

  it('moved back behind its rows: a CorruptLogError, not a duplicate-key error from the database', async () => {
    const { url, store } = await freshStore();
    for (let i = 1; i <= 5; i++) await store.append('s', [event(i)], { expectedVersion: 'any' });
    await sql(
      url,
      'UPDATE dateline_head SET position = 3, hash = (SELECT hash FROM dateline_events WHERE position = 3)',
    );
    const error = await store
      .append('t', [event(6)], { expectedVersion: 'no_stream' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptLogError);
    expect((error as Error).message).toMatch(
      /\(position 4\): rows are stored after the recorded head \(dateline_head, position 3\).*nothing was appended; restore the table from a backup/,
    );
    expect(await rows(url)).toBe(5);
    await store.close();
  });

  it('ahead of its rows, or naming another hash: appending would extend a broken chain', async () => {
    const { url, store } = await freshStore();
    for (let i = 1; i <= 5; i++) await store.append('s', [event(i)], { expectedVersion: 'any' });
    await sql(url, 'UPDATE dateline_head SET position = 8');
    await expect(store.append('t', [event(6)], { expectedVersion: 'any' })).rejects.toThrow(
      /\(position 8\): the recorded head \(dateline_head\) is at this position, but no row holds it/,
    );
    await sql(
      url,
      'UPDATE dateline_head SET position = 5, hash = (SELECT hash FROM dateline_events WHERE position = 4)',
    );
    await expect(store.append('t', [event(6)], { expectedVersion: 'any' })).rejects.toThrow(
      /\(position 5\): the recorded head's hash \(dateline_head\) is not this row's hash/,
    );
    expect(await rows(url)).toBe(5);
    await store.close();
  });
});

describe('postgres store: text PostgreSQL cannot hold is refused with the append that carries it, alone', () => {
  it('a NUL or a lone surrogate fails its own append with InvalidAppendError; appends committed with it are stored', async () => {
    let stall = true;
    const { store } = await freshStore({
      // Holds the first transaction open, so that the appends below queue into one batch.
      beforeCommit: async () => {
        if (stall) {
          stall = false;
          await new Promise((r) => setTimeout(r, 300));
        }
      },
    });
    const first = store.append('first', [event(0)], { expectedVersion: 'no_stream' });
    await new Promise((r) => setTimeout(r, 50));
    const batch = [
      store.append('innocent', [event(1)], { expectedVersion: 'no_stream' }),
      store.append('nul', [event(2, { text: 'a\u0000b' })], { expectedVersion: 'any' }),
      store.append('lone', [event(3, { text: 'a\ud800b' })], { expectedVersion: 'any' }),
      store.append('nul-\u0000-stream', [event(4)], { expectedVersion: 'any' }),
      store.append('meta', [{ ...event(5), metadata: { recordedBy: 'x\u0000' } }], {
        expectedVersion: 'any',
      }),
      store.append('escaped', [event(6, { text: 'a\\u0000b' })], { expectedVersion: 'any' }),
    ];
    const [, innocent, nul, lone, stream, meta, escaped] = (await Promise.allSettled([
      first,
      ...batch,
    ])) as PromiseSettledResult<Envelope[]>[] & { length: 7 };
    expect(innocent?.status).toBe('fulfilled');
    expect(escaped?.status).toBe('fulfilled'); // a backslash and "u0000" are ordinary text
    for (const [refused, field] of [
      [nul, /append to "nul": its data holds a NUL character or a lone UTF-16 surrogate/],
      [lone, /append to "lone": its data holds/],
      [stream, /stream or event id "nul-\\u0000-stream" holds a NUL/],
      [meta, /append to "meta": its metadata holds/],
    ] as const) {
      expect(refused?.status).toBe('rejected');
      const reason = (refused as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(InvalidAppendError);
      expect(reason.message).toMatch(field);
    }
    expect(store.healthy()).toBe(true);
    expect((await collect(store.readAll())).map((e) => e.streamId)).toEqual([
      'first',
      'innocent',
      'escaped',
    ]);
    expect(await verifyStore(store)).toMatchObject({ ok: true });
    // A log copied in (dateline migrate) is refused at the event that carries it, by position.
    const source = getInMemoryEventStore();
    await source.append('s', [event(7, { text: 'x\u0000' })], { expectedVersion: 'no_stream' });
    const [copied] = await collect(source.readAll());
    const target = (await freshStore()).store;
    await expect(target.importEnvelopes([copied!])).rejects.toThrow(
      /the event at position 1 \(id [^)]+\): its data holds a NUL/,
    );
    expect(await target.head()).toMatchObject({ position: 0 });
    await Promise.all([store.close(), target.close()]);
  });
});

describe('postgres store: opening', () => {
  it('a failed open leaves no connection behind (which held a CLI for ten seconds), and an unreachable database is StoreUnavailableError', async () => {
    const url = await (await server).createDatabase('dateline_foreign');
    await sql(url, 'CREATE TABLE dateline_events (id integer)'); // not Dateline's
    await expect(getPostgresEventStore(url)).rejects.toThrow(/"dateline_events" already exists/);
    const database = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: (await server).url() });
    await admin.connect();
    try {
      // The server notices a closed connection a moment later: allow it 2 s (the pool's idle
      // connections used to stay for 10 s).
      let open = -1;
      for (let tries = 0; tries < 20 && open !== 0; tries++) {
        if (tries > 0) await new Promise((r) => setTimeout(r, 100));
        const { rows } = await admin.query<{ n: string }>(
          'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
          [database],
        );
        open = Number(rows[0]!.n);
      }
      expect(open).toBe(0);
    } finally {
      await admin.end();
    }
    const nowhere = new URL(url);
    nowhere.port = '1';
    await expect(getPostgresEventStore(nowhere.href)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses a database a newer build has migrated, naming the migration', async () => {
    const { url, store } = await freshStore();
    await store.append('s', [event(1)], { expectedVersion: 'no_stream' });
    await store.close();
    await sql(
      url,
      "INSERT INTO dateline_schema_migrations (version, name) VALUES (99, 'from a newer build')",
    );
    await expect(getPostgresEventStore(url)).rejects.toThrow(
      /the database's Dateline schema has migration 99, which this build does not know \(it knows up to 1\)/,
    );
  });
});
