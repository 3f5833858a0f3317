import { expect, gql, STORYLINE_PAGE_SIZE, test } from './fixtures';

interface TimelineIds {
  timeline: { totalCount: number; edges: { node: { id: string } }[] };
}

/** The storyline's first page, as the API orders it. */
async function apiTimelineIds(filter?: Record<string, unknown>): Promise<TimelineIds['timeline']> {
  const data = await gql<TimelineIds>(
    'query($filter: TimelineFilter, $first: Int) { timeline(filter: $filter, first: $first) { totalCount edges { node { id } } } }',
    { filter, first: STORYLINE_PAGE_SIZE },
  );
  return data.timeline;
}

function cardIds(page: import('@playwright/test').Page): Promise<string[]> {
  return page
    .locator('.timeline article.card')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-labelledby')!.slice(5, -6)));
}

test.describe('the storyline', () => {
  test('runs in the API’s chronological order, grouped by date', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'From the Trump–Putin call to the Paris summit',
    );
    const expected = await apiTimelineIds();
    expect(await cardIds(page)).toEqual(expected.edges.map((e) => e.node.id));
    await expect(page.getByRole('link', { name: 'Later facts' })).toHaveCount(
      expected.totalCount > STORYLINE_PAGE_SIZE ? 1 : 0,
    );
    const starts = await page
      .locator('.timeline > li')
      .evaluateAll((days) => days.map((d) => d.getAttribute('data-earliest')!));
    expect(starts).toEqual([...starts].sort());
    await expect(
      page.getByRole('heading', { level: 2, name: /The storyline: \d+ facts/ }),
    ).toBeVisible();
  });

  test('shows each fact with honest precision, status, participants, quotes and sources', async ({
    page,
  }) => {
    await page.goto('/');
    const call = page.locator('article:has(#fact-trump-putin-call-title)');
    await expect(call.locator('.card__date')).toContainText('week of 10 Feb');
    await expect(call.locator('.card__date')).toContainText('known only to the week');
    await expect(call.getByRole('list', { name: 'Participants' })).toContainText('Donald Trump');
    // The headline is the first thing in the card, so it is read first.
    const first = await call.evaluate((el) => el.firstElementChild?.id);
    expect(first).toBe('fact-trump-putin-call-title');

    const talks = page.locator('article:has(#fact-us-russia-talks-title)');
    await expect(talks).toHaveClass(/card--unrealised/);
    await expect(talks.locator('.status')).toHaveText('Planned');
    const happened = page.locator('article:has(#fact-starmer-uk-troops-pledge-title)');
    await expect(happened).toHaveClass(/card--realised/);
    await expect(happened.locator('.sources summary')).toHaveText('2 sources: corroborated once');

    const summit = page.locator('article:has(#fact-paris-summit-title)');
    await expect(summit.locator('.notice--corrected')).toContainText('Corrected.');

    const quote = page.locator('figure.quote').first();
    await expect(quote.locator('blockquote')).not.toBeEmpty();
    await expect(quote.locator('figcaption')).not.toBeEmpty();
  });

  test('filters live in the URL and the form shows them', async ({ page }) => {
    await page.goto('/?actor=keir-starmer');
    const starmer = await apiTimelineIds({ actorIds: ['keir-starmer'] });
    expect(starmer.totalCount).toBeGreaterThan(0);
    expect(await cardIds(page)).toEqual(starmer.edges.map((e) => e.node.id));
    await expect(page.getByLabel('Actor')).toHaveValue('keir-starmer');
    await expect(
      page.getByRole('heading', { name: `${starmer.totalCount} facts match these filters` }),
    ).toBeVisible();

    await page.goto('/?kind=summit');
    expect(await cardIds(page)).toEqual(['paris-summit']);

    await page.goto('/?status=planned');
    const statuses = await page.locator('.timeline .card__meta .status').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Planned']));

    await page.goto('/?q=peacekeep&from=2025-02-17&to=2025-02-17');
    const text = await apiTimelineIds({ text: 'peacekeep', from: '2025-02-17', to: '2025-02-17' });
    expect(await cardIds(page)).toEqual(text.edges.map((e) => e.node.id));
    await expect(page.getByLabel('Words')).toHaveValue('peacekeep');

    await page.goto('/?topic=peacekeeping&country=SE');
    const both = await apiTimelineIds({ topics: ['peacekeeping'], countries: ['SE'] });
    expect(await cardIds(page)).toEqual(both.edges.map((e) => e.node.id));
  });

  test('the Topic field offers every topic of the story, not only those on the page', async ({
    page,
  }) => {
    const { topics } = await gql<{ topics: { name: string }[] }>('{ topics { name } }');
    await page.goto('/?kind=summit'); // one fact on the page, with few of the story's topics
    const shownTopics = await page.locator('.timeline .topic-link').allTextContents();
    expect(shownTopics.length).toBeLessThan(topics.length);
    const options = await page.locator('#f-topic option').allTextContents();
    expect(options.slice(1).sort()).toEqual(topics.map((t) => t.name).sort());
  });

  test('every filter of the URL shows in the form, and each can be removed', async ({ page }) => {
    await page.goto('/?actor=emmanuel-macron&actor=donald-trump&country=ZZ');
    await expect(page.getByLabel('Actor')).toHaveValue('emmanuel-macron');
    const also = page.locator('.also-filtering');
    await expect(also.filter({ hasText: 'Donald Trump' })).toBeVisible();
    await expect(also.filter({ hasText: 'ZZ' })).toBeVisible();
    await page.getByRole('link', { name: /Stop filtering by .*\(ZZ\)/ }).click();
    await expect(page).toHaveURL(/\?actor=emmanuel-macron&actor=donald-trump$/);
    // Submitting keeps the filters the selects cannot show.
    await page.getByRole('button', { name: 'Show' }).first().click();
    await expect(page).toHaveURL(/actor=emmanuel-macron.*actor=donald-trump/);
  });

  test('an empty result explains itself and offers a way back', async ({ page }) => {
    await page.goto('/?q=no-such-words-anywhere&kind=call');
    await expect(page.getByText('No fact matches all of these filters.')).toBeVisible();
    await page.getByRole('link', { name: 'Show the whole storyline' }).click();
    await expect(page).toHaveURL(/\/$/);
    expect((await cardIds(page)).length).toBeGreaterThan(10);
  });
});
