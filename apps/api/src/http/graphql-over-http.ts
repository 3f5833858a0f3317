import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import {
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  GraphQLError,
  parse,
} from 'graphql';
import { isTokenLimitError, LIMITS } from '../graphql/limits.js';
import { selectOperation } from '../graphql/operations.js';

/**
 * GraphQL over HTTP as the spec (and graphql-http's audit) reads it, on top of Mercurius:
 * strict parameter types, `null` for optional parameters, content negotiation between
 * application/json and application/graphql-response+json, and status codes that follow it.
 */

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const JSON_TYPE = 'application/json';
type ResponseType = typeof GRAPHQL_RESPONSE_JSON | typeof JSON_TYPE;

/** The media type to answer with: the client's preference among the two we speak. */
export function negotiateResponseType(accept: string | undefined): ResponseType {
  if (!accept) return JSON_TYPE;
  let best: { type: ResponseType; q: number } | undefined;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const type: ResponseType | undefined =
      range === GRAPHQL_RESPONSE_JSON
        ? GRAPHQL_RESPONSE_JSON
        : range === JSON_TYPE || range === 'application/*' || range === '*/*'
          ? JSON_TYPE
          : undefined;
    if (type && (!best || q > best.q)) best = { type, q };
  }
  return best?.type ?? JSON_TYPE;
}

/** A refusal of the HTTP request itself, before any GraphQL runs. */
export class HttpRequestError extends Error {
  override readonly name = 'HttpRequestError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * A request whose document is fine but cannot be run as asked (no operation chosen among several,
 * or none of that name): a request error, like a validation error.
 */
export class OperationSelectionError extends Error {
  override readonly name = 'OperationSelectionError';
}

/**
 * Refuses an HTTP request whose operation cannot be picked, or may not run over its method:
 * mutations only by POST, subscriptions only over WebSocket.
 */
export function checkHttpOperation(
  document: DocumentNode,
  operationName: unknown,
  method: string,
): void {
  const selected = selectOperation(
    document,
    typeof operationName === 'string' ? operationName : undefined,
  );
  if ('problem' in selected) throw new OperationSelectionError(selected.problem);
  const kind = selected.operation.operation;
  if (kind === 'subscription')
    throw new HttpRequestError(
      400,
      'BAD_REQUEST',
      'subscriptions are served over WebSocket (graphql-transport-ws) at /graphql, not over HTTP requests',
    );
  if (kind === 'mutation' && method !== 'POST')
    throw new HttpRequestError(
      405,
      'METHOD_NOT_ALLOWED',
      'mutations are not allowed over GET; use POST',
    );
}

/**
 * GET documents parsed for checkHttpOperation, by text: Mercurius's own GET check runs before any
 * hook that could see its parsed document. A GET document is short (it fits in a URL), and a
 * client repeats the same few, so a small cache spares parsing them twice.
 */
const getDocuments = new Map<string, DocumentNode>();
const GET_DOCUMENTS_KEPT = 256;

function parsedGetDocument(query: string): DocumentNode | undefined {
  let document = getDocuments.get(query);
  if (document) return document;
  try {
    document = parse(query, { maxTokens: LIMITS.tokens });
  } catch {
    return undefined; // Mercurius reports the syntax error (or the token limit) in its own words
  }
  if (getDocuments.size >= GET_DOCUMENTS_KEPT) {
    const oldest = getDocuments.keys().next().value;
    if (oldest !== undefined) getDocuments.delete(oldest);
  }
  getDocuments.set(query, document);
  return document;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badRequest(message: string, details: Record<string, unknown> = {}): HttpRequestError {
  return new HttpRequestError(400, 'BAD_REQUEST', message, details);
}

/** Checks the GraphQL request parameters; nulls of optional ones are dropped for Mercurius. */
function checkParameters(params: Record<string, unknown>, where: 'body' | 'query string'): void {
  if (params.query === undefined || params.query === null)
    throw badRequest(`the ${where} has no "query": send the GraphQL document as a string`);
  if (typeof params.query !== 'string') throw badRequest('"query" must be a string');
  // Mercurius would answer "Unknown query", which says nothing a client can act on.
  if (params.query === '')
    throw badRequest('"query" is empty: send the GraphQL document as a string');
  if (
    params.operationName !== undefined &&
    params.operationName !== null &&
    typeof params.operationName !== 'string'
  )
    throw badRequest('"operationName" must be a string or null');
  for (const key of ['variables', 'extensions'] as const) {
    const value = params[key];
    if (value === null) delete params[key];
    else if (value !== undefined && !isPlainObject(value))
      throw badRequest(`"${key}" must be a JSON object (a map) or null`);
  }
}

function parseJsonParameter(value: unknown, key: string): unknown {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`"${key}" must be given once, as JSON`);
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`"${key}" is not valid JSON`);
  }
}

