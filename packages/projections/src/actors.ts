import {
  actorIdsOf,
  changesInvolvement,
  correctedInvolvement,
  interactionsOf,
  involvementOf,
} from './involvement.js';
import {
  addInvolvement,
  emptyInvolvements,
  hasFact,
  involvementOfFact,
  presentInvolvements,
  restrictInvolvements,
  setInvolvement,
} from './involvements.js';
import { derivedLookups, indexOf } from './numbering.js';
import { PairIndex } from './pair-index.js';
import {
  emptyRecord,
  InconsistentLogError,
  own,
  type Projection,
  removeValue,
  required,
} from './projection.js';
import type { ActorsState, ActorView, FactInvolvement } from './read-models.js';

// Whom each actor interacted with is kept as numbers in flat lists, as the interaction graph is
// (see interactions.ts): a record of partners per actor and an array per partner were, for a
// million-event log, about 2.8 million arrays and as many look-ups of fresh strings in per-actor
// records. Actors are numbered in registration order; each (actor, partner) pair is a number
// whose fact entries form a chain, and an actor's pairs form a chain too. Read them with
// partnersOf.

/** Actor id → number, and (actor, partner) → pair: rebuilt from the lists when missing. */
interface Lookups {
  actors: Map<string, number>;
  pairs: PairIndex;
}

const lookups = new WeakMap<ActorsState, Lookups>();

function lookupsOf(state: ActorsState): Lookups {
  return derivedLookups(lookups, state, ({ numbered, partners }) => {
    const found: Lookups = { actors: indexOf(numbered.id), pairs: new PairIndex() };
    for (let n = 0; n < numbered.id.length; n++)
      for (let p = numbered.firstPartner[n]!; p >= 0; p = partners.next[p]!)
        found.pairs.set(n, partners.other[p]!, p);
    return found;
  });
}

/** The number of a registered actor (every actor a fact names is registered first). */
function actorNumber(found: Lookups, actorId: string): number {
  const n = found.actors.get(actorId);
  if (n === undefined) throw new InconsistentLogError(`actor "${actorId}" is not recorded`);
  return n;
}

/** Adds `factId` at the end of what `actor` and `other` did together, unless it is there last. */
function addPartner(
  state: ActorsState,
  found: Lookups,
  actor: number,
  other: number,
  factId: string,
): void {
  const { numbered, partners, entries } = state;
  let p = found.pairs.get(actor, other);
  if (p === undefined) {
    p = partners.other.length;
    found.pairs.set(actor, other, p);
    partners.other.push(other);
    partners.first.push(-1);
    partners.last.push(-1);
    partners.next.push(-1);
    if (numbered.lastPartner[actor]! < 0) numbered.firstPartner[actor] = p;
    else partners.next[numbered.lastPartner[actor]!] = p;
    numbered.lastPartner[actor] = p;
  }
  const last = partners.last[p]!;
  // All entries for one fact are added together, so a repeat can only be the last entry.
  if (last >= 0 && entries.fact[last] === factId) return;
  const e = entries.fact.length;
  entries.fact.push(factId);
  entries.next.push(-1);
  if (last < 0) partners.first[p] = e;
  else entries.next[last] = e;
  partners.last[p] = e;
}

/** Takes `factId` out of what `actor` and `other` did together, keeping the order of the rest. */
function removePartner(
  state: ActorsState,
  found: Lookups,
  actor: number,
  other: number,
  factId: string,
): void {
  const p = found.pairs.get(actor, other);
  if (p === undefined) return;
  const { partners, entries } = state;
  let previous = -1;
  for (let e = partners.first[p]!; e >= 0; previous = e, e = entries.next[e]!) {
    if (entries.fact[e] !== factId) continue;
    const next = entries.next[e]!;
    if (previous < 0) partners.first[p] = next;
    else entries.next[previous] = next;
    if (partners.last[p] === e) partners.last[p] = previous;
    return;
  }
}

/** Directed (actor, other actor) pairs of numbers a fact implies, each once, as [a0, b0, a1, b1, …]. */
function pairsOf(found: Lookups, factId: string, involvement: FactInvolvement): number[] {
  const pairs: number[] = [];
  for (const { from, to } of interactionsOf(factId, involvement)) {
    const a = actorNumber(found, from);
    const b = actorNumber(found, to);
    if (!hasPair(pairs, a, b)) pairs.push(a, b, b, a);
  }
  return pairs;
}

function hasPair(pairs: number[], a: number, b: number): boolean {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === a && pairs[i + 1] === b) return true;
  return false;
}

/** A new fact: the common case of a replay, so no diffing. */
function attach(
  state: ActorsState,
  found: Lookups,
  factId: string,
  involvement: FactInvolvement,
): void {
  // Every actor is looked up before any changes, so an unknown one changes nothing.
  const actors = actorIdsOf(involvement).map((actorId) => required(state.actors, actorId, 'actor'));
  for (const actor of actors) actor.factIds.push(factId);
  for (const { from, to } of interactionsOf(factId, involvement)) {
    // Every actor an interaction names is among the fact's actors, so registered.
    const a = actorNumber(found, from);
    const b = actorNumber(found, to);
    addPartner(state, found, a, b, factId);
    addPartner(state, found, b, a, factId);
  }
}

/**
 * Moves a fact from what `before` implied to what `after` implies. Entries both imply stay where
 * they are, so a correction does not reorder an actor's facts.
 */
