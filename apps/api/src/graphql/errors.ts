import { DomainError, type DomainErrorCode, InvalidInputError } from '@dateline/domain';
import {
  ConcurrencyError,
  DuplicateEventError,
  StoreClosedError,
  StoreFailedError,
  StoreLockedError,
  StoreUnavailableError,
} from '@dateline/event-store';
import {
  type ArgumentsHost,
  Catch,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost, type GqlContextType, type GqlExceptionFilter } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';

/** What a write, and /healthz, say once a disk error stopped the file store accepting writes. */
export const STORE_FAILED =
  'the event log stopped accepting writes after a disk error, and nothing has been recorded since; reads still answer, and writes resume once the disk is fixed and the service restarted';

/** Codes of the API's own refusals (those of the domain come from DomainError). */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'POSITION_NOT_REACHED'
  | 'READ_MODEL_STOPPED';

/** The HTTP status of a download refused with one of the API's codes (400 for the rest). */
const HTTP_STATUS: Partial<Record<ApiErrorCode, number>> = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  READ_MODEL_STOPPED: 503,
};

/** A refusal decided by the API itself (auth, arguments the domain never sees, waiting). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** How each domain refusal reads in GraphQL. Exhaustive: a new domain code fails to compile here. */
function fromDomain(error: DomainError): GraphQLError {
  const code: DomainErrorCode = error.code;
  switch (code) {
    case 'INVALID_INPUT':
      return new GraphQLError(error.message, {
        extensions: {
          code: 'BAD_USER_INPUT',
          issues: error instanceof InvalidInputError ? error.issues : [],
        },
      });
    case 'NOT_FOUND':
      return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    case 'ALREADY_EXISTS':
      return new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
    case 'RULE_VIOLATED':
      return new GraphQLError(error.message, {
        extensions: { code: 'BAD_USER_INPUT', rule: (error as { rule?: string }).rule },
      });
    case 'UNDECODABLE_EVENT':
      // The log holds something this build cannot read: an operator's problem, not the client's.
      return internalError();
    default: {
      const unreachable: never = code;
      return internalError(unreachable);
    }
  }
}

function internalError(_?: unknown): GraphQLError {
  return new GraphQLError('internal server error; the problem was logged', {
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/** Where unexpected errors are logged: the request's pino logger, so the line has its requestId. */
export interface ErrorLog {
  error(details: object, message: string): void;
}

/**
 * The one mapping from everything a resolver can throw to a GraphQL error with `extensions.code`.
 * Messages are written for people; stacks and file paths never leave the process (they are logged).
 */
export function toGraphQLError(error: unknown, log?: ErrorLog): GraphQLError {
  const logger = log && { error: (err: unknown) => log.error({ err }, 'resolver failed') };
  if (error instanceof GraphQLError) return error;
  if (error instanceof DomainError) {
    const mapped = fromDomain(error);
    if (mapped.extensions.code === 'INTERNAL_SERVER_ERROR') logger?.error(error);
    return mapped;
  }
  if (error instanceof ApiError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
  }
  if (error instanceof ConcurrencyError) {
    return new GraphQLError(error.message, {
      extensions: {
        code: 'CONFLICT',
        streamId: error.streamId,
        expectedVersion: error.expected,
        actualVersion: error.actual,
      },
    });
  }
  if (error instanceof DuplicateEventError) {
    return new GraphQLError('this write reuses an event id with different content; retry it', {
      extensions: { code: 'CONFLICT' },
    });
  }
  if (error instanceof StoreUnavailableError) {
    logger?.error(error);
    return new GraphQLError('the event log cannot be reached right now; try again shortly', {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  }
  if (error instanceof StoreFailedError) {
    // The file store never acknowledges a write after a failed one until it is reopened, so
    // "try again later" would have clients retry for ever.
    logger?.error(error);
    return new GraphQLError(STORE_FAILED, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  }
  if (error instanceof StoreLockedError || error instanceof StoreClosedError) {
    logger?.error(error);
    return new GraphQLError('the event log is not accepting writes right now; try again later', {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  }
  logger?.error(error);
  return internalError();
}

/**
 * Applied globally: GraphQL resolvers get their errors mapped by toGraphQLError; HTTP routes map
 * the API's own refusals to a status, and keep Nest's default handling for the rest.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly fallback = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') {
      // HTTP routes (downloads): the API's own refusals become a status and a JSON body, never a 500.
      if (exception instanceof ApiError) {
        const reply = host.switchToHttp().getResponse<FastifyReply>();
        const status = HTTP_STATUS[exception.code] ?? 400;
        return reply
          .status(status)
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', 'inline')
          .send({
            error: { code: exception.code, message: exception.message, ...exception.details },
          });
      }
      // Anything else is answered in the same shape, without its message (which may name hosts
      // and addresses): 503 when the store cannot be reached, 500 otherwise. Nest's own HTTP
      // exceptions (a 404 from the router, say) keep their default handling.
      if (!(exception instanceof HttpException)) {
        const reply = host.switchToHttp().getResponse<FastifyReply>();
        const down = exception instanceof StoreUnavailableError;
        reply.request.log.error({ err: exception }, 'download failed');
        return reply
          .status(down ? 503 : 500)
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', 'inline')
          .send({
            error: down
              ? {
                  code: 'SERVICE_UNAVAILABLE',
                  message: 'the event log cannot be reached right now; try again shortly',
                }
              : {
                  code: 'INTERNAL_SERVER_ERROR',
                  message: 'internal server error; the problem was logged',
                },
          });
      }
      // An address no route answers: the same shape, with what the API does serve.
      if (exception instanceof NotFoundException) {
        const reply = host.switchToHttp().getResponse<FastifyReply>();
        const { method, url } = reply.request;
        return reply
          .status(404)
          .header('content-type', 'application/json; charset=utf-8')
          .send({
            error: {
              code: 'NOT_FOUND',
              message: `nothing is served at ${method} ${url.split('?')[0]}; the API answers /graphql (GET and POST), GET /healthz and GET /export/{timelinejs|csv|ics|ndjson}`,
            },
          });
      }
      return super.catch(exception, host);
    }
    const request = GqlArgumentsHost.create(host).getContext<{ req?: FastifyRequest }>().req;
    throw toGraphQLError(
      exception,
      request?.log ?? {
        error: (details, message) => this.fallback.error({ ...details, msg: message }),
      },
    );
  }
}
