import { describe, expect, it } from 'vitest';
import { decodeEnvelope, InconsistentLogError } from './projection.js';
import { cmd, commandWriter, foldEvents, newStore, storyCommands } from './test-fixtures.js';
import { timelineProjection } from './timeline.js';

/** given commands (run through decide), when more commands, then the timeline state. */
async function given(...commands: Record<string, unknown>[]) {
  const store = newStore();
  const writer = commandWriter(store);
  await writer.runAll(commands);
  return {
    async when(...more: Record<string, unknown>[]) {
      await writer.runAll(more);
      return foldEvents(timelineProjection, store.envelopes().map(decodeEnvelope));
    },
  };
}

const setup = [
  cmd.article('reuters-1', '2025-02-17'),
  cmd.article('ap-2', '2025-02-19'),
  cmd.actor('trump', 'Donald Trump', 'US'),
  cmd.actor('putin', 'Vladimir Putin', 'RU'),
];
const call = cmd.fact('call', 'reuters-1', {
  kind: 'call',
  occurred: { earliest: '2025-02-10', latest: '2025-02-16', precision: 'week' },
  participants: [
    { actorId: 'trump', role: 'initiator' },
    { actorId: 'putin', role: 'recipient' },
  ],
  evidence: {
    articleId: 'reuters-1',
    paragraph: 2,
    excerpt: 'a call',
    dateExpression: 'last week',
  },
});

