import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '@dateline/cli/errors';
import { importCommand } from '@dateline/cli/import';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const EVENTS = join(import.meta.dirname, '..', '..', '..', 'events');
const ARTICLE = 'reuters-2025-02-17-starmer-ready-to-deploy-peacekeepers';

const validFact = {
  id: 'generated-fact',
  kind: 'statement',
  status: 'occurred',
  summary: 'Someone said something on Sunday.',
  when: { expression: 'on Sunday' },
  participants: [{ actor: 'keir-starmer', role: 'speaker' }],
  quotes: [{ speaker: 'keir-starmer', text: 'a quote' }],
  paragraph: 4,
  excerpt: 'said Sunday',
};
/** The document with its one fact changed. */
const withFact = (d: ReturnType<typeof base>, patch: Record<string, unknown>) => ({
  ...d,
  facts: [{ ...d.facts[0], ...patch }],
});
const base = () => ({
  cites: ARTICLE,
  facts: [structuredClone(validFact)] as Array<Record<string, unknown>>,
});

const junk = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `zz ${s}`);
const unknownId = fc.stringMatching(/^[a-z0-9]{1,10}$/).map((s) => `nobody-${s}`);

// Each mutation turns the valid document into one the product must refuse, for a known reason.
type Mutation = (doc: ReturnType<typeof base>) => unknown;
const mutations: fc.Arbitrary<[string, Mutation]>[] = [
  fc
    .constantFrom('Bad Id', '', 'UPPER', `x${'y'.repeat(90)}`, '-lead')
    .map((id) => ['fact id', (d) => withFact(d, { id })]),
  junk.map((kind) => ['kind', (d) => withFact(d, { kind })]),
  junk.map((status) => ['status', (d) => withFact(d, { status })]),
  fc
    .constantFrom('', '   ', 'x'.repeat(601))
    .map((summary) => ['summary', (d) => withFact(d, { summary })]),
  junk.map((expression) => ['date expression', (d) => withFact(d, { when: { expression } })]),
  fc.integer({ min: 1, max: 300 }).map((back) => [
    'latest before earliest',
    (d) =>
      withFact(d, {
        when: {
          earliest: '2025-02-16',
          latest: new Date(Date.UTC(2025, 1, 16 - back)).toISOString().slice(0, 10),
          precision: 'range',
        },
      }),
  ]),
  unknownId.map((actor) => [
    'unknown participant',
    (d) => withFact(d, { participants: [{ actor, role: 'speaker' }] }),
  ]),
  unknownId.map((speaker) => [
    'unknown speaker',
    (d) => withFact(d, { quotes: [{ speaker, text: 'words' }] }),
  ]),
  unknownId.map((article) => ['unknown article', (d) => ({ ...d, cites: article })]),
  fc
    .oneof(fc.integer({ max: 0 }), fc.double({ min: 0.1, max: 9.9, noInteger: true }))
    .map((paragraph) => ['paragraph', (d) => withFact(d, { paragraph })]),
  fc
    .constantFrom('', 'x'.repeat(401))
    .map((excerpt) => ['excerpt', (d) => withFact(d, { excerpt })]),
  fc
    .constantFrom('next week', 'tomorrow', 'next month')
    .map((expression) => [
      'occurred after publication',
      (d) => withFact(d, { when: { expression } }),
    ]),
  fc.constant([
    'duplicate corroboration',
    (d) => ({
      ...d,
      facts: [],
      corroborations: [{ fact: 'kellogg-europe-no-seat-at-table', paragraph: 3, excerpt: 'again' }],
    }),
  ]),
  unknownId.map((fact) => [
    'corroborate unknown fact',
    (d) => ({ ...d, facts: [], corroborations: [{ fact, paragraph: 3, excerpt: 'x' }] }),
  ]),
  fc.constant(['existing fact id', (d) => withFact(d, { id: 'paris-summit' })]),
  fc.constant([
    'self link',
    (d) => ({ ...d, links: [{ from: 'paris-summit', relation: 'led_to', to: 'paris-summit' }] }),
  ]),
  junk.map((key) => ['unknown section', (d) => ({ ...d, [key.replace(/\W/g, '_')]: [] })]),
  unknownId.map((fact) => [
    'correct unknown fact',
    (d) => ({
      ...d,
      facts: [],
      corrections: [{ fact, changes: { status: 'planned' }, reason: 'r' }],
    }),
  ]),
  fc.constant([
    'empty correction',
    (d) => ({ ...d, facts: [], corrections: [{ fact: 'paris-summit', changes: {}, reason: 'r' }] }),
  ]),
  fc
    .stringMatching(/^[0-9a-g]{10,70}$/)
    .filter((s) => !/^[0-9a-f]{64}$/.test(s))
    .map((sha) => [
      'article hash',
      () => ({
        article: {
          id: 'new-article',
          publisher: 'P',
          headline: 'H',
          publishedAt: '2025-02-17',
          textSha256: sha,
        },
      }),
    ]),
];

describe('generated invalid curation files through dateline import', () => {
  it('refuses each of 1,000 with an error naming the file and leaves the log unchanged', {
    timeout: 300_000,
  }, async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-bad-import-'));
    cpSync(join(EVENTS, 'segments'), join(store, 'segments'), { recursive: true });
    const before = readFileSync(join(store, 'segments', '00000001.ndjson'));
    const seen = new Map<string, number>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(...mutations), async ([reason, mutate]) => {
        const file = join(store, `bad-${n++}.yaml`);
        writeFileSync(file, stringify(mutate(base())));
        const error = await importCommand([file], { store }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, reason).toBeInstanceOf(CliError);
        expect((error as Error).message).toMatch(/bad-\d+\.yaml: /);
        expect((error as Error).message.length).toBeLessThan(2000);
        seen.set(reason, (seen.get(reason) ?? 0) + 1);
        expect(readFileSync(join(store, 'segments', '00000001.ndjson')).equals(before)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(seen.size).toBe(mutations.length);
  });

  it('the unmutated document is accepted, so the refusals above are about the mutations', async () => {
    const store = mkdtempSync(join(tmpdir(), 'dateline-good-import-'));
    cpSync(join(EVENTS, 'segments'), join(store, 'segments'), { recursive: true });
    const file = join(store, 'good.yaml');
    writeFileSync(file, stringify(base()));
    expect(await importCommand([file], { store })).toBe(0);
  });
});
