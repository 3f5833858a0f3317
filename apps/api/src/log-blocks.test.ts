import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogBlocks } from './log-blocks.js';

describe('LogBlocks', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-log-blocks-'));
    file = join(dir, 'out.log');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const blocksTo = (blockChars: number) => {
    const out = pino.destination({ dest: file, sync: true });
    return { blocks: new LogBlocks(out, blockChars), out };
  };
  const written = () => readFileSync(file, 'utf8');

  it('holds lines until a block is full, then writes them whole and in order', () => {
    const { blocks, out } = blocksTo(20);
    blocks.write('first line\n');
    expect(written()).toBe('');
    blocks.write('second line\n'); // 23 characters held: a block
    expect(written()).toBe('first line\nsecond line\n');
    blocks.write('third\n');
    expect(written()).toBe('first line\nsecond line\n');
    blocks.flushSync();
    expect(written()).toBe('first line\nsecond line\nthird\n');
    out.destroy();
  });

  it("writes what it holds on pino's flush, with the callback told", () => {
    const { blocks, out } = blocksTo(4096);
    const logger = pino({ base: { service: 'test' } }, blocks);
    logger.info({ n: 1 }, 'één');
    logger.warn({ n: 2 }, 'two');
    expect(written()).toBe('');
    let told = false;
    logger.flush(() => {
      told = true;
    });
    expect(told).toBe(true);
    const lines = written()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.level, l.n, l.msg, l.service])).toEqual([
      [30, 1, 'één', 'test'],
      [40, 2, 'two', 'test'],
    ]);
    out.destroy();
  });

  it('tells the flush callback when writing fails', () => {
    const { blocks, out } = blocksTo(4096);
    blocks.write('held\n');
    out.destroy();
    let error: Error | undefined;
    blocks.flush((e) => {
      error = e;
    });
    expect(error?.message).toMatch(/destroyed/i);
  });
});
