import type { CardFact } from './facts';

export interface ParagraphEntry<T> {
  fact: T;
  paragraph: number;
  excerpt: string;
}

/** An article's facts in the order the article tells them: by the first paragraph citing each. */
export function inParagraphOrder<T extends Pick<CardFact, 'id' | 'sources'>>(
  articleId: string,
  facts: readonly T[],
): ParagraphEntry<T>[] {
  const entries: ParagraphEntry<T>[] = [];
  for (const fact of facts) {
    const cited = fact.sources
      .filter((s) => s.article.id === articleId)
      .sort((a, b) => a.paragraph - b.paragraph)[0];
    if (cited) entries.push({ fact, paragraph: cited.paragraph, excerpt: cited.excerpt });
  }
  return entries.sort((a, b) => a.paragraph - b.paragraph);
}
