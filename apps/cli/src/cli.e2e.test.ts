import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFileEventStore } from '@dateline/event-store/file';
import { describe, expect, it } from 'vitest';
import { dateline, SEED_LOG } from './test/dateline.js';

const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures');
const segment = (dir: string) => join(dir, 'segments', '00000001.ndjson');

function headOf(output: string): string {
  return /head position (\d+)/.exec(output)?.[1] ?? 'none';
}

describe('dateline import', () => {
  it('appends a curation file, verifies, and appends nothing the second time', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    const first = await dateline(
      'import',
      '--store',
      store,
      join(fixtures, 'article.yaml'),
      join(fixtures, 'second.yaml'),
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/article\.yaml: appended 6 events \(positions 1–6\)/);
    expect(first.stdout).toMatch(/second\.yaml: appended 2 events/);
    const bytes = readFileSync(segment(store));

    const again = await dateline('import', '--store', store, fixtures);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /article\.yaml: appended 0 events; 6 entries were already in the log/,
    );
    expect(readFileSync(segment(store)).equals(bytes)).toBe(true);

    const verify = await dateline('verify', '--store', store);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/ok: 8 events/);
    expect(verify.stdout).toMatch(/head hash [0-9a-f]{64}/);
  });

  it('refuses a bad file naming the file, entry and field, and appends nothing from it', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    await dateline('import', '--store', store, join(fixtures, 'article.yaml'));
    const before = readFileSync(segment(store));
    const bad = join(store, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(join(fixtures, 'second.yaml'), 'utf8')
        .replace('second-article', 'third-article')
        .replace('fact: phone-call', 'fact: no-such-fact'),
    );
    const result = await dateline('import', '--store', store, bad);
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(
      /bad\.yaml: corroborations\[0\] \(no-such-fact\): no fact with id "no-such-fact"/,
    );
    expect(result.stderr).toMatch(/nothing from this file was appended/);
    expect(readFileSync(segment(store)).equals(before)).toBe(true);

    writeFileSync(bad, 'facts:\n  - id: Bad Id\n    kind: call\n');
    const schema = await dateline('import', '--store', store, bad);
    expect(schema.code).toBe(65);
    expect(schema.stderr).toMatch(
      /bad\.yaml: invalid curation file: facts\[0\] \(Bad Id\)\.id: must be 1–80 lowercase/,
    );

    writeFileSync(bad, 'facts: [\n');
    expect((await dateline('import', '--store', store, bad)).stderr).toMatch(
      /bad\.yaml: not valid YAML/,
    );
    expect(readFileSync(segment(store)).equals(before)).toBe(true);
  });

  it('reads JSON curation files in a directory too, and says what it looked for in one without any', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    const dir = mkdtempSync(join(tmpdir(), 'dateline-cli-json-'));
    const { parse } = await import('yaml');
    const article = parse(readFileSync(join(fixtures, 'article.yaml'), 'utf8')) as unknown;
    writeFileSync(join(dir, '01-article.json'), JSON.stringify(article, null, 2));
    const imported = await dateline('import', '--store', store, dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/01-article\.json: appended 6 events/);

    writeFileSync(join(dir, '02-broken.json'), '{"facts": [');
    const broken = await dateline('import', '--store', store, dir);
    expect(broken.code).toBe(65);
    expect(broken.stderr).toMatch(/02-broken\.json: not valid JSON/);

    const empty = mkdtempSync(join(tmpdir(), 'dateline-cli-empty-'));
    const none = await dateline('import', '--store', store, empty);
    expect(none.code).toBe(64);
    expect(none.stderr).toMatch(/no curation files in .*: give files, or directories holding/);
  });
});

