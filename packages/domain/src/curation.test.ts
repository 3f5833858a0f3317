import { describe, expect, it } from 'vitest';
import { planCuration } from './curation.js';
import { InvalidInputError } from './errors.js';

const doc = {
  article: {
    id: 'reuters-1',
    publisher: 'Reuters',
    headline: 'Leaders meet',
    publishedAt: '2025-02-17',
    textSha256: 'b'.repeat(64),
  },
  actors: [
    {
      id: 'keir-starmer',
      name: 'Keir Starmer',
      kind: 'person',
      country: 'GB',
      aliases: ['Starmer'],
    },
  ],
  facts: [
    {
      id: 'starmer-telegraph',
      kind: 'statement',
      status: 'occurred',
      summary: 'Starmer said Britain was ready to put troops on the ground.',
      when: { expression: 'on Sunday' },
      participants: [{ actor: 'keir-starmer', role: 'speaker' }],
      quotes: [{ speaker: 'keir-starmer', text: 'our own troops on the ground if necessary' }],
      paragraph: 3,
      excerpt: 'comments on Sunday',
    },
  ],
};

describe('planCuration', () => {
  it('resolves relative dates against the article and keeps the expression', () => {
    const planned = planCuration(doc);
    expect(planned.map((p) => p.command.type)).toEqual([
      'RecordArticle',
      'RegisterActor',
      'RecordFact',
    ]);
    const fact = planned[2]?.command;
    expect(fact?.type === 'RecordFact' && fact.occurred).toMatchObject({
      earliest: '2025-02-16',
      precision: 'day',
      expression: 'on Sunday',
      anchor: '2025-02-17',
    });
    expect(fact?.type === 'RecordFact' && fact.evidence.dateExpression).toBe('on Sunday');
  });

  it('reads `when: <expression>` as `when: { expression: <expression> }`, to the same commands', () => {
    const short = { ...doc, facts: [{ ...doc.facts[0], when: 'on Sunday' }] };
    expect(planCuration(short)).toStrictEqual(planCuration(doc));
    const unknown = { ...doc, facts: [{ ...doc.facts[0], when: 'at some point' }] };
    expect(() => planCuration(unknown)).toThrow(
      /facts\[0\] \(starmer-telegraph\)\.when\.expression/,
    );
  });

  it('names the entry and field of an unresolvable date', () => {
    const bad = { ...doc, facts: [{ ...doc.facts[0], when: { expression: 'at some point' } }] };
    expect(() => planCuration(bad)).toThrow(InvalidInputError);
    expect(() => planCuration(bad)).toThrow(/facts\[0\] \(starmer-telegraph\)\.when\.expression/);
  });

  it('names the field of a schema error and refuses unknown sections', () => {
    expect(() =>
      planCuration({ ...doc, facts: [{ ...doc.facts[0], status: 'rumoured' }] }),
    ).toThrow(/facts\[0\] \(starmer-telegraph\)\.status/);
    expect(() => planCuration({ ...doc, fact: [] })).toThrow(/unrecognized key/i);
  });

  it('names a missing or empty value in plain words', () => {
    const { summary: _, ...noSummary } = doc.facts[0]!;
    expect(() => planCuration({ ...doc, facts: [noSummary] })).toThrow(
      /facts\[0\] \(starmer-telegraph\)\.summary: required, and missing/,
    );
    expect(() => planCuration({ ...doc, corroborations: null })).toThrow(
      /corroborations: empty: give it a value, or remove the key/,
    );
  });

  it('refuses a misspelt or unknown key at any depth, naming it, instead of dropping it', () => {
    const fact = doc.facts[0]!;
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { ...doc, facts: [{ ...fact, topic: ['security'] }] },
        /facts\[0\] \(starmer-telegraph\): .*"topic"/,
      ],
      [
        { ...doc, facts: [{ ...fact, notes: 'check later' }] },
        /facts\[0\] \(starmer-telegraph\): .*"notes"/,
      ],
      [
        {
          ...doc,
          facts: [
            { ...fact, participants: [{ actor: 'keir-starmer', role: 'speaker', as: 'PM' }] },
          ],
        },
        /facts\[0\] \(starmer-telegraph\)\.participants\.0.*"as"/,
      ],
      [
        { ...doc, facts: [{ ...fact, quotes: [{ text: 'q', speakr: 'keir-starmer' }] }] },
        /facts\[0\] \(starmer-telegraph\)\.quotes\.0.*"speakr"/,
      ],
      [{ ...doc, article: { ...doc.article, byline: 'x', autor: 'y' } }, /article.*"autor"/],
      [
        { ...doc, actors: [{ ...doc.actors[0], nationality: 'GB' }] },
        /actors\[0\] \(keir-starmer\): .*"nationality"/,
      ],
      [{ ...doc, retractions: [{ fact: 'starmer-telegraph', reason: 'r', why: 'x' }] }, /"why"/],
      [
        {
          ...doc,
          facts: [
            {
              ...fact,
              when: { earliest: '2025-02-18', latest: '2025-02-18', precision: 'day', lable: 'x' },
            },
          ],
        },
        /"lable"/,
      ],
      [
        { ...doc, facts: [{ ...fact, when: { expresion: 'on Sunday' } }] },
        /facts\[0\] \(starmer-telegraph\)\.when/,
      ],
    ];
    for (const [input, message] of cases) {
      expect(() => planCuration(input)).toThrow(InvalidInputError);
      expect(() => planCuration(input)).toThrow(message);
    }
  });
});

