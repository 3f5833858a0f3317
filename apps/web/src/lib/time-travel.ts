import type { AsOf } from '@/gql/graphql';
import type { CardFact } from './facts';
import { statusLabel } from './vocabulary';

/** How a fact as seen in the past differs from the fact now. */
export interface FactChange {
  id: string;
  /** Human sentences, e.g. "status was Planned, now Happened". */
  differences: string[];
}

export interface TimeTravelDiff {
  /** Past id → what has changed about it since. */
  changed: Map<string, FactChange>;
  /** Facts known now but not at the past point, in the present's order. */
  added: CardFact[];
  /** Facts seen at the past point that the present view no longer shows. */
  gone: string[];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

/** What about one fact changed between a past view and the present; empty when nothing did. */
export function compareFact(past: CardFact, present: CardFact): string[] {
  const out: string[] = [];
  if (past.summary !== present.summary) out.push('its summary was reworded');
  if (past.status !== present.status) {
    out.push(`status was ${statusLabel(past.status)}, now ${statusLabel(present.status)}`);
  }
  if (past.kind !== present.kind) out.push('its kind changed');
  if (
    past.occurred.earliest !== present.occurred.earliest ||
    past.occurred.latest !== present.occurred.latest ||
    past.occurred.precision !== present.occurred.precision
  ) {
    out.push(`date was ${past.occurred.label}, now ${present.occurred.label}`);
  }
  if (!past.retracted && present.retracted) out.push('it has since been retracted');
  if (past.retracted && !present.retracted) out.push('its retraction no longer applies');
  const sourcesNow = present.sources.length - past.sources.length;
  if (sourcesNow > 0) {
    out.push(`${sourcesNow} more ${sourcesNow === 1 ? 'source' : 'sources'}`);
  }
  if (
    !sameList(
      past.participants.map((p) => `${p.actor.id}:${p.role}`),
      present.participants.map((p) => `${p.actor.id}:${p.role}`),
    )
  ) {
    out.push('its participants changed');
  }
  if (
    !sameList(
      past.quotes.map((q) => `${q.speaker?.id ?? ''}:${q.text}`),
      present.quotes.map((q) => `${q.speaker?.id ?? ''}:${q.text}`),
    )
  )
    out.push('its quotes changed');
  if (!sameList(past.topics, present.topics)) out.push('its topics changed');
  if (!sameList(past.places, present.places)) out.push('its places changed');
  return out;
}

/**
 * Compares a past timeline with the present one (same filter and page). A fact of the past view
 * that the present one lacks counts as changed, with `goneReason` as what changed: under a filter,
 * it no longer matches; otherwise it has moved elsewhere in the storyline.
 */
export function diffTimelines(
  past: readonly CardFact[],
  present: readonly CardFact[],
  goneReason = 'today it is elsewhere in the storyline',
): TimeTravelDiff {
  const presentById = new Map(present.map((f) => [f.id, f]));
  const pastIds = new Set(past.map((f) => f.id));
  const changed = new Map<string, FactChange>();
  const gone: string[] = [];
  for (const fact of past) {
    const now = presentById.get(fact.id);
    if (!now) {
      gone.push(fact.id);
      changed.set(fact.id, { id: fact.id, differences: [goneReason] });
      continue;
    }
    const differences = compareFact(fact, now);
    if (differences.length) changed.set(fact.id, { id: fact.id, differences });
  }
  return { changed, added: present.filter((f) => !pastIds.has(f.id)), gone };
}

/**
 * Whether the log knew a fact at a past point: recorded by then (by position or time), or, as
 * reported by a date, reported by an article published by then.
 */
export function knownAt(fact: CardFact, asOf: AsOf): boolean {
  const recorded = fact.history[0];
  if (asOf.position !== undefined && asOf.position !== null)
    return recorded !== undefined && recorded.position <= asOf.position;
  if (asOf.recordedAt)
    return recorded !== undefined && Date.parse(recorded.recordedAt) <= Date.parse(asOf.recordedAt);
  if (asOf.reportedBy) {
    const by = asOf.reportedBy;
    return fact.sources.some((s) => s.article.publishedAt.slice(0, 10) <= by);
  }
  return true;
}
