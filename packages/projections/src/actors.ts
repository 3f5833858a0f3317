import {
  actorIdsOf,
  changesInvolvement,
  correctedInvolvement,
  interactionsOf,
  involvementOf,
} from './involvement.js';
import {
  emptyRecord,
  InconsistentLogError,
  own,
  type Projection,
  removeValue,
  required,
} from './projection.js';
import type { ActorsState, ActorView, FactInvolvement } from './read-models.js';

/** A new fact: the common case of a replay, so no diffing, and each actor looked up once. */
function attach(state: ActorsState, factId: string, involvement: FactInvolvement): void {
  const ids = actorIdsOf(involvement);
  const actors = ids.map((actorId) => required(state.actors, actorId, 'actor'));
  for (const actor of actors) actor.factIds.push(factId);
  for (const { from, to } of interactionsOf(factId, involvement)) {
    // Every actor an interaction names is among the fact's actors.
    addPartner(actors[ids.indexOf(from)]!, to, factId);
    addPartner(actors[ids.indexOf(to)]!, from, factId);
  }
}

function addPartner(actor: ActorView, to: string, factId: string): void {
  const list = own(actor.interactsWith, to);
  if (!list) actor.interactsWith[to] = [factId];
  // All entries for one fact are added together, so a repeat can only be the last entry.
  else if (list[list.length - 1] !== factId) list.push(factId);
}

/** Directed (actor, other actor) pairs a fact puts in `interactsWith`, as "a\u0000b" keys. */
function pairsOf(factId: string, involvement: FactInvolvement): Set<string> {
  const pairs = new Set<string>();
  for (const { from, to } of interactionsOf(factId, involvement)) {
    pairs.add(`${from}\u0000${to}`);
    pairs.add(`${to}\u0000${from}`);
  }
  return pairs;
}

/**
 * Moves a fact from what `before` implied to what `after` implies. Entries both imply stay where
 * they are, so a correction does not reorder an actor's facts.
 */
function rewire(
  state: ActorsState,
  factId: string,
  before: FactInvolvement | undefined,
  after: FactInvolvement,
): void {
  if (!before) {
    attach(state, factId, after);
    return;
  }
  const oldActors = actorIdsOf(before);
  const newActors = actorIdsOf(after);
  for (const actorId of oldActors) {
    if (!newActors.includes(actorId)) {
      const actor = own(state.actors, actorId);
      if (actor) removeValue(actor.factIds, factId);
    }
  }
  for (const actorId of newActors) {
    if (!oldActors.includes(actorId)) required(state.actors, actorId, 'actor').factIds.push(factId);
  }
  const oldPairs = pairsOf(factId, before);
  const newPairs = pairsOf(factId, after);
  for (const pair of oldPairs) {
    if (newPairs.has(pair)) continue;
    const [from = '', to = ''] = pair.split('\u0000');
    const actor = own(state.actors, from);
    const list = actor && own(actor.interactsWith, to);
    if (!actor || !list) continue;
    removeValue(list, factId);
    if (list.length === 0) delete actor.interactsWith[to];
  }
  for (const pair of newPairs) {
    if (oldPairs.has(pair)) continue;
    const [from = '', to = ''] = pair.split('\u0000');
    addPartner(required(state.actors, from, 'actor'), to, factId);
  }
}

/** Each actor with the facts they take part in and whom they interacted with. */
export const actorsProjection: Projection<ActorsState> = {
  name: 'actors',
  version: 1,
  initialState: () => ({ actors: emptyRecord(), facts: emptyRecord() }),
  evolve(state, { envelope, event }) {
    switch (event.type) {
      case 'ActorRegistered': {
        const { actorId, name, kind, title, country, aliases } = event.data;
        if (own(state.actors, actorId))
          throw new InconsistentLogError(`actor "${actorId}" is registered twice`);
        state.actors[actorId] = {
          id: actorId,
          name,
          kind,
          ...(title !== undefined ? { title } : {}),
          ...(country !== undefined ? { country } : {}),
          aliases,
          factIds: [],
          interactsWith: emptyRecord(),
          position: envelope.position,
          recordedAt: envelope.recordedAt,
        };
        return state;
      }
      case 'FactRecorded': {
        const { factId, kind, participants, quotes } = event.data;
        if (own(state.facts, factId))
          throw new InconsistentLogError(`fact "${factId}" is recorded twice`);
        const involvement = involvementOf(kind, participants, quotes);
        rewire(state, factId, undefined, involvement);
        state.facts[factId] = involvement;
        return state;
      }
      case 'FactCorrected': {
        const { factId, changes } = event.data;
        if (!changesInvolvement(changes)) return state;
        const previous = required(state.facts, factId, 'fact');
        const next = correctedInvolvement(previous, changes);
        rewire(state, factId, previous, next);
        state.facts[factId] = next;
        return state;
      }
      case 'ArticleRecorded':
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
