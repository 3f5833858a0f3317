import {
  changesInvolvement,
  correctedInvolvement,
  edgeIdOf,
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
import { derivedLookups, indexOf, numberOf } from './numbering.js';
import { PairIndex } from './pair-index.js';
import { InconsistentLogError, type Projection } from './projection.js';
import type {
  FactInvolvement,
  InteractionEdge,
  InteractionKind,
  InteractionsState,
  InteractionVia,
} from './read-models.js';

// The state keeps the graph as numbers in flat arrays rather than as an object per edge and per
// interaction: a million-event log implies about 1.4 million edges and 1.8 million interactions,
// and an object for each made this the costliest projection to fold and 0.7 GB of snapshot
// (docs/performance.md). Actors and kinds are numbered in order of first use; every list is plain
// JSON, so snapshots, digests and structuredClone need nothing special. Readers get edges as
// objects from interactionEdges and queryInteractions.

/** Lookups over a state's numbers, rebuilt from its arrays when missing (after a snapshot or a clone). */
interface Lookups {
  actors: Map<string, number>;
  kinds: Map<string, number>;
  /** (lower actor number, higher) → edge number. */
  edges: PairIndex;
}

const lookups = new WeakMap<InteractionsState, Lookups>();

function lookupsOf(state: InteractionsState): Lookups {
  return derivedLookups(lookups, state, ({ actors, kinds, edges }) => {
    const found: Lookups = {
      actors: indexOf(actors),
      kinds: indexOf(kinds),
      edges: new PairIndex(),
    };
    for (let e = 0; e < edges.source.length; e++)
      edgeSet(found, edges.source[e]!, edges.target[e]!, e);
    return found;
  });
}

function edgeOf(found: Lookups, a: number, b: number): number | undefined {
  return a < b ? found.edges.get(a, b) : found.edges.get(b, a);
}

function edgeSet(found: Lookups, a: number, b: number, e: number): void {
  if (a < b) found.edges.set(a, b, e);
  else found.edges.set(b, a, e);
}

/** Appends one interaction to the edge of its pair, making the edge if the pair has none. */
function addVia(state: InteractionsState, found: Lookups, via: InteractionVia): void {
  const from = numberOf(found.actors, state.actors, via.from);
  const to = numberOf(found.actors, state.actors, via.to);
  const { edges, vias } = state;
  const v = vias.fact.length;
  vias.fact.push(via.factId);
  vias.kind.push(numberOf(found.kinds, state.kinds, via.kind));
  vias.from.push(from);
  vias.next.push(-1);
  const e = edgeOf(found, from, to);
  if (e === undefined) {
    edgeSet(found, from, to, edges.source.length);
    // The source is the actor whose id sorts first, as in the edge's id.
    const forward = via.from < via.to;
    edges.source.push(forward ? from : to);
    edges.target.push(forward ? to : from);
    edges.first.push(v);
    edges.last.push(v);
  } else if (edges.first[e]! < 0) {
    // An edge every interaction had left (by corrections) and that gains one again.
    edges.first[e] = v;
    edges.last[e] = v;
  } else {
    vias.next[edges.last[e]!] = v;
    edges.last[e] = v;
  }
}

/** Unlinks every interaction of `factId` from the edges `involvement` gave it. */
function removeFact(
  state: InteractionsState,
  found: Lookups,
  factId: string,
  involvement: FactInvolvement,
): void {
  const { edges, vias } = state;
  for (const via of interactionsOf(factId, involvement)) {
    const from = found.actors.get(via.from);
    const to = found.actors.get(via.to);
    const e = from === undefined || to === undefined ? undefined : edgeOf(found, from, to);
    if (e === undefined) continue;
    let previous = -1;
    for (let v = edges.first[e]!; v >= 0; v = vias.next[v]!) {
      if (vias.fact[v] !== factId) {
        previous = v;
        continue;
      }
      const next = vias.next[v]!;
      if (previous < 0) edges.first[e] = next;
      else vias.next[previous] = next;
      if (edges.last[e] === v) edges.last[e] = previous;
    }
  }
}

/**
 * Edge `e` as readers see it, with only the interactions `keep` accepts (all without it);
 * undefined when none is left.
 */
function edgeAt(
  state: InteractionsState,
  e: number,
  keep?: (factId: string, kind: InteractionKind) => boolean,
): InteractionEdge | undefined {
  const { actors, kinds, edges, vias } = state;
  const source = actors[edges.source[e]!]!;
  const target = actors[edges.target[e]!]!;
  const via: InteractionVia[] = [];
  const factIds: string[] = [];
  const kindsSeen: InteractionKind[] = [];
  for (let v = edges.first[e]!; v >= 0; v = vias.next[v]!) {
    const factId = vias.fact[v]!;
    const kind = kinds[vias.kind[v]!] as InteractionKind;
    if (keep && !keep(factId, kind)) continue;
    const from = actors[vias.from[v]!]!;
    via.push({ factId, kind, from, to: from === source ? target : source });
    // A fact's interactions on an edge are added together, so a repeat is the last entry.
    if (factIds[factIds.length - 1] !== factId) factIds.push(factId);
    if (!kindsSeen.includes(kind)) kindsSeen.push(kind);
  }
  if (via.length === 0) return undefined;
  return { id: edgeIdOf(source, target), source, target, kinds: kindsSeen.sort(), factIds, via };
}

/**
 * The edges of the graph as objects, in the order the pairs first interacted; only those touching
 * one of `actorIds` if given, and only the interactions `keep` accepts (an edge left with none is
 * left out). Each call builds new objects: callers that ask often keep the answer per position.
 */
export function interactionEdges(
  state: InteractionsState,
  options: {
    actorIds?: ReadonlySet<string>;
    keep?: (factId: string, kind: InteractionKind) => boolean;
  } = {},
): InteractionEdge[] {
  const { actorIds, keep } = options;
  const { actors, edges } = state;
  const out: InteractionEdge[] = [];
  for (let e = 0; e < edges.first.length; e++) {
    if (edges.first[e]! < 0) continue;
    if (
      actorIds &&
      !actorIds.has(actors[edges.source[e]!]!) &&
      !actorIds.has(actors[edges.target[e]!]!)
    )
      continue;
    const edge = edgeAt(state, e, keep);
    if (edge) out.push(edge);
  }
  return out;
}

function emptyInteractions(): InteractionsState {
  return {
    facts: emptyInvolvements(),
    actors: [],
    kinds: [],
    edges: { source: [], target: [], first: [], last: [] },
    vias: { fact: [], kind: [], from: [], next: [] },
  };
}

/**
 * A new state with only the facts `keep` accepts; each edge keeps the order of its remaining
 * interactions. The input is not changed.
 */
export function restrictInteractions(
  state: InteractionsState,
  keep: (factId: string) => boolean,
): InteractionsState {
  const out = emptyInteractions();
  out.facts = restrictInvolvements(state.facts, keep);
  const found = lookupsOf(out);
  for (const edge of interactionEdges(state, { keep: (factId) => keep(factId) }))
    for (const via of edge.via) addVia(out, found, via);
  return out;
}

/** A graph of actor-to-actor edges (calls, meetings, statements about or to) with the facts behind each. */
export const interactionsProjection: Projection<InteractionsState> = {
  name: 'interactions',
  // 2: the graph as numbered flat lists instead of an object per edge and per interaction;
  // 3: who took part in each fact as numbers too (FactInvolvements).
  version: 3,
  initialState: emptyInteractions,
  evolve(state, { event }) {
    switch (event.type) {
      case 'FactRecorded': {
        const { factId, kind, participants, quotes } = event.data;
        if (hasFact(state.facts, factId))
          throw new InconsistentLogError(`fact "${factId}" is recorded twice`);
        const involvement = involvementOf(kind, participants, quotes);
        const found = lookupsOf(state);
        for (const via of interactionsOf(factId, involvement)) addVia(state, found, via);
        addInvolvement(state.facts, factId, involvement);
        return state;
      }
      case 'FactCorrected': {
        const { factId, changes } = event.data;
        if (!changesInvolvement(changes)) return state;
        const previous = involvementOfFact(state.facts, factId);
        if (!previous) throw new InconsistentLogError(`fact "${factId}" is not recorded`);
        const next = correctedInvolvement(previous, changes);
        const found = lookupsOf(state);
        // A correction is rare: taking the fact's interactions out and adding them anew at the
        // end of each edge is simpler than diffing them.
        removeFact(state, found, factId, previous);
        for (const via of interactionsOf(factId, next)) addVia(state, found, via);
        setInvolvement(state.facts, factId, next);
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
  present: (state) => ({
    edges: Object.fromEntries(interactionEdges(state).map((edge) => [edge.id, edge])),
    facts: presentInvolvements(state.facts),
  }),
};
