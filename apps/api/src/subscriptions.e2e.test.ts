import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dataOf, startApi, type TestApi, WRITE_TOKEN } from './test/harness.js';

let api: TestApi;
let client: Client;

beforeAll(async () => {
  api = await startApi({ log: 'fixture' });
  client = createClient({
    url: api.graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
});
afterAll(async () => {
  await client?.dispose();
  await api?.close();
});

async function headPosition(): Promise<number> {
  return dataOf(await api.gql<{ logHead: { position: number } }>('{ logHead { position } }'))
    .logHead.position;
}

/** Takes the next `count` results of a subscription, then ends it. */
async function take<T>(
  iterator: AsyncIterableIterator<{ data?: T | null; errors?: unknown }>,
  count: number,
): Promise<T[]> {
  const out: T[] = [];
  for await (const result of iterator) {
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    out.push(result.data as T);
    if (out.length === count) break;
  }
  return out;
}

const registerActor = (id: string) =>
  api.gql<{ registerActor: { position: number } }>(
    'mutation ($id: ID!, $name: String!) { registerActor(input: { id: $id, name: $name, kind: GROUP }) { position } }',
    { id, name: id },
    { token: WRITE_TOKEN },
  );

describe('eventAppended', () => {
  it('replays the log from a position, in order', async () => {
    const events = await take<{ eventAppended: { position: number; type: string } }>(
      client.iterate({
        query: 'subscription { eventAppended(fromPosition: 1) { position type } }',
      }),
      5,
    );
    expect(events.map((e) => e.eventAppended.position)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]?.eventAppended.type).toBe('ArticleRecorded');
  });

  it('delivers new events in log order, including concurrent writes', async () => {
    const from = (await headPosition()) + 1;
    const iterator = client.iterate<{
      eventAppended: { position: number; streamId: string; hash: string; prevHash: string };
    }>({
      query:
        'subscription ($from: Int) { eventAppended(fromPosition: $from) { position streamId hash prevHash } }',
      variables: { from },
    });
    const received = take(iterator, 6);
    const writes = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => registerActor(`group-${id}`)),
    );
    const positions = writes.map((w) => dataOf(w).registerActor.position).sort((x, y) => x - y);
    const events = (await received).map((e) => e.eventAppended);
    expect(events.map((e) => e.position)).toEqual(positions);
    expect(positions).toEqual([from, from + 1, from + 2, from + 3, from + 4, from + 5]);
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
  });
});

