import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '@dateline/event-store';
import { startTestPostgres } from '@dateline/event-store/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dateline, SEED_LOG } from './test/dateline.js';

const seedLog = SEED_LOG;
const server = startTestPostgres();
afterAll(async () => (await server).stop(), 60_000);

const headHash = (out: string) => /head hash ([0-9a-f]{64})/.exec(out)?.[1];

describe('dateline migrate', () => {
  it('copies the seed log file → PostgreSQL → file with the same head hash, and resumes into a prefix', async () => {
    const source = mkdtempSync(join(tmpdir(), 'dateline-migrate-src-'));
    cpSync(join(seedLog, 'segments'), join(source, 'segments'), { recursive: true });
    const url = await (await server).createDatabase('dateline_migrate');
    const sourceHash = headHash((await dateline('verify', '--store', source)).stdout);
    expect(sourceHash).toMatch(/^[0-9a-f]{64}$/);

    const toPg = await dateline('migrate', '--from', source, '--to', url);
    expect(toPg.stderr).toBe('');
    expect(toPg.stdout).toContain(`hash ${sourceHash}`);

    // The PostgreSQL copy verifies to the same head.
    const pgVerify = await dateline('verify', '--store', url);
    expect(pgVerify.code).toBe(0);
    expect(headHash(pgVerify.stdout)).toBe(sourceHash);

    const back = mkdtempSync(join(tmpdir(), 'dateline-migrate-back-'));
    const toFile = await dateline('migrate', '--from', url, '--to', back);
    expect(toFile.code).toBe(0);
    expect(headHash((await dateline('verify', '--store', back)).stdout)).toBe(sourceHash);
    // Every line comes back as the canonical JSON the file store writes: byte for byte the line a
    // store wrote in that form, and the seed's older field-order lines with their keys sorted.
    const lines = (dir: string) =>
      readFileSync(join(dir, 'segments', '00000001.ndjson'), 'utf8').split('\n');
    expect(lines(back)).toStrictEqual(
      lines(source).map((line) => (line ? canonicalJson(JSON.parse(line)) : line)),
    );

    // Running it again: the target already holds everything, nothing is copied.
    const again = await dateline('migrate', '--from', source, '--to', url);
    expect(again.stdout).toMatch(/resuming after them\ncopied 0 events/);

    // A row changed behind the log's back is named by its position.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      `UPDATE dateline_events SET data = jsonb_set(data, '{summary}', '"rewritten"') WHERE position = 40`,
    );
    await client.end();
    const tampered = await dateline('verify', '--store', url);
    expect(tampered.code).toBe(1);
    // PostgreSQL reads refuse the row themselves (its hash is recomputed as it is read).
    expect(tampered.stderr).toMatch(
      /FAILED: position 40: its content does not match its hash: the row was changed in place/,
    );
  }, 60_000);

  it('fails verify when the head row is moved back behind the events, or names another hash', async () => {
    const source = mkdtempSync(join(tmpdir(), 'dateline-migrate-head-'));
    cpSync(join(seedLog, 'segments'), join(source, 'segments'), { recursive: true });
    const url = await (await server).createDatabase('dateline_head_row');
    expect((await dateline('migrate', '--from', source, '--to', url)).code).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        'UPDATE dateline_head SET position = 60, hash = (SELECT hash FROM dateline_events WHERE position = 60)',
      );
      const behind = await dateline('verify', '--store', url);
      expect(behind.code).toBe(1);
      expect(behind.stderr).toMatch(
        /FAILED: position 61: 3 events are stored after the recorded head \(position 60\)/,
      );
      await client.query(
        'UPDATE dateline_head SET position = 63, hash = (SELECT hash FROM dateline_events WHERE position = 62)',
      );
      const wrongHash = await dateline('verify', '--store', url);
      expect(wrongHash.code).toBe(1);
      expect(wrongHash.stderr).toMatch(
        /FAILED: position 63: the recorded head's hash is not the hash of the event at position 63/,
      );
    } finally {
      await client.end();
    }
  }, 60_000);

  it('says when it cuts a torn tail off the target before resuming', async () => {
    const source = mkdtempSync(join(tmpdir(), 'dateline-migrate-src-'));
    cpSync(join(seedLog, 'segments'), join(source, 'segments'), { recursive: true });
    // The first 30 lines of the seed: part of its first append (31 actors), as a crash leaves it.
    const target = mkdtempSync(join(tmpdir(), 'dateline-migrate-torn-'));
    mkdirSync(join(target, 'segments'));
    const lines = readFileSync(join(seedLog, 'segments', '00000001.ndjson'), 'utf8').split('\n');
    writeFileSync(
      join(target, 'segments', '00000001.ndjson'),
      `${lines.slice(0, 30).join('\n')}\n`,
    );
    const result = await dateline('migrate', '--from', source, '--to', target);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /target store: recovered a torn tail: cut \d+ unacknowledged byte/,
    );
    expect(result.stdout).toMatch(/copied 63 events/);
  });

  it('refuses a target that is not a prefix of the source', async () => {
    const source = mkdtempSync(join(tmpdir(), 'dateline-migrate-src-'));
    cpSync(join(seedLog, 'segments'), join(source, 'segments'), { recursive: true });
    const other = mkdtempSync(join(tmpdir(), 'dateline-migrate-other-'));
    await dateline(
      'import',
      '--store',
      other,
      join(import.meta.dirname, '..', 'test', 'fixtures', 'article.yaml'),
    );
    const result = await dateline('migrate', '--from', source, '--to', other);
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/not a prefix of the source/);

    // As import: a new log starts only in an existing empty directory.
    const typo = join(other, 'no', 'such', 'dir');
    const nowhere = await dateline('migrate', '--from', source, '--to', typo);
    expect(nowhere.code).toBe(66);
    expect(nowhere.stderr).toMatch(/--to .*: no such directory/);
    expect(existsSync(join(other, 'no'))).toBe(false);
  });
});
