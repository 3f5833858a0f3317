import { describe, expect, it } from 'vitest';
import { articlesProjection } from './articles.js';
import { decodeEnvelope } from './projection.js';
import { cmd, commandWriter, foldEvents, newStore, SHA, storyCommands } from './test-fixtures.js';

async function given(...commands: Record<string, unknown>[]) {
  const store = newStore();
  await commandWriter(store).runAll(commands);
  return foldEvents(articlesProjection, store.envelopes().map(decodeEnvelope));
}

describe('articles projection', () => {
  it('given nothing, when an article is recorded, then it is listed with its metadata and no facts', async () => {
    const state = await given(
      cmd.article('reuters-1', '2025-02-17', { url: 'https://example.com/a', byline: 'A. Writer' }),
    );
    expect(state.articles['reuters-1']).toEqual({
      id: 'reuters-1',
      publisher: 'reuters',
      headline: 'Headline of reuters-1',
      publishedAt: '2025-02-17',
      url: 'https://example.com/a',
      byline: 'A. Writer',
      textSha256: SHA,
      factIds: [],
      citations: [],
      position: 1,
      recordedAt: '2025-02-20T00:00:00.000Z',
    });
  });

  it('given the story, then each article lists the facts it supports and every paragraph cited', async () => {
    const state = await given(...storyCommands);
    expect(state.articles['reuters-1']?.factIds).toEqual(['call', 'eu-claim']);
    expect(state.articles['ap-2']?.factIds).toEqual(['zelensky-reply', 'summit', 'call']);
    expect(state.articles['bbc-3']?.factIds).toEqual(['summit', 'call']);
    expect(
      state.articles['bbc-3']?.citations.map((c) => [
        c.factId,
        c.kind,
        c.paragraph,
        c.relatedFactId,
      ]),
    ).toEqual([
      ['summit', 'corroboration', 4, undefined],
      ['call', 'link', 5, 'summit'],
    ]);
    expect(state.factArticles.call).toEqual(['reuters-1', 'ap-2', 'bbc-3']);
  });

  it('given a correction with evidence, then its article cites the fact, once among its facts', async () => {
    const state = await given(
      cmd.article('a', '2025-02-17'),
      cmd.article('b', '2025-02-19'),
      cmd.fact('f', 'a', { status: 'planned' }),
      {
        ...cmd.correct('f', { status: 'occurred' }, 'b says it happened'),
        evidence: { articleId: 'b', paragraph: 7, excerpt: 'it happened' },
      },
      {
        ...cmd.correct('f', { summary: 'Reworded.' }, 'b again'),
        evidence: { articleId: 'b', paragraph: 8, excerpt: 'in other words' },
      },
      cmd.correct('f', { topics: ['x'] }, 'no evidence'),
    );
    expect(state.articles.b?.factIds).toEqual(['f']);
    expect(state.articles.b?.citations.map((c) => [c.factId, c.kind, c.paragraph])).toEqual([
      ['f', 'correction', 7],
      ['f', 'correction', 8],
    ]);
    expect(state.factArticles.f).toEqual(['a', 'b']);
  });
});
