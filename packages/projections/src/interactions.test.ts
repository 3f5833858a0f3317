import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interactionEdges, interactionsProjection, restrictInteractions } from './interactions.js';
import { interactionsOf } from './involvement.js';
import { involvementOfFact } from './involvements.js';
import { decodeEnvelope } from './projection.js';
import type {
  FactInvolvement,
  InteractionEdge,
  InteractionsState,
  InteractionVia,
} from './read-models.js';
import {
  cmd,
  commandWriter,
  foldEvents,
  foldSteps,
  type InvolvementStep,
  involvementAfter,
  involvementSteps,
  newStore,
  storyCommands,
} from './test-fixtures.js';

async function given(...commands: Record<string, unknown>[]) {
  const store = newStore();
  await commandWriter(store).runAll(commands);
  return foldEvents(interactionsProjection, store.envelopes().map(decodeEnvelope));
}

/** The edges of a state by id. */
function edgesById(state: InteractionsState): Record<string, InteractionEdge> {
  return Object.fromEntries(interactionEdges(state).map((edge) => [edge.id, edge]));
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
    const edges = edgesById(state);
    expect(interactionsProjection.present?.(state)).toMatchObject({ edges });
    expect(Object.keys(edges).sort()).toEqual(['putin~trump', 'putin~zelensky', 'trump~zelensky']);
    expect(edges['putin~trump']).toMatchObject({
      source: 'putin',
      target: 'trump',
      kinds: ['call', 'summit'],
      factIds: ['call', 'summit'],
    });
    expect(edges['trump~zelensky']?.kinds).toEqual(['addressed', 'discussed', 'excluded']);
    expect(edges['putin~zelensky']?.via).toEqual([
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
    expect(Object.keys(edgesById(state))).toEqual(['a~b']);
    expect(edgesById(state)['a~b']).toMatchObject({ kinds: ['meeting'], factIds: ['f'] });
    expect(involvementOfFact(state.facts, 'f')?.kind).toBe('meeting');
  });
});

// ---------------------------------------------------------------------------------------------
// The numbered graph against the plainest statement of what it must hold: each fact's current
// interactions, facts in the order they were recorded or last had their involvement corrected,
// grouped by pair.

function reference(
  steps: InvolvementStep[],
  keep: (factId: string) => boolean = () => true,
): Record<string, InteractionEdge> {
  const current = new Map<string, FactInvolvement>();
  const order: string[] = [];
  for (const step of steps) {
    const after = involvementAfter(step, current.get(step.factId));
    if (!after) continue;
    current.set(step.factId, after);
    // A fact whose involvement a correction changes moves to the end of each edge it is on.
    if (order.includes(step.factId)) order.splice(order.indexOf(step.factId), 1);
    order.push(step.factId);
  }
  const vias = new Map<string, InteractionVia[]>();
  for (const factId of order) {
    if (!keep(factId)) continue;
    for (const via of interactionsOf(factId, current.get(factId)!)) {
      const id = via.from < via.to ? `${via.from}~${via.to}` : `${via.to}~${via.from}`;
      vias.set(id, [...(vias.get(id) ?? []), via]);
    }
  }
  const edges: Record<string, InteractionEdge> = {};
  for (const [id, list] of vias) {
    const [source, target] = id.split('~') as [string, string];
    edges[id] = {
      id,
      source,
      target,
      kinds: [...new Set(list.map((v) => v.kind))].sort(),
      factIds: [...new Set(list.map((v) => v.factId))],
      via: list,
    };
  }
  return edges;
}

function fold(steps: InvolvementStep[], state = interactionsProjection.initialState(), from = 0) {
  return foldSteps(interactionsProjection, steps, state, from);
}

describe('interactions graph (property)', () => {
  it('holds each fact’s current interactions, in order, across corrections', () => {
    fc.assert(
      fc.property(involvementSteps, (steps) => {
        // An edge that corrections left without interactions is not listed: the reference has none.
        expect(edgesById(fold(steps))).toEqual(reference(steps));
      }),
      { numRuns: 300 },
    );
  });

  it('folds on from a JSON copy (a snapshot) as from the state itself', () => {
    fc.assert(
      fc.property(involvementSteps, fc.nat(), (steps, at) => {
        const cut = steps.length === 0 ? 0 : at % (steps.length + 1);
        const copy = JSON.parse(JSON.stringify(fold(steps.slice(0, cut)))) as InteractionsState;
        expect(edgesById(fold(steps.slice(cut), copy, cut))).toEqual(reference(steps));
      }),
      { numRuns: 200 },
    );
  });

  it('restricts to some facts as if only those had been recorded', () => {
    fc.assert(
      fc.property(involvementSteps, fc.array(fc.nat(9)), (steps, dropped) => {
        const keep = (factId: string) => !dropped.includes(Number(factId.slice(1)));
        const state = fold(steps);
        const before = JSON.stringify(state);
        expect(edgesById(restrictInteractions(state, keep))).toEqual(reference(steps, keep));
        expect(JSON.stringify(state)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