describe('planCuration: explicit dates and corrections', () => {
  it('keeps an explicit span even when it records the expression it came from', () => {
    const explicit = {
      ...doc,
      facts: [
        {
          ...doc.facts[0],
          when: {
            earliest: '2025-02-12',
            latest: '2025-02-12',
            precision: 'day',
            expression: 'last week',
          },
        },
      ],
    };
    const fact = planCuration(explicit)[2]?.command;
    expect(fact?.type === 'RecordFact' && fact.occurred).toMatchObject({
      earliest: '2025-02-12',
      precision: 'day',
      expression: 'last week',
    });
  });

  it('maps a correction written in curation spelling, with its citation', () => {
    const planned = planCuration({
      ...doc,
      corrections: [
        {
          fact: 'starmer-telegraph',
          changes: {
            status: 'occurred',
            participants: [{ actor: 'keir-starmer', role: 'author' }],
            when: { expression: 'on Saturday' },
          },
          reason: 'the second report dates it',
          paragraph: 4,
          excerpt: 'on Saturday',
        },
      ],
    });
    expect(planned.at(-1)?.command).toMatchObject({
      type: 'CorrectFact',
      changes: {
        participants: [{ actorId: 'keir-starmer', role: 'author' }],
        occurred: { earliest: '2025-02-15' },
      },
      evidence: { articleId: 'reuters-1', paragraph: 4 },
    });
  });

  it('refuses an id given twice in one file, naming both entries', () => {
    const fact = doc.facts[0] as Record<string, unknown>;
    expect(() => planCuration({ ...doc, facts: [fact, { ...fact }] })).toThrow(
      `facts[1] (${String(fact.id)}).id: "${String(fact.id)}" is used twice in this file (facts[0] has it too); give each entry its own id`,
    );
    const actor = { id: 'a-person', name: 'A Person', kind: 'person' };
    expect(() => planCuration({ ...doc, actors: [actor, { ...actor, name: 'Another' }] })).toThrow(
      /actors\[1\] \(a-person\)\.id: "a-person" is used twice in this file/,
    );
  });

  it('refuses half of an evidence, and a link given twice', () => {
    const fact = doc.facts[0] as Record<string, unknown>;
    const other = { ...fact, id: 'another-fact' };
    const base = { ...doc, facts: [fact, other] };
    const link = { from: String(fact.id), relation: 'led_to', to: 'another-fact' };
    expect(() =>
      planCuration({ ...base, links: [{ ...link, excerpt: 'only an excerpt' }] }),
    ).toThrow(/links\[0\] \([^)]*\)\.paragraph: evidence needs both a paragraph and an excerpt/);
    expect(() =>
      planCuration({
        ...base,
        corrections: [{ fact: fact.id, changes: { summary: 'New.' }, reason: 'r', paragraph: 4 }],
      }),
    ).toThrow(/corrections\[0\] \([^)]*\)\.excerpt: evidence needs both/);
    expect(() => planCuration({ ...base, links: [link, { ...link }] })).toThrow(
      /links\[1\] \([^)]*\): listed twice in this file \(links\[0\] is the same link\)/,
    );
  });

  it('checks each command against the catalogue, naming the entry', () => {
    expect(() => planCuration({ ...doc, facts: [{ ...doc.facts[0], summary: '' }] })).toThrow(
      /facts\[0\] \(starmer-telegraph\)\.summary: must not be empty/,
    );
  });
});
