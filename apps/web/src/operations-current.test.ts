import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen';

const root = new URL('..', import.meta.url).pathname;

describe('generated typed operations', () => {
  it('match the API schema and the operations in src (run `pnpm --filter @dateline/web codegen`)', async () => {
    const previous = process.cwd();
    process.chdir(root);
    try {
      const files = await generate({ ...config, silent: true }, false);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const onDisk = readFileSync(new URL(file.filename, `file://${root}`), 'utf8');
        expect(onDisk, `${file.filename} is stale`).toBe(file.content);
      }
    } finally {
      process.chdir(previous);
    }
  }, 60_000);
});
