import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InvalidInputError, planCuration } from '@dateline/domain';
import { InvalidAppendError } from '@dateline/event-store';
import { getInMemoryEventStore } from '@dateline/event-store/memory';
import { openEventStore } from '@dateline/event-store/open';
import { createCommandHandler, EntryRefusedError } from '@dateline/projections/write';
import { parseDocument } from 'yaml';
import { isPostgres, whoAmI } from '../config.js';
import { CliError } from '../errors.js';
import { requireWritableStore } from '../store-paths.js';

export interface ImportOptions {
  store: string;
  /** Check the files against the log without appending. */
  dryRun?: boolean;
}

/** The names a directory's curation files have: YAML, or JSON (which YAML 1.2 reads as it is). */
const CURATION_FILE = /\.(ya?ml|json)$/i;

/**
 * Curation files to import: the files given, with directories expanded to their curation files
 * (*.yaml, *.yml, *.json) in name order.
 */
export function curationFiles(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      return readdirSync(path)
        .filter((name) => CURATION_FILE.test(name))
        .sort()
        .map((name) => join(path, name));
    }
    return [path];
  });
}

function parseYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EX_NOINPUT, as draft exits for an article it cannot read.
    throw new CliError(
      `${file}: cannot read the file (${code ?? error})`,
      code === 'ENOENT' ? 66 : 1,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const format = /\.json$/i.test(file) ? 'JSON' : 'YAML';
    throw new CliError(
      `${file}: not valid ${format}: ${doc.errors[0]?.message ?? 'unknown error'}`,
      65,
    );
  }
  return doc.toJS();
}

/**
 * Validates each curation file against the domain and appends its events, all or nothing per file.
 * Entries already in the log are skipped, so importing a file again appends nothing.
 */
export async function importCommand(paths: string[], options: ImportOptions): Promise<number> {
  const files = curationFiles(paths);
  if (files.length === 0)
    throw new CliError(
      `no curation files in ${paths.join(', ') || 'the command'}: give files, or directories holding *.yaml, *.yml or *.json`,
      64,
    );
  requireWritableStore(options.store);
  // A dry run writes nothing, so it takes no lock (it can check a file while the API runs), and a
  // dry run for a log not started yet decides against an empty log in memory: it creates nothing.
  const notStarted = !isPostgres(options.store) && !existsSync(join(options.store, 'segments'));
  const store =
    options.dryRun === true && notStarted
      ? getInMemoryEventStore()
      : await openEventStore(options.store, {
          tool: 'dateline import',
          log: (m) => console.error(`store: ${m}`),
          readOnly: options.dryRun === true && !isPostgres(options.store),
        });
  try {
    const handler = createCommandHandler(store, { tool: 'dateline import' });
    // A dry run decides every file as the import would, each on top of the ones before it.
    const sandbox = options.dryRun ? await handler.sandbox() : undefined;
    let total = 0;
    for (const file of files) {
      const name = relative(process.cwd(), file) || file;
      const model = sandbox?.model ?? (await handler.model());
      let planned: ReturnType<typeof planCuration>;
      try {
        planned = planCuration(parseYaml(file), (id) => model.articles.get(id)?.publishedOn);
      } catch (error) {
        if (error instanceof InvalidInputError) throw new CliError(`${name}: ${error.message}`, 65);
        throw error;
      }
      try {
        if (sandbox) {
          const plan = sandbox.plan(planned);
          total += plan.events;
          console.log(
            `${name}: would append ${plan.events} events; ${plan.skipped.length} entries are already in the log (dry run, nothing appended)`,
          );
          continue;
        }
        const result = await handler.executeAll(planned, {
          metadata: { recordedBy: whoAmI(), source: name },
        });
        total += result.envelopes.length;
        const range =
          result.envelopes.length > 0
            ? ` (positions ${result.envelopes[0]!.position}–${result.position})`
            : '';
        console.log(
          `${name}: appended ${result.envelopes.length} events${range}; ${result.skipped.length} entries were already in the log`,
        );
      } catch (error) {
        const nothing = options.dryRun ? '' : '; nothing from this file was appended';
        if (error instanceof EntryRefusedError || error instanceof InvalidAppendError)
          throw new CliError(`${name}: ${error.message}${nothing}`, 65);
        throw error;
      }
    }
    const head = await store.head();
    console.log(
      options.dryRun
        ? `checked ${files.length} file(s): ${total} events would be appended; nothing was appended (head position ${head.position})`
        : `imported ${files.length} file(s): ${total} new events; head position ${head.position}, hash ${head.hash}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
