/**
 * The entry of every measured child process: `node worker.js <task> <json args>`. It runs one
 * task, sends its result and peak RSS to the parent over IPC, and exits.
 */
import { appendBare, appendFile, appendPostgres } from './tasks/append-tasks.js';
import {
  replayBare,
  replayProduct,
  replayRunner,
  verifyBare,
  verifyDecodeProduct,
  verifyProduct,
} from './tasks/log-tasks.js';
import { importPostgres, replayPostgres } from './tasks/postgres-tasks.js';

// biome-ignore lint/suspicious/noExplicitAny: each task validates its own arguments' use
const tasks: Record<string, (args: any) => Promise<unknown>> = {
  'replay-bare': replayBare,
  'replay-product': replayProduct,
  'replay-runner': replayRunner,
  'verify-bare': verifyBare,
  'verify-product': verifyProduct,
  'verify-decode-product': verifyDecodeProduct,
  'append-file': appendFile,
  'append-bare': appendBare,
  'append-postgres': appendPostgres,
  'import-postgres': importPostgres,
  'replay-postgres': replayPostgres,
};

async function main(): Promise<void> {
  const [name = '', json = '{}'] = process.argv.slice(2);
  const task = tasks[name];
  if (!task) throw new Error(`unknown task "${name}"; known: ${Object.keys(tasks).join(', ')}`);
  const result = await task(JSON.parse(json));
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  await new Promise<void>((resolve) => process.send?.({ result, peakRssMiB }, () => resolve()));
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await new Promise<void>((resolve) => process.send?.({ error: message }, () => resolve()));
    process.exit(1);
  },
);
