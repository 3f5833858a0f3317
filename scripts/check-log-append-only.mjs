#!/usr/bin/env node
// The committed log only grows: every log file under events/ as committed in the base revision
// must still exist with its old bytes as a prefix. Base: $LOG_BASE, else origin/main, else the
// previous commit. A clean checkout compares HEAD with its parent, so CI refuses any commit
// that rewrote history.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const git = (...args) => execFileSync('git', args, { encoding: 'buffer', maxBuffer: 1 << 30 });
const tryGit = (...args) => {
  try {
    return git(...args)
      .toString()
      .trim();
  } catch {
    return '';
  }
};

if (!tryGit('rev-parse', '--git-dir')) {
  console.log('check-log: not a git checkout, nothing to compare');
  process.exit(0);
}
const base =
  process.env.LOG_BASE ||
  tryGit('rev-parse', '--verify', '--quiet', 'origin/main') ||
  tryGit('rev-parse', '--verify', '--quiet', 'HEAD~1');
if (!base) {
  console.log('check-log: no earlier revision to compare with');
  process.exit(0);
}

const files = tryGit('ls-tree', '-r', '--name-only', base, '--', 'events')
  .split('\n')
  .filter((f) => /\.(ndjson|jsonl)$/.test(f));
const broken = [];
for (const file of files) {
  if (!existsSync(file)) {
    broken.push(`${file}: removed`);
    continue;
  }
  const before = git('show', `${base}:${file}`);
  const now = readFileSync(file);
  if (now.length < before.length || !now.subarray(0, before.length).equals(before)) {
    let at = 0;
    while (at < before.length && before[at] === now[at]) at++;
    const line = before.subarray(0, at).toString().split('\n').length;
    broken.push(`${file}: line ${line} (byte ${at}) differs from ${base.slice(0, 9)}`);
  }
}
if (broken.length > 0) {
  console.error('check-log: the event log is append-only, but existing lines were changed:');
  for (const b of broken) console.error(`  ${b}`);
  console.error('Restore them and record the change as new events (a correction or retraction).');
  process.exit(1);
}
console.log(`check-log: ${files.length} log file(s) only grew since ${base.slice(0, 9)}`);
