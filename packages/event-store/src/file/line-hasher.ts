import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkLineDigest, createDigestContext } from '../envelope.js';

/**
 * What the worker found for each line of a chunk, in order: where its verified hash member starts
 * (-1: not verified there, so the reader checks that line the slow way) and where its top-level
 * position member starts.
 */
export interface LineVerdicts {
  at: Int32Array;
  tail: Int32Array;
}

// The worker runs the very functions this thread uses (their source text), so both sides check a
// line the same way; hash-worker tests compare them over generated lines. It splits lines on LF
// exactly as the reader does, so verdict i is about line i.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
const checkLineDigest = (${checkLineDigest.toString()});
const ctx = (${createDigestContext.toString()})();
parentPort.on('message', ({ id, chunk, length }) => {
  const buf = Buffer.from(chunk, 0, length);
  const at = [];
  const tail = [];
  for (let from = 0, nl = buf.indexOf(10); nl !== -1; from = nl + 1, nl = buf.indexOf(10, from)) {
    const found = checkLineDigest(buf.subarray(from, nl), hash, ctx);
    at.push(found);
    tail.push(found < 0 ? -1 : ctx.tail);
  }
  const verdicts = { at: Int32Array.from(at), tail: Int32Array.from(tail) };
  parentPort.postMessage({ id, verdicts }, [verdicts.at.buffer, verdicts.tail.buffer]);
});
`;

/**
 * Checks lines' sha256 on a worker thread while the reading thread does everything else (reading
 * headers, chain links, the stream and id indexes): sha256 is the largest single cost of reading a
 * log, and it needs nothing from the lines before. Chunks are SharedArrayBuffers, so no bytes are
 * copied between the threads; only the verdicts come back.
 */
export class LineHasher {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (v: LineVerdicts) => void; reject: (e: Error) => void }
  >();
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on('message', ({ id, verdicts }: { id: number; verdicts: LineVerdicts }) => {
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      waiter?.resolve(verdicts);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the line-hashing worker exited (${code})`)));
  }

  /** Verdicts for the complete lines in chunk[0, length), which must end with a newline. */
  check(chunk: SharedArrayBuffer, length: number): Promise<LineVerdicts> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, chunk, length });
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/**
 * Whether a read of `bytes` should hash on a second thread: only with a second core to run it,
 * and only where the worker's start (tens of milliseconds) is small beside the hashing saved.
 */
export function worthHashingInParallel(bytes: number): boolean {
  return availableParallelism() > 1 && bytes >= PARALLEL_HASHING_FROM_BYTES;
}

export const PARALLEL_HASHING_FROM_BYTES = 32 * 1024 * 1024;

const REGION_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readSync } = require('node:fs');
const { fd, start, end } = workerData;
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(1 << 20);
for (let at = start; at < end; ) {
  const read = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
  if (read === 0) break;
  hash.update(buffer.subarray(0, read));
  at += read;
}
parentPort.postMessage(hash.digest('hex'));
`;

/**
 * sha256 (hex) of the bytes [start, end) of an open file, computed on a worker thread with
 * positional reads, so the caller can parse the same bytes meanwhile. A file shorter than `end`
 * is hashed to its end.
 */
export function sha256OfFileRegion(fd: number, start: number, end: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(REGION_WORKER_SOURCE, {
      eval: true,
      workerData: { fd, start, end },
    });
    worker.once('message', (digest: string) => resolve(digest));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the hashing worker exited (${code})`)));
  });
}
