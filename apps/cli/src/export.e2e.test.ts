import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '@dateline/event-store';
import { describe, expect, it } from 'vitest';
import { dateline, SEED_LOG } from './test/dateline.js';

const seed = SEED_LOG;
/** `dateline export --format csv --store <seed log>` with more arguments. */
const seedCsv = (...args: string[]) =>
  dateline('export', '--format', 'csv', '--store', seed, ...args);

const ids = (csv: string) =>
  csv
    .split('\r\n')
    .slice(1)
    .map((line) => /^([a-z0-9-]+),\d{4}-\d{2}-\d{2},/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);

// Each case runs the built CLI several times; on two shared cores that takes seconds.
describe('dateline export', { timeout: 60_000 }, () => {
  it('writes TimelineJS JSON for the seed log to stdout, data only', async () => {
    const result = await dateline('export', '--format', 'timelinejs', '--store', seed);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { events: { unique_id: string; group: string }[] };
    expect(doc.events).toHaveLength(22);
    expect(doc.events.find((e) => e.unique_id === 'paris-summit')?.group).toBe('summit');
    expect(result.stderr).toMatch(/exported 22 facts as timelinejs from the log at position 63/);
  });

  it('filters, narrows to what was reported by a date, and travels back in the log', async () => {
    const visits = await seedCsv('--filter', 'kind=visit,call');
    expect(visits.code).toBe(0);
    expect(ids(visits.stdout).sort()).toStrictEqual([
      'starmer-washington-visit',
      'trump-putin-call',
    ]);
    expect(visits.stderr).not.toMatch(/note:/);

    // An id the log does not hold is not an error, but the empty export says why.
    const named = await seedCsv(
      '--filter',
      'actor=Donald Trump',
      '--filter',
      'article=no-such-article',
    );
    expect(named.code).toBe(0);
    expect(ids(named.stdout)).toStrictEqual([]);
    expect(named.stderr).toMatch(
      /note: the log at position \d+ has no actor "Donald Trump", article "no-such-article"; filters take ids/,
    );

    const both = await seedCsv('--filter', 'kind=statement', '--filter', 'country=NL');
    expect(ids(both.stdout)).toStrictEqual(['dutch-signal-contribution']);

    const early = await seedCsv('--reported-by', '2025-02-16');
    expect(early.code).toBe(0);
    expect(ids(early.stdout)).toStrictEqual([]);

    // Position 31 is the last actor: no fact had been recorded yet.
    const before = await dateline(
      'export',
      '--format',
      'timelinejs',
      '--store',
      seed,
      '--as-of',
      '31',
    );
    expect(JSON.parse(before.stdout).events).toStrictEqual([]);
    const firstArticle = await dateline(
      'export',
      '--format',
      'timelinejs',
      '--store',
      seed,
      '--as-of',
      '44',
    );
    expect(JSON.parse(firstArticle.stdout).events.length).toBeGreaterThan(0);
    expect(JSON.parse(firstArticle.stdout).events.length).toBeLessThan(22);
  });

  it('writes the planned and expected facts as a calendar to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-export-'));
    const out = join(dir, 'story.ics');
    const result = await dateline('export', '--format', 'ics', '--store', seed, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const ics = readFileSync(out, 'utf8');
    expect(ics.match(/^UID:.*$/gm)?.sort()).toStrictEqual([
      'UID:starmer-washington-visit@dateline',
      'UID:us-russia-talks@dateline',
    ]);
    expect(ics).toContain('DTSTART;VALUE=DATE:20250224\r\nDTEND;VALUE=DATE:20250303');
  });

  it('exports the raw log so that dateline verify reports the same head hash', async () => {
    const original = await dateline('verify', '--store', seed);
    const head = /head hash ([0-9a-f]{64})/.exec(original.stdout)?.[1];
    expect(head).toBeDefined();

    const copy = mkdtempSync(join(tmpdir(), 'dateline-ndjson-'));
    mkdirSync(join(copy, 'segments'));
    const out = join(copy, 'segments', '00000001.ndjson');
    const exported = await dateline('export', '--format', 'ndjson', '--store', seed, '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`head hash ${head}`);
    // The same events as the seed's segment, each line in the canonical form the store writes now.
    const stored = readFileSync(join(seed, 'segments', '00000001.ndjson'), 'utf8').split('\n');
    expect(readFileSync(out, 'utf8').split('\n')).toStrictEqual(
      stored.map((line) => (line ? canonicalJson(JSON.parse(line)) : line)),
    );
    const verified = await dateline('verify', '--store', copy);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('ok: 63 events');
    expect(verified.stdout).toContain(`head hash ${head}`);

    // A prefix verifies too, and never ends inside an append (32–45 was one import).
    const prefix = mkdtempSync(join(tmpdir(), 'dateline-ndjson-'));
    mkdirSync(join(prefix, 'segments'));
    const inside = await dateline('export', '--format', 'ndjson', '--store', seed, '--as-of', '40');
    expect(inside.stdout.split('\n').filter(Boolean)).toHaveLength(31);
    expect(inside.stderr).toMatch(/position 40 falls inside an append/);
    const piped = await dateline('export', '--format', 'ndjson', '--store', seed, '--as-of', '45');
    expect(piped.stdout.split('\n').filter(Boolean)).toHaveLength(45);
    writeFileSync(join(prefix, 'segments', '00000001.ndjson'), piped.stdout);
    const verifiedPrefix = await dateline('verify', '--store', prefix);
    expect(verifiedPrefix.stdout).toContain('ok: 45 events');
  });

  it('refuses what it cannot do, with a usage exit code', async () => {
    const filtered = await dateline(
      'export',
      '--format',
      'ndjson',
      '--store',
      seed,
      '--filter',
      'kind=call',
    );
    expect(filtered.code).toBe(64);
    expect(filtered.stderr).toMatch(/raw log cannot be filtered/);
    expect(filtered.stdout).toBe('');
    const format = await dateline('export', '--format', 'pdf', '--store', seed);
    expect(format.code).toBe(64);
    const key = await seedCsv('--filter', 'colour=red');
    expect(key.code).toBe(64);
    expect(key.stderr).toMatch(/unknown filter "colour"/);
    const asOf = await seedCsv('--as-of', 'soon');
    expect(asOf.code).toBe(64);
    const reported = await seedCsv('--reported-by', 'soon');
    expect(reported.code).toBe(64);
    // As the API: a position past the head, an empty title, a title on the raw log, an option or
    // a single-valued filter given twice are refused, never quietly read some other way.
    for (const [args, pattern] of [
      [
        ['--format', 'csv', '--as-of', '1000'],
        /--as-of: position 1000 is past the head of the log \(position 63\)/,
      ],
      [['--format', 'ndjson', '--as-of', '1000'], /past the head/],
      [['--format', 'ics', '--title', ' '], /--title: give a title/],
      [['--format', 'ndjson', '--title', 'Log'], /--title: the raw log has no title/],
      [['--format', 'csv', '--format', 'ics'], /--format was given twice; give it once/],
      [['--format', 'csv', '--as-of', '1', '--as-of', '2'], /--as-of was given twice/],
      [
        ['--format', 'csv', '--filter', 'from=2025-01-01', '--filter', 'from=2025-02-01'],
        /filter from: give it once/,
      ],
    ] as const) {
      const refused = await dateline('export', '--store', seed, ...args);
      expect(refused.code, args.join(' ')).toBe(64);
      expect(refused.stderr, args.join(' ')).toMatch(pattern);
      expect(refused.stdout, args.join(' ')).toBe('');
    }
    // Empty values are refused too, not taken as absent.
    for (const option of ['--as-of=', '--reported-by=']) {
      const empty = await seedCsv(option);
      expect(empty.code, option).toBe(64);
      expect(empty.stdout).toBe('');
    }
  });

  it('never writes into the store it reads, and reports an unwritable --out in one line', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-export-self-'));
    mkdirSync(join(store, 'segments'));
    const segment = join(store, 'segments', '00000001.ndjson');
    writeFileSync(segment, readFileSync(join(seed, 'segments', '00000001.ndjson')));
    const before = readFileSync(segment);
    for (const format of ['ndjson', 'csv']) {
      const self = await dateline('export', '--format', format, '--store', store, '--out', segment);
      expect(self.code).toBe(64);
      expect(self.stderr).toMatch(/is inside the event store.s own files/);
      expect(readFileSync(segment).equals(before)).toBe(true);
    }
    const nowhere = await dateline(
      'export',
      '--format',
      'ndjson',
      '--store',
      seed,
      '--out',
      join(store, 'missing-dir', 'log.ndjson'),
    );
    // Refused before anything is read, as an output that cannot be created.
    expect(nowhere.code).toBe(73);
    expect(nowhere.stderr.trim()).toMatch(/^dateline: --out .*: the directory .* is not there/);
    expect(nowhere.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a store that is not there instead of exporting an empty log', async () => {
    const missing = join(tmpdir(), 'dateline-no-such-store');
    const result = await dateline('export', '--format', 'csv', '--store', missing);
    expect(result.code).toBe(66);
    expect(result.stderr).toMatch(/no such directory/);
    expect(result.stdout).toBe('');
  });
});
