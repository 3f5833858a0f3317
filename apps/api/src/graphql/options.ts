import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, parse, specifiedRules, validate } from 'graphql';
import {
  checkHttpOperation,
  formatGraphqlErrors,
  graphqlRouteOptions,
} from '../http/graphql-over-http.js';
import { isTokenLimitError, LIMITS, limitError, limitRules } from './limits.js';
import { hasSeveralOperations, isPlainQuery } from './operations.js';

/**
 * Nest's Mercurius driver, without the two request hooks (`preParsing`, `onResolution`) it adds to
 * every GraphQL request for Nest's request-start and request-end hooks when the API has set none:
 * each was a chain of promises per request doing nothing (docs/performance.md, graphql.logHead).
 * A request hook would have to be set before the module starts; the API sets none.
 */
export class DatelineMercuriusDriver extends MercuriusDriver {
  override async start(options: MercuriusDriverConfig): Promise<void> {
    const self = this as unknown as { resolverDecoratorHost?: { hasRequestHooks(): boolean } };
    if (self.resolverDecoratorHost && !self.resolverDecoratorHost.hasRequestHooks())
      self.resolverDecoratorHost = undefined;
    await super.start(options);
  }
}

/** The Mercurius driver's options: the protocol fixes, the limits, subscriptions over graphql-ws. */
export function graphqlOptions(): MercuriusDriverConfig {
  return {
    driver: DatelineMercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: false,
    allowBatchedQueries: false,
    // The exception filter maps what field resolvers throw too (actor.facts' cursor, say), as it
    // does for root fields, so compiled and uncompiled runs give the same error, locations and all.
    fieldResolverEnhancers: ['filters'],
    // A query is compiled with graphql-jit once it has run twice, off the request path
    // (Mercurius's adaptive mode, compiling as soon as the event loop has not been wholly busy).
    // Not `jit: <n>`: on the run that compiles, Mercurius skips checking the variables, and a
    // wrongly typed one became a 500 (queries.e2e holds that it does not; test/harness.ts compares
    // compiled answers with graphql-js's). Documents of several operations are never compiled (see
    // the preExecution hook below).
    jit: { minCount: 1, eluThreshold: 1 },
    validationRules: limitRules,
    graphql: { parseOptions: { maxTokens: LIMITS.tokens } },
    errorFormatter: formatGraphqlErrors as MercuriusDriverConfig['errorFormatter'],
    additionalRouteOptions: graphqlRouteOptions as MercuriusDriverConfig['additionalRouteOptions'],
    subscription: {
      keepAlive: 30_000,
      // Nothing is sent before the client asks: no connection_init payload is needed.
      onConnect: () => true,
    },
    hooks: {
      // Every query and mutation once its document is parsed and valid (served over HTTP only:
      // over WebSocket, Mercurius refuses them, as fullWsTransport is off).
      preExecution: (_schema, document, context) => {
        // POST only: a GET's operation was checked in preValidation (graphql-over-http.ts), before
        // Mercurius's own GET check, which would fail on a document it cannot pick from.
        const request = (context as { reply?: { request: FastifyRequest } }).reply?.request;
        if (request?.method === 'POST') {
          const { operationName } = request.body as { operationName?: unknown };
          // Most requests: a document of one unnamed-or-matching query, nothing to say.
          if (!isPlainQuery(document, operationName))
            checkHttpOperation(document, operationName, request.method);
        }
        // Mercurius keeps one compiled query per document text, compiled for the operation the
        // first caller named: a document of several operations is always executed, never compiled.
        return hasSeveralOperations(document) ? { document } : undefined;
      },
      // The token limit of HTTP (there, the parser's own): a WebSocket document is parsed by
      // Mercurius without it, so it is counted again here before anything else is done with it.
      preSubscriptionParsing: async (_schema, source) => {
        try {
          parse(source, { maxTokens: LIMITS.tokens });
        } catch (error) {
          if (error instanceof Error && isTokenLimitError(error))
            throw limitError(
              'tokens',
              `the document has more than ${LIMITS.tokens} tokens; split it into several queries`,
              { max: LIMITS.tokens },
            );
          throw error;
        }
      },
      // Mercurius validates nothing on WebSocket subscriptions: apply the spec rules and limits here.
      preSubscriptionExecution: async (schema, document) => {
        const errors = validate(schema, document, [...specifiedRules, ...limitRules]);
        const first = errors[0];
        if (first)
          throw new GraphQLError(first.message, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...first.extensions },
          });
      },
    },
  };
}
