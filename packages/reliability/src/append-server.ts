// A child process that serves appends over HTTP from a file store, so that a test can kill it with
// SIGKILL at any moment. POST /append {streamId, events} → {envelopes: [{eventId, position, hash}]}
// once the events are durable. Prints "ready <port>" when it accepts requests.
import { createServer } from 'node:http';
import type { NewEvent } from '@dateline/event-store';
import { getFileEventStore } from '@dateline/event-store/file';

const dir = process.argv[2];
if (!dir) throw new Error('usage: append-server <store-dir>');
const store = await getFileEventStore(dir, { tool: 'reliability append-server' });

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    const { streamId, events } = JSON.parse(body) as { streamId: string; events: NewEvent[] };
    store.append(streamId, events, { expectedVersion: 'any' }).then(
      (envelopes) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            envelopes: envelopes.map((e) => ({
              eventId: e.eventId,
              position: e.position,
              hash: e.hash,
            })),
          }),
        );
      },
      (error: Error) => {
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: error.message, name: error.name }));
      },
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : 0}\n`);
});
