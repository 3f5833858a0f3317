import { describe, expect, it } from 'vitest';
import { describeCorrection } from './revision-diff';

describe('describeCorrection', () => {
  it('says what a correction changed in words', () => {
    const names = new Map([['keir-starmer', 'Keir Starmer']]);
    const changes = describeCorrection(
      { status: 'planned', participants: [{ actorId: 'france', role: 'host' }], places: ['Paris'] },
      {
        status: 'occurred',
        participants: [
          { actorId: 'france', role: 'host' },
          { actorId: 'keir-starmer', role: 'attendee' },
        ],
        places: ['Paris', 'Élysée Palace'],
      },
      names,
    );
    expect(changes).toEqual([
      { field: 'Status', before: 'Planned', after: 'Happened' },
      {
        field: 'Participants',
        before: 'france (host)',
        after: 'france (host), Keir Starmer (attendee)',
        items: { removed: [], added: ['Keir Starmer (attendee)'], kept: ['france (host)'] },
      },
      {
        field: 'Places',
        before: 'Paris',
        after: 'Paris, Élysée Palace',
        items: { removed: [], added: ['Élysée Palace'], kept: ['Paris'] },
      },
    ]);
  });

  it('tells a list item taken out from one put in, and a changed role as both', () => {
    const [change] = describeCorrection(
      {
        participants: [
          { actorId: 'a', role: 'host' },
          { actorId: 'b', role: 'attendee' },
        ],
      },
      {
        participants: [
          { actorId: 'a', role: 'attendee' },
          { actorId: 'c', role: 'attendee' },
        ],
      },
    );
    expect(change?.items).toEqual({
      removed: ['a (host)', 'b (attendee)'],
      added: ['a (attendee)', 'c (attendee)'],
      kept: [],
    });
    expect(describeCorrection({ topics: ['x'] }, { topics: [] })[0]?.items).toEqual({
      removed: ['x'],
      added: [],
      kept: [],
    });
  });

  it('shows dates by their label and tolerates missing values', () => {
    expect(
      describeCorrection(
        {
          occurred: {
            earliest: '2025-02-17',
            latest: '2025-02-17',
            precision: 'day',
            label: '17 Feb 2025',
          },
        },
        null,
      ),
    ).toEqual([{ field: 'Date', before: '17 Feb 2025', after: '—' }]);
    expect(describeCorrection(null, null)).toEqual([]);
  });
});
