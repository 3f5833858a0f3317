import { hash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkLineDigest,
  createDigestContext,
  type Envelope,
  envelopeLine,
  GENESIS_HASH,
  sealEnvelope,
} from '../envelope.js';
import { getFileEventStore } from './file-store.js';
import { LineHasher } from './line-hasher.js';
import { type LoadedLog, type LoadOptions, loadLog } from './load.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-line-hasher-'));
  dirs.push(dir);
  return dir;
};

describe('line hasher: the worker checks a line exactly as this thread does', () => {
  it('over sealed lines, altered lines and lines in other forms', async () => {
    const hasher = new LineHasher();
    try {
      const ctx = createDigestContext();
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              data: fc.jsonValue(),
              streamId: fc.string({ minLength: 1 }),
              flip: fc.option(fc.nat(), { nil: undefined }),
              reorder: fc.boolean(),
            }),
            { minLength: 1, maxLength: 12 },
          ),
          async (specs) => {
            let prevHash = GENESIS_HASH;
            const lines = specs.map((spec, i) => {
              const sealed = sealEnvelope({
                position: i + 1,
                streamId: spec.streamId,
                streamVersion: 1,
                eventId: `e-${i}`,
                type: 'TestHappened',
                schemaVersion: 1,
                recordedAt: '2025-02-17T10:00:00.000Z',
                data: spec.data ?? null,
                metadata: {},
                prevHash,
              });
              prevHash = sealed.hash;
              let line = Buffer.from(
                spec.reorder
                  ? JSON.stringify(reordered(sealed))
                  : envelopeLine(sealed).slice(0, -1),
              );
              if (spec.flip !== undefined) {
                line = Buffer.from(line);
                const at = spec.flip % line.length;
                line[at] = line[at]! ^ 0x04;
                if (line[at] === 10) line[at] = 0x20; // keep it one line
              }
              return line;
            });
            const here = lines.map((line) => {
              const at = checkLineDigest(line, hash, ctx);
              return [at, at < 0 ? -1 : ctx.tail];
            });
            const joined = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
            const shared = new SharedArrayBuffer(joined.length);
            joined.copy(Buffer.from(shared));
            const verdicts = await hasher.check(shared, joined.length);
            const there = [...verdicts.at].map((at, i) => [at, verdicts.tail[i]]);
            expect(there).toEqual(here);
            // Unaltered canonical lines verify on both sides; the checks are not vacuous.
            specs.forEach((spec, i) => {
              if (spec.flip === undefined && !spec.reorder) expect(here[i]![0]).toBeGreaterThan(0);
            });
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await hasher.close();
    }
  });
});

function reordered(e: Envelope): Record<string, unknown> {
  const { hash: h, ...rest } = e;
  return { hash: h, ...rest };
}

describe('loadLog hashing on a worker reads a log exactly as hashing in line', () => {
  // More than the reader's 1 MiB chunks, with one line longer than a chunk.
  async function bigLog(): Promise<string> {
    const dir = tempDir();
    const store = await getFileEventStore(dir, { segmentMaxBytes: 3 * 1024 * 1024 });
    const text = 'x'.repeat(900);
    for (let batch = 0; batch < 40; batch++) {
      const events = Array.from({ length: 100 }, (_, i) => ({
        type: 'TestHappened',
        schemaVersion: 1,
        data: { n: batch * 100 + i, text },
      }));
      await store.append(`s-${batch % 7}`, events, { expectedVersion: 'any' });
      if (batch === 20)
        await store.append(
          'long',
          [{ type: 'TestHappened', schemaVersion: 1, data: { text: 'y'.repeat(1_500_000) } }],
          { expectedVersion: 'any' },
        );
    }
    await store.close();
    return dir;
  }

  async function both(dir: string, options: LoadOptions = {}) {
    const run = async (parallelHashing: boolean) => {
      const events: Envelope[] = [];
      const log = await loadLog(dir, {
        ...options,
        parallelHashing,
        ...(options.onEvents ? { onEvents: (batch) => events.push(...batch) } : {}),
      }).catch((error: unknown) => error);
      return { log, events };
    };
    return { inLine: await run(false), onWorker: await run(true) };
  }

  const summary = (log: LoadedLog) => ({
    head: log.index.head,
    positions: log.positions.size,
    last: log.positions.at(log.positions.size),
    lengths: log.lengths,
    bytesRead: log.bytesRead,
    torn: log.torn,
  });

  it('an intact log of several segments, headers only and whole events', async () => {
    const dir = await bigLog();
    const headers = await both(dir);
    const inLine = headers.inLine.log as LoadedLog;
    expect(inLine.index.head.position).toBe(4001);
    expect(inLine.segments.length).toBeGreaterThan(1);
    expect(summary(headers.onWorker.log as LoadedLog)).toEqual(summary(inLine));
    const whole = await both(dir, { onEvents: () => undefined });
    expect(whole.onWorker.events).toHaveLength(4001);
    expect(whole.onWorker.events).toEqual(whole.inLine.events);
  });

  it('an altered event and a torn tail are found at the same place', async () => {
    const dir = await bigLog();
    const first = join(dir, 'segments', '00000001.ndjson');
    const segments = readdirSync(join(dir, 'segments')).sort();
    const last = join(dir, 'segments', segments[segments.length - 1]!);
    writeFileSync(last, Buffer.concat([readFileSync(last), Buffer.from('{"data":{"n":')]));
    const torn = await both(dir);
    expect((torn.inLine.log as LoadedLog).torn?.reason).toBe('partial record without a newline');
    expect(summary(torn.onWorker.log as LoadedLog)).toEqual(summary(torn.inLine.log as LoadedLog));

    const bytes = readFileSync(first);
    writeFileSync(first, bytes.toString('latin1').replace('"n":1234,', '"n":1235,'), 'latin1');
    const altered = await both(dir);
    expect(String(altered.inLine.log)).toMatch(/line 1235 \(position 1235\): hash does not match/);
    expect(String(altered.onWorker.log)).toBe(String(altered.inLine.log));
  });
});
