import { getActor, getArticle, type ReadModels, type TimelineFact } from '@dateline/projections';

/** Words every format uses to describe a fact, so a CSV row and a calendar entry agree. */

export interface CitationText {
  articleId: string;
  publisher: string;
  headline: string;
  /** The publication date as recorded (YYYY-MM-DD or an ISO timestamp). */
  publishedAt: string;
  url?: string;
  paragraph: number;
  excerpt: string;
  kind: 'source' | 'corroboration';
}

export function citationsOf(models: ReadModels, fact: TimelineFact): CitationText[] {
  return fact.sources.map((s) => {
    const article = getArticle(models, s.articleId);
    return {
      articleId: s.articleId,
      publisher: article?.publisher ?? s.articleId,
      headline: article?.headline ?? '',
      publishedAt: article?.publishedAt ?? '',
      ...(article?.url !== undefined ? { url: article.url } : {}),
      paragraph: s.paragraph,
      excerpt: s.excerpt,
      kind: s.kind,
    };
  });
}

/** "Reuters, “Headline”, 2025-02-17, par. 2" */
export function citationLine(c: CitationText): string {
  const headline = c.headline ? `, “${c.headline}”` : '';
  const date = c.publishedAt ? `, ${c.publishedAt.slice(0, 10)}` : '';
  return `${c.publisher}${headline}${date}, par. ${c.paragraph}`;
}

export function actorName(models: ReadModels, id: string): string {
  return getActor(models, id)?.name ?? id;
}

/** Distinct actor ids a fact involves: participants, then quoted speakers. */
export function involvedActorIds(fact: TimelineFact): string[] {
  const ids: string[] = [];
  for (const p of fact.participants) if (!ids.includes(p.actorId)) ids.push(p.actorId);
  for (const q of fact.quotes)
    if (q.speakerId !== undefined && !ids.includes(q.speakerId)) ids.push(q.speakerId);
  return ids;
}

/** Distinct countries of the involved actors, in order of first appearance. */
export function countriesOf(models: ReadModels, fact: TimelineFact): string[] {
  const out: string[] = [];
  for (const id of involvedActorIds(fact)) {
    const country = getActor(models, id)?.country;
    if (country !== undefined && !out.includes(country)) out.push(country);
  }
  return out;
}

/** The first sentence of the summary, for places that want a headline. */
export function headlineOf(fact: TimelineFact, max = 140): string {
  const text = fact.summary.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  if (sentence.length <= max) return sentence;
  // Cut between characters, never inside a surrogate pair (an emoji): half of one is not text.
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(sentence.charAt(end - 1))) end--;
  return `${sentence.slice(0, end).trimEnd()}…`;
}