describe('timeline projection', () => {
  it('given an article and actors, when a fact is recorded, then it appears with its source and a labelled fuzzy date', async () => {
    const state = await (await given(...setup)).when(call);
    const fact = state.facts.call!;
    expect(fact).toMatchObject({
      id: 'call',
      kind: 'call',
      status: 'occurred',
      occurred: { earliest: '2025-02-10', latest: '2025-02-16', precision: 'week' },
      retracted: false,
      corrected: false,
      version: 1,
      firstPosition: 5,
      lastPosition: 5,
    });
    expect(fact.occurred.label).toBe('week of 10 Feb 2025');
    expect(fact.sources).toEqual([
      {
        articleId: 'reuters-1',
        paragraph: 2,
        excerpt: 'a call',
        dateExpression: 'last week',
        kind: 'source',
        position: 5,
        recordedAt: fact.recordedAt,
      },
    ]);
    expect(fact.history).toHaveLength(1);
    expect(fact.history[0]).toMatchObject({
      eventType: 'FactRecorded',
      position: 5,
      changedFields: ['sources'],
      description: 'Recorded from article reuters-1, paragraph 2.',
    });
  });

  it('given a fact, when another article corroborates it, then the source comes first and the corroboration after', async () => {
    const state = await (await given(...setup, call)).when(cmd.corroborate('call', 'ap-2'));
    const fact = state.facts.call!;
    expect(fact.sources.map((s) => [s.articleId, s.kind])).toEqual([
      ['reuters-1', 'source'],
      ['ap-2', 'corroboration'],
    ]);
    expect(fact.version).toBe(2);
    expect(fact.lastPosition).toBe(6);
    expect(fact.history[1]?.description).toBe('Corroborated by article ap-2, paragraph 3.');
  });

  it('given a fact, when it is corrected, then the changes apply and the history says what changed, from what, and why', async () => {
    const state = await (await given(...setup, call)).when(
      cmd.correct(
        'call',
        { status: 'planned', summary: 'A call is planned.' },
        'it had not happened yet',
      ),
    );
    const fact = state.facts.call!;
    expect(fact.status).toBe('planned');
    expect(fact.summary).toBe('A call is planned.');
    expect(fact.corrected).toBe(true);
    const revision = fact.history[1]!;
    expect(revision).toMatchObject({
      eventType: 'FactCorrected',
      changedFields: ['status', 'summary'],
      reason: 'it had not happened yet',
      before: { status: 'occurred', summary: 'Summary of call.' },
      after: { status: 'planned', summary: 'A call is planned.' },
      description: 'Corrected status, summary: it had not happened yet',
    });
    // Without evidence, the revision names no article and keeps no evidence.
    expect(revision).not.toHaveProperty('articleId');
    expect(revision).not.toHaveProperty('evidence');
  });

  it('given a fact, when a correction cites an article, then its revision keeps the article, paragraph, excerpt and date words', async () => {
    const state = await (await given(...setup, call)).when(
      cmd.correct('call', { status: 'planned' }, 'ap-2 says it is yet to happen', {
        articleId: 'ap-2',
        paragraph: 7,
        excerpt: 'the two leaders will speak',
        dateExpression: 'next week',
        note: 'checked against the agency wire',
      }),
    );
    const revision = state.facts.call!.history[1]!;
    expect(revision.eventType).toBe('FactCorrected');
    expect(revision.articleId).toBe('ap-2');
    // Only what a reader needs to find the words: the note stays in the log.
    expect(revision.evidence).toEqual({
      articleId: 'ap-2',
      paragraph: 7,
      excerpt: 'the two leaders will speak',
      dateExpression: 'next week',
    });
    // Keys in canonical order, as every read model builds them (see timeline.ts).
    expect(Object.keys(revision)).toEqual([...Object.keys(revision)].sort());
    expect(Object.keys(revision.evidence!)).toEqual([
      'articleId',
      'dateExpression',
      'excerpt',
      'paragraph',
    ]);
  });

  it('given a correction whose evidence has no date words, then its revision keeps no dateExpression key', async () => {
    const state = await (await given(...setup, call)).when(
      cmd.correct('call', { summary: 'A short call.' }, 'ap-2 says it was short', {
        articleId: 'ap-2',
        paragraph: 2,
        excerpt: 'a brief call',
      }),
    );
    const { evidence } = state.facts.call!.history[1]!;
    expect(evidence).toEqual({ articleId: 'ap-2', paragraph: 2, excerpt: 'a brief call' });
    expect(evidence).not.toHaveProperty('dateExpression');
  });

  it('given a fact, when it is retracted, then it stays in the timeline marked retracted with the reason', async () => {
    const state = await (await given(...setup, call)).when(
      cmd.retract('call', 'the call never took place'),
    );
    const fact = state.facts.call!;
    expect(fact.retracted).toBe(true);
    expect(fact.retraction).toEqual({
      reason: 'the call never took place',
      position: 6,
      recordedAt: fact.updatedAt,
    });
    expect(fact.history.at(-1)?.description).toBe('Retracted: the call never took place');
  });

  it('given two facts, when they are linked, then each side shows the link and its history', async () => {
    const second = cmd.fact('summit', 'ap-2', { kind: 'summit', status: 'planned' });
    const state = await (await given(...setup, call, second)).when(
      cmd.link('call', 'led_to', 'summit', {
        articleId: 'ap-2',
        paragraph: 4,
        excerpt: 'the call led to a summit',
      }),
    );
    const { call: from, summit: to } = state.facts;
    expect(from?.links).toEqual([
      expect.objectContaining({
        relation: 'led_to',
        factId: 'summit',
        direction: 'outgoing',
        evidence: { articleId: 'ap-2', paragraph: 4, excerpt: 'the call led to a summit' },
      }),
    ]);
    expect(to?.links).toEqual([
      expect.objectContaining({ relation: 'led_to', factId: 'call', direction: 'incoming' }),
    ]);
    expect(from?.history.at(-1)?.description).toBe(
      'Linked: this fact led to fact summit (article ap-2).',
    );
    expect(to?.history.at(-1)?.description).toBe(
      'Linked: fact call led to this fact (article ap-2).',
    );
    // The link is an event of the call's stream, not of the summit's.
    expect(from?.version).toBe(2);
    expect(to?.version).toBe(1);
  });

  it('given the whole story, then every fact is present, retracted ones included', async () => {
    const state = await (await given()).when(...storyCommands);
    expect(Object.keys(state.facts).sort()).toEqual([
      'call',
      'eu-claim',
      'summit',
      'zelensky-reply',
    ]);
    expect(state.facts['eu-claim']?.retracted).toBe(true);
    expect(state.facts.summit?.occurred.precision).toBe('weekend');
  });

  it('refuses an event about a fact it never saw, instead of skipping it', async () => {
    const store = newStore();
    await commandWriter(store).runAll(setup);
    await store.append(
      'fact-ghost',
      [
        {
          type: 'FactCorroborated',
          schemaVersion: 1,
          data: {
            factId: 'ghost',
            evidence: { articleId: 'ap-2', paragraph: 1, excerpt: 'x' },
          },
        },
      ],
      { expectedVersion: 'any' },
    );
    expect(() => foldEvents(timelineProjection, store.envelopes().map(decodeEnvelope))).toThrow(
      InconsistentLogError,
    );
  });
});
