import { expect, expectNoAxeViolations, gql, screenshotBothWidths, test } from './fixtures';

const PAGES: [name: string, path: string][] = [
  ['storyline', '/'],
  ['storyline-filtered', '/?status=planned'],
  ['storyline-empty', '/?q=no-such-words-anywhere'],
  ['time-travel', '/?at=61'],
  ['fact', '/facts/paris-summit'],
  ['actor', '/actors/keir-starmer'],
  ['actors', '/actors'],
  ['articles', '/articles'],
  ['graph', '/graph'],
  ['log', '/log'],
  ['not-found', '/facts/no-such-fact'],
];

test.describe('accessibility and layout', () => {
  for (const [name, path] of PAGES) {
    test(`${name} (${path}) has no axe violations and fits 375 and 1280 px`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(page.getByRole('contentinfo')).toBeVisible();
      await expectNoAxeViolations(page);
      await page.setViewportSize({ width: 375, height: 812 });
      await expectNoAxeViolations(page);
      await screenshotBothWidths(page, name);
    });
  }

  test('the log with the data of every event open has no axe violations at either width', async ({
    page,
  }) => {
    await page.goto('/log');
    for (const summary of await page.locator('details.event-data > summary').all())
      await summary.click();
    await expect(page.locator('details.event-data[open] pre').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 375, height: 812 });
    await expectNoAxeViolations(page);
  });

  test('an article page has no axe violations', async ({ page }) => {
    const { articles } = await gql<{ articles: { id: string }[] }>('{ articles { id } }');
    await page.goto(`/articles/${articles[0]!.id}`);
    await expectNoAxeViolations(page);
    await screenshotBothWidths(page, 'article');
  });

  test('the keyboard reaches the skip link first, then the content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.closest('main') !== null);
    expect(focused).toBe(true);
  });

  test('the header marks where the reader is, and keeps up with client-side navigation', async ({
    page,
  }) => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await page.goto('/actors/keir-starmer');
    await expect(nav.getByRole('link', { name: 'Actors' })).toHaveAttribute('aria-current', 'true');
    await expect(nav.locator('[aria-current]')).toHaveCount(1);
    await nav.getByRole('link', { name: 'Log' }).click();
    await expect(page).toHaveURL(/\/log$/);
    await expect(nav.getByRole('link', { name: 'Log' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('[aria-current]')).toHaveCount(1);
    await page.goto('/');
    await expect(nav.getByRole('link', { name: 'Storyline' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });
});
