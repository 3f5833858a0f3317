import { type NextRequest, NextResponse } from 'next/server';
import { webEnv } from './env';

/**
 * Security headers for every page, with a fresh nonce per request so that Next's own inline
 * scripts run while any other inline script (an injected one) does not. Next reads the nonce from
 * the request's Content-Security-Policy header and puts it on the scripts it renders.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Next inlines critical styles with the nonce; React never needs style attributes here.
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The pages of one recorded thing, by the first segment of their path, and its query field. */
const RECORD_PAGES: Record<string, 'fact' | 'actor' | 'article'> = {
  facts: 'fact',
  actors: 'actor',
  articles: 'article',
};

/** A path no page answers: Next renders the root not-found page for it, with a 404. */
export const NOT_RECORDED_PATH = '/not-in-the-record';

/**
 * The record a detail page would show (`/facts/<id>` → fact <id>), if the path is one;
 * 'malformed' for an id that is not a valid escape (no record can have it).
 */
export function recordOfPath(
  pathname: string,
): { field: string; id: string } | 'malformed' | undefined {
  const match = /^\/(facts|actors|articles)\/([^/]+)\/?$/.exec(pathname);
  if (!match) return undefined;
  try {
    return {
      field: RECORD_PAGES[match[1] as string] as string,
      id: decodeURIComponent(match[2] as string),
    };
  } catch {
    return 'malformed';
  }
}

/**
 * Whether the API knows the record; undefined when it cannot tell (unreachable, an error), and
 * the page then says so itself. Asked here because a page that calls notFound() on a dynamic
 * route gets an empty error document from Next 16 (its not-found text only in the script
 * payload: a blank page without JavaScript), while an unknown path gets the not-found page
 * rendered on the server with its 404.
 */
async function isRecorded(field: string, id: string): Promise<boolean | undefined> {
  const env = webEnv();
  try {
    const response = await fetch(env.DATELINE_API_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        query: `query ($id: ID!) { record: ${field}(id: $id) { id } }`,
        variables: { id },
      }),
      cache: 'no-store',
      signal: AbortSignal.timeout(env.DATELINE_API_TIMEOUT_MS),
    });
    const body = (await response.json()) as {
      data?: { record: unknown } | null;
      errors?: unknown[];
    };
    if (body.errors?.length || !body.data) return undefined;
    return body.data.record !== null;
  } catch {
    return undefined;
  }
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const record = recordOfPath(request.nextUrl.pathname);
  const unknown =
    record === 'malformed' ||
    (record !== undefined && (await isRecorded(record.field, record.id)) === false);
  const response = unknown
    ? NextResponse.rewrite(new URL(NOT_RECORDED_PATH, request.url), {
        request: { headers: requestHeaders },
      })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
