import { closeSync, openSync } from 'node:fs';
import { type FileHandle, mkdir, open, truncate } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Envelope, envelopeLineBytes } from '../envelope.js';
import { CorruptLogError, StoreClosedError, StoreFailedError } from '../errors.js';
import {
  clampRange,
  HeadSignal,
  portMethods,
  prepareWrite,
  subscribeBatches,
  type WriteRequest,
} from '../log-core.js';
import type { EventStore, LogHead, ReadAllOptions, SubscribeOptions } from '../port.js';
import { checkLine, type EventValidator, type LoadedLog, loadLog, type TornTail } from './load.js';
import { acquireLock } from './lock.js';
import { listSegments, readLineSync, SEGMENT_DIR, scanLines, segmentName } from './segments.js';

/** What a read finds when a segment no longer holds what the store read at open or wrote. */
const CHANGED = 'since the store read it: the file was changed under the running store';

/** The file operations the writer uses, injectable so that tests can simulate ENOSPC and EIO. */
export interface WriterIo {
  write(handle: FileHandle, data: Buffer): Promise<void>;
  datasync(handle: FileHandle): Promise<void>;
}

const defaultIo: WriterIo = {
  async write(handle, data) {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
  },
  datasync: (handle) => handle.datasync(),
};

export interface FileEventStoreOptions {
  /** Open for reading only: no lock, no recovery; a torn tail is reported, not cut. */
  readOnly?: boolean;
  /**
   * With readOnly: keep reading what the writer (another process) appends, checking each event as
   * on open, and deliver it to subscribers. Polls every `followIntervalMs` (default 250 ms);
   * `head()` answers from memory (at most one interval behind), `refresh()` looks at once.
   */
  follow?: boolean;
  followIntervalMs?: number;
  /** Start a new segment once the current one would pass this many bytes (default 64 MiB). */
  segmentMaxBytes?: number;
  /** Decode each stored event through the domain while loading; refuse the log if one fails. */
  validateEvent?: EventValidator;
  /**
   * Given every event, whole and checked, as the log is read on open (see LoadOptions.onEvents):
   * how a replay folds the log in the same pass that verifies it.
   */
  onLoad?: (events: Envelope[]) => void;
  /** Named in the lock file so that a second writer learns who holds the store. */
  tool?: string;
  now?: () => Date;
  io?: WriterIo;
  /** Told about recovery (a cut torn tail) and other things an operator should see. */
  log?: (message: string, details?: Record<string, unknown>) => void;
  onLoadProgress?: (progress: { position: number; bytes: number; totalBytes: number }) => void;
}

export interface FileEventStore extends EventStore {
  readonly dir: string;
  /** Set when the last segment ended in bytes that were never acknowledged. */
  readonly tornTail: TornTail | undefined;
  /** Bytes of the log read while opening. */
  readonly loadedBytes: number;
  /** A follower reads what the writer appended since it last looked, now; otherwise a no-op. */
  refresh(): Promise<void>;
  /** False once a failed write or sync stopped the store accepting writes (until it is reopened). */
  healthy(): boolean;
}

