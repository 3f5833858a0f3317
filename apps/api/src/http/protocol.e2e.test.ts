import { getIntrospectionQuery } from 'graphql';
import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../graphql/limits.js';
import { startApi, type TestApi } from '../test/harness.js';

let api: TestApi;

beforeAll(async () => {
  api = await startApi({ log: 'fixture' });
});
afterAll(async () => {
  await api?.close();
});

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(api.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

async function errorBody(res: Response) {
  const body = (await res.json()) as {
    data?: unknown;
    errors: { message: string; extensions?: Record<string, unknown> }[];
  };
  expect(JSON.stringify(body)).not.toMatch(/node_modules|\/work\/|at [\w.<>]+ \(/);
  return body;
}

describe('GraphQL over HTTP (graphql-http audit)', () => {
  it('passes every audit of the live server: no error, no warning, no notice', async () => {
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: api.graphqlUrl })) results.push(await audit.fn());
    const failed = results
      .filter((r) => r.status !== 'ok')
      .map((r) => `${r.status} ${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });

  it('answers application/graphql-response+json when asked, application/json otherwise', async () => {
    const modern = await post('{"query":"{ logHead { position } }"}', {
      accept: 'application/graphql-response+json',
    });
    expect(modern.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    const legacy = await post('{"query":"{ logHead { position } }"}');
    expect(legacy.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('sends security headers and a request id on every response', async () => {
    for (const res of [
      await post('{"query":"{ __typename }"}'),
      await fetch(`${api.url}/healthz`),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-request-id')).toMatch(/^[\w.:-]+$/);
    }
  });

  it('serves queries over GET but refuses mutations there with 405', async () => {
    const query = await fetch(
      `${api.graphqlUrl}?query=${encodeURIComponent('{ logHead { position } }')}`,
    );
    expect(query.status).toBe(200);
    const mutation = await fetch(
      `${api.graphqlUrl}?query=${encodeURIComponent('mutation { retractFact(input: { factId: "invasion", reason: "x" }) { id } }')}`,
    );
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('allow')).toBe('POST');
    expect((await errorBody(mutation)).errors[0]?.extensions?.code).toBe('METHOD_NOT_ALLOWED');
  });

  describe('documents of several operations', () => {
    const document = 'query Position { logHead { position } } query Hash { logHead { hash } }';
    const send = (operationName?: string, headers?: Record<string, string>) =>
      post(JSON.stringify({ query: document, operationName }), headers);

    it('runs the operation named, however often each was asked for before (compiled queries)', async () => {
      // Enough runs, with pauses, for Mercurius's adaptive JIT to compile the document in between.
      const answers: string[] = [];
      for (const name of ['Position', 'Position', 'Position', 'Hash', 'Hash', 'Position', 'Hash']) {
        const res = await send(name);
        expect(res.status).toBe(200);
        answers.push(
          Object.keys(((await res.json()) as { data: { logHead: object } }).data.logHead)[0]!,
        );
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      expect(answers).toEqual([
        'position',
        'position',
        'position',
        'hash',
        'hash',
        'position',
        'hash',
      ]);
    });

    it('refuses a request that names no operation, or one the document lacks, as a request error', async () => {
      for (const name of [undefined, 'Nowhere']) {
        const legacy = await send(name);
        expect(legacy.status).toBe(200);
        const modern = await send(name, { accept: 'application/graphql-response+json' });
        expect(modern.status).toBe(400);
        const body = await errorBody(modern);
        expect(body.data).toBeUndefined();
        expect(body.errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(body.errors[0]?.message).toContain(
          name ? `no operation named "${name}"` : 'name the one to run',
        );
      }
    });

    it('over GET too, and never runs a mutation there, whatever was compiled before', async () => {
      const mixed =
        'query Head { logHead { position } } mutation Retract { retractFact(input: { factId: "invasion", reason: "x" }) { id } }';
      const get = (operationName?: string) =>
        fetch(
          `${api.graphqlUrl}?query=${encodeURIComponent(mixed)}${operationName ? `&operationName=${operationName}` : ''}`,
        );
      for (let i = 0; i < 3; i++) {
        await post(JSON.stringify({ query: mixed, operationName: 'Retract' }));
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      const head = await get('Head');
      expect(head.status).toBe(200);
      expect(await head.json()).toEqual({ data: { logHead: { position: expect.any(Number) } } });
      const mutation = await get('Retract');
      expect(mutation.status).toBe(405);
      expect(mutation.headers.get('allow')).toBe('POST');
      const unnamed = await get();
      expect(unnamed.status).toBe(200);
      expect((await errorBody(unnamed)).errors[0]?.extensions?.code).toBe(
        'GRAPHQL_VALIDATION_FAILED',
      );
    });
  });

  it('answers other methods with 405 and the methods it allows', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(api.graphqlUrl, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST');
      expect((await errorBody(res)).errors[0]?.extensions?.code).toBe('METHOD_NOT_ALLOWED');
    }
  });

  it('answers a download by another method with 405, and an unknown address in the same shape', async () => {
    const post = await fetch(`${api.url}/export/csv`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect(await post.json()).toEqual({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: 'downloads are served by GET; this method is not allowed',
      },
    });
    for (const path of ['/export', '/nope?x=1']) {
      const res = await fetch(`${api.url}${path}`);
      expect(res.status, path).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('NOT_FOUND');
      expect(body.error.message).toMatch(
        new RegExp(`^nothing is served at GET ${path.split('?')[0]}; the API answers /graphql`),
      );
    }
  });

  it('refuses subscriptions over HTTP, pointing to the WebSocket endpoint', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await post(
        JSON.stringify({ query: 'subscription { eventAppended(fromPosition: 1) { position } }' }),
      );
      expect(res.status).toBe(400);
      const body = await errorBody(res);
      expect(body.errors[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(body.errors[0]?.message).toContain('WebSocket');
    }
  });

  it('refuses an empty query, over POST and GET, saying what is missing', async () => {
    for (const res of [
      await post(JSON.stringify({ query: '' })),
      await fetch(`${api.graphqlUrl}?query=`),
    ]) {
      expect(res.status).toBe(400);
      const body = await errorBody(res);
      expect(body.errors[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(body.errors[0]?.message).toBe(
        '"query" is empty: send the GraphQL document as a string',
      );
    }
  });

  it('refuses text/plain and form bodies (CSRF) with 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/graphql',
    ]) {
      const res = await fetch(api.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': type },
        body:
          type === 'application/x-www-form-urlencoded'
            ? 'query=%7B__typename%7D'
            : '{"query":"{ __typename }"}',
      });
      expect(res.status, type).toBe(415);
      expect((await errorBody(res)).errors[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });
});

describe('limits', () => {
  it('refuses batched arrays', async () => {
    const res = await post('[{"query":"{ __typename }"},{"query":"{ __typename }"}]');
    expect(res.status).toBe(400);
    const body = await errorBody(res);
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'batch' });
  });

  it('refuses bodies over the size limit with 413', async () => {
    const huge = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(LIMITS.bodyBytes)}` });
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect((await errorBody(res)).errors[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'bodyBytes',
    });
  });

  const refusedWith = async (query: string, limit: string) => {
    const res = await post(JSON.stringify({ query }), {
      accept: 'application/graphql-response+json',
    });
    expect(res.status).toBe(400);
    const body = await errorBody(res);
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit });
    expect(body.errors[0]?.message).toMatch(/limit|at most|more than/);
  };

  it('refuses deep queries', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `links { fact { ${selection} } }`;
    await refusedWith(`{ fact(id: "x") { ${selection} } }`, 'depth');
  });

  it('refuses costly queries', async () => {
    await refusedWith(
      '{ actors { facts(first: 100) { edges { node { participants { actor { facts(first: 100) { edges { node { id } } } } } } } } } }',
      'cost',
    );
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from(
      { length: LIMITS.aliases + 1 },
      (_, i) => `a${i}: logHead { position }`,
    );
    await refusedWith(`{ ${aliases.join(' ')} }`, 'aliases');
  });

  it('refuses documents with too many tokens', async () => {
    const fields = Array.from({ length: LIMITS.tokens }, () => '__typename').join(' ');
    await refusedWith(`{ ${fields} }`, 'tokens');
  });

  it('keeps introspection on, with field suggestions', async () => {
    const res = await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
    expect(await res.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    // The full introspection query of tools such as GraphiQL and codegen fits within the limits.
    const full = await post(
      JSON.stringify({
        query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
      }),
    );
    const introspection = (await full.json()) as {
      data?: { __schema: { types: unknown[] } };
      errors?: unknown;
    };
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data?.__schema.types.length).toBeGreaterThan(30);
    const typo = await post(JSON.stringify({ query: '{ timelin { totalCount } }' }));
    const body = await errorBody(typo);
    expect(body.errors[0]?.message).toMatch(/Did you mean "timeline"/);
    expect(body.errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lets an ordinary client carry on while abusive requests are refused', async () => {
    const abusive = Array.from({ length: 20 }, () =>
      post(
        JSON.stringify({
          query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: logHead { position }`).join(' ')} }`,
        }),
      ),
    );
    const normal = post(JSON.stringify({ query: '{ timeline(first: 1) { totalCount } }' }));
    const [ok] = await Promise.all([normal, ...abusive]);
    expect(await ok.json()).toEqual({ data: { timeline: { totalCount: 7 } } });
  });
});
