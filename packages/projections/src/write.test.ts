import { parseCommand } from '@dateline/domain';
import { getInMemoryEventStore } from '@dateline/event-store/memory';
import { describe, expect, it } from 'vitest';
import { createCommandHandler, EntryRefusedError } from './write.js';

const article = parseCommand({
  type: 'RecordArticle',
  articleId: 'a-1',
  publisher: 'Wire',
  headline: 'Headline',
  publishedAt: '2025-02-17',
  textSha256: 'd'.repeat(64),
});
const actor = parseCommand({
  type: 'RegisterActor',
  actorId: 'p-1',
  name: 'Person',
  kind: 'person',
  aliases: [],
});
const fact = parseCommand({
  type: 'RecordFact',
  factId: 'f-1',
  kind: 'call',
  status: 'occurred',
  summary: 'A call.',
  occurred: { earliest: '2025-02-10', latest: '2025-02-16', precision: 'week' },
  participants: [{ actorId: 'p-1', role: 'initiator' }],
  evidence: { articleId: 'a-1', paragraph: 1, excerpt: 'a call' },
});

describe('the command handler', () => {
  it('answers as a retry when another process appended the same command after its catch-up', async () => {
    const store = getInMemoryEventStore();
    const elsewhere = createCommandHandler(store, { tool: 'test' });
    // This handler catches up, then, just before its append lands, the other one appends first.
    let raced = false;
    const racing: typeof store = Object.create(store);
    racing.appendBatch = async (requests) => {
      if (!raced) {
        raced = true;
        await elsewhere.execute(article, { metadata: { correlationId: 'request-a' } });
      }
      return store.appendBatch(requests);
    };
    const handler = createCommandHandler(racing, { tool: 'test' });
    const lost = await handler.execute(article, { metadata: { correlationId: 'request-b' } });
    expect(lost).toEqual({ envelopes: [], position: 1, alreadyApplied: true });
    expect((await store.head()).position).toBe(1);
    // And it goes on from there: its write model has the article.
    const next = await handler.execute(actor, { metadata: { correlationId: 'request-c' } });
    expect(next.envelopes.map((e) => e.position)).toEqual([2]);
  });

  it('answers a repeated command with the stored position instead of refusing or re-appending it', async () => {
    const store = getInMemoryEventStore();
    const handler = createCommandHandler(store, { tool: 'test' });
    const first = await handler.execute(article);
    expect(first).toMatchObject({ position: 1 });
    expect(first.envelopes).toHaveLength(1);
    const retry = await handler.execute(article);
    expect(retry).toEqual({ envelopes: [], position: 1, alreadyApplied: true });
    expect((await store.head()).position).toBe(1);
    // the same id with other content is still refused
    await expect(
      handler.execute({ ...article, headline: 'Other' } as typeof article),
    ).rejects.toThrow(/already recorded/);
  });

  it('applies a command again once its fact has changed since: a new request, not a retry', async () => {
    const store = getInMemoryEventStore();
    const handler = createCommandHandler(store, { tool: 'test' });
    await handler.execute(article);
    await handler.execute(actor);
    const recorded = await handler.execute(fact);
    const correct = (summary: string) =>
      parseCommand({ type: 'CorrectFact', factId: 'f-1', changes: { summary }, reason: 'fix' });
    await handler.execute(correct('B'));
    // Sent again at once, it is a retry.
    expect(await handler.execute(correct('B'))).toMatchObject({ alreadyApplied: true });
    await handler.execute(correct('C'));
    // Sent again after C, B is what the caller wants now.
    const again = await handler.execute(correct('B'), { expectedVersion: 3 });
    expect(again.alreadyApplied).toBeUndefined();
    expect(again.envelopes).toHaveLength(1);
    expect((await handler.model()).facts.get('f-1')?.version).toBe(4);
    // And that application is itself recognised when retried.
    expect(await handler.execute(correct('B'))).toMatchObject({
      alreadyApplied: true,
      position: again.position,
    });
    // A handler started afresh on the log knows both applications.
    const fresh = createCommandHandler(store, { tool: 'test' });
    expect(await fresh.execute(correct('B'))).toMatchObject({ alreadyApplied: true });
    // Commands that apply once only stay retries, though their fact has changed since.
    expect(await fresh.execute(fact)).toEqual({
      envelopes: [],
      position: recorded.position,
      alreadyApplied: true,
    });
  });

  it('sees writes made by another handler on the same store before deciding', async () => {
    const store = getInMemoryEventStore();
    const a = createCommandHandler(store, { tool: 'a' });
    const b = createCommandHandler(store, { tool: 'b' });
    await a.execute(article);
    await expect(b.execute({ ...article, headline: 'Other' } as typeof article)).rejects.toThrow(
      /already recorded/,
    );
    expect((await b.model()).articles.has('a-1')).toBe(true);
  });

  it('executes a plan all or nothing, naming the refused entry, and skips what is already applied', async () => {
    const store = getInMemoryEventStore();
    const handler = createCommandHandler(store, { tool: 'test' });
    const badFact = parseCommand({
      ...fact,
      participants: [{ actorId: 'nobody', role: 'initiator' }],
    });
    const error = await handler
      .executeAll([
        { entry: 'article', command: article },
        { entry: 'actor', command: actor },
        { entry: 'facts[0] (f-1)', command: badFact },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntryRefusedError);
    expect((error as Error).message).toMatch(/^facts\[0\] \(f-1\): no actor with id "nobody"/);
    expect((await store.head()).position).toBe(0);

    const done = await handler.executeAll([
      { entry: 'article', command: article },
      { entry: 'actor', command: actor },
    ]);
    expect(done).toMatchObject({ applied: ['article', 'actor'], skipped: [], position: 2 });
    const again = await handler.executeAll([
      { entry: 'article', command: article },
      { entry: 'actor', command: actor },
    ]);
    expect(again).toMatchObject({ applied: [], skipped: ['article', 'actor'], envelopes: [] });
  });
});

describe('multi-command writes (imports)', () => {
  const correct = (summary: string) =>
    parseCommand({ type: 'CorrectFact', factId: 'f-1', changes: { summary }, reason: 'fix' });
  const entries = (...commands: ReturnType<typeof parseCommand>[]) =>
    commands.map((command, i) => ({ entry: `entries[${i}]`, command }));
  async function withFact() {
    const store = getInMemoryEventStore();
    const handler = createCommandHandler(store, { tool: 'test' });
    await handler.executeAll(entries(article, actor, fact));
    return { store, handler };
  }

  it('applies a correction repeated within one write after its fact changed; imported again, none', async () => {
    const { store, handler } = await withFact();
    const within = await handler.executeAll(entries(correct('D'), correct('E'), correct('D')));
    expect(within.envelopes).toHaveLength(3);
    expect((await store.head()).position).toBe(6);
    // The same entries again (a file imported twice): each application is in the log already.
    const again = await handler.executeAll(entries(correct('D'), correct('E'), correct('D')));
    expect(again).toMatchObject({ applied: [], envelopes: [] });
    // A handler started afresh counts D's two applications from the log alone.
    const fresh = createCommandHandler(store, { tool: 'test' });
    const anew = await fresh.executeAll(entries(correct('D'), correct('E'), correct('D')));
    expect(anew).toMatchObject({ applied: [], envelopes: [] });
    expect((await store.head()).position).toBe(6);
  });

  it('imports a file again without undoing what was written since', async () => {
    const { store, handler } = await withFact();
    const file = entries(correct('B'), correct('C'));
    await handler.executeAll(file);
    // Each import used to append one correction, turning the fact back and forth between B and C.
    for (let i = 0; i < 3; i++)
      expect(await handler.executeAll(file)).toMatchObject({ applied: [], envelopes: [] });
    // Later work on the fact (another file) does not make this one apply again either.
    await handler.executeAll(entries(correct('Z')));
    expect(await handler.executeAll(file)).toMatchObject({ applied: [], envelopes: [] });
    expect((await handler.model()).facts.get('f-1')?.version).toBe(4);
    const sandbox = await handler.sandbox();
    expect(sandbox.plan(file)).toMatchObject({ applied: [], events: 0 });
    expect((await store.head()).position).toBe(6);
  });

  it('imports again a file that corrects and then retracts a fact', async () => {
    const { handler } = await withFact();
    const retract = parseCommand({ type: 'RetractFact', factId: 'f-1', reason: 'wrong' });
    const file = entries(correct('B'), retract);
    expect((await handler.executeAll(file)).envelopes).toHaveLength(2);
    expect(await handler.executeAll(file)).toMatchObject({ applied: [], envelopes: [] });
  });

  it('skips a correction given twice in a row, in its first import and in the next', async () => {
    const { handler } = await withFact();
    const file = entries(correct('B'), correct('B'));
    expect(await handler.executeAll(file)).toMatchObject({
      applied: ['entries[0]'],
      skipped: ['entries[1]'],
    });
    expect(await handler.executeAll(file)).toMatchObject({ applied: [], envelopes: [] });
  });

  it('skips an entry repeated while nothing changed in between, and counts only what it appends', async () => {
    const { store, handler } = await withFact();
    const twice = await handler.executeAll(entries(correct('B'), correct('B')));
    expect(twice).toMatchObject({ applied: ['entries[0]'], skipped: ['entries[1]'] });
    expect(twice.envelopes).toHaveLength(1);
    expect((await store.head()).position).toBe(4);
  });

  it('dry-runs writes on top of each other, refusing what the write would refuse, appending nothing', async () => {
    const store = getInMemoryEventStore();
    const handler = createCommandHandler(store, { tool: 'test' });
    const sandbox = await handler.sandbox();
    expect(sandbox.plan(entries(article, actor))).toEqual({
      applied: ['entries[0]', 'entries[1]'],
      skipped: [],
      events: 2,
    });
    // The next plan sees the first: the fact may name the article and the actor.
    expect(sandbox.plan(entries(fact, article)).events).toBe(1);
    const unknown = parseCommand({
      ...fact,
      factId: 'f-2',
      participants: [{ actorId: 'nobody', role: 'initiator' }],
    });
    expect(() => sandbox.plan(entries(unknown))).toThrow(/entries\[0\]: no actor with id "nobody"/);
    expect((await store.head()).position).toBe(0);
  });

  it('refuses, before anything is appended, a write of more events than one append carries', async () => {
    const store = getInMemoryEventStore();
    const handler = createCommandHandler(store, { tool: 'test' });
    const many = Array.from({ length: 1001 }, (_, i) =>
      parseCommand({
        type: 'RegisterActor',
        actorId: `p-${i + 2}`,
        name: `P ${i}`,
        kind: 'person',
        aliases: [],
      }),
    );
    await expect(handler.executeAll(entries(...many))).rejects.toThrow(
      /1001 entries would append 1001 events, and one write carries at most 1000: split them/,
    );
    expect((await store.head()).position).toBe(0);
  });
});

describe('the command handler with an expected version', () => {
  it('refuses a write decided against an older version of the stream, before anything is appended', async () => {
    const store = getInMemoryEventStore();
    const handler = createCommandHandler(store, { tool: 'test' });
    await handler.execute(article);
    await handler.execute(actor);
    await handler.execute(fact, { expectedVersion: 0 });
    const retract = parseCommand({ type: 'RetractFact', factId: 'f-1', reason: 'wrong' });
    await expect(handler.execute(retract, { expectedVersion: 0 })).rejects.toMatchObject({
      name: 'ConcurrencyError',
      expected: 'no_stream',
      actual: 1,
    });
    expect((await store.head()).position).toBe(3);
    expect(await handler.execute(retract, { expectedVersion: 1 })).toMatchObject({ position: 4 });
  });
});
