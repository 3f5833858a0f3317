import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEventStoreContract } from '../contract.js';
import {
  canonicalJson,
  type Envelope,
  envelopeLine,
  type NewEvent,
  sealEnvelope,
} from '../envelope.js';
import { CorruptLogError, StoreFailedError, StoreLockedError } from '../errors.js';
import { type FileEventStore, getFileEventStore } from './file-store.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'dateline-file-store-'));
const event = (n: number): NewEvent => ({
  type: 'TestHappened',
  schemaVersion: 1,
  data: { n, text: `event number ${n}` },
});
const segment = (dir: string, n = 1) =>
  join(dir, 'segments', `${String(n).padStart(8, '0')}.ndjson`);

runEventStoreContract('file', async (options) => {
  const dir = tempDir();
  const store = await getFileEventStore(dir, options);
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

async function seeded(count: number, options: Parameters<typeof getFileEventStore>[1] = {}) {
  const dir = tempDir();
  const store = await getFileEventStore(dir, options);
  for (let i = 1; i <= count; i++)
    await store.append(`s-${i % 2}`, [event(i)], { expectedVersion: 'any' });
  const head = await store.head();
  await store.close();
  return { dir, head };
}

async function positions(store: FileEventStore): Promise<number[]> {
  const out: number[] = [];
  for await (const e of store.readAll()) out.push(e.position);
  return out;
}

describe('file store: recorded times after a restart', () => {
  it("reads the head's time on open, so a clock behind it does not stamp an append earlier", async () => {
    const dir = tempDir();
    try {
      const first = await getFileEventStore(dir, {
        now: () => new Date('2025-02-17T10:00:00.000Z'),
      });
      await first.append('s-1', [event(1)], { expectedVersion: 'no_stream' });
      await first.close();
      const again = await getFileEventStore(dir, {
        now: () => new Date('2025-02-17T09:00:00.000Z'),
      });
      const [late] = await again.append('s-2', [event(2)], { expectedVersion: 'no_stream' });
      expect(late?.recordedAt).toBe('2025-02-17T10:00:00.000Z');
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('file store: durability and reopening', () => {
  it('reopens at the same head and keeps chaining', async () => {
    const { dir, head } = await seeded(5);
    const store = await getFileEventStore(dir);
    expect(await store.head()).toEqual(head);
    const [next] = await store.append('s-9', [event(6)], { expectedVersion: 'no_stream' });
    expect(next?.prevHash).toBe(head.hash);
    expect(next?.position).toBe(6);
    await store.close();
  });

  it('takes a retry that lands in the same write as its original as a retry, not an error', async () => {
    // The first append is being written while the other two queue: those two are decided in one
    // batch, the second after the first was indexed but before it reached the disk.
    const { dir } = await seeded(1);
    const store = await getFileEventStore(dir);
    const same: NewEvent = { ...event(7), eventId: 'retried-id' };
    const [, first, retry] = await Promise.all([
      store.append('s-8', [event(2)], { expectedVersion: 'any' }),
      store.append('s-9', [same], { expectedVersion: 'any' }),
      store.append('s-9', [same], { expectedVersion: 'any' }),
    ]);
    expect(retry).toEqual(first);
    expect(first?.[0]?.position).toBe(3);
    expect((await store.head()).position).toBe(3);
    await store.close();
    const reopened = await getFileEventStore(dir);
    expect(await positions(reopened)).toEqual([1, 2, 3]);
    await reopened.close();
  });

  it('writes every line as LF-terminated JSON of the envelope', async () => {
    const { dir } = await seeded(3);
    const lines = readFileSync(segment(dir), 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      position: 1,
      streamVersion: 1,
      type: 'TestHappened',
    });
  });

  it('writes canonical lines that hash as they lie, and still reads lines in the older field order', async () => {
    const { dir } = await seeded(3);
    const lines = readFileSync(segment(dir), 'utf8').split('\n').slice(0, 3);
    for (const line of lines) expect(line).toBe(canonicalJson(JSON.parse(line)));
    // The seed log's first events were written with their fields in envelope order, not sorted.
    const fieldOrder = lines.map((line) => {
      const e = JSON.parse(line) as Envelope;
      return JSON.stringify({
        position: e.position,
        streamId: e.streamId,
        streamVersion: e.streamVersion,
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        recordedAt: e.recordedAt,
        data: e.data,
        metadata: e.metadata,
        prevHash: e.prevHash,
        hash: e.hash,
      });
    });
    writeFileSync(segment(dir), `${fieldOrder.join('\n')}\n`);
    const store = await getFileEventStore(dir);
    await store.append('s-4', [event(4)], { expectedVersion: 'any' });
    await store.close();
    const mixed = readFileSync(segment(dir), 'utf8').split('\n');
    expect(mixed.slice(0, 3)).toEqual(fieldOrder);
    expect(mixed[3]).toBe(canonicalJson(JSON.parse(mixed[3]!)));
    const reopened = await getFileEventStore(dir, { readOnly: true });
    expect(await positions(reopened)).toEqual([1, 2, 3, 4]);
    await reopened.close();
    // A field-order line that was altered is still found out, by the slow path.
    writeFileSync(segment(dir), mixed.join('\n').replace('event number 2', 'event number 9'));
    await expect(getFileEventStore(dir, { readOnly: true })).rejects.toThrow(
      /line 2 \(position 2\): hash does not match/,
    );
  });

  it('rolls over to a new segment past the size threshold and reads across segments', async () => {
    const { dir } = await seeded(40, { segmentMaxBytes: 2000 });
    const files = await readdir(join(dir, 'segments'));
    expect(files.length).toBeGreaterThan(3);
    const store = await getFileEventStore(dir, { segmentMaxBytes: 2000 });
    expect(await positions(store)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const range: number[] = [];
    for await (const e of store.readAll({ fromPosition: 17, toPosition: 23 }))
      range.push(e.position);
    expect(range).toEqual([17, 18, 19, 20, 21, 22, 23]);
    await store.close();
  });

  it('opens after a crash that left a new, empty segment', async () => {
    const { dir, head } = await seeded(4);
    writeFileSync(segment(dir, 2), '');
    const store = await getFileEventStore(dir);
    expect(await store.head()).toEqual(head);
    await store.append('s', [event(5)], { expectedVersion: 'any' });
    expect(await positions(store)).toEqual([1, 2, 3, 4, 5]);
    await store.close();
  });
});

describe('file store: torn tails are cut back to the last valid event', () => {
  it('at every byte offset of the last record', async () => {
    const { dir } = await seeded(3);
    const full = readFileSync(segment(dir));
    const lastStart = full.subarray(0, full.length - 1).lastIndexOf(10) + 1;
    const prefix = full.subarray(0, lastStart);
    for (let cut = lastStart; cut < full.length; cut++) {
      writeFileSync(segment(dir), full.subarray(0, cut));
      const messages: string[] = [];
      const store = await getFileEventStore(dir, { log: (m) => messages.push(m) });
      expect((await store.head()).position).toBe(2);
      if (cut > lastStart) expect(messages.join()).toMatch(/torn tail/);
      await store.close();
      expect(readFileSync(segment(dir)).equals(prefix)).toBe(true);
    }
  });

  it.each([
    ['NUL padding', 3, (b: Buffer) => Buffer.concat([b, Buffer.alloc(4096)])],
    ['a missing newline', 2, (b: Buffer) => b.subarray(0, b.length - 1)],
    [
      'garbage after the last record',
      3,
      (b: Buffer) => Buffer.concat([b, Buffer.from('{"position":4,')]),
    ],
  ])('%s', async (_name, expected, damage) => {
    const { dir } = await seeded(3);
    const original = readFileSync(segment(dir));
    writeFileSync(segment(dir), damage(original));
    const store = await getFileEventStore(dir);
    expect((await store.head()).position).toBe(expected);
    expect(store.tornTail).toBeDefined();
    await store.append('s', [event(9)], { expectedVersion: 'any' });
    await store.close();
    const reopened = await getFileEventStore(dir);
    expect(await positions(reopened)).toEqual(
      Array.from({ length: expected + 1 }, (_, i) => i + 1),
    );
    await reopened.close();
  });

  it('cuts an append of several events that was only partly written', async () => {
    const dir = tempDir();
    const store = await getFileEventStore(dir);
    await store.append('a', [event(1)], { expectedVersion: 'no_stream' });
    await store.append('b', [event(2), event(3), event(4)], { expectedVersion: 'no_stream' });
    await store.close();
    const bytes = readFileSync(segment(dir));
    const lines = bytes.toString().split('\n');
    writeFileSync(segment(dir), `${lines.slice(0, 3).join('\n')}\n`); // event 4 of the append never reached the disk
    // A reader folding the log as it loads is never handed the events recovery cuts.
    const loaded: number[] = [];
    const reopened = await getFileEventStore(dir, {
      onLoad: (events) => loaded.push(...events.map((e) => e.position)),
    });
    expect(await reopened.head()).toMatchObject({ position: 1 });
    expect(reopened.tornTail?.reason).toMatch(/append of 3 events was cut short/);
    expect(loaded).toEqual([1]);
    await reopened.close();
  });

  it('hands every event to onLoad once, whole and in order, across segments', async () => {
    const { dir } = await seeded(40, { segmentMaxBytes: 2000 });
    const loaded: Envelope[] = [];
    const store = await getFileEventStore(dir, {
      readOnly: true,
      onLoad: (events) => loaded.push(...events),
    });
    const read: Envelope[] = [];
    for await (const e of store.readAll()) read.push(e);
    expect(loaded).toStrictEqual(read);
    expect(loaded).toHaveLength(40);
    await store.close();
  });

  it('a read-only open reports the torn tail and changes nothing', async () => {
    const { dir } = await seeded(3);
    appendFileSync(segment(dir), '{"partial":');
    const before = readFileSync(segment(dir));
    const store = await getFileEventStore(dir, { readOnly: true });
    expect(store.tornTail).toMatchObject({ bytes: 11, reason: 'partial record without a newline' });
    expect((await store.head()).position).toBe(3);
    await store.close();
    expect(readFileSync(segment(dir)).equals(before)).toBe(true);
  });
});

function flip(buffer: Buffer, at: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[at] = (copy[at] ?? 0) ^ 0x04;
  return copy;
}

describe('file store: damage before the tail is refused with its location', () => {
  async function damaged(mutate: (lines: string[]) => string[]) {
    const { dir } = await seeded(5);
    const lines = readFileSync(segment(dir), 'utf8').split('\n').slice(0, -1);
    writeFileSync(segment(dir), `${mutate(lines).join('\n')}\n`);
    const before = readFileSync(segment(dir));
    const error = await getFileEventStore(dir).catch((e: unknown) => e);
    expect(readFileSync(segment(dir)).equals(before)).toBe(true); // nothing cut
    return error as CorruptLogError;
  }

  it('an altered event', async () => {
    const error = await damaged((l) =>
      l.map((line, i) => (i === 1 ? line.replace('event number 2', 'event number X') : line)),
    );
    expect(error).toBeInstanceOf(CorruptLogError);
    expect(error).toMatchObject({ file: '00000001.ndjson', line: 2, position: 2 });
    expect(error.message).toMatch(/hash does not match/);
  });

  it('a missing event (a gap)', async () => {
    const error = await damaged((l) => l.filter((_, i) => i !== 2));
    expect(error).toMatchObject({ line: 3, position: 3 });
    expect(error.message).toMatch(/gap: position 4 where 3 was expected/);
  });

  it('a missing segment', async () => {
    const { dir } = await seeded(40, { segmentMaxBytes: 2000 });
    const segments = (await readdir(join(dir, 'segments'))).sort();
    expect(segments.length).toBeGreaterThan(2);
    rmSync(join(dir, 'segments', segments[1] as string));
    const error = await getFileEventStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptLogError);
    expect(error).toMatchObject({ file: segments[1] });
    expect((error as Error).message).toMatch(
      new RegExp(
        `the segment is missing from .*segments \\(the next one there is ${segments[2]}\\)`,
      ),
    );
  });

  it('a duplicated event', async () => {
    const error = await damaged((l) => [...l.slice(0, 3), l[2]!, ...l.slice(3)]);
    expect(error.message).toMatch(/duplicate position 3/);
    expect(error).toMatchObject({ line: 4 });
  });

  it('an event id used twice, in an otherwise well-chained log', async () => {
    const error = await damaged((l) => {
      let prevHash = (JSON.parse(l[2]!) as Envelope).hash;
      return l.map((line, i) => {
        if (i < 3) return line;
        const { hash: _, ...e } = JSON.parse(line) as Envelope;
        const eventId = i === 3 ? (JSON.parse(l[1]!) as Envelope).eventId : e.eventId;
        const sealed = sealEnvelope({ ...e, eventId, prevHash });
        prevHash = sealed.hash;
        return envelopeLine(sealed).slice(0, -1);
      });
    });
    expect(error).toMatchObject({ line: 4, position: 4 });
    expect(error.message).toMatch(/event id \S+ already stored at position 2/);
  });

  it('a CRLF line in the middle', async () => {
    const error = await damaged((l) => l.map((line, i) => (i === 1 ? `${line}\r` : line)));
    expect(error.message).toMatch(/CRLF/);
  });

  it('an event the domain cannot decode', async () => {
    const { dir } = await seeded(3);
    const error = await getFileEventStore(dir, {
      validateEvent: (type, _v, data) => {
        if ((data as { n: number }).n === 2) throw new Error(`${type} is not in the catalogue`);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptLogError);
    expect((error as Error).message).toMatch(
      /line 2 \(position 2\): undecodable event: TestHappened is not in the catalogue/,
    );
  });

  it('an altered last event: refused with its place, never cut as if it were a torn tail', async () => {
    const error = await damaged((l) =>
      l.map((line, i) => (i === 4 ? line.replace('event number 5', 'event number X') : line)),
    );
    expect(error).toBeInstanceOf(CorruptLogError);
    expect(error).toMatchObject({ file: '00000001.ndjson', line: 5, position: 5 });
    expect(error.message).toMatch(/hash does not match.*not an unfinished write/);
    // verify says the same, read-only.
    const { dir } = await seeded(2);
    const lines = readFileSync(segment(dir), 'utf8').split('\n');
    lines[1] = lines[1]!.replace('event number 2', 'event number Y');
    writeFileSync(segment(dir), lines.join('\n'));
    await expect(getFileEventStore(dir, { readOnly: true })).rejects.toThrow(
      /line 2 \(position 2\): hash does not match/,
    );
  });

  it('an altered event inside the last append of several: refused, the append kept', async () => {
    const dir = tempDir();
    const store = await getFileEventStore(dir);
    await store.append('s-1', [event(1)], { expectedVersion: 'no_stream' });
    await store.appendBatch([
      { streamId: 's-2', events: [event(2)], expectedVersion: 'no_stream' },
      { streamId: 's-3', events: [event(3)], expectedVersion: 'no_stream' },
      { streamId: 's-4', events: [event(4)], expectedVersion: 'no_stream' },
    ]);
    await store.close();
    const before = readFileSync(segment(dir), 'utf8');
    writeFileSync(segment(dir), before.replace('event number 4', 'event number Z'));
    const error = await getFileEventStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptLogError);
    expect(error).toMatchObject({ line: 4, position: 4 });
    expect(readFileSync(segment(dir), 'utf8')).toBe(
      before.replace('event number 4', 'event number Z'),
    );
  });

  it.each([
    ['a flipped bit that keeps the last record JSON', (b: Buffer) => flip(b, b.length - 20)],
    // A crash leaves an unfinished line or NUL holes, never other bytes before a newline.
    ['a flipped bit that breaks the JSON of the last record', (b: Buffer) => flip(b, b.length - 2)],
    [
      'a byte order mark before the last record',
      (b: Buffer) => {
        const start = b.subarray(0, b.length - 1).lastIndexOf(10) + 1;
        return Buffer.concat([
          b.subarray(0, start),
          Buffer.from([0xef, 0xbb, 0xbf]),
          b.subarray(start),
        ]);
      },
    ],
    [
      'a CRLF ending on the last record',
      (b: Buffer) => Buffer.concat([b.subarray(0, b.length - 1), Buffer.from('\r\n')]),
    ],
  ])('%s: refused, not cut', async (_name, damage) => {
    const { dir } = await seeded(3);
    writeFileSync(segment(dir), damage(readFileSync(segment(dir))));
    const before = readFileSync(segment(dir));
    const error = await getFileEventStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptLogError);
    expect(error).toMatchObject({ line: 3, position: 3 });
    expect((error as Error).message).toMatch(/truncate 00000001\.ndjson to \d+ bytes/);
    expect(readFileSync(segment(dir)).equals(before)).toBe(true);
  });

  it('a last line re-hashed over bytes that are not JSON: refused with its place, the lock let go', async () => {
    // The header-only read does not parse data (docs/reliability.md); the writer's open reads
    // the head's time, and that read names the damage rather than failing bare.
    const { dir } = await seeded(3);
    const lines = readFileSync(segment(dir), 'utf8').split('\n');
    const last = (lines[2] as string).replace('{"data":{', '{"data":{oops,');
    const member = /,"hash":"[0-9a-f]{64}"/.exec(last)?.[0] as string;
    const hash = createHash('sha256').update(last.replace(member, '')).digest('hex');
    lines[2] = last.replace(member, `,"hash":"${hash}"`);
    writeFileSync(segment(dir), lines.join('\n'));
    const readOnly = await getFileEventStore(dir, { readOnly: true });
    expect((await readOnly.head()).position).toBe(3);
    await readOnly.close();
    const error = await getFileEventStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptLogError);
    expect(error).toMatchObject({ file: '00000001.ndjson', line: 3, position: 3 });
    expect((error as Error).message).toMatch(/not valid JSON/);
    // Nothing holds the store: the next writer gets the same answer, not "locked".
    await expect(getFileEventStore(dir)).rejects.toBeInstanceOf(CorruptLogError);
  });

  it('NUL holes a crash can leave in the last lines are still a torn tail', async () => {
    const { dir } = await seeded(3);
    appendFileSync(segment(dir), Buffer.concat([Buffer.alloc(40), Buffer.from('"n":4}}\n')]));
    const store = await getFileEventStore(dir, { readOnly: true });
    expect(store.tornTail?.reason).toMatch(/NUL bytes/);
    expect((await store.head()).position).toBe(3);
    await store.close();
  });

  it('an undecodable last event: refused, never cut as if it were a torn tail', async () => {
    // An intact, acknowledged event (say, of a type a newer Dateline knows) is not damage.
    const { dir } = await seeded(3);
    const before = readFileSync(segment(dir));
    const error = await getFileEventStore(dir, {
      validateEvent: (type, _v, data) => {
        if ((data as { n: number }).n === 3) throw new Error(`${type} is not in the catalogue`);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptLogError);
    expect((error as Error).message).toMatch(/line 3 \(position 3\): undecodable event/);
    expect(readFileSync(segment(dir)).equals(before)).toBe(true);
  });
});

describe('file store: a segment changed under the running store', () => {
  async function readAfter(mutate: (dir: string, files: string[]) => void) {
    const { dir } = await seeded(40, { segmentMaxBytes: 2000 });
    const store = await getFileEventStore(dir, { segmentMaxBytes: 2000 });
    const files = (await readdir(join(dir, 'segments'))).sort();
    mutate(join(dir, 'segments'), files);
    const read: number[] = [];
    const error = await (async () => {
      for await (const e of store.readAll()) read.push(e.position);
    })().catch((e: unknown) => e);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    return { error: error as CorruptLogError, read, files };
  }

  it('the last segment cut short: the read fails at the first missing position', async () => {
    const { error, read, files } = await readAfter((segments, names) => {
      const last = join(segments, names.at(-1)!);
      const lines = readFileSync(last, 'utf8').split('\n');
      writeFileSync(last, `${lines.slice(0, -3).join('\n')}\n`); // two whole lines gone
    });
    expect(read).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
    expect(error).toBeInstanceOf(CorruptLogError);
    expect(error).toMatchObject({ file: files.at(-1), position: 39 });
    expect(error.message).toMatch(
      /segments end before this position .*changed under the running store/,
    );
  });

  it('a line taken out of an earlier segment: refused where the positions stop matching', async () => {
    const { error, read, files } = await readAfter((segments, names) => {
      const first = join(segments, names[0]!);
      const lines = readFileSync(first, 'utf8').split('\n');
      writeFileSync(first, [...lines.slice(0, 2), ...lines.slice(3)].join('\n'));
    });
    // Nothing of the batch that holds the damage is handed out.
    expect(read).toEqual([]);
    expect(error).toMatchObject({ file: files[0], line: 3, position: 3 });
    expect(error.message).toMatch(/holds position 4 where the store read 3/);
  });
});

describe('file store: one writer across processes', () => {
  it('refuses a second writer, naming the holder', async () => {
    const dir = tempDir();
    const store = await getFileEventStore(dir, { tool: 'test-writer' });
    const error = await getFileEventStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toMatch(
      new RegExp(`locked by pid ${process.pid} \\(test-writer\\)`),
    );
    await store.close();
    const again = await getFileEventStore(dir);
    await again.close();
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) =>
      child.on('exit', () => resolve(child.pid!)),
    );
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: deadPid, tool: 'crashed' }));
    const store = await getFileEventStore(dir);
    await store.append('s', [event(1)], { expectedVersion: 'any' });
    await store.close();
  });

  it('two OS processes appending: they take turns through the lock and nothing is lost', async () => {
    const dir = tempDir();
    const script = join(import.meta.dirname, '..', '..', 'test', 'append-worker.mjs');
    const run = (name: string) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [script, dir, name, '25'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          out += d;
        });
        child.on('exit', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`worker ${name} exited ${code}: ${out}`)),
        );
      });
    const outputs = await Promise.all([run('a'), run('b')]);
    expect(outputs.join('')).toMatch(/appended 25/);
    const store = await getFileEventStore(dir, { readOnly: true });
    const all: number[] = [];
    const perWorker: Record<string, number> = {};
    for await (const e of store.readAll()) {
      all.push(e.position);
      const worker = (e.data as { worker: string }).worker;
      perWorker[worker] = (perWorker[worker] ?? 0) + 1;
    }
    expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(perWorker).toEqual({ a: 25, b: 25 });
  });
});