function rewire(
  state: ActorsState,
  found: Lookups,
  factId: string,
  before: FactInvolvement,
  after: FactInvolvement,
): void {
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
  const oldPairs = pairsOf(found, factId, before);
  const newPairs = pairsOf(found, factId, after);
  for (let i = 0; i < oldPairs.length; i += 2) {
    const [a, b] = [oldPairs[i]!, oldPairs[i + 1]!];
    if (!hasPair(newPairs, a, b)) removePartner(state, found, a, b, factId);
  }
  for (let i = 0; i < newPairs.length; i += 2) {
    const [a, b] = [newPairs[i]!, newPairs[i + 1]!];
    if (!hasPair(oldPairs, a, b)) addPartner(state, found, a, b, factId);
  }
}

/**
 * Whom an actor interacted with: other actor id → the facts behind it (log order, except that a
 * fact a correction brought into a pair comes after those already there), in the order the
 * partners first appeared. Empty for an actor that is not recorded.
 */
export function partnersOf(state: ActorsState, actorId: string): Record<string, string[]> {
  const out = emptyRecord<string[]>();
  const n = lookupsOf(state).actors.get(actorId);
  if (n === undefined) return out;
  const { numbered, partners, entries } = state;
  for (let p = numbered.firstPartner[n]!; p >= 0; p = partners.next[p]!) {
    const facts: string[] = [];
    for (let e = partners.first[p]!; e >= 0; e = entries.next[e]!) facts.push(entries.fact[e]!);
    if (facts.length > 0) out[numbered.id[partners.other[p]!]!] = facts;
  }
  return out;
}

function emptyActors(): ActorsState {
  return {
    actors: emptyRecord(),
    facts: emptyInvolvements(),
    numbered: { id: [], firstPartner: [], lastPartner: [] },
    partners: { other: [], first: [], last: [], next: [] },
    entries: { fact: [], next: [] },
  };
}

/**
 * A new state with only the facts `keep` accepts, in each actor's facts and partners; the order
 * of what remains is kept. The input is not changed; actors whose facts all stay are shared.
 */
export function restrictActors(state: ActorsState, keep: (factId: string) => boolean): ActorsState {
  const out = emptyActors();
  out.facts = restrictInvolvements(state.facts, keep);
  for (const actor of Object.values(state.actors)) {
    const factIds = actor.factIds.filter(keep);
    out.actors[actor.id] = factIds.length === actor.factIds.length ? actor : { ...actor, factIds };
  }
  out.numbered.id = [...state.numbered.id];
  out.numbered.firstPartner = state.numbered.id.map(() => -1);
  out.numbered.lastPartner = state.numbered.id.map(() => -1);
  const found = lookupsOf(out);
  const { numbered, partners, entries } = state;
  for (let n = 0; n < numbered.id.length; n++) {
    for (let p = numbered.firstPartner[n]!; p >= 0; p = partners.next[p]!) {
      for (let e = partners.first[p]!; e >= 0; e = entries.next[e]!) {
        const factId = entries.fact[e]!;
        if (keep(factId)) addPartner(out, found, n, partners.other[p]!, factId);
      }
    }
  }
  return out;
}

/** Each actor with the facts they take part in and whom they interacted with. */
export const actorsProjection: Projection<ActorsState> = {
  name: 'actors',
  // 2: partners as numbered flat lists instead of a record of arrays in each actor;
  // 3: who took part in each fact as numbers too (FactInvolvements).
  version: 3,
  initialState: emptyActors,
  evolve(state, { envelope, event }) {
    switch (event.type) {
      case 'ActorRegistered': {
        const { actorId, name, kind, title, country, aliases } = event.data;
        if (own(state.actors, actorId))
          throw new InconsistentLogError(`actor "${actorId}" is registered twice`);
        // Keys in sorted order (canonicalJson writes such objects fastest).
        const actor = { aliases } as ActorView;
        if (country !== undefined) actor.country = country;
        actor.factIds = [];
        actor.id = actorId;
        actor.kind = kind;
        actor.name = name;
        actor.position = envelope.position;
        actor.recordedAt = envelope.recordedAt;
        if (title !== undefined) actor.title = title;
        state.actors[actorId] = actor;
        const { numbered } = state;
        lookupsOf(state).actors.set(actorId, numbered.id.length);
        numbered.id.push(actorId);
        numbered.firstPartner.push(-1);
        numbered.lastPartner.push(-1);
        return state;
      }
      case 'FactRecorded': {
        const { factId, kind, participants, quotes } = event.data;
        if (hasFact(state.facts, factId))
          throw new InconsistentLogError(`fact "${factId}" is recorded twice`);
        const involvement = involvementOf(kind, participants, quotes);
        attach(state, lookupsOf(state), factId, involvement);
        addInvolvement(state.facts, factId, involvement);
        return state;
      }
      case 'FactCorrected': {
        const { factId, changes } = event.data;
        if (!changesInvolvement(changes)) return state;
        const previous = involvementOfFact(state.facts, factId);
        if (!previous) throw new InconsistentLogError(`fact "${factId}" is not recorded`);
        const next = correctedInvolvement(previous, changes);
        rewire(state, lookupsOf(state), factId, previous, next);
        setInvolvement(state.facts, factId, next);
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
  present: (state) => ({
    actors: Object.fromEntries(
      Object.values(state.actors).map((actor) => [
        actor.id,
        { ...actor, interactsWith: partnersOf(state, actor.id) },
      ]),
    ),
    facts: presentInvolvements(state.facts),
  }),
};
