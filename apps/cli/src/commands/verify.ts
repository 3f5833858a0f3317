import { CorruptLogError } from '@dateline/event-store';
import { loadLog } from '@dateline/event-store/file';
import { isPostgresUrl, openEventStore, validateWithDomain } from '@dateline/event-store/open';
import { verifyStore } from '@dateline/event-store/verify';
import { progressBar } from '../progress.js';
import { requireStore } from '../store-paths.js';

export interface VerifyOptions {
  store: string;
  /** Treat a torn tail as a failure (exit 3) rather than a warning. */
  strict?: boolean;
  /** Also decode every event through the domain catalogue. */
  decode?: boolean;
}

/**
 * Checks the whole chain: every byte of every event is hashed, each hash matches its content,
 * each prevHash links to the event before, positions and stream versions are contiguous and event
 * ids unique. With `decode`, every event must also decode through the domain catalogue (every write
 * path already refuses events that do not, so this finds only events written by other tools).
 * Reads the store only; never cuts or changes anything.
 */
export async function verifyCommand(options: VerifyOptions): Promise<number> {
  requireStore(options.store);
  if (isPostgresUrl(options.store)) return verifyThroughPort(options.store, options.decode);
  const bar = progressBar('verifying', 'bytes');
  const started = performance.now();
  try {
    const log = await loadLog(options.store, {
      validateEvent: options.decode ? validateWithDomain : undefined,
      onProgress: ({ position, bytes, totalBytes }) => bar.update(bytes, totalBytes, position),
    });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const { position, hash } = log.index.head;
    const rate = Math.round(position / Math.max(seconds, 0.001));
    if (log.torn) {
      const t = log.torn;
      console.log(
        `torn tail: ${t.file} has ${t.bytes} byte(s) after offset ${t.offset} that were never acknowledged (${t.reason}); the next writer will cut them`,
      );
      console.log(`valid prefix: head position ${position}, head hash ${hash}`);
      return options.strict ? 3 : 0;
    }
    console.log(
      `ok: ${position} events in ${log.segments.length} segment(s) verified in ${seconds.toFixed(2)} s (${rate} events/s)`,
    );
    console.log(`head position ${position}`);
    console.log(`head hash ${hash}`);
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof CorruptLogError) {
      console.error(
        `FAILED: ${error.file} line ${error.line}, position ${error.position ?? '?'}: ${error.reason}`,
      );
      return 1;
    }
    throw error;
  }
}

/** A store without segment files (PostgreSQL): the same checks, read through the port. */
async function verifyThroughPort(location: string, decode = false): Promise<number> {
  const store = await openEventStore(location, { tool: 'dateline verify' });
  const bar = progressBar('verifying', 'events');
  const started = performance.now();
  try {
    const result = await verifyStore(store, {
      validateEvent: decode ? validateWithDomain : undefined,
      onProgress: (position, head) => bar.update(position, head),
    });
    bar.stop();
    if (!result.ok) {
      console.error(`FAILED: position ${result.position}: ${result.reason}`);
      return 1;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`ok: ${result.events} events verified in ${seconds.toFixed(2)} s`);
    console.log(`head position ${result.head.position}`);
    console.log(`head hash ${result.head.hash}`);
    return 0;
  } finally {
    bar.stop();
    await store.close();
  }
}
