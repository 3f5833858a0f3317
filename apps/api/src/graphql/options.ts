import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { GraphQLError, specifiedRules, validate } from 'graphql';
import { formatGraphqlErrors, graphqlRouteOptions } from '../http/graphql-over-http.js';
import { LIMITS, limitRules } from './limits.js';

/** The Mercurius driver's options: the protocol fixes, the limits, subscriptions over graphql-ws. */
export function graphqlOptions(): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: false,
    allowBatchedQueries: false,
    // A query is compiled with graphql-jit once it has run twice, off the request path (Mercurius's
    // adaptive mode, compiling as soon as the event loop has not been wholly busy). Not `jit: <n>`: on the run that compiles,
    // Mercurius skips checking the variables, and a wrongly typed one became a 500 (queries.e2e
    // holds that it does not; test/harness.ts compares compiled answers with graphql-js's).
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
      // Mercurius validates nothing on WebSocket subscriptions: apply the spec rules and limits here.
      preSubscriptionExecution: async (schema, document) => {
        const errors = validate(schema, document, [...specifiedRules, ...limitRules]);
        const first = errors[0];
        if (first) throw new GraphQLError(first.message, { extensions: first.extensions });
      },
    },
  };
}
