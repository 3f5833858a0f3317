import cliProgress from 'cli-progress';
import { isInteractive } from './config.js';

export interface Progress {
  /** `events`: on a bar of bytes, the events read so far, shown with their rate. */
  update(value: number, total?: number, events?: number): void;
  stop(): void;
}

/** How an amount reads on the bar: events as counts, bytes in MB. */
function amount(unit: string): (n: number) => string {
  if (unit !== 'bytes') return (n) => String(Math.round(n));
  return (n) => (n / 1e6).toFixed(n < 1e7 ? 1 : 0);
}

/**
 * A progress bar on a terminal (events or MB, the rate, ETA; on a bar of bytes also the events
 * read and events/s, when the caller knows them); silent when output is piped.
 */
export function progressBar(label: string, unit: string): Progress {
  if (!isInteractive()) return { update: () => {}, stop: () => {} };
  const shown = unit === 'bytes' ? 'MB' : unit;
  const format = amount(unit);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {done}/{all} ${shown} | {rate} ${shown}/s{events} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  let all = 0;
  return {
    update(value, total, events) {
      const seconds = Math.max(0.001, (performance.now() - started) / 1000);
      const rate = format(value / seconds);
      if (total !== undefined) all = total;
      const payload = {
        rate,
        done: format(value),
        all: format(running ? all : (total ?? value)),
        events:
          events === undefined
            ? ''
            : ` | ${events} events, ${Math.round(events / seconds)} events/s`,
      };
      if (!running) {
        bar.start(total ?? value, value, payload);
        all = total ?? value;
        running = true;
      } else {
        if (total !== undefined) bar.setTotal(total);
        bar.update(value, payload);
      }
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
