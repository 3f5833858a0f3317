import type { Envelope } from './envelope.js';
import { StoreClosedError } from './errors.js';
import {
  clampRange,
  HeadSignal,
  LogIndex,
  portMethods,
  prepareWrite,
  subscribeBatches,
  type WriteRequest,
} from './log-core.js';
import type { EventStore, LogHead, ReadAllOptions, SubscribeOptions } from './port.js';

const BATCH = 512;

/** The in-memory adapter: the same rules as every other store, for tests and tools. */
export function getInMemoryEventStore(
  options: { now?: () => Date } = {},
): EventStore & { envelopes(): readonly Envelope[] } {
  const index = new LogIndex();
  const log: Envelope[] = [];
  const signal = new HeadSignal();
  let closed = false;

  async function* readRange(from: number, to: number): AsyncIterable<Envelope[]> {
    for (let p = from; p <= to; p += BATCH) yield log.slice(p - 1, Math.min(to, p + BATCH - 1));
  }

  async function write(request: WriteRequest): Promise<Envelope[][]> {
    if (closed) throw new StoreClosedError();
    const prepared = prepareWrite(index, request, (p) => log[p - 1]!, options.now);
    for (const envelope of prepared.fresh) {
      log.push(envelope);
      index.add(envelope);
    }
    if (prepared.fresh.length > 0) signal.notify(index.head.position);
    return prepared.results;
  }

  const store: EventStore & { envelopes(): readonly Envelope[] } = {
    ...portMethods({
      write: write,
      readAllBatches: (options) => store.readAllBatches(options),
      subscribeBatches: (options) => store.subscribeBatches(options),
    }),
    envelopes: () => log,

    readAllBatches(opts: ReadAllOptions = {}) {
      const [from, to] = clampRange(opts.fromPosition, opts.toPosition, index.head.position);
      return readRange(from, to);
    },
    async *readStream(streamId: string) {
      for (const p of index.streamPositions(streamId)) yield log[p - 1]!;
    },
    async head(): Promise<LogHead> {
      return { ...index.head };
    },
    subscribeBatches(opts?: SubscribeOptions) {
      return subscribeBatches(readRange, () => index.head.position, signal, opts);
    },
    async close() {
      closed = true;
      signal.close();
    },
  };
  return store;
}
