import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from './progress.js';

/** What the bar wrote to the terminal, its cursor codes removed. */
function captureTerminal() {
  const written: string[] = [];
  const tty = process.stderr.isTTY;
  const ci = process.env.CI;
  process.stderr.isTTY = true;
  delete process.env.CI;
  const write = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  return {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape codes
    text: () => written.join('').replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/g, '\n'),
    restore() {
      write.mockRestore();
      process.stderr.isTTY = tty;
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
    },
  };
}

describe('progressBar', () => {
  let terminal: ReturnType<typeof captureTerminal>;
  beforeEach(() => {
    terminal = captureTerminal();
  });
  afterEach(() => terminal.restore());

  it('shows bytes as MB with their rate, and the events read with theirs', () => {
    const bar = progressBar('replaying', 'bytes');
    bar.update(5_000_000, 130_000_000, 4_000);
    bar.update(130_000_000, undefined, 100_000);
    bar.stop();
    const text = terminal.text();
    expect(text).toMatch(
      /replaying \[.*\] 3% \| 5\.0\/130 MB \| [\d.]+ MB\/s \| 4000 events, \d+ events\/s/,
    );
    expect(text).toMatch(/100% \| 130\/130 MB \| [\d.]+ MB\/s \| 100000 events, \d+ events\/s/);
    // Never a raw count of bytes.
    expect(text).not.toMatch(/\d{7,}(?:\/| MB)/);
  });

  it('counts events as whole numbers', () => {
    const bar = progressBar('verifying', 'events');
    bar.update(50, 200);
    bar.stop();
    expect(terminal.text()).toMatch(
      /verifying \[.*\] 25% \| 50\/200 events \| \d+ events\/s \| ETA/,
    );
  });

  it('writes nothing when the output is not a terminal', () => {
    process.stderr.isTTY = false;
    const bar = progressBar('replaying', 'bytes');
    bar.update(1, 2, 1);
    bar.stop();
    expect(terminal.text()).toBe('');
  });
});
