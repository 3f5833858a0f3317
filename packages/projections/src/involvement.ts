import type { FactChanges } from '@dateline/domain';
import type { FactInvolvement, FactParticipant, FactQuote, InteractionVia } from './read-models.js';

/** Roles of actors who take part in what the fact describes. */
const TAKING_PART = new Set<string>([
  'initiator',
  'recipient',
  'host',
  'attendee',
  'speaker',
  'author',
]);

export function involvementOf(
  kind: FactInvolvement['kind'],
  participants: FactParticipant[],
  quotes: FactQuote[],
): FactInvolvement {
  const speakerIds: string[] = [];
  for (const quote of quotes) {
    if (quote.speakerId !== undefined && !speakerIds.includes(quote.speakerId))
      speakerIds.push(quote.speakerId);
  }
  return { kind, participants, speakerIds };
}

/** Distinct actor ids a fact involves (participants, then quoted speakers), in order. */
export function actorIdsOf(involvement: FactInvolvement): string[] {
  const ids: string[] = [];
  for (const p of involvement.participants) if (!ids.includes(p.actorId)) ids.push(p.actorId);
  for (const s of involvement.speakerIds) if (!ids.includes(s)) ids.push(s);
  return ids;
}

/** Leading role wins the direction of a co-participation: initiator → recipient, host → attendee. */
const LEAD: Record<string, number> = { initiator: 0, host: 1, speaker: 2, author: 2 };

/**
 * The actor-to-actor interactions a fact implies, derived from participant roles (see
 * InteractionKind): co-participation as the fact's kind, then 'addressed', 'discussed' and
 * 'excluded'. Each (from, to, kind) appears once; an actor never interacts with itself.
 */
export function interactionsOf(factId: string, involvement: FactInvolvement): InteractionVia[] {
  // Arrays, not Maps and Sets: a fact has a handful of participants, and this runs for every fact.
  const active: string[] = [];
  const leads: number[] = [];
  const addressees: string[] = [];
  const subjects: string[] = [];
  const excluded: string[] = [];
  for (const { actorId, role } of involvement.participants) {
    if (TAKING_PART.has(role)) {
      const lead = LEAD[role] ?? 9;
      const at = active.indexOf(actorId);
      if (at < 0) {
        active.push(actorId);
        leads.push(lead);
      } else if (lead < leads[at]!) leads[at] = lead;
    } else if (role === 'addressee') pushNew(addressees, actorId);
    else if (role === 'subject') pushNew(subjects, actorId);
    else if (role === 'excluded') pushNew(excluded, actorId);
  }

  const out: InteractionVia[] = [];
  const add = (kind: InteractionVia['kind'], from: string, to: string) => {
    if (from !== to) out.push({ factId, kind, from, to });
  };
  for (let i = 0; i < active.length; i++) {
    for (let j = i + 1; j < active.length; j++) {
      const x = active[i]!;
      const y = active[j]!;
      const lx = leads[i]!;
      const ly = leads[j]!;
      if (lx < ly || (lx === ly && x < y)) add(involvement.kind, x, y);
      else add(involvement.kind, y, x);
    }
  }
  for (const to of addressees) for (const from of active) add('addressed', from, to);
  if (subjects.length > 0) {
    const voices = [...active];
    for (const s of involvement.speakerIds) pushNew(voices, s);
    for (const to of subjects) for (const from of voices) add('discussed', from, to);
  }
  for (const to of excluded) for (const from of active) add('excluded', from, to);
  return out;
}

function pushNew(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

export function edgeIdOf(a: string, b: string): string {
  return a < b ? `${a}~${b}` : `${b}~${a}`;
}

/** Whether a correction changes who is involved in a fact (its kind, participants or quotes). */
export function changesInvolvement(changes: FactChanges): boolean {
  return (
    changes.kind !== undefined || changes.participants !== undefined || changes.quotes !== undefined
  );
}

/** A fact's involvement after a correction. */
export function correctedInvolvement(
  previous: FactInvolvement,
  changes: FactChanges,
): FactInvolvement {
  return {
    kind: changes.kind ?? previous.kind,
    participants: changes.participants ?? previous.participants,
    speakerIds: changes.quotes
      ? involvementOf(previous.kind, [], changes.quotes).speakerIds
      : previous.speakerIds,
  };
}