describe('file store: group commit', () => {
  it('writes concurrent appends with one fdatasync, also when their callers resume from one acknowledgement', async () => {
    const dir = tempDir();
    const batches: number[] = [];
    const store = await getFileEventStore(dir, {
      io: {
        write: async (h, data) => {
          batches.push(data.toString('utf8').split('\n').length - 1);
          await h.write(data);
        },
        datasync: (h) => h.datasync(),
      },
    });
    // Eight callers, each appending three events one after another, as a newsroom's clients do.
    await Promise.all(
      Array.from({ length: 8 }, async (_, caller) => {
        for (let round = 0; round < 3; round++)
          await store.append(`s-${caller}`, [event(caller * 3 + round)], {
            expectedVersion: 'any',
          });
      }),
    );
    expect(batches).toEqual([8, 8, 8]);
    expect(await positions(store)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('file store: disk faults', () => {
  it('stops acknowledging after a failed fsync, never retries it as success, and reopens clean', async () => {
    const { dir, head } = await seeded(2);
    let failSync = true;
    const store = await getFileEventStore(dir, {
      io: {
        write: async (h, data) => {
          await h.write(data);
        },
        datasync: async (h) => {
          if (failSync)
            throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
          await h.datasync();
        },
      },
    });
    await expect(store.append('s', [event(3)], { expectedVersion: 'any' })).rejects.toBeInstanceOf(
      StoreFailedError,
    );
    failSync = false;
    await expect(store.append('s', [event(4)], { expectedVersion: 'any' })).rejects.toThrow(
      /stopped accepting writes/,
    );
    expect(await store.head()).toEqual(head);
    await store.close();
    // The unacknowledged event may or may not have reached the disk; either way it is whole or absent.
    const reopened = await getFileEventStore(dir);
    const count = (await reopened.head()).position;
    expect([2, 3]).toContain(count);
    await reopened.append('s', [event(5)], { expectedVersion: 'any' });
    await reopened.close();
  });

  it('reports ENOSPC on write and leaves the log as it was', async () => {
    const { dir, head } = await seeded(2);
    const sizeBefore = statSync(segment(dir)).size;
    const store = await getFileEventStore(dir, {
      io: {
        write: async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
          });
        },
        datasync: (h) => h.datasync(),
      },
    });
    await expect(store.append('s', [event(3)], { expectedVersion: 'any' })).rejects.toThrow(
      /ENOSPC/,
    );
    await store.close();
    expect(statSync(segment(dir)).size).toBe(sizeBefore);
    const reopened = await getFileEventStore(dir);
    expect(await reopened.head()).toEqual(head);
    await reopened.close();
  });
});

describe('file store: a read-only store that follows the writer', () => {
  it('sees appends made by the writer, delivers them to subscribers, and reads across new segments', async () => {
    const dir = tempDir();
    const writer = await getFileEventStore(dir, { segmentMaxBytes: 1500 });
    await writer.append('s', [event(1)], { expectedVersion: 'no_stream' });
    const reader = await getFileEventStore(dir, {
      readOnly: true,
      follow: true,
      followIntervalMs: 5,
    });
    await reader.refresh();
    expect((await reader.head()).position).toBe(1);

    const controller = new AbortController();
    const seen: number[] = [];
    const subscription = (async () => {
      for await (const e of reader.subscribe({ fromPosition: 1, signal: controller.signal })) {
        seen.push(e.position);
        if (e.position === 12) controller.abort();
      }
    })();
    for (let i = 2; i <= 12; i++) await writer.append('s', [event(i)], { expectedVersion: i - 1 });
    await subscription;
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    await reader.refresh();
    expect(await reader.head()).toEqual(await writer.head());
    expect((await readdir(join(dir, 'segments'))).length).toBeGreaterThan(1);
    await reader.close();
    await writer.close();
  });

  it('answers head() from memory and looks at the disk on refresh() or on its timer', async () => {
    const { dir } = await seeded(2);
    const reader = await getFileEventStore(dir, {
      readOnly: true,
      follow: true,
      followIntervalMs: 60_000,
    });
    const writer = await getFileEventStore(dir);
    await writer.append('s-3', [event(3)], { expectedVersion: 'no_stream' });
    expect((await reader.head()).position).toBe(2); // no poll yet: one interval behind at most
    await reader.refresh();
    expect(await reader.head()).toEqual(await writer.head());
    await writer.close();
    await reader.close();
  });

  it('takes an append of several events only once all of them are on disk', async () => {
    const source = tempDir();
    const s = await getFileEventStore(source);
    await s.append('a', [event(1)], { expectedVersion: 'no_stream' });
    await s.append('b', [event(2), event(3), event(4)], { expectedVersion: 'no_stream' });
    await s.close();
    const lines = readFileSync(segment(source), 'utf8').split('\n');

    const dir = tempDir();
    mkdirSync(join(dir, 'segments'));
    writeFileSync(segment(dir), `${lines[0]}\n`);
    const reader = await getFileEventStore(dir, {
      readOnly: true,
      follow: true,
      followIntervalMs: 5,
    });
    appendFileSync(segment(dir), `${lines[1]}\n${lines[2]}\n`); // two of the append's three events
    await reader.refresh();
    expect((await reader.head()).position).toBe(1);
    appendFileSync(segment(dir), `${lines[3]}\n`);
    await reader.refresh();
    expect((await reader.head()).position).toBe(4);
    const read: number[] = [];
    for await (const e of reader.readAll()) read.push(e.position);
    expect(read).toEqual([1, 2, 3, 4]);
    await reader.close();
  });

  it('stops following at a damaged event and says so, keeping what it had', async () => {
    const { dir } = await seeded(2);
    const messages: string[] = [];
    const reader = await getFileEventStore(dir, {
      readOnly: true,
      follow: true,
      followIntervalMs: 5,
      log: (m) => messages.push(m),
    });
    appendFileSync(segment(dir), '{"position":3,"not":"an envelope"}\n');
    await reader.refresh();
    expect((await reader.head()).position).toBe(2);
    expect(messages.join()).toMatch(/stopped following the log: not an event envelope/);
    await reader.close();
  });
});
