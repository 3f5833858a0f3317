import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startApi, type TestApi, WRITE_TOKEN } from './test/harness.js';

let api: TestApi;

beforeAll(async () => {
  api = await startApi({ log: 'fixture' });
});
afterAll(async () => {
  await api?.close();
});

interface Revision {
  type: string;
  article: { id: string } | null;
  evidence: {
    article: { id: string; headline: string };
    paragraph: number;
    excerpt: string;
    dateExpression: string | null;
    note: string | null;
  } | null;
}

const HISTORY = /* GraphQL */ `
  query ($asOf: AsOf, $p: Int) {
    fact(id: "paris-meeting", asOf: $asOf, minPosition: $p) {
      history {
        type
        article { id }
        evidence { article { id headline } paragraph excerpt dateExpression note }
      }
    }
  }
`;

async function history(variables: Record<string, unknown>): Promise<Revision[]> {
  return dataOf(await api.gql<{ fact: { history: Revision[] } }>(HISTORY, variables)).fact.history;
}

describe('FactRevision.evidence', () => {
  it('shows on which paragraph and words of which article a correction rests, as of the revision', async () => {
    const token = { token: WRITE_TOKEN };
    const article = dataOf(
      await api.gql<{ recordArticle: { id: string; position: number } }>(
        'mutation { recordArticle(input: { id: "herald-feb-21", headline: "Paris summit, a day later", publisher: "Herald", publishedAt: "2025-02-21" }) { id position } }',
        undefined,
        token,
      ),
    ).recordArticle;
    const corrected = dataOf(
      await api.gql<{ correctFact: { position: number } }>(
        'mutation { correctFact(input: { factId: "paris-meeting", changes: { summary: "European leaders met in Paris for a second day." }, reason: "The Herald says the meeting went on.", evidence: { articleId: "herald-feb-21", paragraph: 4, excerpt: "the talks went on into Tuesday", dateExpression: "into Tuesday", note: "an outside note" } }) { position } }',
        undefined,
        token,
      ),
    ).correctFact;

    // Now: the correction carries its article, paragraph, excerpt and date words; a correction
    // without evidence and the other revisions carry none.
    const now = await history({ p: corrected.position });
    expect(now.at(-1)).toEqual({
      type: 'FactCorrected',
      article: { id: 'herald-feb-21' },
      evidence: {
        article: { id: 'herald-feb-21', headline: 'Paris summit, a day later' },
        paragraph: 4,
        excerpt: 'the talks went on into Tuesday',
        dateExpression: 'into Tuesday',
        // Only what a reader needs to find the words is kept on the revision.
        note: null,
      },
    });
    expect(now.slice(0, -1).map((r) => r.evidence)).toEqual(now.slice(0, -1).map(() => null));
    expect(now.slice(0, -1).map((r) => r.type)).toContain('FactCorrected');

    // At the correction's own position, the same evidence; just before it, no such revision.
    const at = await history({ asOf: { position: corrected.position } });
    expect(at.at(-1)?.evidence?.excerpt).toBe('the talks went on into Tuesday');
    const before = await history({ asOf: { position: corrected.position - 1 } });
    expect(before).toHaveLength(now.length - 1);
    expect(before.every((r) => r.evidence === null)).toBe(true);
    expect(article.position).toBe(corrected.position - 1);

    // As reported by the 20th, the summary correction stays (it is not a status or date), but
    // the Herald of the 21st is not out yet: neither its name nor its words show.
    const reported = await history({ asOf: { reportedBy: '2025-02-20' } });
    const kept = reported.at(-1);
    expect(kept?.type).toBe('FactCorrected');
    expect(kept?.article).toBeNull();
    expect(kept?.evidence).toBeNull();
  });
});