function mediaType(header: string | undefined): { type: string; charset?: string } {
  const [type = '', ...params] = (header ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8);
  return charset === undefined ? { type } : { type, charset: charset.replace(/"/g, '') };
}

/** Runs before Mercurius's own schema validation, so wrong types are refused rather than coerced. */
export function checkGraphqlRequest(request: FastifyRequest): void {
  if ((request as FastifyRequest & { ws?: boolean }).ws) return; // WebSocket upgrade
  if (request.method === 'POST') {
    const { type, charset } = mediaType(request.headers['content-type']);
    if (type !== JSON_TYPE)
      throw new HttpRequestError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'POST a JSON body with Content-Type: application/json',
      );
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      throw new HttpRequestError(415, 'UNSUPPORTED_MEDIA_TYPE', 'the body must be UTF-8');
    const body = request.body;
    if (Array.isArray(body))
      throw new HttpRequestError(
        400,
        'LIMIT_EXCEEDED',
        'batched requests (a JSON array of operations) are not supported; send one operation per request',
        { limit: 'batch' },
      );
    if (!isPlainObject(body)) throw badRequest('the body must be a JSON object');
    checkParameters(body, 'body');
    return;
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    const params = request.query as Record<string, unknown>;
    if (Array.isArray(params.query) || Array.isArray(params.operationName))
      throw badRequest('each parameter may be given once');
    const variables = parseJsonParameter(params.variables, 'variables');
    const extensions = parseJsonParameter(params.extensions, 'extensions');
    checkParameters({ ...params, variables, extensions }, 'query string');
    // Mercurius parses the JSON strings itself; "null" means absent.
    if (variables === null) delete params.variables;
    if (extensions === null) delete params.extensions;
    const document = parsedGetDocument(params.query as string);
    if (document) checkHttpOperation(document, params.operationName, request.method);
  }
}

/** Labels the response with the negotiated media type (the body is the same JSON either way). */
export function setResponseType(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: null, payload: unknown) => void,
): void {
  const current = String(reply.getHeader('content-type') ?? '');
  if (current.startsWith(JSON_TYPE) || current === '') {
    reply.header('content-type', `${negotiateResponseType(request.headers.accept)}; charset=utf-8`);
  }
  done(null, payload);
}

export const graphqlRouteOptions = {
  // Replaces Mercurius's route schemas: its body schema coerces wrongly typed parameters and
  // refuses null ones, and its response schema would print list indices in error paths as strings.
  schema: {},
  // Callbacks, not promises: both run on every request and neither waits for anything.
  preValidation: (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    try {
      checkGraphqlRequest(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  },
  onSend: setResponseType,
} satisfies Partial<RouteOptions>;

// ---------------------------------------------------------------------------------------------
// error formatting

interface Logger {
  error(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
}

interface FormatterContext {
  reply?: FastifyReply;
  app?: { log: Logger };
}

/** Errors Mercurius wraps (validation, GET mutations, body parsing) carry these. */
interface WrappedError extends Error {
  code?: string;
  statusCode?: number;
  errors?: unknown[];
}

function documentErrorCode(error: GraphQLError): string {
  if (isTokenLimitError(error)) return 'LIMIT_EXCEEDED';
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  return 'GRAPHQL_VALIDATION_FAILED';
}

function withCode(error: GraphQLError, code: string, extra: Record<string, unknown> = {}) {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code, ...extra },
  });
}

/** The errors of a document that never ran: parse, validation, limits, variables. */
function documentErrors(errors: unknown[]): GraphQLError[] {
  return errors.map((e) => {
    const error = e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message));
    if (error.extensions?.code) return error;
    const code = documentErrorCode(error);
    return code === 'LIMIT_EXCEEDED'
      ? withCode(
          new GraphQLError(
            `the document has more than ${LIMITS.tokens} tokens; split it into several queries`,
          ),
          code,
          { limit: 'tokens', max: LIMITS.tokens },
        )
      : withCode(error, code);
  });
}

/**
 * An execution error: mapped ones keep their code (Nest's exception filter maps what resolvers
 * throw, field resolvers included: graphql/options.ts); anything unmapped is masked and logged.
 * graphql-jit's errors may have no `extensions` at all.
 */
