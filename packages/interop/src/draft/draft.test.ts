import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planCuration, resolveDateExpression } from '@dateline/domain';
import type { ReadModels } from '@dateline/projections';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEED_ARTICLES, seedModels } from '../test-fixtures.js';
import { createActorMatcher } from './actors.js';
import { type DraftedCuration, draftCuration } from './draft.js';
import { candidateDate, compareDraftsWithLog } from './measure.js';
import { splitArticle } from './text.js';
import { renderDraftYaml } from './yaml.js';

const PARIS = '000_b06b4088f746ee66.txt';
const STARMER = '001_22079654af0f9918.txt';
const read = (name: string) => readFileSync(join(SEED_ARTICLES, name), 'utf8');

let models: ReadModels;
let paris: DraftedCuration;
let starmer: DraftedCuration;

beforeAll(async () => {
  models = (await seedModels()).models;
  const knownActors = Object.values(models.actors.actors);
  paris = draftCuration(read(PARIS), {
    published: '2025-02-17',
    publisher: 'Reuters',
    knownActors,
  });
  starmer = draftCuration(read(STARMER), {
    published: '2025-02-17',
    publisher: 'Reuters',
    headline: 'Starmer ready to deploy peacekeepers',
    knownActors,
  });
});

const datesOf = (draft: DraftedCuration) =>
  draft.document.facts.map((f) => {
    const d = candidateDate(f, draft.anchor);
    return [
      f.paragraph,
      'expression' in f.when ? f.when.expression : d.expression,
      d.earliest,
      d.latest,
      d.precision,
    ];
  });

