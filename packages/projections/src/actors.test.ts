import { describe, expect, it } from 'vitest';
import { actorsProjection } from './actors.js';
import { decodeEnvelope, own } from './projection.js';
import { cmd, commandWriter, foldEvents, newStore, storyCommands } from './test-fixtures.js';

async function given(...commands: Record<string, unknown>[]) {
  const store = newStore();
  const writer = commandWriter(store);
  await writer.runAll(commands);
  return {
    async when(...more: Record<string, unknown>[]) {
      await writer.runAll(more);
      return foldEvents(actorsProjection, store.envelopes().map(decodeEnvelope));
    },
  };
}

describe('actors projection', () => {
  it('given nothing, when an actor is registered, then it is listed with no facts', async () => {
    const state = await (await given()).when(
      cmd.actor('trump', 'Donald Trump', 'US', { title: 'President', aliases: ['POTUS'] }),
    );
    expect(state.actors.trump).toEqual({
      id: 'trump',
      name: 'Donald Trump',
      kind: 'person',
      title: 'President',
      country: 'US',
      aliases: ['POTUS'],
      factIds: [],
      interactsWith: {},
      position: 1,
      recordedAt: '2025-02-20T00:00:00.000Z',
    });
  });

  it('given the story, then each actor lists its facts (as participant or speaker) and whom it interacted with', async () => {
    const state = await (await given()).when(...storyCommands);
    expect(state.actors.trump?.factIds).toEqual(['call', 'zelensky-reply', 'summit']);
    expect(state.actors.zelensky?.factIds).toEqual(['call', 'zelensky-reply', 'summit']);
    expect(state.actors.eu?.factIds).toEqual(['eu-claim']);
    expect(state.actors.trump?.interactsWith).toEqual({
      putin: ['call', 'summit'],
      zelensky: ['call', 'zelensky-reply', 'summit'],
    });
    expect(state.actors.eu?.interactsWith).toEqual({});
  });

  it('given a fact, when a correction changes its participants, then the fact moves between actors without reordering the others', async () => {
    const setup = [
      cmd.article('reuters-1', '2025-02-17'),
      cmd.actor('a', 'A'),
      cmd.actor('b', 'B'),
      cmd.actor('c', 'C'),
      cmd.fact('first', 'reuters-1', {
        kind: 'meeting',
        participants: [
          { actorId: 'a', role: 'host' },
          { actorId: 'b', role: 'attendee' },
        ],
      }),
      cmd.fact('second', 'reuters-1', {
        kind: 'meeting',
        participants: [
          { actorId: 'a', role: 'host' },
          { actorId: 'b', role: 'attendee' },
        ],
      }),
    ];
    const state = await (await given(...setup)).when(
      cmd.correct(
        'first',
        {
          participants: [
            { actorId: 'a', role: 'host' },
            { actorId: 'c', role: 'attendee' },
          ],
        },
        'C attended, not B',
      ),
    );
    expect(state.actors.a?.factIds).toEqual(['first', 'second']);
    expect(state.actors.b?.factIds).toEqual(['second']);
    expect(state.actors.c?.factIds).toEqual(['first']);
    expect(state.actors.a?.interactsWith).toEqual({ b: ['second'], c: ['first'] });
    expect(state.actors.b?.interactsWith).toEqual({ a: ['second'] });
  });

  it('given an actor whose id is "constructor", then it is an actor like any other', async () => {
    const state = await (await given(cmd.article('reuters-1', '2025-02-17'))).when(
      cmd.actor('constructor', 'A Builder'),
      cmd.actor('b', 'B'),
      cmd.fact('f', 'reuters-1', {
        participants: [
          { actorId: 'constructor', role: 'speaker' },
          { actorId: 'b', role: 'addressee' },
        ],
      }),
    );
    expect(own(state.actors, 'constructor')?.factIds).toEqual(['f']);
    expect(state.actors.b?.interactsWith).toEqual({ constructor: ['f'] });
  });
});
