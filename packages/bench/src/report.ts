import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Table from 'cli-table3';
import type { Machine } from './config.js';
import { describeTarget, type Metric } from './metrics.js';

export interface BenchRun {
  tool: '@dateline/bench';
  profile: 'quick' | 'full';
  only: string[] | null;
  date: string;
  durationSeconds: number;
  machine: Machine;
  git: { commit: string; dirty: boolean };
  metrics: Metric[];
  summary: { targets: number; met: number; missed: string[] };
}

const fmt = (n: number | undefined, digits = 2): string => {
  if (n === undefined) return '';
  if (!Number.isFinite(n)) return 'n/a';
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en');
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
};

const metCell = (m: Metric) => (m.met === undefined ? '(reported)' : m.met ? 'yes' : 'NO');

function rows(metrics: Metric[]): string[][] {
  return metrics.map((m) => [
    m.label,
    `${fmt(m.value)} ${m.unit}`.trim(),
    m.baseline === undefined ? '' : `${fmt(m.baseline)} ${m.unit}`,
    fmt(m.ratio, 3),
    describeTarget(m.target),
    metCell(m),
  ]);
}

const HEAD = ['metric', 'value', 'baseline', 'ratio', 'target', 'met'];

export function terminalTable(run: BenchRun): string {
  const table = new Table({ head: HEAD, style: { head: [], border: [] }, wordWrap: true });
  table.push(...rows(run.metrics));
  const m = run.machine;
  return [
    `dateline bench (${run.profile}${run.only ? `, only ${run.only.join(', ')}` : ''}) ${run.date}`,
    `${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; git ${run.git.commit.slice(0, 10)}${run.git.dirty ? ' (dirty)' : ''}`,
    table.toString(),
    `targets met: ${run.summary.met}/${run.summary.targets}${run.summary.missed.length ? `; missed: ${run.summary.missed.join(', ')}` : ''}`,
  ].join('\n');
}

function keyFigures(m: Metric): string {
  const d = m.details ?? {};
  const parts: string[] = [];
  const pick = (key: string, label: string, unit = '') => {
    if (d[key] !== undefined) parts.push(`${label} ${JSON.stringify(d[key])}${unit}`);
  };
  pick('p50Ms', 'p50', ' ms');
  pick('p99Ms', 'p99', ' ms');
  pick('p99AckMs', 'p99 ack', ' ms');
  pick('sameAnswer', 'same answer');
  const product = d.product as Record<string, unknown> | undefined;
  const bare = d.bare as Record<string, unknown> | undefined;
  if (product?.mbPerSecond !== undefined)
    parts.push(`product ${product.mbPerSecond} MB/s, peak RSS ${product.peakRssMiB} MiB`);
  if (product?.phasesSeconds) parts.push(`phases ${JSON.stringify(product.phasesSeconds)} s`);
  if (bare?.mbPerSecond !== undefined)
    parts.push(`bare ${bare.mbPerSecond} MB/s, peak RSS ${bare.peakRssMiB} MiB`);
  if (bare?.latencyMs)
    parts.push(`bare p99 ${JSON.stringify((bare.latencyMs as { p99: number }).p99)} ms`);
  if (d.snapshotMiB !== undefined) parts.push(`snapshots ${d.snapshotMiB} MiB`);
  if (Array.isArray(d.missingSnapshots))
    parts.push(`snapshots not saved: ${(d.missingSnapshots as string[]).join(', ')}`);
  const lh = d.lighthouseMetrics as Record<string, number | undefined> | undefined;
  if (lh && m.id === 'web.performance') {
    parts.push(
      `LCP ${Math.round(lh.lcpMs ?? 0)} ms, TBT ${Math.round(lh.tbtMs ?? 0)} ms, CLS ${lh.cls ?? 0}`,
    );
    const blank = d.blank as { runs: number[]; medianTbtMs: number } | undefined;
    if (blank && d.medianTbtMs !== undefined)
      parts.push(
        `median TBT ${d.medianTbtMs} ms; blank page ${JSON.stringify(blank.runs)}, median TBT ${blank.medianTbtMs} ms`,
      );
  }
  if (d.error !== undefined) parts.push(`error: ${String(d.error).split('\n')[0]}`);
  return parts.join('; ');
}

export function markdown(run: BenchRun): string {
  const m = run.machine;
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const lines = [
    `# Dateline benchmark: ${run.profile} run${run.only ? ` (only ${run.only.join(', ')})` : ''}`,
    '',
    `- date: ${run.date} (took ${run.durationSeconds} s)`,
    `- machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node}, ${m.platform}`,
    `- git: ${run.git.commit}${run.git.dirty ? ' (with uncommitted changes)' : ''}`,
    `- targets met: ${run.summary.met}/${run.summary.targets}${run.summary.missed.length ? `; missed: ${run.summary.missed.join(', ')}` : ''}`,
    '',
    `| ${HEAD.join(' | ')} | key figures |`,
    `| ${HEAD.map(() => '---').join(' | ')} | --- |`,
    ...rows(run.metrics).map(
      (r, i) => `| ${r.map(cell).join(' | ')} | ${cell(keyFigures(run.metrics[i]!))} |`,
    ),
    '',
    'Ratios: throughput ÷ baseline throughput (higher is better), except startup, which is',
    'snapshot time ÷ full-replay time (lower is better). Full figures are in the .json file of the same name.',
    '',
  ];
  return lines.join('\n');
}

/** Writes latest.json + latest.md, and <profile>.json + .md when every measurement ran. */
export async function writeResults(dir: string, run: BenchRun): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(run, null, 2)}\n`;
  const md = markdown(run);
  const names = ['latest', ...(run.only ? [] : [run.profile])];
  const written: string[] = [];
  for (const name of names) {
    await writeFile(join(dir, `${name}.json`), json);
    await writeFile(join(dir, `${name}.md`), md);
    written.push(join(dir, `${name}.json`), join(dir, `${name}.md`));
  }
  return written;
}
