import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const main = join(import.meta.dirname, '..', '..', 'dist', 'main.js');

/** The repository's committed log. */
export const SEED_LOG = join(import.meta.dirname, '..', '..', '..', '..', 'events');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would, without DATELINE_STORE from the environment, and returns
 * its exit code and output whether it succeeded or not.
 */
export async function dateline(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [main, ...args], {
      env: { ...process.env, DATELINE_STORE: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
