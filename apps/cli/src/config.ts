import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's events/ directory: the embedded default store. */
export function repositoryEventsDir(): string {
  // dist/config.js → apps/cli → repository root
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return resolve(root, 'events');
}

/** The one place the CLI reads its environment. */
export function defaultStore(): string {
  const fromEnv = process.env.DATELINE_STORE?.trim();
  return fromEnv ? fromEnv : repositoryEventsDir();
}

export function whoAmI(): string {
  return process.env.DATELINE_RECORDED_BY?.trim() || process.env.USER || 'unknown';
}

export function isInteractive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

export const isPostgres = (location: string) => /^postgres(ql)?:\/\//.test(location);

export function storeExists(location: string): boolean {
  return isPostgres(location) || existsSync(location);
}

/** DATELINE_DEBUG=1 prints the stack of an unexpected error. */
export function debugEnabled(): boolean {
  return Boolean(process.env.DATELINE_DEBUG);
}
