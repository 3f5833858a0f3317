import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { ApiConfig } from './config.js';
import { ApiError } from './graphql/errors.js';
import { API_CONFIG } from './tokens.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Mutations need `Authorization: Bearer <DATELINE_WRITE_TOKEN>`. Without a configured token the
 * service is read-only and says so. Runs before arguments are validated, so a refusal tells an
 * unauthenticated caller nothing about the log.
 */
@Injectable()
export class WriteTokenGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.expected = config.writeToken === undefined ? undefined : digest(config.writeToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) {
      throw new ApiError(
        'FORBIDDEN',
        'this Dateline API is read-only: it was started without DATELINE_WRITE_TOKEN, so it accepts no mutations',
      );
    }
    const request = GqlExecutionContext.create(context).getContext<{ req?: FastifyRequest }>().req;
    const header = request?.headers.authorization;
    if (!header) {
      throw new ApiError(
        'UNAUTHENTICATED',
        'writing needs an Authorization: Bearer <token> header with the write token',
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // Compare digests, so neither the length nor the content of the token leaks through timing.
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), this.expected)) {
      throw new ApiError('UNAUTHENTICATED', 'the bearer token is not the write token');
    }
    return true;
  }
}
