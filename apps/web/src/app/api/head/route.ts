import { load } from '@/lib/api';
import { LogHeadQuery } from '@/lib/operations';

/** The log head for the browser's live updates: the API itself stays off the page's origin list. */
export async function GET(): Promise<Response> {
  const result = await load(LogHeadQuery);
  const headers = { 'cache-control': 'no-store' };
  if (!result.ok) return Response.json({ error: result.problem.detail }, { status: 503, headers });
  return Response.json(result.data.logHead, { headers });
}
