import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { StoreLockedError } from '../errors.js';

interface LockInfo {
  pid: number;
  host?: string;
  tool?: string;
  since?: string;
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return Number.isInteger(info.pid) ? info : { pid: -1 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { pid: -1 }; // unreadable or half-written: treat as stale below only if its writer is gone
  }
}

function isAlive(info: LockInfo): boolean {
  if (info.host && info.host !== hostname()) return true; // cannot tell: assume the other machine still holds it
  if (info.pid <= 0) return false;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string, info: LockInfo): boolean {
  try {
    writeFileSync(path, JSON.stringify(info), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * One writer per store across processes: a lock file created with O_EXCL holding the writer's pid.
 * A lock whose process is gone is taken over; the takeover itself is serialised by a second
 * O_EXCL file so that two processes cannot both remove a stale lock and both win.
 */
export function acquireLock(path: string, tool: string): () => void {
  const mine: LockInfo = {
    pid: process.pid,
    host: hostname(),
    tool,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, mine)) return () => releaseLock(path);
    const holder = readLock(path);
    if (!holder) continue; // released meanwhile
    if (isAlive(holder)) throw new StoreLockedError(path, holder);
    const takeover = `${path}.takeover`;
    const takeoverHolder = readLock(takeover);
    if (takeoverHolder && !isAlive(takeoverHolder)) unlinkQuietly(takeover);
    if (!tryCreate(takeover, mine)) continue;
    try {
      const again = readLock(path);
      if (again && again.pid === holder.pid && !isAlive(again)) unlinkQuietly(path);
      if (tryCreate(path, mine)) return () => releaseLock(path);
    } finally {
      unlinkQuietly(takeover);
    }
  }
  const holder = readLock(path) ?? { pid: -1 };
  throw new StoreLockedError(path, holder);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function releaseLock(path: string): void {
  const holder = readLock(path);
  if (holder?.pid === process.pid) unlinkQuietly(path);
}
