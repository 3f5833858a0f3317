import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { resolvers } from '../resolvers/index.js';

/** apps/api/schema.graphql, from src/graphql or dist/graphql alike. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

const HEADER =
  '# Generated from the code-first resolvers by `pnpm --filter @dateline/api schema`; do not edit.\n\n';

/** The SDL as committed: sorted, so that a diff shows only real changes. */
export function printSorted(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Builds the schema from the resolver classes alone: no store, no server. */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, {
    logger: false,
  });
  try {
    return await context.get(GraphQLSchemaFactory).create(resolvers);
  } finally {
    await context.close();
  }
}
