import { z } from 'zod';

/** Ids are readable slugs so that curation files, URLs and log lines stay legible. */
export const idSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,79}$/,
    'must be 1–80 lowercase letters, digits or hyphens, starting with a letter or digit',
  );

export type EntityKind = 'article' | 'actor' | 'fact';

export const streamIdFor = {
  article: (id: string) => `article-${id}`,
  actor: (id: string) => `actor-${id}`,
  fact: (id: string) => `fact-${id}`,
} as const;
