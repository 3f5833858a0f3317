import { expect, gql, STORYLINE_PAGE_SIZE, test } from './fixtures';

async function correctionPosition(factId: string): Promise<number> {
  const data = await gql<{ fact: { history: { type: string; position: number }[] } }>(
    'query($id: ID!) { fact(id: $id) { history { type position } } }',
    { id: factId },
  );
  const corrected = data.fact.history.find((r) => r.type === 'FactCorrected');
  if (!corrected) throw new Error(`${factId} has no correction in the seed log`);
  return corrected.position;
}

test.describe('time travel', () => {
  test('says which instant it shows, and says so when it cannot read what the address asks', async ({
    page,
  }) => {
    // A bare date is the end of that day, as the API reads it: before the seed log began.
    await page.goto('/?atTime=2020-01-01');
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toContainText(
      'as recorded by 1 Jan 2020, 23:59:59.999 UTC',
    );
    await expect(page.getByText('No fact had been recorded at this point.')).toBeVisible();
    await page.goto('/?at=0');
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toContainText(
      'up to log position 0',
    );
    for (const [address, words] of [
      ['/?at=abc', 'log position “abc”'],
      ['/?atTime=garbage', 'time “garbage”'],
      ['/?reportedBy=2025-13-45', 'publication date “2025-13-45”'],
      // Past the head: refused by the API, named here, and the present shown.
      ['/?at=999999', 'log position “999999”'],
      ['/facts/paris-summit?at=abc', 'log position “abc”'],
    ] as const) {
      await page.goto(address);
      const note = page.getByRole('note').filter({ hasText: 'Not understood:' });
      await expect(note, address).toContainText(words);
      await expect(note, address).toContainText('This is the present.');
      await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toHaveCount(0);
    }
  });

  test('names a repeated parameter and a second kind of time travel, and says which is used', async ({
    page,
  }) => {
    for (const [address, used, label, value, rest] of [
      ['/?at=3&at=9', 'up to log position 3', 'Repeated:', '9', 'only the first is read'],
      [
        '/?at=3&atTime=2025-02-17',
        'up to log position 3',
        'Not used:',
        '2025-02-17',
        'the log position (at=…) is used instead',
      ],
      [
        '/facts/paris-summit?at=60&at=45',
        'up to log position 60',
        'Repeated:',
        '45',
        'only the first is read',
      ],
      [
        '/facts/paris-summit?reportedBy=2025-02-18&at=60',
        'up to log position 60',
        'Not used:',
        '2025-02-18',
        'the log position (at=…) is used instead',
      ],
    ] as const) {
      await page.goto(address);
      await expect(
        page.getByRole('note').filter({ hasText: 'Time travel:' }),
        address,
      ).toContainText(used);
      const note = page.getByRole('note').filter({ hasText: label });
      await expect(note.locator('bdi'), address).toHaveText([value]);
      await expect(note, address).toContainText(rest);
      await expect(note, address).not.toContainText('This is the present.');
    }
  });

  test('as recorded before a correction, the old status shows and the change is highlighted', async ({
    page,
  }) => {
    const position = await correctionPosition('paris-summit');
    await page.goto(`/?at=${position - 1}`);
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toContainText(
      `up to log position ${position - 1}`,
    );
    const summit = page.locator('article:has(#fact-paris-summit-title)');
    await expect(summit.locator('.card__meta .status')).toHaveText('Planned');
    await expect(summit).toHaveClass(/card--changed/);
    await expect(summit.locator('.notice--changed')).toContainText(
      'status was Planned, now Happened',
    );
    await expect(page.getByRole('heading', { name: 'Compared with today' })).toBeVisible();

    await page.getByRole('link', { name: 'Back to the present' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(
      page.locator('article:has(#fact-paris-summit-title) .card__meta .status'),
    ).toHaveText('Happened');
  });

  test('under a filter, a fact that no longer matches it today is marked as changed', async ({
    page,
  }) => {
    const position = await correctionPosition('paris-summit');
    await page.goto(`/?status=planned&at=${position - 1}`);
    const summit = page.locator('article:has(#fact-paris-summit-title)');
    await expect(summit.locator('.card__meta .status')).toHaveText('Planned');
    await expect(summit).toHaveClass(/card--changed/);
    await expect(summit.locator('.notice--changed')).toContainText(
      'it no longer matches these filters today',
    );
    await expect(
      page.getByText(/Since this point, \d+ facts? shown here ha(s|ve) changed/),
    ).toBeVisible();
  });

  test('before the first fact, the way out leads back to the present', async ({ page }) => {
    await page.goto('/?at=1');
    await expect(page.getByText('No fact had been recorded at this point.')).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Back to the present' }).last().click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('the form gives back the moment the URL named, to the millisecond', async ({ page }) => {
    const data = await gql<{ events: { edges: { node: { recordedAt: string } }[] } }>(
      '{ events(first: 100) { edges { node { recordedAt } } } }',
    );
    const moment = data.events.edges
      .map((e) => e.node.recordedAt)
      .find((t) => !t.endsWith('.000Z'));
    if (!moment) throw new Error('the seed log has no event with milliseconds');
    await page.goto(`/?atTime=${moment}`);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(
      new RegExp(`atTime=${moment.slice(0, 23).replaceAll(':', '%3A')}`),
    );
  });

  test('under a filter, facts that match only today are not called recorded later', async ({
    page,
  }) => {
    const position = await correctionPosition('paris-summit');
    await page.goto(`/?status=occurred&kind=summit&at=${position - 1}`);
    await expect(page.getByText('Match these filters only today (1)')).toBeVisible();
    await expect(page.getByText(/recorded later/i)).toHaveCount(0);
  });

  test('following a fact from the past keeps the moment, and says so', async ({ page }) => {
    const position = await correctionPosition('paris-summit');
    await page.goto(`/?at=${position - 1}`);
    await page.locator('#fact-paris-summit-title a').click();
    await expect(page).toHaveURL(new RegExp(`/facts/paris-summit\\?at=${position - 1}$`));
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toContainText(
      `this fact as recorded up to log position ${position - 1}`,
    );
    await expect(page.locator('.card__meta .status').first()).toHaveText('Planned');
    await page.getByRole('link', { name: 'See it today' }).click();
    await expect(page).toHaveURL(/\/facts\/paris-summit$/);
    await expect(page.locator('.card__meta .status').first()).toHaveText('Happened');
    // A fact the log did not hold yet at that point is not a 404 but a "not yet".
    const { fact } = await gql<{ fact: { history: { position: number }[] } }>(
      '{ fact(id: "us-russia-talks") { history { position } } }',
    );
    const before = (fact.history[0]?.position as number) - 1;
    const response = await page.goto(`/facts/us-russia-talks?at=${before}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Not in the record yet' })).toBeVisible();
  });

  test('from a past fact, its article and the breadcrumb keep the moment', async ({ page }) => {
    const position = await correctionPosition('paris-summit');
    const at = position - 1;
    await page.goto(`/facts/paris-summit?at=${at}`);
    await expect(
      page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link'),
    ).toHaveAttribute('href', `/?at=${at}`);
    // The first source's article, as it stood then: the summit still planned, not yet corrected.
    await page.locator('.source-list a', { hasText: 'Starmer pledges readiness' }).first().click();
    await expect(page).toHaveURL(new RegExp(`/articles/[^?]+\\?at=${at}$`));
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toContainText(
      `as recorded up to log position ${at}`,
    );
    const card = page.locator('article:has(#fact-paris-summit-title)');
    await expect(card.locator('.card__meta .status')).toHaveText('Planned');
    await expect(card.locator('.notice--corrected')).toHaveCount(0);
    await expect(card.locator('#fact-paris-summit-title a')).toHaveAttribute(
      'href',
      `/facts/paris-summit?at=${at}`,
    );
    await page.getByRole('link', { name: 'See it today' }).click();
    await expect(page).toHaveURL(/\/articles\/[^?]+$/);
    await expect(
      page.locator('article:has(#fact-paris-summit-title) .card__meta .status'),
    ).toHaveText('Happened');
    // Before the article was recorded, it is "not yet", not a 404.
    const response = await page.goto(
      '/articles/reuters-2025-02-17-european-leaders-meet-on-ukraine?at=1',
    );
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Not in the record yet' })).toBeVisible();
  });

  test('from a past fact, its actors keep the moment, and so do their links', async ({ page }) => {
    const position = await correctionPosition('paris-summit');
    const at = position - 1;
    await page.goto(`/facts/paris-summit?at=${at}`);
    const host = page.locator('article:has(#fact-paris-summit-title) .participants a', {
      hasText: 'Emmanuel Macron',
    });
    await expect(host).toHaveAttribute('href', `/actors/emmanuel-macron?at=${at}`);
    await host.click();
    await expect(page).toHaveURL(new RegExp(`/actors/emmanuel-macron\\?at=${at}$`));
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toContainText(
      `as recorded up to log position ${at}`,
    );
    // The actor's facts as they stood then: the summit still planned, not yet corrected.
    const card = page.locator('article:has(#fact-paris-summit-title)');
    await expect(card.locator('.card__meta .status')).toHaveText('Planned');
    await expect(card.locator('.notice--corrected')).toHaveCount(0);
    await expect(card.locator('#fact-paris-summit-title a')).toHaveAttribute(
      'href',
      `/facts/paris-summit?at=${at}`,
    );
    await expect(card.locator('.participants a', { hasText: 'Mark Rutte' })).toHaveAttribute(
      'href',
      `/actors/mark-rutte?at=${at}`,
    );
    for (const href of await page
      .locator('.partner-list a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
      expect(href).toMatch(new RegExp(`^/actors/[^?]+\\?at=${at}$`));
    await expect(
      page.getByRole('link', { name: 'Filter the storyline by Emmanuel Macron' }),
    ).toHaveAttribute('href', `/?actor=emmanuel-macron&at=${at}`);
    await page.getByRole('link', { name: 'See it today' }).click();
    await expect(page).toHaveURL(/\/actors\/emmanuel-macron$/);
    await expect(
      page.locator('article:has(#fact-paris-summit-title) .card__meta .status'),
    ).toHaveText('Happened');
    await expect(page.getByRole('note').filter({ hasText: 'Time travel:' })).toHaveCount(0);
    // Before the actor was registered, it is "not yet", not a 404.
    const response = await page.goto('/actors/keir-starmer?at=1');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Not in the record yet' })).toBeVisible();
  });

  test('a filtered view in the past downloads as it is shown', async ({ page }) => {
    const position = await correctionPosition('paris-summit');
    await page.goto(`/?kind=summit&at=${position - 1}`);
    const href = await page.locator('.view-downloads a', { hasText: 'CSV' }).getAttribute('href');
    expect(href).toBe(`/export/csv?asOf=${position - 1}&kind=summit`);
    const csv = await (await page.request.get(href as string)).text();
    const rows = csv.trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('paris-summit');
    expect(rows[0]).toContain('planned');
    // The raw log is offered only without filters: a filtered log would not verify.
    await expect(page.locator('.view-downloads')).not.toContainText('raw log');
    await page.goto(`/?at=${position - 1}`);
    await expect(page.locator('.view-downloads a', { hasText: 'raw log' })).toHaveAttribute(
      'href',
      `/export/ndjson?asOf=${position - 1}`,
    );
  });

  test('under a filter, a fact the log did not hold yet is recorded later, not matching only today', async ({
    page,
  }) => {
    const { fact } = await gql<{ fact: { history: { position: number }[] } }>(
      '{ fact(id: "us-russia-talks") { history { position } } }',
    );
    const recordedAt = fact.history[0]?.position as number;
    await page.goto(`/?status=planned&at=${recordedAt - 1}`);
    const group = (name: string) =>
      page.locator('details', { has: page.locator('summary', { hasText: name }) });
    await expect(group('Recorded later').locator('#fact-us-russia-talks-title')).toHaveCount(1);
    await expect(
      group('Match these filters only today').locator('#fact-us-russia-talks-title'),
    ).toHaveCount(0);
  });

  test('a time the page cannot show is dropped, not an error page', async ({ page }) => {
    for (const atTime of [
      '%2B010000-01-01T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '2026-02-30T10:00',
    ]) {
      const response = await page.goto(`/?atTime=${atTime}`);
      expect(response?.status(), atTime).toBe(200);
      await expect(
        page.getByRole('heading', { level: 2, name: /The storyline: \d+ facts/ }),
      ).toBeVisible();
    }
  });

  test('early in the log, later facts are listed as recorded later', async ({ page }) => {
    await page.goto('/?at=40');
    const shown = await page
      .locator('.timeline article.card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-labelledby')!.slice(5, -6)));
    // The same page of the storyline today: what it has beyond the past view was recorded later.
    const { timeline } = await gql<{ timeline: { edges: { node: { id: string } }[] } }>(
      'query($first: Int) { timeline(first: $first) { edges { node { id } } } }',
      { first: STORYLINE_PAGE_SIZE },
    );
    const later = timeline.edges.filter((e) => !shown.includes(e.node.id));
    expect(later.length).toBeGreaterThan(0);
    await expect(page.locator('.diff-summary > details > summary')).toHaveText(
      `Recorded later (${later.length})`,
    );
  });

  test('the form travels by position, by time and by publication date', async ({ page }) => {
    await page.goto('/');
    await page.locator('summary.time-travel__summary').click();
    await page.getByLabel('As recorded at log position').fill('45');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/[?&]at=45/);
    await expect(page.getByText('up to log position 45')).toBeVisible();

    // With JavaScript, a slider scrubs through the log and submits when released.
    await page.goto('/');
    await page.locator('summary.time-travel__summary').click();
    const slider = page.getByLabel('Scrub through the log');
    const head = Number(await slider.getAttribute('max'));
    await slider.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('.slider__value')).toHaveText(`Position ${head - 2} of ${head}`);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`[?&]at=${head - 2}(&|$)`));

    await page.goto('/?reportedBy=2025-02-16');
    await expect(
      page.getByText('as reported in articles published by 16 February 2025'),
    ).toBeVisible();
    await expect(page.getByText('No article published by then reported a fact.')).toBeVisible();

    await page.goto('/?atTime=2000-01-01T00:00');
    await expect(page.getByText('No fact had been recorded at this point.')).toBeVisible();
  });
});

test('a fact seen in the past is titled with its summary as it was then', async ({ page }) => {
  const { articles } = await gql<{ articles: { id: string }[] }>('{ articles { id } }');
  const { recordFact } = await gql<{ recordFact: { position: number } }>(
    'mutation($input: RecordFactInput!) { recordFact(input: $input) { position } }',
    {
      input: {
        id: 'e2e-retitled-claim',
        articleId: articles[0]!.id,
        kind: 'STATEMENT',
        status: 'OCCURRED',
        summary: 'Leaders were said to have agreed on a force',
        occurred: { earliest: '2025-02-17', latest: '2025-02-17', precision: 'DAY' },
        paragraph: 1,
        excerpt: 'European leaders gathered on Monday',
      },
    },
  );
  await gql('mutation($input: CorrectFactInput!) { correctFact(input: $input) { position } }', {
    input: {
      factId: 'e2e-retitled-claim',
      changes: { summary: 'Leaders discussed a force but agreed on none' },
      reason: 'The article reports a discussion, not an agreement.',
    },
  });
  await page.goto(`/facts/e2e-retitled-claim?at=${recordFact.position}`);
  await expect(page.locator('.card__title').first()).toHaveText(
    'Leaders were said to have agreed on a force',
  );
  await expect(page).toHaveTitle('Leaders were said to have agreed on a force · Dateline');
  await page.goto('/facts/e2e-retitled-claim');
  await expect(page).toHaveTitle('Leaders discussed a force but agreed on none · Dateline');
  await page.goto(`/facts/e2e-retitled-claim?at=${recordFact.position - 1}`);
  await expect(page).toHaveTitle('Not in the record yet · Dateline');
});
