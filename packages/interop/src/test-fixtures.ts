/**
 * Read models for tests, made the way the application makes them: curation YAML through
 * planCuration and the command handler into a store, then replayed. Not part of the build.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { planCuration } from '@dateline/domain';
import type { Envelope } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { getInMemoryEventStore } from '@dateline/event-store/memory';
import { validateWithDomain } from '@dateline/event-store/open';
import { type ReadModels, replayUntil } from '@dateline/projections';
import { createCommandHandler } from '@dateline/projections/write';
import { parse } from 'yaml';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const SEED_STORE = resolve(REPO, 'events');
/**
 * The seed articles' text lives in the project's shared/ folder, beside the repository (CI lays a
 * copy of it beside its clone); it is not committed with the log.
 */
export const SEED_ARTICLES = seedArticlesDir();

function seedArticlesDir(): string {
  const candidates = [resolve(REPO, '..', 'shared', 'seeds'), '/work/shared/seeds'];
  const found = candidates.find((dir) => existsSync(resolve(dir, '000_b06b4088f746ee66.txt')));
  if (!found) throw new Error(`the seed articles are not in ${candidates.join(' or ')}`);
  return found;
}

/** The committed seed log, read-only. */
export async function seedModels(): Promise<{ models: ReadModels; envelopes: Envelope[] }> {
  const store = await getFileEventStore(SEED_STORE, {
    readOnly: true,
    validateEvent: validateWithDomain,
  });
  try {
    const envelopes: Envelope[] = [];
    for await (const e of store.readAll()) envelopes.push(e);
    const { models } = await replayUntil(store, { position: envelopes.length });
    return { models, envelopes };
  } finally {
    await store.close();
  }
}

/** Imports curation documents (YAML text) in order into a fresh in-memory store. */
export async function modelsFromCuration(...documents: string[]) {
  let tick = 0;
  const store = getInMemoryEventStore({
    now: () => new Date(Date.UTC(2025, 2, 1) + tick++ * 60_000),
  });
  const handler = createCommandHandler(store, { tool: 'interop test' });
  for (const doc of documents) {
    const model = await handler.model();
    const planned = planCuration(parse(doc), (id) => model.articles.get(id)?.publishedOn);
    await handler.executeAll(planned);
  }
  const head = await store.head();
  const { models } = await replayUntil(store, { position: head.position });
  return { models, store };
}

/** A small story with every precision, every calendar status and text that needs escaping. */
export const TRICKY_CURATION = `
article:
  id: tricky-article
  publisher: The <Daily> & "Weekly"
  headline: 'Talks, "summits" & <b>bold</b> plans'
  publishedAt: '2025-02-17'
  url: https://example.org/news?a=1,2;3&b=<2>
  textSha256: ${'a'.repeat(64)}
actors:
  - { id: ann-smith, name: 'Ann "The Hammer" Smith', kind: person, country: GB, aliases: [Smith] }
  - { id: ruritania, name: Ruritania, kind: government, country: RU, aliases: [] }
facts:
  - id: day-call
    kind: call
    status: occurred
    summary: 'Smith called Ruritania, saying "enough, <now>"; it lasted an hour.'
    when: { expression: on Saturday }
    participants: [{ actor: ann-smith, role: initiator }, { actor: ruritania, role: recipient }]
    quotes: [{ text: 'enough, <now>', speaker: ann-smith, paragraph: 1 }]
    paragraph: 1
    excerpt: 'Smith called Ruritania, saying "enough, <now>"'
  - id: week-visit
    kind: visit
    status: expected
    summary: Smith is expected to visit Ruritania next week.
    when: { expression: next week }
    participants: [{ actor: ann-smith, role: attendee }, { actor: ruritania, role: host }]
    places: [Zenda]
    paragraph: 2
    excerpt: expected to visit Ruritania next week
  - id: month-summit
    kind: summit
    status: planned
    summary: |-
      A summit is planned for March.
      A second line, with a comma.
    when: { expression: March }
    participants: [{ actor: ruritania, role: host }]
    paragraph: 3
    excerpt: A summit is planned for March
  - id: year-background
    kind: background
    status: occurred
    summary: Ruritania was founded.
    when: { expression: in 1894 }
    participants: [{ actor: ruritania, role: subject }]
    paragraph: 4
    excerpt: founded in 1894
  - id: range-talks
    kind: talks
    status: planned
    summary: Talks are planned between 3 and 12 March.
    when: { earliest: '2025-03-03', latest: '2025-03-12', precision: range }
    participants: [{ actor: ruritania, role: attendee }]
    paragraph: 5
    excerpt: between 3 and 12 March
  - id: weekend-meeting
    kind: meeting
    status: planned
    summary: A meeting over the coming weekend was called off.
    when: { earliest: '2025-02-22', latest: '2025-02-23', precision: weekend }
    paragraph: 6
    excerpt: the coming weekend
  - id: bare-breaks
    kind: statement
    status: occurred
    summary: "Line one of the summary\\nline two\\rand a third"
    when: { expression: on Saturday }
    places: ["Kyiv\\nCentre"]
    paragraph: 8
    excerpt: line one
  - id: withdrawn-visit
    kind: visit
    status: expected
    summary: A visit that was never going to happen.
    when: { expression: next month }
    paragraph: 7
    excerpt: a visit next month
corrections:
  - fact: weekend-meeting
    changes: { status: cancelled }
    reason: called off
retractions:
  - { fact: withdrawn-visit, reason: 'misread the article; no visit was reported' }
`;
