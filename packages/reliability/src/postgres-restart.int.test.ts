import type { Envelope } from '@dateline/event-store';
import { getPostgresEventStore } from '@dateline/event-store/postgres';
import { startTestPostgres } from '@dateline/event-store/testing';
import { afterAll, describe, expect, it } from 'vitest';

const server = startTestPostgres();
afterAll(async () => (await server).stop(), 60_000);

describe('PostgreSQL restarted under load', () => {
  it('appends fail while it is down, the store reports unhealthy, and after it returns nothing is lost', {
    timeout: 120_000,
  }, async () => {
    const pg = await server;
    if (!pg.restart)
      return expect.fail('restart needs the embedded server (DATABASE_URL points elsewhere)');
    const url = await pg.createDatabase('dateline_restart');
    const writer = await getPostgresEventStore(url, { pollIntervalMs: 50 });
    const follower = await getPostgresEventStore(url, { pollIntervalMs: 50 });
    const acks = new Map<string, number>();
    let failures = 0;
    let sawUnhealthy = false;
    let stop = false;

    // Clients keep appending; a failed append is retried with the same event ids.
    const clients = Array.from({ length: 4 }, async (_, c) => {
      for (let n = 0; !stop; n++) {
        const events = [0, 1].map((k) => ({
          eventId: `c${c}-${n}-${k}`,
          type: 'TestHappened',
          schemaVersion: 1,
          data: { c, n, k },
        }));
        for (;;) {
          try {
            const stored = await writer.append(`client-${c}`, events, { expectedVersion: 'any' });
            for (const e of stored) acks.set(e.eventId, e.position);
            break;
          } catch {
            failures++;
            if (!writer.healthy()) sawUnhealthy = true;
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      }
    });

    const waitFor = async (n: number) => {
      while (acks.size < n) await new Promise((r) => setTimeout(r, 10));
    };
    await waitFor(50);
    await pg.restart();
    await waitFor(acks.size + 50);
    await pg.restart();
    await waitFor(acks.size + 50);
    stop = true;
    await Promise.all(clients);

    expect(failures).toBeGreaterThan(0); // the restarts really interrupted writes
    expect(sawUnhealthy).toBe(true);
    expect(writer.healthy()).toBe(true);

    const head = await writer.head();
    const byId = new Map<string, Envelope>();
    const positions: number[] = [];
    for await (const e of follower.readAll({ toPosition: head.position })) {
      positions.push(e.position);
      byId.set(e.eventId, e);
    }
    expect(positions).toEqual(Array.from({ length: head.position }, (_, i) => i + 1));
    for (const [eventId, position] of acks)
      expect(byId.get(eventId)?.position, eventId).toBe(position);
    expect(byId.size).toBe(acks.size); // nothing appended twice, nothing unacknowledged left behind
    await writer.close();
    await follower.close();
  });
});
