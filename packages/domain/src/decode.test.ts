import { describe, expect, it } from 'vitest';
import { decodeEvent } from './decode.js';
import { EventDecodeError } from './errors.js';

describe('decodeEvent', () => {
  it('upcasts a v1 FactRecorded (one exact day, flat evidence) to the current form', () => {
    const event = decodeEvent('FactRecorded', 1, {
      factId: 'paris-summit',
      kind: 'summit',
      status: 'occurred',
      summary: 'Leaders met in Paris.',
      occurredOn: '2025-02-17',
      participants: [{ actorId: 'macron', role: 'host' }],
      articleId: 'reuters-1',
      paragraph: 1,
      excerpt: 'leaders gathered on Monday',
    });
    expect(event).toEqual({
      type: 'FactRecorded',
      data: {
        factId: 'paris-summit',
        kind: 'summit',
        status: 'occurred',
        summary: 'Leaders met in Paris.',
        occurred: {
          earliest: '2025-02-17',
          latest: '2025-02-17',
          precision: 'day',
          label: '17 Feb 2025',
        },
        participants: [{ actorId: 'macron', role: 'host' }],
        quotes: [],
        topics: [],
        places: [],
        evidence: { articleId: 'reuters-1', paragraph: 1, excerpt: 'leaders gathered on Monday' },
      },
    });
  });

  it('refuses unknown types, unknown versions and invalid data with a reason', () => {
    expect(() => decodeEvent('FactDeleted', 1, {})).toThrow(/unknown event type/);
    expect(() => decodeEvent('FactRecorded', 3, {})).toThrow(/known versions are 1..2/);
    expect(() => decodeEvent('FactRetracted', 1, { factId: 'x' })).toThrow(EventDecodeError);
    expect(() => decodeEvent('FactRetracted', 1, { factId: 'x' })).toThrow(/reason/);
  });
});
