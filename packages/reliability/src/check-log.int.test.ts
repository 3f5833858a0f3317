import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'check-log-append-only.mjs');
const log = 'events/segments/00000001.ndjson';

function repo() {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-check-log-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'test@example.org');
  git('config', 'user.name', 'test');
  mkdirSync(join(dir, 'events', 'segments'), { recursive: true });
  writeFileSync(join(dir, log), '{"position":1}\n{"position":2}\n');
  git('add', '.');
  git('commit', '-qm', 'log');
  const check = () => spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
  return { dir, git, check };
}

describe('the append-only check of the committed log', () => {
  it('accepts a log that only grew, in the working tree and in history', () => {
    const { dir, git, check } = repo();
    appendFileSync(join(dir, log), '{"position":3}\n');
    expect(check().status).toBe(0);
    git('commit', '-qam', 'grow');
    const result = check();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/the log only grew/);
  });

  it('refuses a changed line in the working tree, naming file and line', () => {
    const { dir, check } = repo();
    writeFileSync(join(dir, log), '{"position":1}\n{"position":9}\n');
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /working tree changed events\/segments\/00000001\.ndjson at line 2/,
    );
  });

  it('refuses a rewrite committed earlier in history, even when later commits only grew', () => {
    const { dir, git, check } = repo();
    writeFileSync(join(dir, log), '{"position":1}\n');
    git('commit', '-qam', 'drop a line');
    appendFileSync(join(dir, log), '{"position":2,"again":true}\n');
    git('commit', '-qam', 'grow again');
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/changed events\/segments\/00000001\.ndjson at line 2/);
    expect(readFileSync(join(dir, log), 'utf8')).toContain('again');
  });

  it('refuses a removed log file', () => {
    const { git, check } = repo();
    git('rm', '-q', log);
    git('commit', '-qm', 'remove');
    expect(check().stderr).toMatch(/removed events\/segments\/00000001\.ndjson/);
  });
});
