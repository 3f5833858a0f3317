/** One line of the results: a product figure, its baseline from the same run, and the target. */
export interface Metric {
  /** The measurement it belongs to: replay, verify, graphql, append, startup, web, postgres. */
  group: string;
  /** Stable id, e.g. "graphql.timeline". */
  id: string;
  label: string;
  value: number;
  unit: string;
  baseline?: number;
  baselineLabel?: string;
  /** value ÷ baseline, or baseline ÷ value for times: always so that the target reads naturally. */
  ratio?: number;
  target?: Target;
  /** Whether the target is met; absent when there is no target. */
  met?: boolean;
  /** Supporting figures: latencies, MB/s, peak RSS, phases. */
  details?: Record<string, unknown>;
}

export interface Target {
  /** Compared with `ratio` when `on` is ratio, else with `value`. */
  on: 'ratio' | 'value';
  op: '>=' | '<=';
  threshold: number;
}

export function judge(metric: Omit<Metric, 'met'>): Metric {
  if (!metric.target) return metric;
  const subject = metric.target.on === 'ratio' ? metric.ratio : metric.value;
  if (subject === undefined || !Number.isFinite(subject)) return { ...metric, met: false };
  const met =
    metric.target.op === '>='
      ? subject >= metric.target.threshold
      : subject <= metric.target.threshold;
  return { ...metric, met };
}

export function describeTarget(target: Target | undefined): string {
  if (!target) return '';
  return `${target.on === 'ratio' ? 'ratio ' : ''}${target.op === '>=' ? '≥' : '≤'} ${target.threshold}`;
}

/** A measurement that could not run: kept in the results with its reason, never silently left out. */
export function failedMetric(group: string, reason: string): Metric {
  return {
    group,
    id: `${group}.error`,
    label: `${group}: did not run`,
    value: Number.NaN,
    unit: '',
    met: false,
    details: { error: reason },
  };
}
