import { runEventStoreContract } from './contract.js';
import { getInMemoryEventStore } from './memory.js';

runEventStoreContract('in-memory', async () => {
  const store = getInMemoryEventStore();
  return { store, cleanup: () => store.close() };
});