describe('dateline import --dry-run', () => {
  it('finds every entry of the seed curation files already in the seed log', async () => {
    // Importing a file again must append nothing: a change to how entries are resolved (a date's
    // label, say) changes their command ids, and the re-import would refuse its own facts.
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    cpSync(join(SEED_LOG, 'segments'), join(store, 'segments'), { recursive: true });
    const again = await dateline(
      'import',
      '--dry-run',
      '--store',
      store,
      join(SEED_LOG, 'curation'),
    );
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const files = again.stdout.match(/^.*\.yaml: would append \d+ events/gm) ?? [];
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((line) => / would append 0 events/.test(line))).toBe(true);
  });

  it('decides every file as the import would, on top of the ones before it, and appends nothing', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    const first = join(fixtures, 'article.yaml');
    const second = join(fixtures, 'second.yaml');
    await dateline('import', '--store', store, first);
    const before = readFileSync(segment(store));

    const both = await dateline('import', '--dry-run', '--store', store, first, second);
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(
      /article\.yaml: would append 0 events; \d+ entries are already in the log/,
    );
    expect(both.stdout).toMatch(/second\.yaml: would append [1-9]\d* events/);
    expect(both.stdout).toMatch(/nothing was appended/);

    const bad = join(store, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(second, 'utf8')
        .replace('second-article', 'third-article')
        .replace('fact: phone-call', 'fact: no-such-fact'),
    );
    const refused = await dateline('import', '--dry-run', '--store', store, bad);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toMatch(
      /bad\.yaml: corroborations\[0\] \(no-such-fact\): no fact with id "no-such-fact"/,
    );
    expect(refused.stderr).not.toMatch(/nothing from this file was appended/);
    expect(readFileSync(segment(store)).equals(before)).toBe(true);

    const missing = await dateline('import', '--store', store, join(store, 'nope.yaml'));
    expect(missing.code).toBe(66);
  });
});

describe('dateline import into a store that is not there', () => {
  it('starts a new log only in an empty directory, and creates nothing elsewhere', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    const article = join(fixtures, 'article.yaml');
    const typo = join(root, 'evnets');
    const missing = await dateline('import', '--store', typo, article);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/evnets: no such directory; check the path/);
    expect(existsSync(typo)).toBe(false);

    writeFileSync(join(root, 'notes.txt'), 'not a log');
    const crowded = await dateline('import', '--store', root, article);
    expect(crowded.code).toBe(66);
    expect(crowded.stderr).toMatch(/is not an event store .* and is not empty/);
    expect(existsSync(join(root, 'segments'))).toBe(false);

    const fresh = join(root, 'new-log');
    mkdirSync(fresh);
    // A dry run for a log not started yet decides against an empty log and creates nothing.
    const dry = await dateline('import', '--dry-run', '--store', fresh, article);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/article\.yaml: would append 6 events/);
    expect(existsSync(join(fresh, 'segments'))).toBe(false);
    expect((await dateline('import', '--store', fresh, article)).code).toBe(0);
  });
});

