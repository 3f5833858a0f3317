import { describe, expect, it } from 'vitest';
import { inParagraphOrder } from './paragraphs';

const cite = (articleId: string, paragraph: number) => ({
  paragraph,
  excerpt: `p${paragraph}`,
  article: { id: articleId },
});

describe('inParagraphOrder', () => {
  it('orders facts by the first paragraph of this article that cites them', () => {
    const facts = [
      { id: 'late', sources: [cite('a', 7)] },
      { id: 'early', sources: [cite('b', 1), cite('a', 2)] },
      { id: 'other', sources: [cite('b', 3)] },
      { id: 'twice', sources: [cite('a', 5), cite('a', 4)] },
    ];
    // biome-ignore lint/suspicious/noExplicitAny: partial facts are enough for this pure helper
    const order = inParagraphOrder('a', facts as any).map((e) => [e.fact.id, e.paragraph]);
    expect(order).toEqual([
      ['early', 2],
      ['twice', 4],
      ['late', 7],
    ]);
  });
});
