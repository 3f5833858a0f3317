#!/usr/bin/env node
// The committed log only grows. For every log file under events/, each commit that touched it must
// keep the file's previous bytes as a prefix, and the working tree must keep HEAD's bytes as a
// prefix. Walking the whole history means a clean checkout in CI still catches a rewrite made in
// any earlier commit, not only in the last one.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const git = (...args) =>
  execFileSync('git', args, {
    encoding: 'buffer',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
const text = (...args) => {
  try {
    return git(...args)
      .toString()
      .trim();
  } catch {
    return '';
  }
};
const isLog = (file) => /^events\/.*\.(ndjson|jsonl)$/.test(file);

if (!text('rev-parse', '--git-dir')) {
  console.log('check-log: not a git checkout, nothing to compare');
  process.exit(0);
}

/** Where `after` stops continuing `before`: undefined when `before` is a prefix of `after`. */
function firstDifference(before, after) {
  if (after.length >= before.length && after.subarray(0, before.length).equals(before))
    return undefined;
  let at = 0;
  while (at < before.length && at < after.length && before[at] === after[at]) at++;
  return { byte: at, line: before.subarray(0, at).toString().split('\n').length };
}

const show = (rev, file) => {
  try {
    return git('show', `${rev}:${file}`);
  } catch {
    return undefined; // the file did not exist at that revision
  }
};

const problems = [];
const hasHead = Boolean(text('rev-parse', '--verify', '--quiet', 'HEAD'));
const commits = hasHead
  ? text('rev-list', '--reverse', 'HEAD', '--', 'events').split('\n').filter(Boolean)
  : [];
let checked = 0;
for (const commit of commits) {
  const parent = text('rev-parse', '--verify', '--quiet', `${commit}^`);
  if (!parent) continue;
  const changed = text('diff', '--name-only', '--no-renames', parent, commit, '--', 'events')
    .split('\n')
    .filter(isLog);
  for (const file of changed) {
    const before = show(parent, file);
    if (!before) continue; // a new file
    const after = show(commit, file);
    checked++;
    if (!after) problems.push(`${commit.slice(0, 9)} removed ${file}`);
    else {
      const diff = firstDifference(before, after);
      if (diff)
        problems.push(
          `${commit.slice(0, 9)} changed ${file} at line ${diff.line} (byte ${diff.byte})`,
        );
    }
  }
}
if (hasHead) {
  for (const file of text('ls-tree', '-r', '--name-only', 'HEAD', '--', 'events')
    .split('\n')
    .filter(isLog)) {
    const before = show('HEAD', file);
    checked++;
    if (!existsSync(file)) problems.push(`the working tree removed ${file}`);
    else if (before) {
      const diff = firstDifference(before, readFileSync(file));
      if (diff)
        problems.push(`the working tree changed ${file} at line ${diff.line} (byte ${diff.byte})`);
    }
  }
}

if (problems.length > 0) {
  console.error('check-log: the event log is append-only, but existing lines were changed:');
  for (const p of problems) console.error(`  ${p}`);
  console.error('Restore them and record the change as new events (a correction or a retraction).');
  process.exit(1);
}
console.log(
  `check-log: ${commits.length} commit(s) touching events/ and the working tree checked (${checked} file versions); the log only grew`,
);
