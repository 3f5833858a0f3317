import { webEnv } from '@/env';

/**
 * Same-origin downloads of the story (TimelineJS, CSV, iCalendar, the raw log): passed through to
 * the API's /export/{format}, so the page links here and the CSP's origin list stays short.
 */
export async function GET(
  request: Request,
  context: { params: Promise<{ format: string }> },
): Promise<Response> {
  const { format } = await context.params;
  const target = new URL(
    `/export/${encodeURIComponent(format)}`,
    new URL(webEnv().DATELINE_API_URL).origin,
  );
  target.search = new URL(request.url).search;
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      cache: 'no-store',
      signal: AbortSignal.timeout(webEnv().DATELINE_API_TIMEOUT_MS),
    });
  } catch {
    return Response.json(
      { error: 'The Dateline API is not answering; try again shortly.' },
      { status: 503 },
    );
  }
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const name of ['content-type', 'content-disposition']) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}