describe('draftCuration on the seed articles', () => {
  it('writes the article entry with the sha256 of the text', () => {
    expect(starmer.document.article).toMatchObject({
      publisher: 'Reuters',
      headline: 'Starmer ready to deploy peacekeepers',
      publishedAt: '2025-02-17',
      textSha256: createHash('sha256')
        .update(readFileSync(join(SEED_ARTICLES, STARMER)))
        .digest('hex'),
    });
    // The seed log recorded the same text with the same hash.
    expect(starmer.document.article.textSha256).toBe(
      '3e7c03705bb071a1e0cf00379910b859d750ea38a8282c6e8cc913cc35472ae9',
    );
    expect(paris.document.article.headline).toBe(
      'European leaders meet to discuss Ukraine as UK troop offer hardens regional resolve',
    );
    expect(paris.headlineFrom).toBe('text');
    expect(starmer.dateline).toStrictEqual({ text: 'date 2025-02-17', date: '2025-02-17' });
  });

  it('proposes a fact for each date expression, resolved against the publication date', () => {
    expect(datesOf(starmer)).toStrictEqual([
      [2, 'last week', '2025-02-10', '2025-02-16', 'week'],
      [3, 'Saturday', '2025-02-15', '2025-02-15', 'day'],
      [4, 'next week', '2025-02-24', '2025-03-02', 'week'],
      [4, 'Sunday', '2025-02-16', '2025-02-16', 'day'],
      [12, 'on Sunday', '2025-02-16', '2025-02-16', 'day'],
    ]);
    expect(datesOf(paris)).toStrictEqual([
      [1, 'on Monday', '2025-02-17', '2025-02-17', 'day'],
      [3, 'on Sunday', '2025-02-16', '2025-02-16', 'day'],
      [4, 'in 2022', '2022-01-01', '2022-12-31', 'year'],
      [8, 'over the weekend', '2025-02-15', '2025-02-16', 'weekend'],
    ]);
  });

  it('guesses kind, status, participants and places from the sentence', () => {
    const [call, kellogg, visit, sunday] = starmer.document.facts;
    expect(call).toMatchObject({ kind: 'call', status: 'occurred' });
    expect(call?.participants).toContainEqual({ actor: 'donald-trump', role: 'initiator' });
    expect(call?.participants).toContainEqual({ actor: 'vladimir-putin', role: 'recipient' });
    expect(kellogg).toMatchObject({ kind: 'statement', status: 'occurred' });
    expect(kellogg?.participants[0]).toStrictEqual({ actor: 'keith-kellogg', role: 'speaker' });
    expect(visit).toMatchObject({ kind: 'visit', status: 'expected', places: ['Washington'] });
    expect(visit?.participants).toStrictEqual([
      { actor: 'keir-starmer', role: 'attendee' },
      { actor: 'donald-trump', role: 'host' },
    ]);
    expect(sunday?.participants[0]).toStrictEqual({ actor: 'keir-starmer', role: 'speaker' });
    const dutch = paris.document.facts.at(-1);
    expect(dutch).toMatchObject({ kind: 'statement', status: 'occurred' });
    expect(dutch?.participants).toStrictEqual([{ actor: 'netherlands', role: 'speaker' }]);
    expect(paris.document.facts[2]).toMatchObject({ kind: 'background' });
  });

  it('pulls quotes out with their nearest attributed speaker', () => {
    const [, , visit, sunday] = starmer.document.facts;
    expect(sunday?.quotes).toStrictEqual([
      { text: 'once in a generation moment', speaker: 'keir-starmer', paragraph: 4 },
    ]);
    expect(visit?.quotes).toStrictEqual([]);
    const speakers = starmer.unplacedQuotes.map((q) => [q.paragraph, q.speaker]);
    expect(speakers).toStrictEqual([
      [5, 'keir-starmer'], // "He said …"
      [6, 'keir-starmer'], // "… ," he wrote
      [13, 'french-presidential-official'], // the official told reporters
      [14, 'french-presidential-official'], // a quote alone in its paragraph
      [15, 'french-presidential-official'], // he said
      [19, 'french-presidential-official'], // he said, after "The French presidency official said"
    ]);
    expect(paris.unplacedQuotes.map((q) => [q.text, q.speaker])).toStrictEqual([
      ['will not shy away', 'germany'],
      ['absolutely a possibility', 'ulf-kristersson'],
    ]);
  });

  it('gives a draft the importer accepts once publisher and headline are known', () => {
    for (const draft of [paris, starmer]) {
      const yaml = renderDraftYaml(draft);
      const planned = planCuration(parse(yaml));
      expect(planned.map((p) => p.command.type)).toStrictEqual([
        'RecordArticle',
        ...draft.document.facts.map(() => 'RecordFact'),
      ]);
      // The importer resolves each `when` to the date the draft showed.
      const facts = planned.flatMap((p) => (p.command.type === 'RecordFact' ? [p.command] : []));
      expect(facts.map((f) => [f.occurred.earliest, f.occurred.latest])).toStrictEqual(
        draft.document.facts.map((f) => {
          const d = candidateDate(f, draft.anchor);
          return [d.earliest, d.latest];
        }),
      );
    }
  });

  it('leaves out what it does not know, so the importer refuses the draft until it is added', () => {
    const draft = draftCuration(read(STARMER), { published: '2025-02-17', knownActors: [] });
    const yaml = renderDraftYaml(draft);
    expect(yaml).toContain('CHECK: add publisher (--publisher) and headline (--headline)');
    expect(() => planCuration(parse(yaml))).toThrow(/article\.(publisher|headline)/);
  });

  it('explains each candidate in comments', () => {
    const yaml = renderDraftYaml(starmer, STARMER);
    expect(yaml).toContain(
      '# Date: "last week" → week of 10 Feb 2025 (2025-02-10 – 2025-02-16, week)',
    );
    expect(yaml).toContain('when: { expression: last week }');
    expect(yaml).toContain("publishedAt: '2025-02-17'");
    expect(yaml).toMatch(/# Sentences with no date expression[\s\S]*# {3}par\. 5: He said Britain/);
    expect(parse(yaml)).toStrictEqual(JSON.parse(JSON.stringify(starmer.document)));
  });

  it('proposes 8 of the 22 facts of the seed log with the same dates', () => {
    const result = compareDraftsWithLog([paris, starmer], models);
    expect(result.total).toBe(22);
    expect(result.matched.map((m) => m.factId).sort()).toStrictEqual([
      'dutch-signal-contribution',
      'kellogg-europe-no-seat-at-table',
      'paris-summit',
      'reuters-sees-questionnaire',
      'russia-full-scale-invasion',
      'starmer-once-in-a-generation',
      'starmer-washington-visit',
      'trump-putin-call',
    ]);
    expect(result.candidates).toBe(9);
    expect(result.unmatchedCandidates).toStrictEqual(['keir-starmer-statement-p3']);
  });
});

describe('draftCuration on new text', () => {
  const actors = [
    { id: 'ann-smith', name: 'Ann Smith', kind: 'person' as const, aliases: ['Smith'] },
    { id: 'ruritania', name: 'Ruritania', kind: 'government' as const, aliases: ['Strelsau'] },
  ];

  it('looks ahead when the sentence does, and keeps the span the importer would misread', () => {
    const text = 'Smith will visit Strelsau on Saturday, her office said on Monday.\n';
    const draft = draftCuration(text, { published: '2025-02-19', knownActors: actors });
    const [visit, said] = draft.document.facts;
    expect(visit).toMatchObject({ kind: 'visit', status: 'planned', places: ['Strelsau'] });
    expect(visit?.when).toMatchObject({
      earliest: '2025-02-22',
      precision: 'day',
      expression: 'on Saturday',
    });
    // Without a label: the journalist may narrow the span, and the label is derived on import.
    expect(visit?.when).not.toHaveProperty('label');
    expect(said?.when).toStrictEqual({ expression: 'on Monday' });
    expect(resolveDateExpression('on Monday', '2025-02-19').earliest).toBe('2025-02-17');
  });

  it("gives words to no known actor when someone unknown, or an actor's aide, said them", () => {
    const known = [
      ...actors,
      { id: 'donald-trump', name: 'Donald Trump', kind: 'person' as const, aliases: ['Trump'] },
      { id: 'germany', name: 'Germany', kind: 'state' as const, aliases: ['Berlin'] },
    ];
    const text = [
      'Smith said on Monday: "We are ready."',
      'Boris Ivanov said on Tuesday: "We will not accept it."',
      'Smith’s spokesman said on Tuesday that talks would go on.',
      'Economic worries could trump security concerns in Berlin on Tuesday, analysts said.',
      '',
    ].join('\n\n');
    const draft = draftCuration(text, { published: '2025-02-19', knownActors: known });
    const quotes = [...draft.document.facts.flatMap((f) => f.quotes), ...draft.unplacedQuotes];
    expect(quotes.find((q) => q.text === 'We are ready')?.speaker).toBe('ann-smith');
    // Ivanov is not registered: his words are nobody's, not carried over from Smith.
    expect(quotes.find((q) => q.text === 'We will not accept it')?.speaker).toBeUndefined();
    const actorsOf = (paragraph: number) =>
      draft.document.facts
        .filter((f) => f.paragraph === paragraph)
        .flatMap((f) => f.participants.map((p) => `${p.actor}:${p.role}`));
    expect(actorsOf(3)).not.toContain('ann-smith:speaker');
    expect(actorsOf(4).join(' ')).not.toMatch(/donald-trump|germany:speaker/);
  });

  it('steers drafted fact ids clear of the ids already in the log', () => {
    const text = 'Smith will visit Strelsau on Saturday.\n';
    const first = draftCuration(text, { published: '2025-02-19', knownActors: actors });
    const taken = first.document.facts[0]!.id;
    const again = draftCuration(text, {
      published: '2025-02-19',
      knownActors: actors,
      knownFactIds: [taken],
    });
    expect(again.document.facts[0]!.id).toBe(`${taken}-2`);
  });

  it('drafts nothing from a text without dates, and lists its sentences', () => {
    const draft = draftCuration('Smith said "no" to Ruritania. Nobody knows why.', {
      published: '2025-02-19',
      knownActors: actors,
    });
    expect(draft.document.facts).toStrictEqual([]);
    expect(draft.undated).toHaveLength(2);
    expect(draft.unplacedQuotes).toStrictEqual([
      { text: 'no', speaker: 'ann-smith', paragraph: 1 },
    ]);
  });
});

describe('text and names', () => {
  it('sets a wire dateline aside and anchors on the date of a publication timestamp', () => {
    const text =
      'Talks resume\n\nLONDON, Feb 17 (Reuters) - Smith said on Sunday that talks would resume.\n';
    const article = splitArticle(text);
    expect(article.headline).toBe('Talks resume');
    expect(article.dateline?.text).toBe('LONDON, Feb 17 (Reuters) -');
    expect(article.paragraphs[0]?.text).toBe('Smith said on Sunday that talks would resume.');
    const draft = draftCuration(text, {
      published: '2025-02-17T23:30:00-05:00',
      knownActors: [{ id: 'ann-smith', name: 'Ann Smith', kind: 'person', aliases: ['Smith'] }],
    });
    expect(draft.anchor).toBe('2025-02-17');
    expect(draft.document.article.publishedAt).toBe('2025-02-17T23:30:00-05:00');
    expect(draft.document.facts.map((f) => [f.paragraph, f.when, f.participants])).toStrictEqual([
      [1, { expression: 'on Sunday' }, [{ actor: 'ann-smith', role: 'speaker' }]],
    ]);
  });

  it('splits sentences but not after U.S. or initials', () => {
    const [p] = splitArticle(
      'U.S. President Donald J. Trump spoke. Then Mr. Smith left!',
    ).paragraphs;
    expect(p?.sentences.map((s) => s.text)).toStrictEqual([
      'U.S. President Donald J. Trump spoke.',
      'Then Mr. Smith left!',
    ]);
  });

  it('recognises the longest name and never a name inside a word', () => {
    const match = createActorMatcher([
      {
        id: 'putin',
        name: 'Vladimir Putin',
        kind: 'person',
        aliases: ['Putin', 'Russian President Vladimir Putin'],
      },
      { id: 'us', name: 'United States', kind: 'government', aliases: ['U.S.', 'US'] },
    ]);
    expect(
      match(
        'Russian President Vladimir Putin met U.S. officials; Putinism and USB are not names.',
      ).map((m) => [m.actorId, m.text]),
    ).toStrictEqual([
      ['putin', 'Russian President Vladimir Putin'],
      ['us', 'U.S.'],
    ]);
  });

  it('reads decomposed accents (text pasted from a PDF) as the same names', () => {
    const actors = [
      { id: 'france', name: 'France', kind: 'government' as const, aliases: ['Élysée'] },
    ];
    const text = 'The E\u0301lyse\u0301e said on Sunday that the summit would go ahead.';
    const draft = draftCuration(text, { published: '2025-02-17', knownActors: actors });
    expect(draft.document.facts[0]?.participants).toStrictEqual([
      { actor: 'france', role: 'speaker' },
    ]);
    // The article's sha256 is that of the text as given, not of its composed form.
    expect(draft.document.article.textSha256).toBe(
      createHash('sha256').update(text, 'utf8').digest('hex'),
    );
    // And an alias stored decomposed finds the composed text.
    const decomposedAlias = createActorMatcher([
      { ...actors[0]!, aliases: ['E\u0301lyse\u0301e'] },
    ]);
    expect(decomposedAlias(text.normalize('NFC')).map((m) => m.actorId)).toEqual(['france']);
  });
});
