import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, WRITE_TOKEN } from './test/harness.js';

// A fact the fixture log accepts; every generated case breaks it in one known way.
const valid = {
  id: 'generated-fact',
  articleId: 'daily-feb-19',
  kind: 'VISIT',
  status: 'PLANNED',
  summary: 'Starmer will visit Washington.',
  occurred: {
    earliest: '2025-02-24',
    latest: '2025-03-02',
    precision: 'WEEK',
    expression: 'next week',
  },
  participants: [{ actorId: 'starmer', role: 'ATTENDEE' }],
  paragraph: 6,
  excerpt: 'Starmer is due in Washington next week',
};
type Input = Record<string, unknown>;
const junk = fc.string({ minLength: 1, maxLength: 10 }).map((s) => `zz${s}`);
const unknownId = fc.stringMatching(/^[a-z0-9]{1,8}$/).map((s) => `nobody-${s}`);
const occurred = (patch: Input) => (i: Input) => ({
  ...i,
  occurred: { ...(i.occurred as Input), ...patch },
});

const mutations: fc.Arbitrary<[string, (i: Input) => Input]>[] = [
  fc
    .constantFrom('Bad Id', 'UPPER', '-x', `x${'y'.repeat(90)}`)
    .map((id) => ['id', (i) => ({ ...i, id })]),
  junk.map((kind) => ['kind', (i) => ({ ...i, kind })]),
  junk.map((status) => ['status', (i) => ({ ...i, status })]),
  fc
    .constantFrom('', '  ', 'x'.repeat(601))
    .map((summary) => ['summary', (i) => ({ ...i, summary })]),
  fc.integer({ min: 1, max: 27 }).map((d) => [
    'latest before earliest',
    occurred({
      earliest: '2025-03-28',
      latest: `2025-03-${String(d).padStart(2, '0')}`,
      precision: 'RANGE',
    }),
  ]),
  fc
    .constantFrom('2025-02-30', '2025-13-01', 'soon', '')
    .map((earliest) => ['impossible date', occurred({ earliest })]),
  fc.constant([
    'week not Monday–Sunday',
    occurred({ earliest: '2025-02-25', latest: '2025-03-03', precision: 'WEEK' }),
  ]),
  unknownId.map((articleId) => ['unknown article', (i) => ({ ...i, articleId })]),
  unknownId.map((actorId) => [
    'unknown participant',
    (i) => ({ ...i, participants: [{ actorId, role: 'ATTENDEE' }] }),
  ]),
  unknownId.map((speakerId) => [
    'unknown speaker',
    (i) => ({ ...i, quotes: [{ text: 'words', speakerId }] }),
  ]),
  fc.integer({ max: 0 }).map((paragraph) => ['paragraph', (i) => ({ ...i, paragraph })]),
  fc.constantFrom('', 'x'.repeat(401)).map((excerpt) => ['excerpt', (i) => ({ ...i, excerpt })]),
  fc.constant(['occurred after publication', (i) => ({ ...i, status: 'OCCURRED' })]),
  fc.constant(['existing fact', (i) => ({ ...i, id: 'paris-meeting' })]),
  fc
    .integer({ min: 1, max: 50 })
    .map((v) => ['stale expectedVersion', (i) => ({ ...i, expectedVersion: v })]),
  junk.map((key) => ['unknown field', (i) => ({ ...i, [key.replace(/\W/g, '_')]: 1 })]),
  fc.constant(['missing summary', ({ summary: _, ...rest }) => rest]),
];

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ log: 'fixture' });
});
afterAll(async () => api.close());

const MUTATION =
  'mutation ($input: RecordFactInput!) { recordFact(input: $input) { id position } }';
const ALLOWED = new Set(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED']);

describe('generated invalid recordFact mutations', () => {
  it('refuses each of 1,000 with a coded, readable error and leaves the log head unchanged', {
    timeout: 300_000,
  }, async () => {
    const head = async () =>
      (
        await api.gql<{ logHead: { position: number; hash: string } }>(
          '{ logHead { position hash } }',
        )
      ).body.data?.logHead;
    const before = await head();
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...mutations), async ([reason, mutate]) => {
        const response = await api.gql(MUTATION, { input: mutate(valid) }, { token: WRITE_TOKEN });
        const error = response.body.errors?.[0];
        expect(error, reason).toBeDefined();
        expect(
          ALLOWED.has(String(error?.extensions?.code)),
          `${reason}: ${JSON.stringify(error)}`,
        ).toBe(true);
        expect(error?.message.length, reason).toBeGreaterThan(5);
        expect(JSON.stringify(response.body), reason).not.toMatch(
          /at .+\.(js|ts):\d+|node_modules/,
        );
        seen.set(reason, (seen.get(reason) ?? 0) + 1);
      }),
      { numRuns: 1000 },
    );
    expect(await head()).toEqual(before);
    expect(seen.size).toBe(mutations.length);
    // and the unbroken input is accepted, so the refusals are about the breakage
    const ok = await api.gql<{ recordFact: { id: string } }>(
      MUTATION,
      { input: valid },
      { token: WRITE_TOKEN },
    );
    expect(ok.body.data?.recordFact.id).toBe('generated-fact');
  });
});
