/**
 * Typed operations for the web app, generated from the API's committed SDL.
 * `pnpm --filter @dateline/web codegen` rewrites src/gql; src/gql/gql-current.test.ts fails when it is stale.
 */
import { existsSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

// Until the API commits its SDL, the operations are checked against the contract of issue 6.
export const SCHEMA = existsSync(new URL('../api/schema.graphql', import.meta.url))
  ? '../api/schema.graphql'
  : './contract-draft.graphql';

const config: CodegenConfig = {
  schema: SCHEMA,
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { JSON: 'unknown', DateTime: 'string', Date: 'string' },
        avoidOptionals: false,
        skipTypename: true,
      },
    },
  },
};

export default config;
