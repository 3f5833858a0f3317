import { parseCommand } from '@dateline/domain';
import { openEventStore } from '@dateline/event-store/open';
import { createCommandHandler } from '@dateline/projections/write';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startApi, type TestApi } from './test/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ log: 'seed', writeToken: null });
});
afterAll(async () => api.close());

describe('a read-only API over the file store', () => {
  it('follows what another process appends (dateline import, say) without a restart', async () => {
    const writer = await openEventStore(api.store, { tool: 'test writer' });
    const handler = createCommandHandler(writer, { tool: 'test writer' });
    const { position } = await handler.execute(
      parseCommand({
        type: 'RegisterActor',
        actorId: 'a-new-voice',
        name: 'A New Voice',
        kind: 'person',
        aliases: [],
      }),
    );
    await writer.close();
    expect(position).toBe(64);
    const response = await api.gql<{ actor: { name: string } | null }>(
      'query ($p: Int) { actor(id: "a-new-voice", minPosition: $p) { name } }',
      { p: position },
    );
    expect(dataOf(response)).toEqual({ actor: { name: 'A New Voice' } });
    // The follower's head is kept in memory, at most one poll (250 ms) behind the writer; once the
    // read models show an event, the head includes it.
    const head = await api.gql<{ logHead: { position: number } }>('{ logHead { position } }');
    expect(dataOf(head)).toEqual({ logHead: { position: 64 } });
  });
});
