import { connection } from 'next/server';
import { webEnv } from '@/env';
import type { TypedDocumentString } from '@/gql/graphql';

/** Why a page could not get its data. */
export type ApiProblem =
  | { kind: 'unavailable'; detail: string }
  | {
      kind: 'rejected';
      detail: string;
      codes: string[];
      /** The input paths the API named (extensions.issues), e.g. "asOf.position". */
      paths?: string[];
    };

export type Loaded<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; issues?: { path?: string }[] } | null;
  }[];
}

/**
 * Runs one typed operation against the API on behalf of a page. Pages render per request (the CSP
 * nonce needs it, and the log changes), so this opts the caller into dynamic rendering.
 */
export async function load<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<Loaded<TResult>> {
  await connection();
  const env = webEnv();
  let response: Response;
  try {
    response = await fetch(env.DATELINE_API_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      cache: 'no-store',
      signal: AbortSignal.timeout(env.DATELINE_API_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, problem: { kind: 'unavailable', detail: describeFailure(error) } };
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    return {
      ok: false,
      problem: { kind: 'unavailable', detail: `the API answered ${response.status} without JSON` },
    };
  }
  if (body.data && !body.errors?.length) return { ok: true, data: body.data };
  const errors = body.errors ?? [];
  const codes = errors.map((e) => e.extensions?.code ?? 'UNKNOWN');
  const detail = errors.map((e) => e.message).join('; ') || `HTTP ${response.status}`;
  // A partial answer whose only errors are "not found" still renders (the page shows a 404).
  if (body.data && codes.every((c) => c === 'NOT_FOUND')) return { ok: true, data: body.data };
  if (response.status >= 500 && !body.errors) {
    return { ok: false, problem: { kind: 'unavailable', detail } };
  }
  const paths = errors.flatMap((e) => (e.extensions?.issues ?? []).map((i) => i.path ?? ''));
  return { ok: false, problem: { kind: 'rejected', detail, codes, paths } };
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'the API did not answer in time';
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code) return `the API could not be reached (${cause.code})`;
    return error.message;
  }
  return String(error);
}
