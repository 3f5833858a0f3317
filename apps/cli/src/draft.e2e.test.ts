import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dateline, SEED_LOG } from './test/dateline.js';

const seed = SEED_LOG;
// The seed articles' text is in the project's shared/ folder, beside the repository.
const articles = [
  join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds'),
  '/work/shared/seeds',
].find((dir) => existsSync(join(dir, '000_b06b4088f746ee66.txt')));
if (!articles) throw new Error('the seed articles (shared/seeds) are not beside the repository');
const PARIS = join(articles, '000_b06b4088f746ee66.txt');

// Each case runs the built CLI several times; on two shared cores that takes seconds.
describe('dateline draft', { timeout: 60_000 }, () => {
  it('drafts a curation file with the log’s actors, appending nothing, and the draft imports', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-draft-'));
    cpSync(join(seed, 'segments'), join(store, 'segments'), { recursive: true });
    const segment = join(store, 'segments', '00000001.ndjson');
    const before = readFileSync(segment);
    const out = join(store, 'draft.yaml');

    const result = await dateline(
      'draft',
      PARIS,
      '--published',
      '2025-02-17',
      '--publisher',
      'Reuters',
      '--store',
      store,
      '--out',
      out,
    );
    expect(result.stderr).toMatch(
      /drafted 4 candidate facts .* against 31 known actors; nothing was appended/,
    );
    expect(result.code).toBe(0);
    expect(readFileSync(segment).equals(before)).toBe(true);

    const yaml = readFileSync(out, 'utf8');
    const doc = parse(yaml) as {
      article: { textSha256: string; headline: string };
      facts: { when: unknown; participants: { actor: string }[] }[];
    };
    expect(doc.article.textSha256).toBe(
      '628147985e33c2e4cf882e35875dad888cc95340a9d3ba1a39c731a88c8b815f',
    );
    expect(doc.facts.map((f) => f.when)).toStrictEqual([
      { expression: 'on Monday' },
      { expression: 'on Sunday' },
      { expression: 'in 2022' },
      { expression: 'over the weekend' },
    ]);
    expect(doc.facts[3]?.participants.map((p) => p.actor)).toStrictEqual(['netherlands']);
    expect(yaml).toContain('# Date: "over the weekend" → weekend of 15 Feb–16 Feb 2025');

    const imported = await dateline('import', '--store', store, out);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/appended 5 events/);
    const verified = await dateline('verify', '--store', store);
    expect(verified.stdout).toContain('ok: 68 events');
  });

  it('writes to stdout, and recognises no actor without a store', async () => {
    const result = await dateline(
      'draft',
      PARIS,
      '--published',
      '2025-02-17',
      '--store',
      join(tmpdir(), 'no-such-dateline-store'),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no store at/);
    const doc = parse(result.stdout) as { facts: { participants: unknown[] }[] };
    expect(doc.facts).toHaveLength(4);
    expect(doc.facts.every((f) => f.participants.length === 0)).toBe(true);
    expect(result.stdout).toContain('CHECK: add publisher (--publisher)');
  });

  it('refuses bad input and never overwrites a draft', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-draft-'));
    const existing = join(dir, 'edited.yaml');
    writeFileSync(existing, '# my edits\n');
    const overwrite = await dateline(
      'draft',
      PARIS,
      '--published',
      '2025-02-17',
      '--store',
      seed,
      '--out',
      existing,
    );
    expect(overwrite.code).toBe(73);
    expect(readFileSync(existing, 'utf8')).toBe('# my edits\n');

    const date = await dateline('draft', PARIS, '--published', '17/02/2025', '--store', seed);
    expect(date.code).toBe(64);
    // What import would refuse is refused here: a timestamp needs its seconds.
    const minutes = await dateline(
      'draft',
      PARIS,
      '--published',
      '2025-02-17T10:00+01:00',
      '--store',
      seed,
    );
    expect(minutes.code).toBe(64);
    expect(minutes.stderr).toMatch(/ISO timestamp with seconds and a zone/);
    const missing = await dateline('draft', join(dir, 'nope.txt'), '--published', '2025-02-17');
    expect(missing.code).toBe(66);
    const binary = join(dir, 'latin1.txt');
    writeFileSync(binary, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const notUtf8 = await dateline('draft', binary, '--published', '2025-02-17', '--store', seed);
    expect(notUtf8.code).toBe(65);
  });

  it('never writes a draft among the log’s own files', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-draft-'));
    cpSync(join(seed, 'segments'), join(store, 'segments'), { recursive: true });
    const out = join(store, 'segments', '00000002.ndjson');
    const result = await dateline(
      'draft',
      PARIS,
      '--published',
      '2025-02-17',
      '--store',
      store,
      '--out',
      out,
    );
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/inside the event store.s own files/);
    expect(existsSync(out)).toBe(false);
  });
});