describe('dateline verify', () => {
  it('names the file, line and position of a tampered event', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    await dateline('import', '--store', store, join(fixtures, 'article.yaml'));
    const tampered = mkdtempSync(join(tmpdir(), 'dateline-cli-tampered-'));
    cpSync(store, tampered, { recursive: true });
    const lines = readFileSync(segment(tampered), 'utf8').split('\n');
    lines[3] = lines[3]!.replace('Leader A phoned Leader B.', 'Leader B phoned Leader A.');
    writeFileSync(segment(tampered), lines.join('\n'));
    const result = await dateline('verify', '--store', tampered);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /FAILED: 00000001\.ndjson line 4, position 4: hash does not match/,
    );
  });

  it('fails on an altered last event, and an import leaves it in place', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    await dateline('import', '--store', store, join(fixtures, 'article.yaml'));
    const lines = readFileSync(segment(store), 'utf8').split('\n');
    const last = lines.length - 2; // the file ends with a newline
    lines[last] = lines[last]!.replace('"recordedAt":"20', '"recordedAt":"19');
    writeFileSync(segment(store), lines.join('\n'));
    const before = readFileSync(segment(store));
    const result = await dateline('verify', '--store', store);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `FAILED: 00000001\\.ndjson line ${last + 1}, position ${last + 1}: hash does not match`,
      ),
    );
    const importing = await dateline('import', '--store', store, join(fixtures, 'second.yaml'));
    expect(importing.code).toBe(66);
    expect(readFileSync(segment(store)).equals(before)).toBe(true);
  });

  it('refuses to verify a store that is not there, rather than an empty log', async () => {
    const missing = join(tmpdir(), 'dateline-cli-no-such-store');
    const result = await dateline('verify', '--store', missing);
    expect(result.code).toBe(66);
    expect(result.stderr).toMatch(/no such directory/);
    const notStore = mkdtempSync(join(tmpdir(), 'dateline-cli-empty-'));
    const empty = await dateline('verify', '--store', notStore);
    expect(empty.code).toBe(66);
    expect(empty.stderr).toMatch(/not an event store \(it has no segments\/ directory\)/);
  });

  it("names the log's directory when given its segments/ directory, to read or to write", async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    cpSync(join(SEED_LOG, 'segments'), join(store, 'segments'), { recursive: true });
    const segments = join(store, 'segments');
    const hint = `--store ${segments} holds segment files itself (00000001.ndjson): it is the segments/ directory of a log, so give the log's directory, ${store}`;
    const read = await dateline('verify', '--store', segments);
    expect(read.code).toBe(66);
    expect(read.stderr).toContain(hint);
    const write = await dateline('import', '--store', segments, join(fixtures, 'article.yaml'));
    expect(write.code).toBe(66);
    expect(write.stderr).toContain(hint);
    expect(existsSync(join(segments, 'segments'))).toBe(false);
  });

  it('checks the chain by default and, with --decode, that the domain decodes every event', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    await dateline('import', '--store', store, join(fixtures, 'article.yaml'));
    // Sealed and chained like any event, but no Dateline write path would have accepted it.
    const writer = await getFileEventStore(store);
    await writer.append(
      'fact-odd',
      [{ type: 'FactRecorded', schemaVersion: 2, data: { factId: 'odd' } }],
      { expectedVersion: 'any' },
    );
    await writer.close();
    const chain = await dateline('verify', '--store', store);
    expect(chain.code).toBe(0);
    expect(chain.stdout).toMatch(/ok: 7 events/);
    const decoded = await dateline('verify', '--decode', '--store', store);
    expect(decoded.code).toBe(1);
    expect(decoded.stderr).toMatch(
      /FAILED: 00000001\.ndjson line 7, position 7: undecodable event/,
    );
  });

  it('reports a torn tail with the valid prefix and leaves the store as it was', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    await dateline('import', '--store', store, join(fixtures, 'article.yaml'));
    const clean = await dateline('verify', '--store', store);
    appendFileSync(segment(store), '{"position":7,"stre');
    const before = readFileSync(segment(store));
    const result = await dateline('verify', '--store', store);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /torn tail: .*00000001\.ndjson has 19 byte\(s\) after offset \d+ .*partial record/,
    );
    expect(headOf(result.stdout)).toBe(headOf(clean.stdout));
    expect(readFileSync(segment(store)).equals(before)).toBe(true);
    expect((await dateline('verify', '--strict', '--store', store)).code).toBe(3);
    const replay = await dateline('replay', '--store', store);
    expect(replay.code).toBe(0);
    expect(replay.stderr).toMatch(
      /note: .*00000001\.ndjson ends with 19 byte\(s\) never acknowledged/,
    );
    expect(readFileSync(segment(store)).equals(before)).toBe(true);
  });
});

