import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for the web app, generated from the API's committed SDL.
 * `pnpm --filter @dateline/web codegen` rewrites src/gql; src/operations-current.test.ts fails when it is stale.
 */
export const SCHEMA = '../api/schema.graphql';

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
