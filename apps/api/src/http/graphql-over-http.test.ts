import { describe, expect, it } from 'vitest';
import { negotiateResponseType } from './graphql-over-http.js';

describe('negotiateResponseType', () => {
  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
    [
      'application/graphql-response+json, application/json;q=0.9',
      'application/graphql-response+json',
    ],
    ['application/json, application/graphql-response+json;q=0.5', 'application/json'],
    ['application/graphql-response+json;q=0', 'application/json'],
    ['text/html', 'application/json'],
  ])('%s → %s', (accept, expected) => {
    expect(negotiateResponseType(accept)).toBe(expected);
  });
});
