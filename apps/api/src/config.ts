import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository's events/ directory, found from this file so that the cwd does not matter. */
export const DEFAULT_STORE = fileURLToPath(new URL('../../../events', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65_535, 'must be between 0 and 65535')
    .default(4000),
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  DATELINE_STORE: z.string().trim().min(1, 'must not be empty').default(DEFAULT_STORE),
  DATELINE_WRITE_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters (use a long random secret)')
    .optional(),
  DATELINE_SNAPSHOT_DIR: z.string().trim().min(1, 'must not be empty').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DATELINE_RATE_LIMIT: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .default(600),
  /** Client addresses the limit does not apply to: by default loopback (the web app's server, local tools). */
  DATELINE_RATE_LIMIT_ALLOW: z.string().default('127.0.0.1,::1,::ffff:127.0.0.1'),
  DATELINE_CORS_ORIGINS: z.string().default('*'),
});

/**
 * Which web origins may call the API from a browser (a notebook, another newsroom's page): `*`
 * (any), `none`, or a comma-separated list of origins such as `https://desk.example.org`. Any origin
 * is safe by default because the API has no ambient credentials: no cookies, and writes need a
 * bearer token that a page on another origin cannot borrow from the browser.
 */
export type CorsOrigins = '*' | 'none' | string[];

function parseCorsOrigins(value: string): CorsOrigins {
  const trimmed = value.trim();
  if (trimmed === '*' || trimmed === 'none') return trimmed;
  const problem = (why: string) =>
    new ConfigError(`invalid configuration: DATELINE_CORS_ORIGINS: ${why}`);
  const origins = trimmed
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length === 0) throw problem('give *, none, or a comma-separated list of origins');
  for (const origin of origins) {
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin)
      throw problem(
        `"${origin}" is not an origin: write it as scheme://host[:port], with no path or trailing slash (for example https://desk.example.org)`,
      );
  }
  return origins;
}

/** Everything the API reads from its environment, validated once at startup. */
export interface ApiConfig {
  port: number;
  host: string;
  /** A directory (file store) or a postgres:// URL (PostgreSQL store). */
  store: string;
  /** Absent: the service is read-only and refuses every mutation with FORBIDDEN. */
  writeToken: string | undefined;
  snapshotDir: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Requests per minute per client address (default 600); 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Addresses exempt from the limit (default: loopback, where the web app's server runs). */
  rateLimitAllow: string[];
  /** Browser origins allowed by CORS (default any; see CorsOrigins). */
  corsOrigins: CorsOrigins;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; an empty string counts as unset so that `FOO= node …` means default. */
export function loadConfig(env: NodeJS.ProcessEnv): ApiConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    store: e.DATELINE_STORE,
    writeToken: e.DATELINE_WRITE_TOKEN,
    snapshotDir: e.DATELINE_SNAPSHOT_DIR,
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.DATELINE_RATE_LIMIT,
    rateLimitAllow: e.DATELINE_RATE_LIMIT_ALLOW.split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    corsOrigins: parseCorsOrigins(e.DATELINE_CORS_ORIGINS),
  };
}
