import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorsProjection, partnersOf, restrictActors } from './actors.js';
import { interactionsOf } from './involvement.js';
import { decodeEnvelope, own } from './projection.js';
import type { FactInvolvement } from './read-models.js';
import {
  cmd,
  commandWriter,
  foldEvents,
  foldSteps,
  type InvolvementStep,
  involvementAfter,
  involvementSteps,
  newStore,
  STEP_ACTORS,
  storyCommands,
} from './test-fixtures.js';

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
      position: 1,
      recordedAt: '2025-02-20T00:00:00.000Z',
    });
  });

  it('given the story, then each actor lists its facts (as participant or speaker) and whom it interacted with', async () => {
    const state = await (await given()).when(...storyCommands);
    expect(state.actors.trump?.factIds).toEqual(['call', 'zelensky-reply', 'summit']);
    expect(state.actors.zelensky?.factIds).toEqual(['call', 'zelensky-reply', 'summit']);
    expect(state.actors.eu?.factIds).toEqual(['eu-claim']);
    expect(partnersOf(state, 'trump')).toEqual({
      putin: ['call', 'summit'],
      zelensky: ['call', 'zelensky-reply', 'summit'],
    });
    expect(partnersOf(state, 'eu')).toEqual({});
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
    expect(partnersOf(state, 'a')).toEqual({ b: ['second'], c: ['first'] });
    expect(partnersOf(state, 'b')).toEqual({ a: ['second'] });
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
    expect(partnersOf(state, 'b')).toEqual({ constructor: ['f'] });
  });
});

// ---------------------------------------------------------------------------------------------
// The numbered partner lists against the plainest statement of what they must hold: a list per
// (actor, partner) in a Map, a fact added at the end when a pair starts to imply it and taken
// out, in place, when it stops.

function reference(steps: InvolvementStep[]) {
  const current = new Map<string, FactInvolvement>();
  const lists = new Map<string, string[]>();
  const factIds = new Map<string, string[]>(STEP_ACTORS.map((a) => [a, []]));
  const pairs = (factId: string, involvement: FactInvolvement | undefined) =>
    new Set(
      involvement
        ? interactionsOf(factId, involvement).flatMap((v) => [
            `${v.from} ${v.to}`,
            `${v.to} ${v.from}`,
          ])
        : [],
    );
  const actorsOf = (involvement: FactInvolvement | undefined) =>
    new Set(
      involvement
        ? [...involvement.participants.map((p) => p.actorId), ...involvement.speakerIds]
        : [],
    );
  for (const step of steps) {
    const before = current.get(step.factId);
    const after = involvementAfter(step, before);
    if (!after) continue;
    current.set(step.factId, after);
    const [oldActors, newActors] = [actorsOf(before), actorsOf(after)];
    for (const a of oldActors)
      if (!newActors.has(a)) factIds.get(a)!.splice(factIds.get(a)!.indexOf(step.factId), 1);
    for (const a of newActors) if (!oldActors.has(a)) factIds.get(a)!.push(step.factId);
    const [oldPairs, newPairs] = [pairs(step.factId, before), pairs(step.factId, after)];
    for (const pair of oldPairs) {
      if (newPairs.has(pair)) continue;
      const list = lists.get(pair)!;
      list.splice(list.indexOf(step.factId), 1);
    }
    for (const pair of newPairs)
      if (!oldPairs.has(pair)) lists.set(pair, [...(lists.get(pair) ?? []), step.factId]);
  }
  const partners = Object.fromEntries(STEP_ACTORS.map((a) => [a, {} as Record<string, string[]>]));
  for (const [pair, list] of lists) {
    const [a, b] = pair.split(' ') as [string, string];
    if (list.length > 0) partners[a]![b] = list;
  }
  return { partners, factIds: Object.fromEntries(factIds) };
}

const registered = () => {
  let state = actorsProjection.initialState();
  STEP_ACTORS.forEach((actorId, i) => {
    const data = { actorId, name: actorId.toUpperCase(), kind: 'person', aliases: [] };
    state = actorsProjection.evolve(state, {
      envelope: { position: i + 1, recordedAt: '2025-02-20T00:00:00.000Z' } as never,
      event: { type: 'ActorRegistered', data } as never,
    });
  });
  return state;
};

const seen = (state: ReturnType<typeof registered>) => ({
  partners: Object.fromEntries(STEP_ACTORS.map((a) => [a, { ...partnersOf(state, a) }])),
  factIds: Object.fromEntries(STEP_ACTORS.map((a) => [a, state.actors[a]!.factIds])),
});

describe('actors partners (property)', () => {
  it('hold each pair’s facts in place across corrections', () => {
    fc.assert(
      fc.property(involvementSteps, (steps) => {
        expect(seen(foldSteps(actorsProjection, steps, registered(), 6))).toEqual(reference(steps));
      }),
      { numRuns: 300 },
    );
  });

  it('fold on from a JSON copy (a snapshot) as from the state itself', () => {
    fc.assert(
      fc.property(involvementSteps, fc.nat(), (steps, at) => {
        const cut = at % (steps.length + 1);
        const half = foldSteps(actorsProjection, steps.slice(0, cut), registered(), 6);
        const copy = JSON.parse(JSON.stringify(half)) as typeof half;
        const state = foldSteps(actorsProjection, steps.slice(cut), copy, 6 + cut);
        expect(seen(state)).toEqual(reference(steps));
      }),
      { numRuns: 200 },
    );
  });

  it('restrict to some facts, keeping the order of the rest', () => {
    fc.assert(
      fc.property(involvementSteps, fc.array(fc.nat(9)), (steps, dropped) => {
        const keep = (factId: string) => !dropped.includes(Number(factId.slice(1)));
        const state = foldSteps(actorsProjection, steps, registered(), 6);
        const before = JSON.stringify(state);
        const restricted = restrictActors(state, keep);
        const expected = reference(steps);
        const kept = Object.fromEntries(
          Object.entries(expected.partners).map(([a, others]) => [
            a,
            Object.fromEntries(
              Object.entries(others)
                .map(([b, list]) => [b, list.filter(keep)] as const)
                .filter(([, list]) => list.length > 0),
            ),
          ]),
        );
        expect(seen(restricted).partners).toEqual(kept);
        expect(seen(restricted).factIds).toEqual(
          Object.fromEntries(
            Object.entries(expected.factIds).map(([a, ids]) => [a, ids.filter(keep)]),
          ),
        );
        expect(JSON.stringify(state)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
