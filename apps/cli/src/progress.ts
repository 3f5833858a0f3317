import cliProgress from 'cli-progress';
import { isInteractive } from './config.js';

export interface Progress {
  update(value: number, total?: number): void;
  stop(): void;
}

/** A progress bar on a terminal (events, events/s, ETA); silent when output is piped. */
export function progressBar(label: string, unit: string): Progress {
  if (!isInteractive()) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  return {
    update(value, total) {
      const rate = Math.round(value / Math.max(0.001, (performance.now() - started) / 1000));
      if (!running) {
        bar.start(total ?? value, value, { rate });
        running = true;
      } else {
        if (total !== undefined) bar.setTotal(total);
        bar.update(value, { rate });
      }
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
