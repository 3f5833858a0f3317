import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EventStore, GENESIS_HASH, sha256Hex } from '@dateline/event-store';
import type { FoldStart } from './fold.js';
import type { AnyProjection } from './projection.js';

const FORMAT = 'dateline-projection-snapshot';

/** What a snapshot says about itself; `state` follows it in the same JSON object. */
export interface SnapshotHeader {
  format: typeof FORMAT;
  formatVersion: 1;
  name: string;
  version: number;
  /** The last log position folded into the state. */
  position: number;
  /** The hash of the envelope at `position`: the snapshot is only valid for this very log. */
  hash: string;
  savedAt: string;
  /** sha256 of the state's JSON text, so that a damaged file is noticed before it is trusted. */
  stateSha256: string;
}

export interface Snapshot extends SnapshotHeader {
  state: unknown;
}

export type SnapshotRead =
  | { ok: true; snapshot: Snapshot }
  | { ok: false; reason: string }
  | undefined;

/** Where snapshots live. `load` returns undefined when there is none, and never throws on bad content. */
export interface SnapshotStore {
  load(name: string): Promise<SnapshotRead>;
  /** `stateJson` is JSON.stringify(state), taken by the caller at the moment of `position`. */
  save(input: {
    name: string;
    version: number;
    position: number;
    hash: string;
    stateJson: string;
  }): Promise<SnapshotHeader>;
}

const STATE_KEY = ',"state":';

/**
 * Snapshots as JSON files `<dir>/<name>.snapshot.json`: the header fields first, then `state`.
 * Writes go to a temporary file renamed into place, so a crash leaves the previous snapshot.
 */
export function getFileSnapshotStore(
  dir: string,
  options: { now?: () => Date } = {},
): SnapshotStore & { fileFor(name: string): string } {
  const now = options.now ?? (() => new Date());
  const fileFor = (name: string) => join(dir, `${name}.snapshot.json`);
  return {
    fileFor,
    async load(name) {
      let text: string;
      try {
        text = await readFile(fileFor(name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        return { ok: false, reason: `cannot read ${fileFor(name)}: ${String(error)}` };
      }
      const at = text.indexOf(STATE_KEY);
      if (at < 0 || !text.endsWith('}')) return { ok: false, reason: 'not a snapshot file' };
      const stateText = text.slice(at + STATE_KEY.length, -1);
      let parsed: Snapshot;
      try {
        parsed = JSON.parse(text) as Snapshot;
      } catch (error) {
        return { ok: false, reason: `not valid JSON (${String(error)})` };
      }
      if (parsed.format !== FORMAT || parsed.formatVersion !== 1)
        return { ok: false, reason: 'not a snapshot of a format this version reads' };
      if (parsed.name !== name)
        return { ok: false, reason: `the file holds projection "${parsed.name}"` };
      if (!Number.isSafeInteger(parsed.position) || parsed.position < 0)
        return { ok: false, reason: 'its position is not a non-negative integer' };
      if (sha256Hex(stateText) !== parsed.stateSha256)
        return { ok: false, reason: 'its state does not match its stateSha256 (damaged file)' };
      return { ok: true, snapshot: parsed };
    },
    async save({ name, version, position, hash, stateJson: stateText }) {
      const header: SnapshotHeader = {
        format: FORMAT,
        formatVersion: 1,
        name,
        version,
        position,
        hash,
        savedAt: now().toISOString(),
        stateSha256: sha256Hex(stateText),
      };
      const headerText = JSON.stringify(header);
      await mkdir(dir, { recursive: true });
      const file = fileFor(name);
      // Unique per save: two saves of one projection may overlap, and must not share a temporary file.
      const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(temporary, `${headerText.slice(0, -1)}${STATE_KEY}${stateText}}`);
      await rename(temporary, file);
      return header;
    },
  };
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
