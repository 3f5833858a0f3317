import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The segment files of a file store in order (the baselines read exactly what the store reads). */
export async function segmentFiles(dir: string): Promise<string[]> {
  const names = (await readdir(join(dir, 'segments'))).filter((n) => /^\d{8}\.ndjson$/.test(n));
  return names.sort().map((n) => join(dir, 'segments', n));
}

/**
 * Calls `onLine(buffer, start, end)` for every complete line of every segment, reading 1 MiB
 * chunks as the store does. The plainest fast way to see every line once.
 */
export async function forEachLine(
  dir: string,
  onLine: (buffer: Buffer, start: number, end: number) => void,
): Promise<{ lines: number; bytes: number }> {
  let lines = 0;
  let bytes = 0;
  for (const file of await segmentFiles(dir)) {
    let carry: Buffer | undefined;
    for await (const chunk of createReadStream(file, {
      highWaterMark: 1 << 20,
    }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      const buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let from = 0;
      for (let nl = buffer.indexOf(10, from); nl !== -1; nl = buffer.indexOf(10, from)) {
        onLine(buffer, from, nl);
        lines++;
        from = nl + 1;
      }
      carry = from < buffer.length ? buffer.subarray(from) : undefined;
    }
  }
  return { lines, bytes };
}
