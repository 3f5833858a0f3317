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
 * 'excluded'. Each (pair, kind) appears once; an actor never interacts with itself.
 */
export function interactionsOf(factId: string, involvement: FactInvolvement): InteractionVia[] {
  const taking = new Map<string, number>();
  const addressees: string[] = [];
  const subjects: string[] = [];
  const excluded: string[] = [];
  for (const { actorId, role } of involvement.participants) {
    if (TAKING_PART.has(role)) {
      const lead = LEAD[role] ?? 9;
      taking.set(actorId, Math.min(lead, taking.get(actorId) ?? 9));
    } else if (role === 'addressee') addressees.push(actorId);
    else if (role === 'subject') subjects.push(actorId);
    else if (role === 'excluded') excluded.push(actorId);
  }

  const out: InteractionVia[] = [];
  const seen = new Set<string>();
  const add = (kind: InteractionVia['kind'], from: string, to: string) => {
    if (from === to) return;
    const [a, b] = from < to ? [from, to] : [to, from];
    const key = `${a}~${b}~${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ factId, kind, from, to });
  };

  const active = [...taking.keys()];
  for (let i = 0; i < active.length; i++) {
    for (let j = i + 1; j < active.length; j++) {
      const x = active[i]!;
      const y = active[j]!;
      const lx = taking.get(x)!;
      const ly = taking.get(y)!;
      const [from, to] = lx < ly ? [x, y] : ly < lx ? [y, x] : x < y ? [x, y] : [y, x];
      add(involvement.kind, from, to);
    }
  }
  for (const to of addressees) for (const from of active) add('addressed', from, to);
  const voices = [...active];
  for (const s of involvement.speakerIds) if (!taking.has(s)) voices.push(s);
  for (const to of subjects) for (const from of voices) add('discussed', from, to);
  for (const to of excluded) for (const from of active) add('excluded', from, to);
  return out;
}

export function edgeIdOf(a: string, b: string): string {
  return a < b ? `${a}~${b}` : `${b}~${a}`;
}
