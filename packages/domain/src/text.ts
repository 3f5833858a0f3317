import { z } from 'zod';

// A lone UTF-16 surrogate, or a NUL: not text. Neither survives JSON in PostgreSQL, and neither
// means anything to a reader, so they are refused at the door for every store alike.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string is text every store can hold: no NUL, no lone surrogate. */
export const isWellFormedText = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

export const WELL_FORMED_MESSAGE =
  'must be well-formed text (no NUL characters or lone surrogates)';

/** Free text of at most `max` characters: trimmed, not empty, well formed. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(isWellFormedText, WELL_FORMED_MESSAGE);
