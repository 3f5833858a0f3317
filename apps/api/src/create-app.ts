import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { type Logger, pino } from 'pino';
import { AppModule, openConfiguredStore, type StoreOpener } from './app.module.js';
import type { ApiConfig } from './config.js';
import { LIMITS } from './graphql/limits.js';
import { LogBlocks } from './log-blocks.js';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/** Nest's own messages go to the same pino logger as Fastify's request logs. */
class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  private write(
    level: 'info' | 'warn' | 'error' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ) {
    const context = typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null)
      this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
}

/** How often lines held in the log's buffer are written out when fewer than LOG_BLOCK_CHARS wait. */
export const LOG_FLUSH_MS = 1000;
const LOG_BLOCK_CHARS = 4096;

/**
 * JSON lines on stdout, written in blocks of 4 kB rather than one write per line. There is a line
 * per request, and under `logHead` load with stdout going to a file the service answered 1–53 %
 * more requests a second this way, in nine alternating pairs (docs/performance.md). A quiet
 * service's lines still go out within LOG_FLUSH_MS, and what is left is written when the process
 * exits; main.ts flushes the "listening" line at once. A kill -9 loses at most the last second.
 * Each block is written synchronously: handing it to libuv's thread pool instead cost more than the
 * write (12.3k against 13.0k `logHead` requests a second, alternating, docs/performance.md). The
 * lines are gathered by LogBlocks, not by sonic-boom's own buffer (see log-blocks.ts).
 */
export function createLogger(config: Pick<ApiConfig, 'logLevel'>): Logger {
  const destination = new LogBlocks(pino.destination({ dest: 1, sync: true }), LOG_BLOCK_CHARS);
  // pino flushes an asynchronous destination at exit, not one that holds a block.
  if (unflushed.size === 0) process.once('exit', flushAll);
  unflushed.add(destination);
  setInterval(() => {
    try {
      destination.flushSync();
    } catch {
      // Only a destroyed destination throws here, and then there is nowhere left to write.
    }
  }, LOG_FLUSH_MS).unref();
  return pino({ level: config.logLevel, base: { service: 'dateline-api' } }, destination);
}

/** Every log destination made, written out in full when the process exits. */
const unflushed = new Set<LogBlocks>();

function flushAll(): void {
  for (const destination of unflushed) {
    try {
      destination.flushSync();
    } catch {
      // A destroyed destination: nowhere left to write.
    }
  }
}

/** Builds the Nest app on Fastify for one configuration; the caller listens (or injects). */
export async function createApp(
  config: ApiConfig,
  logger: Logger = createLogger(config),
  openStore: StoreOpener = openConfiguredStore,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: LIMITS.bodyBytes,
    // Keep a caller's request id when it is sane, so logs can be joined across services.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // One line per request (below) instead of Fastify's two: logging was a third of the cost of a
    // small query (docs/performance.md, graphql.logHead). Fastify 5 takes this from the log
    // controller; its top-level disableRequestLogging is ignored once a controller is given.
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: true,
    }),
    return503OnClosing: true,
  });
  const fastify = adapter.getInstance();
  // The hooks that run on every request take Fastify's callback rather than returning a promise:
  // nothing in them waits. (The difference was within this machine's noise: docs/performance.md.)
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });
  // CSRF: only application/json bodies (which need a CORS preflight) reach GraphQL.
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('onRequest', (request, reply, done) => {
    // The API serves JSON only: nothing of it may be framed, sniffed or run as a page.
    reply.headers({ 'x-request-id': request.id, ...SECURITY_HEADERS });
    done();
  });
  // GraphQL over HTTP speaks GET and POST; any other method is told so, in the API's error shape.
  fastify.route({
    method: ['PUT', 'PATCH', 'DELETE'],
    url: '/graphql',
    handler: (_request, reply) => {
      reply
        .code(405)
        .header('allow', 'GET, POST')
        .send({
          errors: [
            {
              message: 'GraphQL is served by GET (queries) and POST; this method is not allowed',
              extensions: { code: 'METHOD_NOT_ALLOWED' },
            },
          ],
        });
    },
  });
  // Downloads are GET only; any other method is told so, in the downloads' error shape.
  fastify.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/export/:format',
    handler: (_request, reply) => {
      reply
        .code(405)
        .header('allow', 'GET')
        .send({
          error: {
            code: 'METHOD_NOT_ALLOWED',
            message: 'downloads are served by GET; this method is not allowed',
          },
        });
    },
  });
  if (config.corsOrigins !== 'none') {
    // Browser clients on other origins (notebooks, other newsrooms' pages) may read, and write with
    // a token. Registered before the rate limit, so that a preflight is answered without counting.
    await fastify.register(cors, {
      origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'accept', 'authorization', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
  }
  if (config.rateLimitPerMinute > 0) {
    // Per client address, before any parsing; a refusal is shaped by the GraphQL error formatter.
    await fastify.register(rateLimit, {
      global: true,
      hook: 'onRequest',
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: config.rateLimitAllow,
      errorResponseBuilder: (_request, context) =>
        Object.assign(
          new Error(
            `more than ${context.max} requests a minute from this client; retry in ${context.after}`,
          ),
          { statusCode: 429, code: 'RATE_LIMITED' },
        ),
    });
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, openStore),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      // Throw instead of process.abort(): main() reports the error and exits; tests see it.
      abortOnError: false,
      // Fastify's own JSON parser (with the adapter's body limit) reads the bodies: Nest's would
      // wrap it in one more parser per request and add nothing the API uses.
      bodyParser: false,
    },
  );
  return app;
}