interface PendingAppend {
  write: WriteRequest;
  resolve: (value: Envelope[][]) => void;
  reject: (error: unknown) => void;
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The embedded default store: NDJSON segments in `<dir>/segments`, one envelope per line.
 * Appends are group-committed: every append waiting while a write is in flight goes into the
 * next write, and all of them are acknowledged after one fdatasync.
 */
export async function getFileEventStore(
  dir: string,
  options: FileEventStoreOptions = {},
): Promise<FileEventStore> {
  const readOnly = options.readOnly ?? false;
  const segmentMaxBytes = options.segmentMaxBytes ?? 64 * 1024 * 1024;
  const io = options.io ?? defaultIo;
  const log = options.log ?? (() => {});
  if (!readOnly) await mkdir(join(dir, SEGMENT_DIR), { recursive: true });
  const release = readOnly ? () => {} : acquireLock(join(dir, '.lock'), options.tool ?? 'dateline');

  // The events of the batch being written: in the index already (later appends of the batch must
  // see them), but not yet on disk, so reading one back (an idempotent retry) comes from here.
  const unwritten = new Map<number, Envelope>();
  let loaded: LoadedLog;
  try {
    loaded = await loadLog(dir, {
      unwritten,
      validateEvent: options.validateEvent,
      onEvents: options.onLoad,
      onProgress: options.onLoadProgress,
    });
    if (loaded.torn && !readOnly) {
      const { file, offset, bytes, reason } = loaded.torn;
      await truncate(file, offset);
      log(
        `recovered a torn tail: cut ${bytes} unacknowledged byte(s) from ${file} at offset ${offset} (${reason})`,
        {
          ...loaded.torn,
        },
      );
    }
  } catch (error) {
    release();
    throw error;
  }

  const { index, positions, segments, lengths } = loaded;
  const signal = new HeadSignal();
  const queue: PendingAppend[] = [];
  let writing = false;
  let failed: StoreFailedError | undefined;
  let closed = false;
  let handle: FileHandle | undefined;
  const readFds = new Map<number, number>();
  // Appends are never stamped before the head's own time (see LogIndex.headRecordedAt); the
  // header-only read of the log on open does not keep it, so the last event is read once.
  if (!readOnly && index.head.position > 0 && index.headRecordedAt === undefined) {
    try {
      index.headRecordedAt = stored(index.head.position).recordedAt;
    } catch (error) {
      // The header-only read passed a line it did not parse whole (docs/reliability.md): damage,
      // named like any other, and the lock let go.
      const reason = error instanceof Error ? error.message : String(error);
      const damage = damageAt(index.head.position, `not valid JSON (${reason})`);
      for (const fd of readFds.values()) closeSync(fd);
      release();
      throw damage;
    }
  }

  /** Damage found where the index places `position`, named by its segment file and line. */
  function damageAt(position: number, reason: string): CorruptLogError {
    const { segment } = positions.at(position);
    let line = 1;
    while (position - line >= 1 && positions.at(position - line).segment === segment) line++;
    return new CorruptLogError(basename(segments[segment]!), line, position, reason);
  }

  async function currentHandle(): Promise<FileHandle> {
    if (!handle) {
      if (segments.length === 0) {
        segments.push(join(dir, SEGMENT_DIR, segmentName(1)));
        lengths.push(0);
        handle = await open(segments[0]!, 'a');
        await fsyncDir(join(dir, SEGMENT_DIR));
      } else handle = await open(segments[segments.length - 1]!, 'a');
    }
    return handle;
  }

  async function rotate(): Promise<void> {
    await handle?.close();
    const next = join(dir, SEGMENT_DIR, segmentName(segments.length + 1));
    handle = await open(next, 'a');
    segments.push(next);
    lengths.push(0);
    await fsyncDir(join(dir, SEGMENT_DIR));
  }

  /** Reads one stored envelope synchronously (only for idempotent retries, which are rare). */
  function stored(position: number): Envelope {
    const pending = unwritten.get(position);
    if (pending) return pending;
    const { segment, offset } = positions.at(position);
    const end =
      position < positions.size && positions.at(position + 1).segment === segment
        ? positions.at(position + 1).offset
        : lengths[segment]!;
    let fd = readFds.get(segment);
    if (fd === undefined) {
      fd = openSync(segments[segment]!, 'r');
      readFds.set(segment, fd);
    }
    return JSON.parse(readLineSync(fd, offset, end).toString('utf8')) as Envelope;
  }

  async function pump(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, queue.length);
        if (failed) {
          for (const item of batch) item.reject(failed);
          continue;
        }
        // Decide each append in order; a refused one is rejected alone and leaves no trace.
        const accepted: Array<{ item: PendingAppend; results: Envelope[][]; fresh: Envelope[] }> =
          [];
        const staged: Envelope[] = [];
        for (const item of batch) {
          try {
            const prepared = prepareWrite(index, item.write, stored, options.now);
            accepted.push({ item, results: prepared.results, fresh: prepared.fresh });
            for (const e of prepared.fresh) {
              index.add(e); // provisional, so later appends in the batch see it
              unwritten.set(e.position, e);
            }
            staged.push(...prepared.fresh);
          } catch (error) {
            item.reject(error);
          }
        }
        if (staged.length === 0) {
          for (const a of accepted) a.item.resolve(a.results);
          continue;
        }
        const data = Buffer.concat(staged.map(envelopeLineBytes));
        try {
          let h = await currentHandle();
          const s = segments.length - 1;
          if (lengths[s]! > 0 && lengths[s]! + data.length > segmentMaxBytes) {
            await rotate();
            h = await currentHandle();
          }
          const seg = segments.length - 1;
          await io.write(h, data);
          await io.datasync(h);
          // Each line ends at its LF (JSON escapes every LF inside a value): found in the bytes,
          // cheaper than measuring each line's UTF-8 length again.
          const start = lengths[seg]!;
          for (let at = 0; at < data.length; at = data.indexOf(10, at) + 1)
            positions.push(seg, start + at);
          lengths[seg] = start + data.length;
          durable = { ...index.head };
        } catch (error) {
          // Never acknowledge after a failed write or sync, and never retry a failed fsync as if it
          // had worked: the page cache may have dropped the data. Reopening recovers from the file.
          failed = new StoreFailedError(error);
          log('write failed; the store stopped accepting writes', { error: String(error) });
          rewind(staged);
          unwritten.clear();
          for (const a of accepted) a.item.reject(failed);
          continue;
        }
        unwritten.clear();
        signal.notify(index.head.position);
        for (const a of accepted) a.item.resolve(a.results);
      }
    } finally {
      writing = false;
    }
  }

  /** Undo the provisional index entries of a write that failed. */
  function rewind(staged: Envelope[]): void {
    for (const e of [...staged].reverse()) index.removeLast(e);
  }

  /**
   * Reads the events another process appended since this store last looked: each line is checked
   * as on open, and an append of several events is taken only once all of them are there, so a
   * reader never holds an event that the writer's recovery could still cut.
   */
  let following: Promise<void> | undefined;
  let followProblem: string | undefined;
  function follow(): Promise<void> {
    following ??= (async () => {
      const staged: Array<{ envelope: Envelope; segment: number; offset: number; end: number }> =
        [];
      try {
        const names = await listSegments(dir);
        scan: for (let s = Math.max(0, segments.length - 1); s < names.length; s++) {
          if (s >= segments.length) {
            segments.push(names[s]!);
            lengths.push(0);
          }
          for await (const lines of scanLines(segments[s]!, lengths[s]!)) {
            for (const raw of lines) {
              const checked = checkLine(raw.bytes, index, options.validateEvent);
              if (typeof checked === 'string') {
                if (followProblem !== checked)
                  log(`stopped following the log: ${checked}`, { file: segments[s] });
                followProblem = checked;
                break scan;
              }
              index.add(checked);
              staged.push({
                envelope: checked,
                segment: s,
                offset: raw.offset,
                end: raw.offset + raw.length,
              });
              const append = checked.metadata.append;
              if (append && append.index < append.count - 1) continue; // the rest of the append is not there yet
              for (const done of staged) {
                positions.push(done.segment, done.offset);
                lengths[done.segment] = done.end;
              }
              staged.length = 0;
            }
          }
        }
      } finally {
        if (staged.length > 0) rewind(staged.map((x) => x.envelope));
        following = undefined;
      }
      if (index.head.position > durable.position) {
        durable = { ...index.head };
        signal.notify(durable.position);
      }
    })();
    return following;
  }
  const followTimer =
    readOnly && options.follow
      ? setInterval(() => {
          follow().catch((error: unknown) =>
            log('could not follow the log', { error: String(error) }),
          );
        }, options.followIntervalMs ?? 250)
      : undefined;
  followTimer?.unref();

  /**
   * Reads positions from..to (all indexed and durable) from the segments. Lines were checked when
   * the store read them; a file changed under the running store since (cut short, a line altered
   * or removed) is found here and refused with its place, never read past as a shorter log: a
   * download or a subscriber would otherwise end early, or skip events, as if nothing were wrong.
   */
  async function* readRange(from: number, to: number): AsyncIterable<Envelope[]> {
    if (from > to) return;
    let position = from;
    let { segment, offset } = positions.at(from);
    while (position <= to && segment < segments.length) {
      for await (const lines of scanLines(segments[segment]!, offset, lengths[segment]!)) {
        const batch: Envelope[] = [];
        for (const raw of lines) {
          if (position > to) break;
          let envelope: Envelope;
          try {
            envelope = JSON.parse(raw.bytes.toString('utf8')) as Envelope;
          } catch (error) {
            throw damageAt(position, `not valid JSON (${(error as Error).message}) ${CHANGED}`);
          }
          if (envelope?.position !== position)
            throw damageAt(
              position,
              `holds position ${envelope?.position} where the store read ${position} ${CHANGED}`,
            );
          batch.push(envelope);
          position++;
        }
        if (batch.length > 0) yield batch;
        if (position > to) return;
      }
      segment++;
      offset = 0;
    }
    if (position <= to)
      throw damageAt(position, `the segments end before this position ${CHANGED} (cut short)`);
  }

  // The index may hold provisional entries of a write in flight; readers see only what is durable.
  let durable: LogHead = { ...index.head };
  const committedHead = () => durable.position;

  function enqueue(write: WriteRequest): Promise<Envelope[][]> {
    if (closed) return Promise.reject(new StoreClosedError());
    if (readOnly) return Promise.reject(new Error('the store was opened read-only'));
    if (failed) return Promise.reject(failed);
    return new Promise<Envelope[][]>((resolve, reject) => {
      queue.push({ write, resolve, reject });
      schedulePump();
    });
  }

  let pumpScheduled = false;
  /**
   * Starts the writer a microtask later rather than at once: callers resuming from the same
   * acknowledgement (or appending in the same tick) then share one write and one fdatasync. Started
   * at once, the first of them took a batch of one and the rest waited a whole fdatasync for the
   * next: batches alternated between 1 and 31 under 32 appenders.
   */
  function schedulePump(): void {
    if (writing || pumpScheduled) return;
    pumpScheduled = true;
    queueMicrotask(() => {
      pumpScheduled = false;
      void pump();
    });
  }

  const store: FileEventStore = {
    ...portMethods({
      write: enqueue,
      readAllBatches: (options) => store.readAllBatches(options),
      subscribeBatches: (options) => store.subscribeBatches(options),
    }),
    dir,
    tornTail: loaded.torn,
    loadedBytes: loaded.bytesRead,
    async *readAllBatches(opts: ReadAllOptions = {}) {
      if (followTimer) await follow();
      const [from, to] = clampRange(opts.fromPosition, opts.toPosition, committedHead());
      yield* readRange(from, to);
    },
    async *readStream(streamId: string) {
      const list = index.streamPositions(streamId).filter((p) => p <= committedHead());
      for (const p of list) yield stored(p);
    },
    // From memory: a head per request must not cost a directory listing and a read (logHead is
    // the API's cheapest query). A follower's timer keeps it at most one interval behind.
    async head(): Promise<LogHead> {
      return { ...durable };
    },
    async refresh() {
      if (followTimer) await follow();
    },
    healthy: () => failed === undefined,
    subscribeBatches(opts?: SubscribeOptions) {
      return subscribeBatches(readRange, committedHead, signal, opts);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (followTimer) clearInterval(followTimer);
      await following;
      while (writing || queue.length > 0) await new Promise((r) => setImmediate(r));
      signal.close();
      await handle?.close();
      for (const fd of readFds.values()) closeSync(fd);
      release();
    },
  };
  return store;
}

export { sha256OfFileRegion } from './line-hasher.js';
export { type EventValidator, loadLog, type TornTail } from './load.js';
export { type RawLine, scanLines } from './segments.js';
