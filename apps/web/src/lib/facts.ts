import type { FactCardFieldsFragment } from '@/gql/graphql';

export type CardFact = FactCardFieldsFragment;
type Revision = CardFact['history'][number];

/** The latest correction, if the fact was corrected. */
export function lastCorrection(fact: Pick<CardFact, 'history'>): Revision | undefined {
  return fact.history.findLast((r) => r.type === 'FactCorrected');
}

/** "Reported by 1 source", "3 sources: 2 corroborations". */
export function corroborationLabel(count: number): string {
  if (count <= 0) return 'No source recorded';
  if (count === 1) return '1 source, not yet corroborated';
  const extra = count - 1;
  return `${count} sources: corroborated ${extra === 1 ? 'once' : `${extra} times`}`;
}

/** Where an event's stream leads in the app, or undefined for streams without a page. */
export function streamHref(streamId: string, data: unknown): string | undefined {
  const match = /^(fact|actor|article)[-:](.+)$/.exec(streamId);
  if (match) return `/${match[1]}s/${encodeURIComponent(match[2]!)}`;
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    for (const [key, base] of [
      ['factId', '/facts/'],
      ['actorId', '/actors/'],
      ['articleId', '/articles/'],
    ] as const) {
      const value = record[key];
      if (typeof value === 'string') return `${base}${encodeURIComponent(value)}`;
    }
  }
  return undefined;
}
