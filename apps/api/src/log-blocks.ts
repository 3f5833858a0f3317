import { pino } from 'pino';

type Destination = ReturnType<typeof pino.destination>;

/**
 * Log lines gathered into blocks of about `blockChars` characters, each handed to a synchronous
 * sonic-boom destination in one write (which keeps sonic-boom's handling of EAGAIN and partial
 * writes). sonic-boom's own `minLength` buffering measures the whole block gathered so far in
 * bytes on every line it adds, which cost 3.2 µs of a `logHead` request's 78 µs in a profile
 * (docs/performance.md); here a line costs a push.
 */
export class LogBlocks {
  private lines: string[] = [];
  private chars = 0;

  constructor(
    private readonly out: Destination,
    private readonly blockChars: number,
  ) {}

  write(line: string): boolean {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= this.blockChars) this.hand();
    return true;
  }

  /** Writes out what is gathered (pino's `logger.flush()` calls this). */
  flush(callback?: (error?: Error) => void): void {
    try {
      this.flushSync();
    } catch (error) {
      callback?.(error as Error);
      return;
    }
    callback?.();
  }

  flushSync(): void {
    this.hand();
    this.out.flushSync();
  }

  private hand(): void {
    if (this.lines.length === 0) return;
    const block = this.lines.length === 1 ? (this.lines[0] as string) : this.lines.join('');
    this.lines = [];
    this.chars = 0;
    this.out.write(block);
  }
}
