import { expect, gql, test } from './fixtures';

test.describe('detail pages', () => {
  test('a fact page shows its sources and its revision history', async ({ page }) => {
    await page.goto('/facts/paris-summit');
    await expect(page.getByRole('heading', { level: 2, name: /Paris/ }).first()).toBeVisible();
    const sources = page.locator('.source-list > li');
    await expect(sources).toHaveCount(2);
    await expect(sources.first()).toContainText('Reported in');
    await expect(sources.first()).toContainText(/paragraph \d+/);
    await expect(sources.first().locator('.excerpt')).not.toBeEmpty();
    await expect(sources.nth(1)).toContainText('Corroborated by');

    const history = page.locator('#history .history > li');
    const heads = await history.locator('.history__head strong').allTextContents();
    expect(heads[0]).toBe('Recorded');
    expect(heads).toContain('Corroborated');
    expect(heads).toContain('Corrected');
    const corrected = history.filter({ hasText: 'Corrected' }).first();
    await expect(corrected).toContainText(/position \d+/);
    await expect(corrected).toContainText('UTC');
    await expect(corrected).toContainText('Changed: ');
    const statusRow = corrected.locator('.correction-table tr', { hasText: 'Status' });
    await expect(statusRow.locator('del')).toHaveText('Planned');
    await expect(statusRow.locator('ins')).toHaveText('Happened');
    // A list shows what the correction put in, not the whole list struck out and marked anew.
    const places = corrected.locator('.correction-table tr', { hasText: 'Places' });
    await expect(places.locator('del')).toHaveCount(0);
    await expect(places.locator('ins')).toHaveText(['Élysée Palace']);
    await expect(places).toContainText('Unchanged: Paris');
    const participants = corrected.locator('.correction-table tr', { hasText: 'Participants' });
    await expect(participants.locator('ins')).toHaveText([
      'Keir Starmer (attendee)',
      'Olaf Scholz (attendee)',
      'Ursula von der Leyen (attendee)',
    ]);
    await corrected.getByRole('link', { name: /position/ }).click();
    await expect(page).toHaveURL(/\/log\?after=\d+#event-\d+/);
  });

  test('the network shows the 100 strongest interactions of the story, with their fact counts', async ({
    page,
  }) => {
    const { interactionCount } = await gql<{ interactionCount: number }>('{ interactionCount }');
    expect(interactionCount).toBeGreaterThan(100); // the seed story alone has 124
    await page.goto('/graph');
    await expect(
      page.getByRole('heading', {
        level: 2,
        name: `The 100 strongest of ${interactionCount} interactions`,
      }),
    ).toBeVisible();
    const counts = (await page.locator('.edge-facts__summary').allTextContents()).map((t) =>
      Number.parseInt(t, 10),
    );
    expect(counts).toHaveLength(100);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(1);
  });

  test('a fact page shows the notes on its sources and the evidence behind its links', async ({
    page,
  }) => {
    const { fact } = await gql<{
      fact: {
        sources: { note: string | null }[];
        links: {
          fact: { summary: string };
          evidence: { excerpt: string; paragraph: number } | null;
        }[];
      };
    }>(
      '{ fact(id: "us-to-sit-down-with-russia") { sources { note } links { fact { summary } evidence { excerpt paragraph } } } }',
    );
    await page.goto('/facts/us-to-sit-down-with-russia');
    const note = fact.sources.find((s) => s.note)?.note as string;
    await expect(page.locator('.source-list__note').first()).toHaveText(`Curator’s note: ${note}`);
    const supported = fact.links.filter((l) => l.evidence);
    expect(supported.length).toBeGreaterThan(0);
    const items = page.locator('.link-list > li');
    for (const link of supported) {
      const item = items.filter({ hasText: link.fact.summary });
      await expect(item.locator('.link-evidence blockquote')).toHaveText(
        link.evidence?.excerpt as string,
      );
      await expect(item.locator('.link-evidence')).toContainText(
        `paragraph ${link.evidence?.paragraph}`,
      );
    }
  });

  test('a date a correction brought is put down to that correction, not to the first source', async ({
    page,
  }) => {
    const first = 'reuters-2025-02-17-starmer-ready-to-deploy-peacekeepers';
    const second = 'reuters-2025-02-17-european-leaders-meet-on-ukraine';
    await gql('mutation($input: RecordFactInput!) { recordFact(input: $input) { id } }', {
      input: {
        id: 'e2e-redated-call',
        articleId: first,
        kind: 'CALL',
        status: 'OCCURRED',
        summary: 'A call was held, dated only to the week',
        occurred: {
          earliest: '2025-02-10',
          latest: '2025-02-16',
          precision: 'WEEK',
          expression: 'last week',
        },
        dateExpression: 'last week',
        paragraph: 2,
        excerpt: 'announced he had held a call',
      },
    });
    await gql('mutation($input: CorrectFactInput!) { correctFact(input: $input) { id } }', {
      input: {
        factId: 'e2e-redated-call',
        reason: 'A later report names the day.',
        changes: {
          occurred: {
            earliest: '2025-02-12',
            latest: '2025-02-12',
            precision: 'DAY',
            expression: 'on Wednesday',
          },
        },
        evidence: { articleId: second, paragraph: 2, excerpt: 'sit down with Russia' },
      },
    });
    await page.goto('/facts/e2e-redated-call');
    const when = page.locator('section[aria-labelledby="when-title"]');
    await expect(when).toContainText('Wednesday 12 February 2025');
    // The only source listed dated it "last week": "on Wednesday" is the correction's word.
    await expect(when).not.toContainText('The source put it as');
    await expect(when).toContainText('which put it as “on Wednesday”');
    await expect(when.getByRole('link', { name: /European leaders meet/ })).toHaveAttribute(
      'href',
      `/articles/${second}`,
    );
    await expect(when.getByRole('link', { name: /position \d+/ })).toBeVisible();
    // Seen at the correction's own position, the article link keeps that moment, as every other
    // article link of the page does.
    const at = Number(
      /\d+/.exec((await when.getByRole('link', { name: /position \d+/ }).textContent()) ?? '')?.[0],
    );
    await page.goto(`/facts/e2e-redated-call?at=${at}`);
    await expect(when.getByRole('link', { name: /European leaders meet/ })).toHaveAttribute(
      'href',
      `/articles/${second}?at=${at}`,
    );
  });

  test('an unknown fact is a clear 404', async ({ page }) => {
    const response = await page.goto('/facts/no-such-fact');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not in the record' })).toBeVisible();
    await expect(page).toHaveTitle('Not in the record · Dateline');
  });

  test('an actor page shows their timeline and who they dealt with', async ({ page }) => {
    await page.goto('/actors/keir-starmer');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keir Starmer');
    await expect(page.getByRole('heading', { name: 'Interacted with' })).toBeVisible();
    await expect(page.locator('.partner-list li').first()).toBeVisible();
    await expect(page.locator('.timeline article.card').first()).toBeVisible();
  });

  test('an article page lists its facts in paragraph order', async ({ page }) => {
    const { articles } = await gql<{ articles: { id: string }[] }>('{ articles { id } }');
    await page.goto(`/articles/${articles[0]!.id}`);
    const marks = await page.locator('.paragraph-list__mark').allTextContents();
    const numbers = marks.map((m) => Number(m.replace(/\D/g, '')));
    expect(numbers.length).toBeGreaterThan(1);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  test('the graph page draws the network and lists the same edges in a table', async ({ page }) => {
    await page.goto('/graph');
    const { interactions } = await gql<{
      interactions: { source: { id: string }; target: { id: string } }[];
    }>('{ interactions(orderBy: FACTS, first: 100) { source { id } target { id } } }');
    const actors = new Set(interactions.flatMap((i) => [i.source.id, i.target.id]));
    await expect(page.getByRole('img', { name: /Actor interaction network/ })).toBeVisible();
    await expect(page.locator('.graph__edges line')).toHaveCount(interactions.length);
    await expect(page.locator('.graph__nodes circle')).toHaveCount(actors.size);
    await expect(page.locator('.data-table tbody tr')).toHaveCount(interactions.length);
  });

  test('the log page shows positions, hashes and the head, paginated, with links', async ({
    page,
  }) => {
    const { logHead } = await gql<{ logHead: { position: number; hash: string } }>(
      '{ logHead { position hash } }',
    );
    await page.goto('/log');
    await expect(page.locator('.head-facts')).toContainText(logHead.hash);
    const rows = page.locator('.log-table tbody tr');
    await expect(rows).toHaveCount(Math.min(50, logHead.position));
    await expect(rows.first().locator('th')).toHaveText('1');
    await expect(page.locator('.chain-broken')).toHaveCount(0);
    await page.getByRole('link', { name: 'Later events' }).click();
    await expect(page).toHaveURL(/\/log\?after=50$/);
    await expect(page.locator('.log-table tbody tr').first().locator('th')).toHaveText('51');
    const row = page.locator('.log-table tbody tr', { hasText: 'FactCorrected' }).first();
    await row.getByRole('link', { name: /fact-/ }).click();
    await expect(page).toHaveURL(/\/facts\/[a-z0-9-]+$/);
  });
});

test.describe('downloads', () => {
  test('the footer links download the story from the API, same-origin', async ({ page }) => {
    await page.goto('/');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('dateline.csv');
    const body = await page.request.get('/export/csv');
    expect(body.status()).toBe(200);
    expect(body.headers()['content-type']).toContain('text/csv');
    expect(await body.text()).toContain('paris-summit');
    const log = await page.request.get('/export/ndjson');
    expect((await log.text()).trim().split('\n').length).toBeGreaterThanOrEqual(63);
    const bad = await page.request.get('/export/pdf');
    expect(bad.status()).toBe(400);
  });
});
