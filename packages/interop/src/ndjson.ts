import { type Envelope, type EventStore, envelopeLine } from '@dateline/event-store';
import { normaliseInstant, type ReplayTarget } from '@dateline/projections';

/**
 * One log line as the file store writes it today (the store's own `envelopeLine`, canonical JSON):
 * a copy of the log made of these lines verifies with `dateline verify` and ends at the same head
 * hash. It is byte-identical to segments the store wrote itself; lines written before the store
 * wrote canonical JSON (the seed log's) come out with their keys sorted, the hashes unchanged.
 */
export { envelopeLine };

/** The raw log as NDJSON. Only a prefix of the log from position 1 verifies: never filter it. */
export function toNdjson(envelopes: Iterable<Envelope>): string {
  let out = '';
  for (const e of envelopes) out += envelopeLine(e);
  return out;
}

/**
 * The log from position 1 up to a point (after position N, or as it stood at time T), in order.
 * A prefix of a hash chain is itself a valid chain, so an export "as of" a point verifies too;
 * a filtered selection would not, which is why the raw log has no filters.
 * An append of several events is whole or absent in a store (a store that finds part of one
 * cuts it as a torn write), so a prefix never ends inside one: a position inside a multi-event
 * append ends the prefix before that append.
 */
export async function* readLogPrefix(
  store: EventStore,
  asOf?: ReplayTarget,
): AsyncIterable<Envelope> {
  const toPosition = asOf && 'position' in asOf ? asOf.position : undefined;
  const until = asOf && 'recordedAt' in asOf ? normaliseInstant(asOf.recordedAt) : undefined;
  if (toPosition !== undefined && toPosition < 1) return;
  let pending: Envelope[] = [];
  for await (const batch of store.readAllBatches(toPosition !== undefined ? { toPosition } : {})) {
    for (const e of batch) {
      // recordedAt only grows along the log, so the first later event ends the prefix.
      if (until !== undefined && e.recordedAt > until) return;
      const append = e.metadata.append;
      if (!append || append.index === append.count - 1) {
        yield* pending;
        pending = [];
        yield e;
      } else {
        pending.push(e);
      }
    }
  }
  // Events left pending belong to an append the target cuts through: they stay out.
}
