import { describe, expect, it } from 'vitest';
import { decodeEnvelope } from './projection.js';
import { replayUntil } from './replay.js';
import { storyStore } from './test-fixtures.js';
import { foldFact } from './timeline.js';

describe('foldFact', () => {
  it('given the events that touched a fact up to any position, then it is the fact as the timeline had it there', async () => {
    const { store, envelopes } = await storyStore();
    const present = (await replayUntil(store, { position: envelopes.length })).models.timeline;
    let compared = 0;
    let differentFromPresent = 0;
    for (const envelope of envelopes) {
      const then = (await replayUntil(store, { position: envelope.position })).models.timeline;
      for (const [factId, expected] of Object.entries(then.facts)) {
        const positions = new Set(expected.history.map((h) => h.position));
        const events = envelopes.filter((e) => positions.has(e.position)).map(decodeEnvelope);
        const folded = foldFact(factId, events, (id) => present.facts[id]);
        expect(folded).toEqual(expected);
        compared++;
        if (JSON.stringify(expected) !== JSON.stringify(present.facts[factId]))
          differentFromPresent++;
      }
    }
    // The story corrects, retracts and links facts: most earlier states differ from the present
    // (34 fact states compared, 27 of them not the present one, when this was written).
    expect(compared).toBeGreaterThanOrEqual(30);
    expect(differentFromPresent).toBeGreaterThanOrEqual(20);
  });

  it('is undefined for a fact the events never recorded', () => {
    expect(foldFact('nowhere', [], () => undefined)).toBeUndefined();
  });
});
