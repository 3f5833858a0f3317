import { runEventStoreContract } from './contract.js';
import { getInMemoryEventStore } from './memory.js';

runEventStoreContract('in-memory', async (options) => {
  const store = getInMemoryEventStore(options);
  return { store, cleanup: () => store.close() };
});
