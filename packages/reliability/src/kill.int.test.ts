import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { describe, expect, it } from 'vitest';
import { runKillCycles } from './kill-harness.js';

const SOAK = Boolean(process.env.DATELINE_SOAK);
const CYCLES = SOAK ? 500 : 50;
const SEED = Number(process.env.DATELINE_SEED ?? Date.now() % 1_000_000);

describe('kill -9 under concurrent appends (file store)', () => {
  it(`loses nothing over ${CYCLES} crashes (seed ${SEED})`, {
    timeout: SOAK ? 1_800_000 : 180_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-kill-'));
    const run = await runKillCycles({ dir, cycles: CYCLES, clients: 4, seed: SEED });
    expect(run.acks.size).toBeGreaterThan(0);

    // Opening verifies every hash, link, position and stream version, and refuses damage before the tail.
    const store = await getFileEventStore(dir, { readOnly: true });
    const byId = new Map<string, Envelope>();
    let count = 0;
    for await (const e of store.readAll()) {
      count++;
      expect(byId.has(e.eventId)).toBe(false);
      byId.set(e.eventId, e);
    }
    await store.close();

    // Every acknowledged event survived exactly once, at the position and with the hash acknowledged.
    for (const ack of run.acks.values()) {
      const stored = byId.get(ack.eventId);
      expect(stored, ack.eventId).toBeDefined();
      expect(stored?.position).toBe(ack.position);
      expect(stored?.hash).toBe(ack.hash);
    }
    // Every append is whole: its three events sit at consecutive positions of its stream.
    for (const request of run.requests) {
      const events = request.eventIds.map((id) => byId.get(id));
      const present = events.filter(Boolean).length;
      expect(present === 0 || present === 3, request.eventIds.join()).toBe(true);
      if (present === 3) {
        const [a, b, c] = events as Envelope[];
        expect([b!.position - a!.position, c!.position - b!.position]).toEqual([1, 1]);
      }
    }
    // Nothing is in the log that no client asked for, and every request ended acknowledged.
    expect(count).toBe(run.requests.length * 3);
    expect(run.acks.size).toBe(count);
    console.log(
      `kill -9: ${CYCLES} cycles, ${run.requests.length} appends (${count} events), ${run.retries} retried after a crash`,
    );
  });
});
