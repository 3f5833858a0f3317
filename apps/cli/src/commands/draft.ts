import { readFile, writeFile } from 'node:fs/promises';
import { PUBLISHED_AT_FORM, publishedAtSchema } from '@dateline/domain';
import type { EventStore } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';
import { isPostgresUrl, openEventStore } from '@dateline/event-store/open';
import { draftCuration, renderDraftYaml } from '@dateline/interop/draft';
import { replayUntil } from '@dateline/projections';
import { storeExists } from '../config.js';
import { CliError } from '../errors.js';
import { refuseOutputInStore } from '../store-paths.js';

export interface DraftOptions {
  store: string;
  published: string;
  publisher?: string | undefined;
  headline?: string | undefined;
  url?: string | undefined;
  out?: string | undefined;
}

async function openForReading(location: string): Promise<EventStore> {
  if (isPostgresUrl(location)) return openEventStore(location);
  return getFileEventStore(location, { readOnly: true });
}

/** The publication times the domain accepts, so that what draft takes, import takes. */
function isPublicationTime(text: string): boolean {
  return publishedAtSchema.safeParse(text).success;
}

/** Reads the article as UTF-8, keeping a byte-order mark, so the text's sha256 is the file's. */
async function readArticle(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`,
      66,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: not UTF-8 text`, 65);
  }
}

/**
 * Writes a curation draft for an article: candidate facts for its dated sentences, resolved
 * against the publication date, with the actors the log already knows. Appends nothing.
 */
export async function draftCommand(file: string, options: DraftOptions): Promise<number> {
  if (!isPublicationTime(options.published))
    throw new CliError(`--published: "${options.published}" is not ${PUBLISHED_AT_FORM}`, 64);
  const text = await readArticle(file);

  let knownActors: Parameters<typeof draftCuration>[1]['knownActors'] = [];
  let knownFactIds: string[] = [];
  if (storeExists(options.store)) {
    const store = await openForReading(options.store);
    try {
      const head = await store.head();
      const { models } = await replayUntil(store, { position: head.position });
      knownActors = Object.values(models.actors.actors);
      knownFactIds = Object.keys(models.timeline.facts);
    } finally {
      await store.close();
    }
  } else {
    console.error(`dateline: no store at ${options.store}; no actor will be recognised`);
  }

  const draft = draftCuration(text, {
    published: options.published,
    publisher: options.publisher,
    headline: options.headline,
    url: options.url,
    knownActors,
    knownFactIds,
  });
  const yaml = renderDraftYaml(draft, file);
  refuseOutputInStore(options.out, options.store);
  if (options.out) {
    try {
      // Never over a file that may hold a curator's edits.
      await writeFile(options.out, yaml, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new CliError(`${options.out} exists; choose another --out or remove it first`, 73);
      throw error;
    }
  } else {
    process.stdout.write(yaml);
  }
  const sentences = draft.undated.length + new Set(draft.reviews.map((r) => r.sentence)).size;
  console.error(
    `drafted ${draft.document.facts.length} candidate facts from ${sentences} sentences ` +
      `(${draft.undated.length} without a date expression) against ${knownActors.length} known actors; nothing was appended`,
  );
  if (options.out) console.error(`edit ${options.out}, then: dateline import ${options.out}`);
  return 0;
}
