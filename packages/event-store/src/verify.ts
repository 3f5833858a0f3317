import type { Envelope } from './envelope.js';
import { CorruptLogError } from './errors.js';
import { checkEnvelope, type EventValidator } from './file/load.js';
import { LogIndex } from './log-core.js';
import type { EventStore, LogHead } from './port.js';

export type VerifyResult =
  | { ok: true; head: LogHead; events: number }
  | { ok: false; position: number; reason: string; head: LogHead; events: number };

/**
 * Checks a log through the port, whatever stores it: positions and stream versions contiguous,
 * every prevHash linked, every hash recomputed, event ids unique, and (with a validator) every
 * event decodable. Reports the first bad event's position. The file store's loader does the same
 * checks while reading its segments; this is how a PostgreSQL log is verified.
 */
export async function verifyStore(
  store: EventStore,
  options: {
    validateEvent?: EventValidator;
    onProgress?: (position: number, head: number) => void;
  } = {},
): Promise<VerifyResult> {
  const index = new LogIndex();
  const target = await store.head();
  try {
    for await (const batch of store.readAllBatches({ toPosition: target.position })) {
      for (const e of batch as Envelope[]) {
        const checked = checkEnvelope(e, index, options.validateEvent);
        if (typeof checked === 'string') {
          return {
            ok: false,
            position: index.head.position + 1,
            reason: checked,
            head: index.head,
            events: index.head.position,
          };
        }
        index.add(checked);
      }
      options.onProgress?.(index.head.position, target.position);
    }
  } catch (error) {
    // A store that checks what it reads (PostgreSQL: every position there, every link) refuses
    // damage past the events handed on so far: a failed check like the ones above.
    if (!(error instanceof CorruptLogError)) throw error;
    return {
      ok: false,
      position: error.position ?? index.head.position + 1,
      reason: error.reason,
      head: index.head,
      events: index.head.position,
    };
  }
  if (index.head.position !== target.position) {
    return {
      ok: false,
      position: index.head.position + 1,
      reason: `the log ends at ${index.head.position}, not at its recorded head ${target.position}`,
      head: index.head,
      events: index.head.position,
    };
  }
  if (index.head.hash !== target.hash) {
    return {
      ok: false,
      position: target.position,
      reason: `the recorded head's hash is not the hash of the event at position ${target.position}`,
      head: index.head,
      events: index.head.position,
    };
  }
  const beyond = (await store.eventsBeyondHead?.()) ?? 0;
  if (beyond > 0) {
    return {
      ok: false,
      position: target.position + 1,
      reason: `${beyond} event${beyond === 1 ? ' is' : 's are'} stored after the recorded head (position ${target.position}): the head was moved back, or rows were added behind the log's back`,
      head: index.head,
      events: index.head.position,
    };
  }
  return { ok: true, head: index.head, events: index.head.position };
}