describe('dateline replay', () => {
  const digests = (out: string) =>
    [...out.matchAll(/^\s+(\w+)\s+v\d+\s+(\d+) events applied\s+sha256 ([0-9a-f]{64})$/gm)].map(
      (m) => m.slice(1),
    );

  it('refuses an output it could not create before replaying anything (73)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dateline-cli-out-'));
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    for (const [option, path, message] of [
      ['--out', join(root, 'missing', 'state.json'), /the directory .*missing is not there/],
      ['--out', root, /is a directory; give the path of a file/],
      ['--snapshot-dir', file, /is a file; give a directory/],
    ] as const) {
      const result = await dateline('replay', '--store', SEED_LOG, option, path);
      expect(result.code, `${option} ${path}`).toBe(73);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).not.toMatch(/events applied/);
    }
    const exported = await dateline(
      'export',
      '--format',
      'csv',
      '--store',
      SEED_LOG,
      '--out',
      root,
    );
    expect(exported.code).toBe(73);
  });

  it('gives the same digests twice, stops at --until, and writes the states with --out', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    await dateline(
      'import',
      '--store',
      store,
      join(fixtures, 'article.yaml'),
      join(fixtures, 'second.yaml'),
    );
    const first = await dateline('replay', '--store', store);
    const second = await dateline('replay', '--store', store);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/replayed 8 events to position 8 in [\d.]+ s: \d+ events\/s/);
    expect(digests(first.stdout)).toHaveLength(4);
    expect(digests(second.stdout)).toEqual(digests(first.stdout));

    const until = await dateline(
      'replay',
      '--store',
      store,
      '--until',
      '6',
      '--projection',
      'timeline',
    );
    expect(until.stdout).toMatch(/replayed 6 events to position 6/);
    expect(digests(until.stdout).map((d) => d[0])).toEqual(['timeline']);
    expect(digests(until.stdout)[0]?.[2]).not.toBe(digests(first.stdout)[0]?.[2]);

    const out = join(store, 'states.json');
    await dateline('replay', '--store', store, '--out', out);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.position).toBe(8);
    expect(Object.keys(written.projections)).toEqual([
      'timeline',
      'actors',
      'articles',
      'interactions',
    ]);
    expect(written.projections.timeline.state.facts['phone-call'].sources).toHaveLength(2);
    // The graphs' numbered lists also go out as edges and partners by id.
    const edges = Object.values(written.projections.interactions.view.edges) as {
      source: string;
      target: string;
      factIds: string[];
    }[];
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e) => e.source < e.target && e.factIds.length > 0)).toBe(true);
    const partners = Object.values(written.projections.actors.view.actors).map(
      (a) => (a as { interactsWith: Record<string, string[]> }).interactsWith,
    );
    expect(partners.some((p) => Object.keys(p).length > 0)).toBe(true);
    expect(written.projections.timeline.view).toBeUndefined();

    const past = await dateline('replay', '--store', store, '--until', '5000');
    expect(past.code).toBe(64);
    expect(past.stderr).toMatch(
      /--until: position 5000 is past the head of the log \(position 8\)/,
    );
    expect(past.stdout).toBe('');
    expect((await dateline('replay', '--store', store, '--until', '8')).code).toBe(0);

    const bad = await dateline('replay', '--store', store, '--until', 'yesterday-ish');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/--until/);
  });
});

describe('dateline usage', () => {
  it('exits 64 on a mistyped command or option, 0 for --help and --version', async () => {
    const command = await dateline('verfy');
    expect(command.code).toBe(64);
    expect(command.stderr).toMatch(/unknown command 'verfy'/);
    const option = await dateline('verify', '--stroe', 'x');
    expect(option.code).toBe(64);
    expect(option.stderr).toMatch(/unknown option '--stroe'/);
    const version = await dateline('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await dateline('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: dateline/);
    expect(help.stdout).toMatch(
      /Exit codes:[\s\S]*66 {2}cannot read the store[\s\S]*75 {2}the store is locked/,
    );
  });

  it('refuses a log with a missing segment as damaged (66), as every other damage', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    await dateline('import', '--store', store, join(fixtures, 'article.yaml'));
    renameSync(
      join(store, 'segments', '00000001.ndjson'),
      join(store, 'segments', '00000002.ndjson'),
    );
    const replay = await dateline('replay', '--store', store);
    expect(replay.code).toBe(66);
    expect(replay.stderr).toMatch(/corrupt log: 00000001\.ndjson line 1: the segment is missing/);
    const verify = await dateline('verify', '--store', store);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toMatch(/FAILED: 00000001\.ndjson line 1/);
  });

  it('refuses to migrate a store into itself, however the path is spelt', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    await dateline('import', '--store', store, join(fixtures, 'article.yaml'));
    const result = await dateline('migrate', '--from', store, '--to', `${store}/./`);
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/name the same store/);
  });
});
