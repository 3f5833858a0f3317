import { CorruptLogError } from '@dateline/event-store';
import { loadLog } from '@dateline/event-store/file';
import { validateWithDomain } from '@dateline/event-store/open';
import { CliError } from '../errors.js';
import { progressBar } from '../progress.js';

export interface VerifyOptions {
  store: string;
  /** Treat a torn tail as a failure (exit 3) rather than a warning. */
  strict?: boolean;
}

/**
 * Checks every event: it decodes through the domain catalogue, positions and stream versions are
 * contiguous, each prevHash links to the event before, each hash matches its content.
 * Reads the store only; never cuts or changes anything.
 */
export async function verifyCommand(options: VerifyOptions): Promise<number> {
  if (/^postgres(ql)?:\/\//.test(options.store))
    throw new CliError('verify on PostgreSQL is not available yet');
  const bar = progressBar('verifying', 'bytes');
  const started = performance.now();
  try {
    const log = await loadLog(options.store, {
      validateEvent: validateWithDomain,
      onProgress: ({ bytes, totalBytes }) => bar.update(bytes, totalBytes),
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
