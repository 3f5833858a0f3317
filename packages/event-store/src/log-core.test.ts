import { describe, expect, it } from 'vitest';
import type { EnvelopeHeader } from './envelope.js';
import { LogIndex } from './log-core.js';

function event(position: number, streamId: string, streamVersion: number): EnvelopeHeader {
  return {
    position,
    streamId,
    streamVersion,
    eventId: `e-${position}`,
    metadata: {},
    prevHash: `h${position - 1}`,
    hash: `h${position}`,
  };
}

describe('LogIndex', () => {
  it('keeps each stream version and positions, and the head, across thousands of events', () => {
    const index = new LogIndex();
    const versions = new Map<string, number>();
    const expected = new Map<string, number[]>();
    for (let p = 1; p <= 5000; p++) {
      const stream = `s-${(p * 7919) % 613}`;
      const version = (versions.get(stream) ?? 0) + 1;
      versions.set(stream, version);
      expected.set(stream, [...(expected.get(stream) ?? []), p]);
      index.add(event(p, stream, version));
    }
    expect(index.head).toEqual({ position: 5000, hash: 'h5000' });
    for (const [stream, positions] of expected) {
      expect(index.streamPositions(stream)).toEqual(positions);
      expect(index.streamVersion(stream)).toBe(positions.length);
    }
    expect(index.streamVersion('unknown')).toBe(0);
    expect(index.streamPositions('unknown')).toEqual([]);
    expect(index.eventIds.positionOf('e-4321')).toBe(4321);
  });

  it('takes back the last events exactly, down to an empty index', () => {
    const index = new LogIndex();
    const events = [event(1, 'a', 1), event(2, 'b', 1), event(3, 'a', 2), event(4, 'a', 3)];
    for (const e of events) index.add(e);
    index.removeLast(events[3]!);
    expect(index.head).toEqual({ position: 3, hash: 'h3' });
    expect(index.streamPositions('a')).toEqual([1, 3]);
    expect(index.eventIds.positionOf('e-4')).toBeUndefined();
    index.removeLast(events[2]!);
    index.removeLast(events[1]!);
    expect(index.streamVersion('b')).toBe(0);
    expect(index.streamPositions('a')).toEqual([1]);
    expect(() => index.removeLast(events[3]!)).toThrow(/not the last one indexed/);
    index.removeLast(events[0]!);
    expect(index.head).toEqual({ position: 0, hash: 'h0' });
    expect(index.streamVersion('a')).toBe(0);
    index.add(events[0]!);
    expect(index.streamPositions('a')).toEqual([1]);
  });

  it('refuses an event that does not follow the last one indexed', () => {
    const index = new LogIndex();
    index.add(event(1, 'a', 1));
    expect(() => index.add(event(3, 'a', 2))).toThrow(/does not follow 1/);
  });

  it('indexes from any position, on top of stream versions known without their positions', () => {
    // How the PostgreSQL adapter uses it: the head and the touched streams' versions, then appends.
    const index = new LogIndex();
    index.head = { position: 1000, hash: 'h1000' };
    index.knowStreamVersion('a', 4);
    expect(index.streamVersion('a')).toBe(4);
    index.add(event(1001, 'a', 5));
    index.add(event(1002, 'b', 1));
    expect(index.streamVersion('a')).toBe(5);
    expect(index.streamPositions('a')).toEqual([1001]);
    index.removeLast(event(1002, 'b', 1));
    index.removeLast(event(1001, 'a', 5));
    expect(index.streamVersion('a')).toBe(4);
    expect(index.streamVersion('b')).toBe(0);
    expect(index.head).toEqual({ position: 1000, hash: 'h1000' });
  });
});
