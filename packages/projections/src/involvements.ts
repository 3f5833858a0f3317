import { derivedLookups, indexOf, numberOf } from './numbering.js';
import type { FactInvolvement, FactParticipant } from './read-models.js';

/**
 * Who took part in each fact, as numbers, for the graph projections: they need a fact's previous
 * involvement when a correction changes it, and nothing else of the fact. As a record of objects
 * per fact these were 131 MB of each graph's snapshot at a million events, read back line by line.
 *
 * Each fact has a record in `records`: its kind, the number of participants, then an actor and a
 * role per participant, then the number of quoted speakers and the speakers; the numbers index
 * `names` (actor ids, kinds and roles, numbered in order of first use). A correction appends a new
 * record and points the fact at it. Plain JSON throughout, so snapshots and copies need nothing
 * special; the look-ups are rebuilt from the lists when missing.
 */
export interface FactInvolvements {
  /** Fact ids by number, in the order they were recorded. */
  ids: string[];
  /** Per fact number: where its current record starts in `records`. */
  at: number[];
  records: number[];
  names: string[];
}

interface Lookups {
  facts: Map<string, number>;
  names: Map<string, number>;
}

const lookups = new WeakMap<FactInvolvements, Lookups>();

function lookupsOf(involvements: FactInvolvements): Lookups {
  return derivedLookups(lookups, involvements, ({ ids, names }) => ({
    facts: indexOf(ids),
    names: indexOf(names),
  }));
}

export function emptyInvolvements(): FactInvolvements {
  return { ids: [], at: [], records: [], names: [] };
}

export function hasFact(involvements: FactInvolvements, factId: string): boolean {
  return lookupsOf(involvements).facts.has(factId);
}

/** The fact's current involvement, or undefined for a fact not recorded. */
export function involvementOfFact(
  involvements: FactInvolvements,
  factId: string,
): FactInvolvement | undefined {
  const n = lookupsOf(involvements).facts.get(factId);
  if (n === undefined) return undefined;
  const { records, names } = involvements;
  let i = involvements.at[n]!;
  const kind = names[records[i++]!] as FactInvolvement['kind'];
  const participants: FactParticipant[] = [];
  for (let count = records[i++]!; count > 0; count--) {
    const actorId = names[records[i++]!]!;
    const role = names[records[i++]!] as FactParticipant['role'];
    participants.push({ actorId, role });
  }
  const speakerIds: string[] = [];
  for (let count = records[i++]!; count > 0; count--) speakerIds.push(names[records[i++]!]!);
  return { kind, participants, speakerIds };
}

/** Records the involvement of a fact not recorded yet (the caller has checked with hasFact). */
export function addInvolvement(
  involvements: FactInvolvements,
  factId: string,
  involvement: FactInvolvement,
): void {
  const found = lookupsOf(involvements);
  found.facts.set(factId, involvements.ids.length);
  involvements.ids.push(factId);
  involvements.at.push(writeRecord(involvements, found, involvement));
}

/** Records a fact's involvement, or its new involvement after a correction. */
export function setInvolvement(
  involvements: FactInvolvements,
  factId: string,
  involvement: FactInvolvement,
): void {
  const n = lookupsOf(involvements).facts.get(factId);
  if (n === undefined) addInvolvement(involvements, factId, involvement);
  else involvements.at[n] = writeRecord(involvements, lookupsOf(involvements), involvement);
}

/** Appends a record for `involvement` and returns where it starts. */
function writeRecord(
  involvements: FactInvolvements,
  found: Lookups,
  involvement: FactInvolvement,
): number {
  const { records } = involvements;
  const start = records.length;
  records.push(
    numberOf(found.names, involvements.names, involvement.kind),
    involvement.participants.length,
  );
  for (const { actorId, role } of involvement.participants)
    records.push(
      numberOf(found.names, involvements.names, actorId),
      numberOf(found.names, involvements.names, role),
    );
  records.push(involvement.speakerIds.length);
  for (const speakerId of involvement.speakerIds)
    records.push(numberOf(found.names, involvements.names, speakerId));
  return start;
}

/** A new list with only the facts `keep` accepts, in the same order. The input is not changed. */
export function restrictInvolvements(
  involvements: FactInvolvements,
  keep: (factId: string) => boolean,
): FactInvolvements {
  const out = emptyInvolvements();
  for (const factId of involvements.ids) {
    if (keep(factId)) setInvolvement(out, factId, involvementOfFact(involvements, factId)!);
  }
  return out;
}

/** Fact id → involvement, for people reading a state (see Projection.present). */
export function presentInvolvements(
  involvements: FactInvolvements,
): Record<string, FactInvolvement> {
  return Object.fromEntries(
    involvements.ids.map((factId) => [factId, involvementOfFact(involvements, factId)!]),
  );
}
