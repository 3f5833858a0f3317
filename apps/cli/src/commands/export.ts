import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EventStore } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { isPostgresUrl, openEventStore } from '@dateline/event-store/open';
import {
  CALENDAR_STATUSES,
  type ExportFormat,
  ExportOptionError,
  envelopeLine,
  exportFacts,
  parseExportFormat,
  parseFilterParams,
  readLogPrefix,
  selectFacts,
  splitFilterWords,
} from '@dateline/interop';
import {
  parseReplayTarget,
  publishedBy,
  type ReplayTarget,
  replayUntil,
} from '@dateline/projections';
import { CliError } from '../errors.js';
import {
  refuseOutputInStore,
  refusePastHead,
  requireCreatable,
  requireStore,
} from '../store-paths.js';

export interface ExportOptions {
  store: string;
  format: string;
  /** A log position or an ISO time: export the log as it stood then. */
  asOf?: string | undefined;
  /** A date or timestamp: only what had been published by then. */
  reportedBy?: string | undefined;
  /** key=value criteria (kind=call, country=GB, from=2025-02-01, …). */
  filter?: string[] | undefined;
  out?: string | undefined;
  title?: string | undefined;
}

async function openForReading(location: string): Promise<EventStore> {
  if (isPostgresUrl(location)) return openEventStore(location);
  return getFileEventStore(location, { readOnly: true });
}

function usage<T>(option: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ExportOptionError || error instanceof RangeError)
      throw new CliError(`${option}: ${error.message}`, 64);
    throw error;
  }
}

/**
 * Writes the facts in a format other tools read (TimelineJS, CSV, iCalendar) or the raw log
 * (NDJSON). Data goes to --out or stdout; what was written is reported on stderr.
 */
export async function exportCommand(options: ExportOptions): Promise<number> {
  const format: ExportFormat = usage('--format', () => parseExportFormat(options.format));
  // An empty value (--as-of=) is refused like any unreadable one, never taken as absent.
  const asOf: ReplayTarget | undefined =
    options.asOf !== undefined
      ? usage('--as-of', () => parseReplayTarget(options.asOf!))
      : undefined;
  if (options.reportedBy !== undefined)
    usage('--reported-by', () => publishedBy(options.reportedBy!));
  const filter = usage('--filter', () => parseFilterParams(splitFilterWords(options.filter ?? [])));
  if (format === 'ndjson' && (options.reportedBy || (options.filter?.length ?? 0) > 0))
    throw new CliError(
      'the raw log cannot be filtered: only a prefix of the hash chain verifies. Use --as-of for the log as it stood at a point.',
      64,
    );
  if (options.title !== undefined && options.title.trim() === '')
    throw new CliError('--title: give a title, or leave the option out', 64);
  if (format === 'ndjson' && options.title !== undefined)
    throw new CliError('--title: the raw log has no title', 64);

  requireStore(options.store);
  refuseOutputInStore(options.out, options.store);
  requireCreatable(options.out, '--out', 'file');
  const store = await openForReading(options.store);
  try {
    await refusePastHead(store, asOf, '--as-of');
    if (format === 'ndjson') return await exportLog(store, asOf, options.out);
    const head = await store.head();
    const point = await replayUntil(store, asOf ?? { position: head.position });
    const body = exportFacts(format, point.models, {
      filter,
      reportedBy: options.reportedBy,
      title: options.title,
    });
    if (options.out) await writeFile(options.out, body);
    else process.stdout.write(body);
    const { facts } = selectFacts(point.models, { filter, reportedBy: options.reportedBy });
    const entries =
      format === 'ics'
        ? facts.filter((f) => CALENDAR_STATUSES.includes(f.status)).length
        : facts.length;
    const what = format === 'ics' ? 'calendar entries (planned, expected, called off)' : 'facts';
    console.error(
      `exported ${entries} ${what} as ${format} from the log at position ${point.position}${options.out ? ` to ${options.out}` : ''}`,
    );
    // A mistyped id is not an error (a filter may name what a later log holds), but an export
    // that is empty because of it should say so.
    const unknown = [
      ...(filter.actorIds ?? [])
        .filter((id) => !Object.hasOwn(point.models.actors.actors, id))
        .map((id) => `actor "${id}"`),
      ...(filter.articleIds ?? [])
        .filter((id) => !Object.hasOwn(point.models.articles.articles, id))
        .map((id) => `article "${id}"`),
    ];
    if (unknown.length > 0)
      console.error(
        `note: the log at position ${point.position} has no ${unknown.join(', ')}; filters take ids (donald-trump), not names`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

async function exportLog(
  store: EventStore,
  asOf: ReplayTarget | undefined,
  out: string | undefined,
): Promise<number> {
  let count = 0;
  let last = { position: 0, hash: '' };
  const lines = async function* () {
    for await (const envelope of readLogPrefix(store, asOf)) {
      count++;
      last = { position: envelope.position, hash: envelope.hash };
      yield envelopeLine(envelope);
    }
  };
  if (out) {
    // pipeline reports a file that cannot be opened or written as an error, not as a crash.
    await pipeline(Readable.from(lines()), createWriteStream(out));
  } else {
    for await (const line of lines()) {
      if (!process.stdout.write(line))
        await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
    }
  }
  console.error(
    count > 0
      ? `exported ${count} events (positions 1–${last.position}) as ndjson`
      : 'exported 0 events as ndjson',
  );
  if (
    asOf &&
    'position' in asOf &&
    last.position < asOf.position &&
    (await store.head()).position > last.position
  )
    console.error(
      `position ${asOf.position} falls inside an append of several events, which a store keeps whole or not at all, so the export ends before it`,
    );
  if (count > 0) {
    console.error(`head position ${last.position}`);
    console.error(`head hash ${last.hash}`);
    console.error(
      'to verify: put the file in a directory as segments/00000001.ndjson and run `dateline verify --store <directory>`; it must report the same head hash',
    );
  }
  return 0;
}
