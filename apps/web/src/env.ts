import { z } from 'zod';

/** Every setting the web app reads from its environment, parsed and checked here and nowhere else. */
const envSchema = z.object({
  DATELINE_API_URL: z
    .url({ protocol: /^https?$/, error: 'DATELINE_API_URL must be an http(s) URL' })
    .default('http://127.0.0.1:4000/graphql'),
  /** How often the browser asks for the log head to show new events (milliseconds). */
  DATELINE_LIVE_POLL_MS: z.coerce.number().int().min(250).max(600_000).default(4_000),
  /** How long a page waits for the API before it says the API is not answering (milliseconds). */
  DATELINE_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type WebEnv = z.infer<typeof envSchema>;

let parsed: WebEnv | undefined;

/** The validated environment; throws once, with every problem listed, when a value is invalid. */
export function webEnv(): WebEnv {
  if (parsed) return parsed;
  const result = envSchema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment for @dateline/web:\n  ${problems.join('\n  ')}`);
  }
  parsed = result.data;
  return parsed;
}
