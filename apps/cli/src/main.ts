#!/usr/bin/env -S node --max-semi-space-size=64
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { draftCommand } from './commands/draft.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { replayCommand } from './commands/replay.js';
import { verifyCommand } from './commands/verify.js';
import { defaultStore } from './config.js';
import { reportError } from './errors.js';

const program = new Command()
  .name('dateline')
  .description('Record how a news story develops: an append-only, hash-chained log of dated facts.')
  .version(
    (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version,
  )
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
Exit codes:
  0   done (verify: the log is intact)
  1   verify found damage, or an unexpected error (DATELINE_DEBUG=1 prints its stack)
  3   verify --strict found a torn tail (bytes a crash left after the last event)
  64  usage: an unknown command or option, a value it cannot read, an option given twice
  65  input refused: a curation file or command that is invalid or that a rule refuses, or a
      migrate target that is not a prefix of the source
  66  cannot read the store or a file: missing, or damaged (the message names file, line, position)
  73  an output cannot be created: draft's --out file exists (it is never overwritten), or an
      --out or --snapshot-dir path names a missing directory, a directory, or a file
  75  the store is locked by another writer; try again when it is done`,
  )
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  // A mistyped command or option is a usage error (64, as the commands' own), not a failure (1).
  .exitOverride();

/**
 * An option that takes one value, with a parser that refuses it given twice: commander would
 * otherwise keep the last value without a word (`--as-of 1 --as-of 2`), where the HTTP exports
 * refuse a repeated parameter.
 */
function once(flags: string, description: string) {
  const name = flags.split(' ')[0];
  const parse = (value: string, previous: string | undefined): string => {
    if (previous !== undefined)
      throw new InvalidArgumentError(`${name} was given twice; give it once`);
    return value;
  };
  return [flags, description, parse] as const;
}

const storeOption = once(
  '--store <dir|url>',
  'the event store (default: $DATELINE_STORE, then the repository events/)',
);

function run(action: () => Promise<number>): Promise<void> {
  return action().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error);
    },
  );
}

program
  .command('verify')
  .description(
    'check the hash chain: every hash and prevHash link, contiguous positions and versions (--decode: and the domain decodes every event)',
  )
  .option(...storeOption)
  .option('--strict', 'exit 3 when the last segment has a torn tail')
  .option('--decode', 'also decode every event through the domain catalogue (slower)')
  .action((opts: { store?: string; strict?: boolean; decode?: boolean }) =>
    run(() =>
      verifyCommand({
        store: opts.store ?? defaultStore(),
        strict: opts.strict ?? false,
        decode: opts.decode ?? false,
      }),
    ),
  );

program
  .command('import')
  .description(
    'validate curation files (YAML) and append their events; all or nothing per file; idempotent',
  )
  .argument('<files...>', 'curation files or directories of them')
  .option(...storeOption)
  .option('--dry-run', 'validate without appending')
  .action((files: string[], opts: { store?: string; dryRun?: boolean }) =>
    run(() =>
      importCommand(files, { store: opts.store ?? defaultStore(), dryRun: opts.dryRun ?? false }),
    ),
  );

program
  .command('migrate')
  .description(
    'copy a log between stores (file ↔ PostgreSQL), checking every hash; resumes into a prefix of the source',
  )
  .requiredOption(...once('--from <dir|url>', 'the store to copy from'))
  .requiredOption(
    ...once('--to <dir|url>', 'the store to copy into (empty, or a prefix of the source)'),
  )
  .action((opts: { from: string; to: string }) => run(() => migrateCommand(opts)));

program
  .command('replay')
  .description('rebuild the read models from the log; prints events/s and a digest per projection')
  .option(...storeOption)
  .option(
    ...once(
      '--until <position|ISO time>',
      'stop after this log position or recorded time (time travel)',
    ),
  )
  .option(
    '--projection <name...>',
    'only these projections (timeline, actors, articles, interactions)',
  )
  .option(...once('--out <file>', 'write the states as JSON'))
  .option(
    ...once(
      '--snapshot-dir <dir>',
      'save a snapshot of each projection (the API starts from them)',
    ),
  )
  .option('--strict', 'decode every event through the domain schemas, even verified current ones')
  .action(
    (opts: {
      store?: string;
      until?: string;
      projection?: string[];
      out?: string;
      snapshotDir?: string;
      strict?: boolean;
    }) =>
      run(() =>
        replayCommand({
          store: opts.store ?? defaultStore(),
          until: opts.until,
          projections: opts.projection,
          out: opts.out,
          snapshotDir: opts.snapshotDir,
          strict: opts.strict ?? false,
        }),
      ),
  );

program
  .command('export')
  .description('write the facts as TimelineJS JSON, CSV or iCalendar, or the raw log as NDJSON')
  .requiredOption(...once('--format <format>', 'timelinejs, csv, ics or ndjson'))
  .option(...storeOption)
  .option(
    ...once(
      '--as-of <position|ISO time>',
      'the log as it stood after this position or at this time',
    ),
  )
  .option(
    ...once('--reported-by <date>', 'only what had been published by this date (not for ndjson)'),
  )
  .option(
    '--filter <key=value...>',
    'from, to, actor, country, kind, status, topic, article, text, retracted',
  )
  .option(...once('--title <text>', 'a title (TimelineJS title slide, calendar name)'))
  .option(...once('--out <file>', 'write to a file instead of stdout'))
  .action(
    (opts: {
      format: string;
      store?: string;
      asOf?: string;
      reportedBy?: string;
      filter?: string[];
      title?: string;
      out?: string;
    }) => run(() => exportCommand({ ...opts, store: opts.store ?? defaultStore() })),
  );

program
  .command('draft')
  .description(
    'draft a curation file from an article’s text (resolves relative dates); appends nothing',
  )
  .argument('<article>', 'the article as a UTF-8 text file')
  .requiredOption(
    ...once('--published <date>', 'the publication date (YYYY-MM-DD or ISO timestamp)'),
  )
  .option(...once('--publisher <name>', 'the publisher'))
  .option(
    ...once('--headline <text>', 'the headline (default: the first line, if it reads as one)'),
  )
  .option(...once('--url <url>', 'where the article was published'))
  .option(...once('--out <file>', 'write the draft to a new file instead of stdout'))
  .option(...storeOption)
  .action(
    (
      file: string,
      opts: {
        published: string;
        publisher?: string;
        headline?: string;
        url?: string;
        out?: string;
        store?: string;
      },
    ) => run(() => draftCommand(file, { ...opts, store: opts.store ?? defaultStore() })),
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  // Help and --version end here too, with exit code 0.
  process.exitCode = error.exitCode === 0 ? 0 : 64;
}