describe('factChanged', () => {
  it('delivers matching facts after each change, in log order', async () => {
    const from = (await headPosition()) + 1;
    const iterator = client.iterate<{
      factChanged: {
        id: string;
        summary: string;
        corroborationCount: number;
        lastPosition: number;
      };
    }>({
      query: /* GraphQL */ `
        subscription ($from: Int) {
          factChanged(filter: { kinds: [CALL] }, fromPosition: $from) { id summary corroborationCount lastPosition }
        }
      `,
      variables: { from },
    });
    const received = take(iterator, 3);
    const token = { token: WRITE_TOKEN };
    const record = (id: string, kind: string) =>
      api.gql(
        'mutation ($id: ID!, $kind: FactKind!) { recordFact(input: { id: $id, articleId: "daily-feb-19", kind: $kind, status: OCCURRED, summary: "A new fact.", occurred: { earliest: "2025-02-16", latest: "2025-02-16", precision: DAY }, paragraph: 7, excerpt: "new" }) { position } }',
        { id, kind },
        token,
      );
    dataOf(await record('new-meeting', 'MEETING'));
    dataOf(await record('new-call', 'CALL'));
    dataOf(
      await api.gql(
        'mutation { correctFact(input: { factId: "new-call", changes: { summary: "A new call, corrected." }, reason: "typo" }) { position } }',
        undefined,
        token,
      ),
    );
    dataOf(
      await api.gql(
        'mutation { corroborateFact(input: { factId: "new-call", articleId: "wire-feb-17", paragraph: 8, excerpt: "also reported" }) { position } }',
        undefined,
        token,
      ),
    );
    const facts = (await received).map((r) => r.factChanged);
    expect(facts.map((f) => f.id)).toEqual(['new-call', 'new-call', 'new-call']);
    expect(facts.map((f) => f.summary)).toEqual([
      'A new fact.',
      'A new call, corrected.',
      'A new call, corrected.',
    ]);
    expect(facts[2]?.corroborationCount).toBe(1);
    expect(facts[0]!.lastPosition).toBeLessThan(facts[1]!.lastPosition);
  });

  it('replays a fact from a past position as it was after each event, not as it is now', async () => {
    const token = { token: WRITE_TOKEN };
    const recorded = dataOf(
      await api.gql<{ recordFact: { position: number } }>(
        'mutation { recordFact(input: { id: "revised-summit", articleId: "daily-feb-19", kind: SUMMIT, status: PLANNED, summary: "A summit is planned.", occurred: { earliest: "2025-02-18", latest: "2025-02-18", precision: DAY }, paragraph: 7, excerpt: "planned" }) { position } }',
        undefined,
        token,
      ),
    ).recordFact.position;
    for (const [summary, status] of [
      ['The summit took place.', 'OCCURRED'],
      ['The summit took place in Paris.', 'OCCURRED'],
    ]) {
      dataOf(
        await api.gql(
          'mutation ($summary: String!, $status: FactStatus!) { correctFact(input: { factId: "revised-summit", changes: { summary: $summary, status: $status }, reason: "later reporting" }) { position } }',
          { summary, status },
          token,
        ),
      );
    }
    type Revision = { factChanged: { summary: string; status: string; version: number } };
    const subscribe = (filter: string) =>
      client.iterate<Revision>({
        query: `subscription ($from: Int) { factChanged(filter: ${filter}, fromPosition: $from) { summary status version } }`,
        variables: { from: recorded },
      });
    const revisions = (await take(subscribe('{ kinds: [SUMMIT] }'), 3)).map((r) => r.factChanged);
    expect(revisions).toEqual([
      { summary: 'A summit is planned.', status: 'PLANNED', version: 1 },
      { summary: 'The summit took place.', status: 'OCCURRED', version: 2 },
      { summary: 'The summit took place in Paris.', status: 'OCCURRED', version: 3 },
    ]);
    // The filter applies to the fact as it was then: it was PLANNED only at its first event.
    const planned = await Promise.race([
      take(subscribe('{ kinds: [SUMMIT], statuses: [PLANNED] }'), 1),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no PLANNED revision within 10 s')), 10_000),
      ),
    ]);
    expect(planned).toEqual([
      { factChanged: { summary: 'A summit is planned.', status: 'PLANNED', version: 1 } },
    ]);
  });

  it('refuses abusive subscriptions like queries', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `links { fact { ${selection} } }`;
    const iterator = client.iterate({ query: `subscription { factChanged { ${selection} } }` });
    // graphql-ws rejects with the error messages the server sent.
    const refusal = await take(iterator, 1).then(
      () => undefined,
      (errors: unknown) => errors,
    );
    expect(refusal).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/query depth \d+ exceeds the limit/),
        extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'depth' }),
      }),
    ]);
    const unknownField = await take(
      client.iterate({ query: 'subscription { factChanged { nonsense } }' }),
      1,
    ).then(
      () => undefined,
      (errors: unknown) => errors,
    );
    expect(unknownField).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Cannot query field "nonsense"/),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
  });

  it('gives every refusal a code, as over HTTP (patched Mercurius)', async () => {
    const refusal = (query: string, variables?: Record<string, unknown>) =>
      take(client.iterate({ query, ...(variables ? { variables } : {}) }), 1).then(
        () => undefined,
        (errors: unknown) => errors,
      );
    expect(await refusal('subscription { eventAppended { ')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Syntax Error/),
        extensions: expect.objectContaining({ code: 'GRAPHQL_PARSE_FAILED' }),
      }),
    ]);
    expect(
      await refusal('subscription ($p: Int) { eventAppended(fromPosition: $p) { position } }', {
        p: 'abc',
      }),
    ).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Variable "\$p" got invalid value "abc"/),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(await refusal('{ logHead { position } }')).toEqual([
      expect.objectContaining({
        message:
          'a query is not served over the WebSocket, which carries subscriptions only; send it by HTTP (POST /graphql)',
        extensions: expect.objectContaining({ code: 'BAD_REQUEST' }),
      }),
    ]);
    const topics = Array.from({ length: 4000 }, (_, i) => `"t${i}"`).join(',');
    expect(
      await refusal(`subscription { factChanged(filter: { topics: [${topics}] }) { id } }`),
    ).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'tokens' }),
      }),
    ]);
  });

  /** Opens a raw socket, sends `messages` in turn (after the ack for the first when asked), and resolves how it was closed. */
  async function closeOf(
    protocols: string[],
    messages: string[],
    { initFirst = false } = {},
  ): Promise<{ code: number; reason: string }> {
    const socket = new WebSocket(api.graphqlUrl.replace(/^http/, 'ws'), protocols);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve) => socket.on('open', resolve));
    if (initFirst) {
      socket.send(JSON.stringify({ type: 'connection_init' }));
      await new Promise((resolve) => socket.once('message', resolve));
    }
    for (const message of messages) socket.send(message);
    return closed;
  }

  it('closes a connection that starts a second subscription under the id of a running one', async () => {
    const subscribe = JSON.stringify({
      id: 'x',
      type: 'subscribe',
      payload: { query: 'subscription { eventAppended { position } }' },
    });
    expect(
      await closeOf(['graphql-transport-ws'], [subscribe, subscribe], { initFirst: true }),
    ).toEqual({ code: 4409, reason: 'Subscriber for x already exists' });
  });

  it('closes as graphql-transport-ws says on a protocol mistake (patched Mercurius)', async () => {
    const ws = ['graphql-transport-ws'];
    const init = JSON.stringify({ type: 'connection_init' });
    const subscribe = JSON.stringify({
      id: 'y',
      type: 'subscribe',
      payload: { query: 'subscription { eventAppended { position } }' },
    });
    expect(await closeOf(['bogus-protocol'], [])).toEqual({
      code: 4406,
      reason: 'Subprotocol not acceptable',
    });
    expect(await closeOf(ws, [subscribe])).toEqual({ code: 4401, reason: 'Unauthorized' });
    expect(await closeOf(ws, [init], { initFirst: true })).toEqual({
      code: 4429,
      reason: 'Too many initialisation requests',
    });
    expect(await closeOf(ws, ['not json'], { initFirst: true })).toEqual({
      code: 4400,
      reason: 'Message must be a JSON string',
    });
    const noId = JSON.stringify({
      type: 'subscribe',
      payload: { query: 'subscription { eventAppended { position } }' },
    });
    expect(await closeOf(ws, [noId], { initFirst: true })).toEqual({
      code: 4400,
      reason: 'A subscribe message needs an id',
    });
    expect(await closeOf(ws, [JSON.stringify({ type: 'whatever' })], { initFirst: true })).toEqual({
      code: 4400,
      reason: 'Invalid message type "whatever"',
    });
  });

  it('says which operation to run when the document holds several (patched Mercurius)', async () => {
    const refusal = (query: string, operationName?: string) =>
      take(client.iterate({ query, ...(operationName ? { operationName } : {}) }), 1).then(
        () => undefined,
        (errors: unknown) => errors,
      );
    const two =
      'subscription A { factChanged { id } } subscription B { eventAppended { position } }';
    expect(await refusal(two)).toEqual([
      expect.objectContaining({
        message: 'Must provide operation name if query contains multiple operations.',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(await refusal(two, 'C')).toEqual([
      expect.objectContaining({
        message: 'Unknown operation named "C".',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
  });
});
