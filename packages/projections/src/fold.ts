import { type Envelope, GENESIS_HASH } from '@dateline/event-store';
import { actorsProjection } from './actors.js';
import { articlesProjection } from './articles.js';
import { interactionsProjection } from './interactions.js';
import {
  type AnyProjection,
  type DecodedEvent,
  decodeEnvelope,
  decodeVerified,
  type ProjectionFailure,
} from './projection.js';
import { timelineProjection } from './timeline.js';

/** The four read models, in the order they are folded. */
export const defaultProjections: readonly AnyProjection[] = [
  timelineProjection,
  actorsProjection,
  articlesProjection,
  interactionsProjection,
] as AnyProjection[];

/** One projection being folded: its state, the last position applied and how it stopped, if it did. */
export interface FoldSlot {
  readonly projection: AnyProjection;
  state: unknown;
  /** The last log position folded into `state` (0 before the first event). */
  position: number;
  /** The hash of the envelope at `position` (the genesis hash at 0); written into snapshots. */
  hash: string;
  /** Events folded by this run (a snapshot's events are not counted). */
  applied: number;
  failure?: ProjectionFailure;
}

export interface FoldStart {
  state: unknown;
  position: number;
  hash: string;
}

export function createSlots(
  projections: readonly AnyProjection[],
  starts: Partial<Record<string, FoldStart>> = {},
): FoldSlot[] {
  const names = new Set<string>();
  return projections.map((projection) => {
    if (names.has(projection.name))
      throw new Error(`two projections are named "${projection.name}"`);
    names.add(projection.name);
    const start = starts[projection.name];
    return start
      ? { projection, state: start.state, position: start.position, hash: start.hash, applied: 0 }
      : {
          projection,
          state: projection.initialState(),
          position: 0,
          hash: GENESIS_HASH,
          applied: 0,
        };
  });
}

type Decoded = DecodedEvent | { error: unknown };

/**
 * Folds one batch of envelopes (contiguous, in position order) into every slot that has not
 * failed and has not seen them yet. Each envelope is decoded once, only if some slot needs it.
 * A decode or evolve error stops only the slots it reaches, at that position.
 */
export function foldBatch(
  slots: readonly FoldSlot[],
  envelopes: readonly Envelope[],
  decode: (envelope: Envelope) => DecodedEvent = decodeEnvelope,
): void {
  if (envelopes.length === 0) return;
  const first = envelopes[0]!.position;
  let minPosition = Number.POSITIVE_INFINITY;
  for (const slot of slots) if (!slot.failure) minPosition = Math.min(minPosition, slot.position);
  const start = Math.max(0, minPosition + 1 - first);
  if (start >= envelopes.length) return;

  const decoded: Decoded[] = new Array(envelopes.length);
  for (let i = start; i < envelopes.length; i++) {
    try {
      decoded[i] = decode(envelopes[i]!);
    } catch (error) {
      decoded[i] = { error };
    }
  }

  for (const slot of slots) {
    if (slot.failure) continue;
    const { projection } = slot;
    let state = slot.state;
    if (slot.position + 1 < first) {
      // A slot that is behind this batch would skip events; never fold over a gap.
      slot.failure = failureOf(
        projection.name,
        envelopes[0]!,
        `expected position ${slot.position + 1}, read ${first}`,
      );
      continue;
    }
    let last = -1;
    for (let i = Math.max(start, slot.position + 1 - first); i < envelopes.length; i++) {
      const item = decoded[i]!;
      try {
        if ('error' in item) throw item.error;
        state = projection.evolve(state, item);
      } catch (error) {
        slot.failure = failureOf(projection.name, envelopes[i]!, messageOf(error));
        break;
      }
      last = i;
    }
    if (last >= 0) {
      const envelope = envelopes[last]!;
      slot.applied += envelope.position - slot.position;
      slot.position = envelope.position;
      slot.hash = envelope.hash;
    }
    slot.state = state;
  }
}

function failureOf(projection: string, envelope: Envelope, message: string): ProjectionFailure {
  return {
    projection,
    position: envelope.position,
    eventId: envelope.eventId,
    eventType: envelope.type,
    message,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A fold fed by the store while it opens: the file store hands over every event it has just read
 * and checked (its `onLoad` option), so a rebuild reads and parses the log once instead of once to
 * open and once more to fold. Give its slots to the runner or to replayProjections afterwards.
 */
export interface Preload {
  readonly slots: FoldSlot[];
  /** Events folded so far, and the last one. */
  eventsRead: number;
  last: Envelope | undefined;
  feed(events: Envelope[]): void;
}

export function createPreload(
  projections: readonly AnyProjection[] = defaultProjections,
  decode: (envelope: Envelope) => DecodedEvent = decodeVerified,
): Preload {
  const preload: Preload = {
    slots: createSlots(projections),
    eventsRead: 0,
    last: undefined,
    feed(events) {
      if (events.length === 0) return;
      foldBatch(preload.slots, events, decode);
      preload.eventsRead += events.length;
      preload.last = events[events.length - 1];
    },
  };
  return preload;
}
