// A separate OS process that appends to a file store, waiting its turn while another process holds the lock.
import { setTimeout as delay } from 'node:timers/promises';
import { getFileEventStore } from '../dist/file/file-store.js';

const [dir, worker, count] = process.argv.slice(2);
let store;
for (let attempt = 0; !store; attempt++) {
  try {
    store = await getFileEventStore(dir, { tool: `worker-${worker}` });
  } catch (error) {
    if (error.name !== 'StoreLockedError' || attempt > 2000) throw error;
    await delay(5); // back off while the other process writes; correctness does not depend on this
  }
}
for (let i = 0; i < Number(count); i++) {
  await store.append(
    `worker-${worker}`,
    [{ type: 'TestHappened', schemaVersion: 1, data: { worker, i } }],
    { expectedVersion: 'any' },
  );
}
await store.close();
console.log(`worker ${worker} appended ${count}`);
