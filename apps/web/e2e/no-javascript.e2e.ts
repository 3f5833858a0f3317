import { expect, gql, STORYLINE_PAGE_SIZE, test } from './fixtures';

test.use({ javaScriptEnabled: false });

test.describe('with JavaScript off', () => {
  test('the storyline renders and the filter form works as a plain GET form', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.timeline article.card').first()).toBeVisible();
    await page.getByLabel('Kind').selectOption('summit');
    await page.getByLabel('Words').fill('Paris');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/[?&]kind=summit/);
    await expect(page).toHaveURL(/[?&]q=Paris/);
    await expect(page.locator('.timeline article.card')).toHaveCount(1);
    await page.getByRole('link', { name: 'Clear all' }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('sources open without scripts, and every page renders', async ({ page }) => {
    await page.goto('/');
    const sources = page.locator('details.sources').first();
    await sources.locator('summary').click();
    await expect(sources.locator('ol li').first()).toBeVisible();
    for (const path of [
      '/facts/paris-summit',
      '/actors/keir-starmer',
      '/graph',
      '/log',
      '/actors',
      '/articles',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    }
  });

  test('an unknown fact, actor or article is a 404 that reads without scripts', async ({
    page,
  }) => {
    for (const path of [
      '/facts/no-such-fact',
      '/actors/no-such-actor',
      '/articles/no-such-article',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not in the record' }), path).toBeVisible();
      await expect(page, path).toHaveTitle('Not in the record · Dateline');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    }
  });

  test('the storyline pages on with plain links', async ({ page }) => {
    // Enough facts for a second page, dated after everything else so that they land on it.
    const { timeline, articles } = await gql<{
      timeline: { totalCount: number };
      articles: { id: string }[];
    }>('{ timeline(first: 1) { totalCount } articles { id } }');
    const missing = Math.max(1, STORYLINE_PAGE_SIZE + 1 - timeline.totalCount);
    for (let n = 1; n <= missing; n++) {
      await gql('mutation($input: RecordFactInput!) { recordFact(input: $input) { id } }', {
        input: {
          id: `e2e-second-page-${n}`,
          articleId: articles[0]!.id,
          kind: 'MEETING',
          status: 'PLANNED',
          summary: `A follow-up meeting of officials planned for March (${n})`,
          occurred: { earliest: '2025-03-20', latest: '2025-03-20', precision: 'DAY' },
          paragraph: 1,
          excerpt: 'European leaders gathered on Monday',
        },
      });
    }

    await page.goto('/');
    await expect(page.locator('.timeline article.card')).toHaveCount(STORYLINE_PAGE_SIZE);
    await page.getByRole('link', { name: 'Later facts' }).click();
    await expect(page).toHaveURL(/[?&]after=/);
    await expect(page.locator('.timeline article.card').last()).toContainText(
      'A follow-up meeting of officials planned for March',
    );
    await page.getByRole('link', { name: 'First facts' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('.timeline article.card')).toHaveCount(STORYLINE_PAGE_SIZE);
  });
});
