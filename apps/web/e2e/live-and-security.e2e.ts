import { expect, gql, test } from './fixtures';

async function anyArticleId(): Promise<string> {
  const { articles } = await gql<{ articles: { id: string }[] }>('{ articles { id } }');
  return articles[0]!.id;
}

function recordFact(input: Record<string, unknown>) {
  return gql<{ recordFact: { id: string; position: number } }>(
    'mutation($input: RecordFactInput!) { recordFact(input: $input) { id position } }',
    { input },
  );
}

test.describe('live updates and untrusted text', () => {
  test('a fact recorded over HTTP appears without a reload', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const articleId = await anyArticleId();
    await recordFact({
      id: 'e2e-live-foreign-ministers-call',
      articleId,
      kind: 'CALL',
      status: 'OCCURRED',
      summary: 'Foreign ministers compared notes by phone on the day of the Paris meeting',
      occurred: { earliest: '2025-02-17', latest: '2025-02-17', precision: 'DAY' },
      participants: [{ actorId: 'keir-starmer', role: 'ATTENDEE' }],
      topics: ['european-unity'],
      paragraph: 1,
      excerpt: 'European leaders gathered on Monday',
    });
    const card = page.locator('article:has(#fact-e2e-live-foreign-ministers-call-title)');
    await expect(card).toBeVisible({ timeout: 15_000 });
    await expect(card).toHaveClass(/is-fresh/);
    await expect(page.getByRole('status')).toContainText('new event');
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
  });

  test('in a past view, new events leave the moment shown and say the story moved on', async ({
    page,
  }) => {
    const { logHead } = await gql<{ logHead: { position: number } }>('{ logHead { position } }');
    const at = logHead.position - 1;
    await page.goto(`/?kind=statement&at=${at}`);
    const cards = await page.locator('article[data-position]').count();
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    // An actor with no fact: an event the rest of the suite's storylines do not see.
    const { registerActor } = await gql<{ registerActor: { position: number } }>(
      'mutation($input: RegisterActorInput!) { registerActor(input: $input) { position } }',
      { input: { id: 'e2e-live-past-view-envoy', name: 'Past View Envoy', kind: 'PERSON' } },
    );
    const status = page.locator('.live-status');
    await expect(status).toContainText('the story has moved on since the moment shown', {
      timeout: 15_000,
    });
    await expect(status).toContainText(`log position ${registerActor.position}`);
    await expect(status).not.toContainText('The page has been updated');
    const present = status.getByRole('link', { name: 'See the story now' });
    await expect(present).toHaveAttribute('href', '/?kind=statement');
    // The moment shown is left as it was, with nothing marked fresh, and the notice stays.
    await page.waitForTimeout(11_000);
    await expect(status).toContainText('the story has moved on since the moment shown');
    await expect(page.locator('article[data-position]')).toHaveCount(cards);
    await expect(page.locator('.is-fresh')).toHaveCount(0);
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toContainText(
      `log position ${at}`,
    );
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    await present.click();
    await expect(page).toHaveURL(/\/\?kind=statement$/);
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toHaveCount(0);
  });

  test('markup in untrusted text is shown as text, and the CSP forbids inline scripts', async ({
    page,
  }) => {
    const hostile =
      '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> Bold claim';
    await recordFact({
      id: 'e2e-hostile-summary',
      articleId: await anyArticleId(),
      kind: 'STATEMENT',
      status: 'OCCURRED',
      summary: hostile,
      occurred: { earliest: '2025-02-17', latest: '2025-02-17', precision: 'DAY' },
      quotes: [{ text: '<b>not bold</b>' }],
      paragraph: 1,
      excerpt: 'European leaders gathered on Monday',
    });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
        violations.push(m.text());
    });
    const response = await page.goto('/facts/e2e-hostile-summary');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    expect(response?.headers()['x-frame-options']).toBe('DENY');

    const card = page.locator('article.card').first();
    await expect(card.locator('.card__title')).toHaveText(hostile);
    await expect(card.locator('img')).toHaveCount(0);
    await expect(card.locator('blockquote')).toHaveText('<b>not bold</b>');
    expect(
      await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
    // Next's own scripts carry the nonce, so the page hydrates without a CSP complaint.
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
});

test('a retraction stays visible on the card, with its reason, and in the history', async ({
  page,
}) => {
  await recordFact({
    id: 'e2e-retracted-claim',
    articleId: await anyArticleId(),
    kind: 'STATEMENT',
    status: 'OCCURRED',
    summary: 'An official was said to have announced a ceasefire',
    occurred: { earliest: '2025-02-17', latest: '2025-02-17', precision: 'DAY' },
    paragraph: 2,
    excerpt: 'Russia has ruled out conceding territory',
  });
  await gql('mutation($input: RetractFactInput!) { retractFact(input: $input) { id position } }', {
    input: { factId: 'e2e-retracted-claim', reason: 'No such announcement was made.' },
  });
  await page.goto('/?q=ceasefire');
  const card = page.locator('article:has(#fact-e2e-retracted-claim-title)');
  await expect(card).toHaveClass(/card--retracted/);
  await expect(card.locator('.notice--retracted')).toHaveText(
    'Retracted. No such announcement was made.',
  );
  await page.goto('/facts/e2e-retracted-claim');
  await expect(page.locator('#history .history__head strong').last()).toHaveText('Retracted');
});