function executionError(error: GraphQLError, log: Logger | undefined): GraphQLError {
  if (error.extensions?.code) return error;
  const original = error.originalError;
  if (original && !(original instanceof GraphQLError)) {
    log?.error({ err: original }, 'unexpected error while resolving');
    return new GraphQLError('internal server error; the problem was logged', {
      path: error.path,
      nodes: error.nodes,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  }
  return withCode(error, 'INTERNAL_SERVER_ERROR');
}

/**
 * When nothing was executed because the caller may not (every error is an auth refusal), HTTP
 * says so too: 401 with a Bearer challenge, or 403 for a read-only service. Otherwise 200.
 */
function authStatus(errors: GraphQLError[], reply: FastifyReply | undefined): number {
  const codes = new Set(errors.map((e) => e.extensions.code));
  if (codes.size !== 1) return 200;
  if (codes.has('UNAUTHENTICATED')) {
    reply?.header('www-authenticate', 'Bearer realm="dateline"');
    return 401;
  }
  return codes.has('FORBIDDEN') ? 403 : 200;
}

/**
 * Mercurius's errorFormatter: decides the status code and the body for every error response.
 * Request errors (nothing executed) carry no `data`; with application/graphql-response+json
 * they are 4xx, with application/json 200 as the spec asks, except HTTP-level refusals.
 */
export function formatGraphqlErrors(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  context: FormatterContext,
): { statusCode: number; response: FormattedExecutionResult } {
  const { statusCode, response } = decideErrorResponse(execution, context);
  return {
    statusCode,
    response: {
      ...('data' in response ? { data: response.data } : {}),
      errors: (response.errors ?? []).map((e) => e.toJSON()),
    },
  };
}

function decideErrorResponse(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  context: FormatterContext,
): { statusCode: number; response: ExecutionResult } {
  const reply = context.reply;
  const log = reply?.log ?? context.app?.log;
  const responseType = negotiateResponseType(reply?.request.headers.accept);

  if ('data' in execution && execution.data !== undefined) {
    const errors = execution.errors.map((e) => executionError(e, log));
    return {
      statusCode: execution.data === null ? authStatus(errors, reply) : 200,
      response: { data: execution.data, errors },
    };
  }

  // A request error: Mercurius hands us one error wrapping the real cause.
  const first = execution.errors[0];
  const cause = (first?.originalError ?? first) as WrappedError | undefined;
  if (cause instanceof HttpRequestError) {
    if (cause.statusCode === 405) reply?.header('allow', 'POST');
    return {
      statusCode: cause.statusCode,
      response: {
        errors: [
          new GraphQLError(cause.message, { extensions: { code: cause.code, ...cause.details } }),
        ],
      },
    };
  }
  if (cause instanceof OperationSelectionError) {
    return {
      statusCode: responseType === GRAPHQL_RESPONSE_JSON ? 400 : 200,
      response: {
        errors: [
          new GraphQLError(cause.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
        ],
      },
    };
  }
  if (cause?.code === 'MER_ERR_GQL_VALIDATION') {
    return {
      statusCode: responseType === GRAPHQL_RESPONSE_JSON ? 400 : 200,
      response: { errors: documentErrors(cause.errors ?? [cause]) },
    };
  }
  // graphql-js answers without data only for errors of the request itself (which operation, which
  // variables): the caller's to mend, never a server fault.
  if (cause instanceof GraphQLError && cause.originalError === undefined) {
    return {
      statusCode: responseType === GRAPHQL_RESPONSE_JSON ? 400 : 200,
      response: { errors: documentErrors([cause]) },
    };
  }
  if (cause?.code === 'MER_ERR_METHOD_NOT_ALLOWED') {
    reply?.header('allow', 'POST');
    return {
      statusCode: 405,
      response: {
        errors: [
          new GraphQLError('mutations and subscriptions are not allowed over GET; use POST', {
            extensions: { code: 'METHOD_NOT_ALLOWED' },
          }),
        ],
      },
    };
  }
  const statusCode = typeof cause?.statusCode === 'number' ? cause.statusCode : 500;
  if (statusCode === 429 && cause) {
    return {
      statusCode,
      response: {
        errors: [new GraphQLError(cause.message, { extensions: { code: 'RATE_LIMITED' } })],
      },
    };
  }
  if (statusCode === 413) {
    return {
      statusCode,
      response: {
        errors: [
          new GraphQLError(`the request body is larger than ${LIMITS.bodyBytes} bytes`, {
            extensions: { code: 'LIMIT_EXCEEDED', limit: 'bodyBytes', max: LIMITS.bodyBytes },
          }),
        ],
      },
    };
  }
  if (statusCode >= 400 && statusCode < 500 && cause) {
    return {
      statusCode,
      response: {
        errors: [
          new GraphQLError(cause.message, {
            extensions: { code: statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST' },
          }),
        ],
      },
    };
  }
  log?.error({ err: cause }, 'unexpected error before execution');
  return {
    statusCode: 500,
    response: {
      errors: [
        new GraphQLError('internal server error; the problem was logged', {
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ],
    },
  };
}
