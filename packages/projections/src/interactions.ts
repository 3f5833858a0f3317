import {
  changesInvolvement,
  correctedInvolvement,
  edgeIdOf,
  interactionsOf,
  involvementOf,
} from './involvement.js';
import {
  appended,
  emptyRecord,
  InconsistentLogError,
  own,
  type Projection,
  removeValue,
  required,
} from './projection.js';
import type {
  FactInvolvement,
  InteractionKind,
  InteractionsState,
  InteractionVia,
} from './read-models.js';

function addVia(state: InteractionsState, via: InteractionVia): void {
  const id = edgeIdOf(via.from, via.to);
  const edge = own(state.edges, id);
  if (!edge) {
    // Arrays made with their first entry hold one slot; an empty array grown by push holds 17,
    // which for 140,000 edges of three arrays each came to most of this read model's memory.
    const forward = via.from < via.to;
    state.edges[id] = {
      id,
      source: forward ? via.from : via.to,
      target: forward ? via.to : via.from,
      kinds: [via.kind],
      factIds: [via.factId],
      via: [via],
    };
    return;
  }
  edge.via = appended(edge.via, via);
  if (!edge.kinds.includes(via.kind)) edge.kinds = appended(edge.kinds, via.kind).sort();
  // One event adds one fact, so a duplicate can only be the last entry.
  if (edge.factIds[edge.factIds.length - 1] !== via.factId)
    edge.factIds = appended(edge.factIds, via.factId);
}

function removeFact(state: InteractionsState, factId: string, involvement: FactInvolvement): void {
  const touched = new Set<string>();
  for (const via of interactionsOf(factId, involvement)) touched.add(edgeIdOf(via.from, via.to));
  for (const id of touched) {
    const edge = own(state.edges, id);
    if (!edge) continue;
    edge.via = edge.via.filter((v) => v.factId !== factId);
    if (edge.via.length === 0) {
      delete state.edges[id];
      continue;
    }
    removeValue(edge.factIds, factId);
    edge.kinds = [...new Set<InteractionKind>(edge.via.map((v) => v.kind))].sort();
  }
}

/** A graph of actor-to-actor edges (calls, meetings, statements about or to) with the facts behind each. */
export const interactionsProjection: Projection<InteractionsState> = {
  name: 'interactions',
  version: 1,
  initialState: () => ({ edges: emptyRecord(), facts: emptyRecord() }),
  evolve(state, { event }) {
    switch (event.type) {
      case 'FactRecorded': {
        const { factId, kind, participants, quotes } = event.data;
        if (own(state.facts, factId))
          throw new InconsistentLogError(`fact "${factId}" is recorded twice`);
        const involvement = involvementOf(kind, participants, quotes);
        for (const via of interactionsOf(factId, involvement)) addVia(state, via);
        state.facts[factId] = involvement;
        return state;
      }
      case 'FactCorrected': {
        const { factId, changes } = event.data;
        if (!changesInvolvement(changes)) return state;
        const previous = required(state.facts, factId, 'fact');
        const next = correctedInvolvement(previous, changes);
        // A correction is rare: rebuilding the fact's edges is simpler than diffing them.
        removeFact(state, factId, previous);
        for (const via of interactionsOf(factId, next)) addVia(state, via);
        state.facts[factId] = next;
        return state;
      }
      case 'ArticleRecorded':
      case 'ActorRegistered':
      case 'FactCorroborated':
      case 'FactRetracted':
      case 'FactsLinked':
        return state;
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled event ${(unreachable as { type: string }).type}`);
      }
    }
  },
};
