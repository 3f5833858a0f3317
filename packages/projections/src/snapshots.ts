import { createHash, Hash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EventStore, GENESIS_HASH } from '@dateline/event-store';
import { scanLines, sha256OfFileRegion } from '@dateline/event-store/file';
import type { FoldStart } from './fold.js';
import { type AnyProjection, emptyRecord } from './projection.js';

const FORMAT = 'dateline-projection-snapshot';
// 3: the header is sealed by headerSha256.
const FORMAT_VERSION = 3;

/** What a snapshot says about itself: the first line of its file. */
export interface SnapshotHeader {
  format: typeof FORMAT;
  formatVersion: typeof FORMAT_VERSION;
  name: string;
  version: number;
  /** The last log position folded into the state. */
  position: number;
  /** The hash of the envelope at `position`: the snapshot is only valid for this very log. */
  hash: string;
  savedAt: string;
  /** sha256 of the state's lines, so that a damaged file is noticed before it is trusted. */
  stateSha256: string;
  /**
   * sha256 of the fields above: a header edited to another position and the log's hash there
   * would otherwise have its state applied at the wrong point (events folded twice).
   */
  headerSha256: string;
}

/** What headerSha256 covers: every other field of the header, in a fixed order. */
function headerDigest(h: Omit<SnapshotHeader, 'headerSha256'>): string {
  const fields = [h.format, h.formatVersion, h.name, h.version, h.position, h.hash, h.savedAt];
  return createHash('sha256')
    .update(JSON.stringify([...fields, h.stateSha256]))
    .digest('hex');
}

export interface Snapshot extends SnapshotHeader {
  state: unknown;
}

export type SnapshotRead =
  | { ok: true; snapshot: Snapshot }
  | { ok: false; reason: string }
  | undefined;

/**
 * A state written out as lines, taken synchronously at one moment (so no batch folded meanwhile
 * can tear it) and written afterwards. Each line is `[path, value]`: a top-level value, or one
 * entry of a top-level object, so no single string has to hold a million-event state (V8 caps a
 * string near 512 MiB, which JSON.stringify of such a state passes).
 */
export interface SerializedState {
  chunks: Buffer[];
  bytes: number;
  sha256: string;
}

/** Where snapshots live. `load` returns undefined when there is none, and never throws on bad content. */
export interface SnapshotStore {
  load(name: string): Promise<SnapshotRead>;
  save(input: {
    name: string;
    version: number;
    position: number;
    hash: string;
    state: SerializedState;
  }): Promise<SnapshotHeader>;
}

const CHUNK_CHARS = 1 << 20;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Serialises a state into snapshot lines (see SerializedState). */
export function serializeState(state: unknown): SerializedState {
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  let bytes = 0;
  let text = '';
  const line = (path: string[], value: unknown) => {
    if (value === undefined) return; // as JSON.stringify leaves undefined properties out
    text += `${JSON.stringify([path, value])}\n`;
    if (text.length >= CHUNK_CHARS) flush();
  };
  const flush = () => {
    if (text.length === 0) return;
    const chunk = Buffer.from(text, 'utf8');
    hash.update(chunk);
    chunks.push(chunk);
    bytes += chunk.length;
    text = '';
  };
  if (!isRecord(state)) line([], state);
  else {
    line([], {});
    for (const [key, value] of Object.entries(state)) {
      if (!isRecord(value)) {
        line([key], value);
        continue;
      }
      line([key], {});
      for (const [entry, inner] of Object.entries(value)) line([key, entry], inner);
    }
  }
  flush();
  return { chunks, bytes, sha256: hash.digest('hex') };
}

/** Rebuilds a state from its lines, in order (so objects keep their key order). */
function applyLine(holder: { state: unknown }, line: unknown): void {
  if (!Array.isArray(line) || line.length !== 2 || !Array.isArray(line[0]))
    throw new Error('a line is not [path, value]');
  const [path, value] = line as [unknown[], unknown];
  if (path.length === 0) {
    holder.state = value;
    return;
  }
  if (!isRecord(holder.state)) holder.state = {};
  const state = holder.state as Record<string, unknown>;
  const [key, entry] = path;
  if (typeof key !== 'string' || path.length > 2) throw new Error('a line has a bad path');
  if (path.length === 1) {
    // A record of entries arrives empty, its entries on the lines after: restore it as the
    // projections make it (see emptyRecord).
    state[key] = isRecord(value) && Object.keys(value).length === 0 ? emptyRecord() : value;
    return;
  }
  const record = state[key];
  if (typeof entry !== 'string' || !isRecord(record))
    throw new Error(`an entry of "${key}" comes before "${key}" itself`);
  record[entry] = value;
}

/**
 * Snapshots as files `<dir>/<name>.snapshot.ndjson`: a header line, then the state's lines.
 * Writes go to a temporary file renamed into place, so a crash leaves the previous snapshot.
 */
