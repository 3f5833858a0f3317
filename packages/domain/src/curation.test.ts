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

  it('names the entry and field of an unresolvable date', () => {
    const bad = { ...doc, facts: [{ ...doc.facts[0], when: { expression: 'at some point' } }] };
    expect(() => planCuration(bad)).toThrow(InvalidInputError);
    expect(() => planCuration(bad)).toThrow(/facts\[0\] \(starmer-telegraph\)\.when\.expression/);
  });

  it('names the field of a schema error and refuses unknown sections', () => {
    expect(() =>
      planCuration({ ...doc, facts: [{ ...doc.facts[0], status: 'rumoured' }] }),
    ).toThrow(/facts\.0\.status/);
    expect(() => planCuration({ ...doc, fact: [] })).toThrow(/unrecognized key/i);
  });
});
