import { expect, test } from './fixtures';

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
});