export function getFileSnapshotStore(
  dir: string,
  options: {
    now?: () => Date;
    /** State bytes from which a file's sha256 is computed on a worker thread (default 16 MiB). */
    hashInParallelFrom?: number;
  } = {},
): SnapshotStore & { fileFor(name: string): string } {
  const now = options.now ?? (() => new Date());
  const hashInParallelFrom = options.hashInParallelFrom ?? 16 * 1024 * 1024;
  const fileFor = (name: string) => join(dir, `${name}${SNAPSHOT_SUFFIX}`);
  return {
    fileFor,
    async load(name) {
      let header: Snapshot | undefined;
      let problem: string | undefined;
      const holder: { state: unknown } = { state: undefined };
      const file = fileFor(name);
      let handle: FileHandle;
      try {
        handle = await open(file, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        return { ok: false, reason: `cannot read ${file}: ${String(error)}` };
      }
      // The state's sha256: in line as the lines are read, or for a large file on a worker thread
      // over the same open file while this thread parses it.
      let hash: Hash | Promise<string> | undefined;
      let tail: Buffer | undefined;
      try {
        const size = (await handle.stat()).size;
        // The store's own line scanner: bytes after the last newline are not a line.
        scan: for await (const batch of scanLines(file, 0, undefined, (t) => {
          tail = t.bytes;
        })) {
          for (const { bytes: line, length } of batch) {
            if (!header) {
              header = JSON.parse(line.toString('utf8')) as Snapshot;
              problem = headerProblem(header, name);
              if (problem) break scan;
              hash =
                size - length >= hashInParallelFrom
                  ? sha256OfFileRegion(handle.fd, length, size)
                  : createHash('sha256');
              // Awaited below; a failure before then must not count as unhandled.
              if (hash instanceof Promise) hash.catch(() => undefined);
              continue;
            }
            if (hash instanceof Hash) hash.update(line).update('\n');
            applyLine(holder, JSON.parse(line.toString('utf8')));
          }
        }
        // A file of one line without its newline is still told apart by what its header says.
        if (!header && tail) {
          header = JSON.parse(tail.toString('utf8')) as Snapshot;
          problem = headerProblem(header, name);
          tail = undefined;
        }
        if (!header) return { ok: false, reason: 'not a snapshot file (no complete header line)' };
        if (problem) return { ok: false, reason: problem };
        if (tail) return { ok: false, reason: 'it ends inside a line (damaged file)' };
        const digest = hash instanceof Promise ? await hash : hash?.digest('hex');
        if (digest !== header.stateSha256)
          return { ok: false, reason: 'its state does not match its stateSha256 (damaged file)' };
        if (headerDigest(header) !== header.headerSha256)
          return {
            ok: false,
            reason: 'its header does not match its headerSha256 (damaged or edited file)',
          };
        return { ok: true, snapshot: { ...header, state: holder.state } };
      } catch (error) {
        const reason =
          error instanceof SyntaxError ? `not valid JSON (${error.message})` : String(error);
        return { ok: false, reason: `cannot read ${file}: ${reason}` };
      } finally {
        // The worker reads through this handle: close it only once the worker is done.
        if (hash instanceof Promise) await hash.catch(() => undefined);
        await handle.close();
      }
    },
    async save({ name, version, position, hash, state }) {
      const fields = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        name,
        version,
        position,
        hash,
        savedAt: now().toISOString(),
        stateSha256: state.sha256,
      } as const;
      const header: SnapshotHeader = { ...fields, headerSha256: headerDigest(fields) };
      await mkdir(dir, { recursive: true });
      const file = fileFor(name);
      // Unique per save: two saves of one projection may overlap, and must not share a temporary file.
      const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, [Buffer.from(`${JSON.stringify(header)}\n`), ...state.chunks]);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return header;
    },
  };
}

/** The file name ending of a snapshot (the API looks for these to decide how to start). */
export const SNAPSHOT_SUFFIX = '.snapshot.ndjson';

function headerProblem(header: Snapshot, name: string): string | undefined {
  if (!isRecord(header)) return 'not a snapshot file';
  if (header.format !== FORMAT || header.formatVersion !== FORMAT_VERSION)
    return 'not a snapshot of a format this version reads';
  if (header.name !== name) return `the file holds projection "${header.name}"`;
  if (!Number.isSafeInteger(header.position) || header.position < 0)
    return 'its position is not a non-negative integer';
  return undefined;
}

/** The hash of the envelope at `position`, or undefined when the log is shorter. */
export async function hashAt(store: EventStore, position: number): Promise<string | undefined> {
  if (position === 0) return GENESIS_HASH;
  for await (const batch of store.readAllBatches({
    fromPosition: position,
    toPosition: position,
  })) {
    const envelope = batch.find((e) => e.position === position);
    if (envelope) return envelope.hash;
  }
  return undefined;
}

/**
 * A projection's snapshot, if it can be trusted for this log: same projection version, and the
 * envelope at its position has the hash it recorded. Anything else is ignored with a warning.
 */
export async function loadTrustedSnapshot(
  store: EventStore,
  snapshots: SnapshotStore,
  projection: AnyProjection,
  warn: (message: string, details?: Record<string, unknown>) => void = () => {},
): Promise<FoldStart | undefined> {
  const read = await snapshots.load(projection.name);
  if (read === undefined) return undefined;
  const ignore = (reason: string, details: Record<string, unknown> = {}) => {
    warn(`ignoring the ${projection.name} snapshot: ${reason}; rebuilding from the log`, {
      projection: projection.name,
      ...details,
    });
    return undefined;
  };
  if (!read.ok) return ignore(read.reason);
  const { snapshot } = read;
  if (snapshot.version !== projection.version) {
    return ignore(
      `it was made by version ${snapshot.version}, the projection is version ${projection.version}`,
      { snapshotVersion: snapshot.version, version: projection.version },
    );
  }
  const actual = await hashAt(store, snapshot.position);
  if (actual === undefined) {
    return ignore(`the log ends before its position ${snapshot.position}`, {
      position: snapshot.position,
    });
  }
  if (actual !== snapshot.hash) {
    return ignore(`the log's hash at position ${snapshot.position} differs from the snapshot's`, {
      position: snapshot.position,
      expected: snapshot.hash,
      actual,
    });
  }
  return { state: snapshot.state, position: snapshot.position, hash: snapshot.hash };
}
