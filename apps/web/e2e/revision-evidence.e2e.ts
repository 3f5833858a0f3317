import { expect, gql, test } from './fixtures';

test.describe('revision history', () => {
  test('a correction shows the article, paragraph and words it rests on, keeping the time travel', async ({
    page,
  }) => {
    const first = 'reuters-2025-02-17-starmer-ready-to-deploy-peacekeepers';
    const second = 'reuters-2025-02-17-european-leaders-meet-on-ukraine';
    await gql('mutation($input: RecordFactInput!) { recordFact(input: $input) { id } }', {
      input: {
        id: 'e2e-corrected-with-evidence',
        articleId: first,
        kind: 'STATEMENT',
        // Planned, and later than every seed fact: it lands after them in the storyline and
        // pushes none off the first page, which other tests read.
        status: 'PLANNED',
        summary: 'A statement on troops, as first reported',
        occurred: { earliest: '2025-03-10', latest: '2025-03-10', precision: 'DAY' },
        paragraph: 1,
        excerpt: 'ready to deploy',
      },
    });
    const corrected = await gql<{ correctFact: { position: number } }>(
      'mutation($input: CorrectFactInput!) { correctFact(input: $input) { position } }',
      {
        input: {
          factId: 'e2e-corrected-with-evidence',
          reason: 'A second report words it more carefully.',
          changes: { summary: 'A statement on troops, worded with care' },
          evidence: {
            articleId: second,
            paragraph: 3,
            excerpt: 'sit down with Russia',
            dateExpression: 'on Sunday',
          },
        },
      },
    );
    const at = corrected.correctFact.position;

    await page.goto(`/facts/e2e-corrected-with-evidence?at=${at}`);
    const correction = page.locator('.history__item--FactCorrected');
    await expect(correction).toHaveCount(1);
    const link = correction.getByRole('link', { name: /European leaders meet/ });
    await expect(link).toHaveAttribute('href', `/articles/${second}?at=${at}`);
    await expect(correction).toContainText(/paragraph 3\b/);
    await expect(correction).toContainText('the article dated it “on Sunday”');
    await expect(correction.locator('.excerpt')).toHaveText('sit down with Russia');

    // The recording shows its article as before, with no evidence of a correction.
    const recorded = page.locator('.history__item--FactRecorded');
    await expect(recorded.locator('.excerpt')).toHaveCount(0);

    // Just before the correction, there is none to show.
    await page.goto(`/facts/e2e-corrected-with-evidence?at=${at - 1}`);
    await expect(page.locator('.history__item--FactRecorded')).toHaveCount(1);
    await expect(page.locator('.history__item--FactCorrected')).toHaveCount(0);
  });
});
