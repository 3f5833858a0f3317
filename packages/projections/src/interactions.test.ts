import { describe, expect, it } from 'vitest';
import { interactionsProjection } from './interactions.js';
import { interactionsOf } from './involvement.js';
import { decodeEnvelope } from './projection.js';
import { cmd, commandWriter, foldEvents, newStore, storyCommands } from './test-fixtures.js';

async function given(...commands: Record<string, unknown>[]) {
  const store = newStore();
  await commandWriter(store).runAll(commands);
  return foldEvents(interactionsProjection, store.envelopes().map(decodeEnvelope));
}

describe('interactions derived from roles', () => {
  it('gives co-participants the fact kind, directed from the leading role', () => {
    expect(
      interactionsOf('f', {
        kind: 'call',
        participants: [
          { actorId: 'putin', role: 'recipient' },
          { actorId: 'trump', role: 'initiator' },
        ],
        speakerIds: [],
      }),
    ).toEqual([{ factId: 'f', kind: 'call', from: 'trump', to: 'putin' }]);
  });

  it('derives addressed, discussed (also from quoted speakers) and excluded, never an actor with itself', () => {
    const vias = interactionsOf('f', {
      kind: 'statement',
      participants: [
        { actorId: 'a', role: 'speaker' },
        { actorId: 'b', role: 'addressee' },
        { actorId: 'c', role: 'subject' },
        { actorId: 'a', role: 'subject' },
        { actorId: 'd', role: 'excluded' },
      ],
      speakerIds: ['e'],
    });
    expect(vias.map((v) => `${v.from}-${v.kind}->${v.to}`)).toEqual([
      'a-addressed->b',
      'a-discussed->c',
      'e-discussed->c',
      'e-discussed->a',
      'a-excluded->d',
    ]);
  });
});

describe('interactions projection', () => {
  it('given the story, then edges join actors with the kinds and facts behind them', async () => {
    const state = await given(...storyCommands);
    expect(Object.keys(state.edges).sort()).toEqual([
      'putin~trump',
      'putin~zelensky',
      'trump~zelensky',
    ]);
    expect(state.edges['putin~trump']).toMatchObject({
      source: 'putin',
      target: 'trump',
      kinds: ['call', 'summit'],
      factIds: ['call', 'summit'],
    });
    expect(state.edges['trump~zelensky']?.kinds).toEqual(['addressed', 'discussed', 'excluded']);
    expect(state.edges['putin~zelensky']?.via).toEqual([
      { factId: 'call', kind: 'discussed', from: 'putin', to: 'zelensky' },
      { factId: 'zelensky-reply', kind: 'discussed', from: 'zelensky', to: 'putin' },
      { factId: 'summit', kind: 'excluded', from: 'putin', to: 'zelensky' },
    ]);
  });

  it('given a call, when a correction changes its kind and drops a participant, then the edges are rewired', async () => {
    const state = await given(
      cmd.article('reuters-1', '2025-02-17'),
      cmd.actor('a', 'A'),
      cmd.actor('b', 'B'),
      cmd.actor('c', 'C'),
      cmd.fact('f', 'reuters-1', {
        kind: 'call',
        participants: [
          { actorId: 'a', role: 'initiator' },
          { actorId: 'b', role: 'recipient' },
          { actorId: 'c', role: 'recipient' },
        ],
      }),
      cmd.correct(
        'f',
        {
          kind: 'meeting',
          participants: [
            { actorId: 'a', role: 'host' },
            { actorId: 'b', role: 'attendee' },
          ],
        },
        'it was a meeting of two',
      ),
    );
    expect(Object.keys(state.edges)).toEqual(['a~b']);
    expect(state.edges['a~b']).toMatchObject({ kinds: ['meeting'], factIds: ['f'] });
    expect(state.facts.f?.kind).toBe('meeting');
  });
});
