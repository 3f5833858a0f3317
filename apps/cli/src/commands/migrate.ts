import type { EventStore } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { isPostgresUrl, openEventStore, validateWithDomain } from '@dateline/event-store/open';
import { CliError } from '../errors.js';
import { progressBar } from '../progress.js';
import { requireStore, requireWritableStore, sameStore } from '../store-paths.js';

export interface MigrateOptions {
  from: string;
  to: string;
}

const CHUNK = 1000;

async function openSource(location: string): Promise<EventStore> {
  // A file source is only read: no lock, so it can be copied while its writer runs.
  if (isPostgresUrl(location)) return openEventStore(location);
  return getFileEventStore(location, { readOnly: true, validateEvent: validateWithDomain });
}

/**
 * Copies a log between stores, event by event with positions, times and hashes unchanged; the target
 * checks every hash and link as it goes. A target that already holds a prefix of the source resumes.
 */
export async function migrateCommand(options: MigrateOptions): Promise<number> {
  if (sameStore(options.from, options.to))
    throw new CliError('--from and --to name the same store', 64);
  requireStore(options.from, '--from');
  requireWritableStore(options.to, '--to');
  const source = await openSource(options.from);
  let target: EventStore | undefined;
  const bar = progressBar('migrating', 'events');
  try {
    target = await openEventStore(options.to, {
      tool: 'dateline migrate',
      // A target cut back to its last whole append (a torn tail) says so, as import does.
      log: (m) => console.error(`target store: ${m}`),
    });
    const sourceHead = await source.head();
    const targetHead = await target.head();
    if (targetHead.position > 0) {
      let atSource: string | undefined;
      for await (const e of source.readAll({
        fromPosition: targetHead.position,
        toPosition: targetHead.position,
      }))
        atSource = e.hash;
      if (atSource !== targetHead.hash) {
        throw new CliError(
          `the target is not empty and is not a prefix of the source: the target's head is position ${targetHead.position} (${targetHead.hash.slice(0, 12)}…), ` +
            `where the source has ${atSource ? `${atSource.slice(0, 12)}…` : 'no event'}; choose an empty target`,
          65,
        );
      }
      console.log(
        `the target holds the first ${targetHead.position} events of the source; resuming after them`,
      );
    }
    let copied = 0;
    let chunk = [];
    const total = sourceHead.position - targetHead.position;
    for await (const batch of source.readAllBatches({
      fromPosition: targetHead.position + 1,
      toPosition: sourceHead.position,
    })) {
      for (const envelope of batch) {
        chunk.push(envelope);
        if (chunk.length === CHUNK) {
          await target.importEnvelopes(chunk);
          copied += chunk.length;
          chunk = [];
          bar.update(copied, total);
        }
      }
    }
    if (chunk.length > 0) await target.importEnvelopes(chunk);
    copied += chunk.length;
    bar.stop();
    const head = await target.head();
    if (head.position !== sourceHead.position || head.hash !== sourceHead.hash) {
      throw new CliError(
        `after copying, the target head (${head.position}, ${head.hash}) differs from the source head (${sourceHead.position}, ${sourceHead.hash})`,
      );
    }
    console.log(
      `copied ${copied} events; both stores end at position ${head.position}, hash ${head.hash}`,
    );
    return 0;
  } finally {
    bar.stop();
    await source.close();
    await target?.close();
  }
}
