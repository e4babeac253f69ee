import { expectedPerSecond } from './figures.js';
import type { RunResult } from './measure.js';
import { spread, type Spread } from './stats.js';

/** The relation a measured value must have to the limit. */
type Comparison = 'at-least' | 'at-most' | 'below';

export type Target = Readonly<{
  name: string;
  comparison: Comparison;
  limit: number;
  unit: string;
  /** The figure, from one run only, that the limit applies to. */
  value(run: RunResult): number;
}>;

export const TARGETS: readonly Target[] = [
  { name: "Sign-ins/s ÷ Lucia's default", comparison: 'at-least', limit: 5, unit: '×', value: (run) => expectedPerSecond(run.storm.signIn) / expectedPerSecond(run.referenceStorm.signIn) },
  { name: 'Sign-ins/s ÷ raw Argon2id rate', comparison: 'at-least', limit: 0.7, unit: '×', value: (run) => expectedPerSecond(run.storm.signIn) / run.hashRate.perSecond },
  { name: 'Cheap page p99: storm ÷ alone', comparison: 'at-most', limit: 3, unit: '×', value: (run) => run.storm.cheap.latency.p99Ms / run.cheapAlone.latency.p99Ms },
  { name: 'Event-loop delay max in storm', comparison: 'below', limit: 50, unit: 'ms', value: (run) => run.storm.probe.eventLoopDelayMaxMs },
  { name: 'Signed-in page req/s ÷ baseline', comparison: 'at-least', limit: 0.8, unit: '×', value: (run) => expectedPerSecond(run.signedIn) / expectedPerSecond(run.baseline) },
  { name: 'Peak RSS in storm', comparison: 'below', limit: 300, unit: 'MB', value: (run) => run.storm.probe.peakRssMB },
];

export type TargetOutcome = Readonly<{
  target: Target;
  measured: Spread;
  runsPassed: number;
  runs: number;
  /** Judged on the median of the per-run values. */
  passed: boolean;
  /** How far the median is on the wrong side of the limit, as a fraction of the limit; 0 when passed. */
  shortfall: number;
}>;

export function evaluateTarget(target: Target, runs: readonly RunResult[]): TargetOutcome {
  const values = runs.map((run) => target.value(run));
  const measured = spread(values);
  const passed = meets(target, measured.median);
  return {
    target,
    measured,
    runsPassed: values.filter((value) => meets(target, value)).length,
    runs: values.length,
    passed,
    shortfall: passed ? 0 : Math.abs(measured.median - target.limit) / target.limit,
  };
}

function meets(target: Target, value: number): boolean {
  if (target.comparison === 'at-least') return value >= target.limit;
  if (target.comparison === 'at-most') return value <= target.limit;
  return value < target.limit;
}

export function describeGoal(target: Target): string {
  const symbol = { 'at-least': '≥', 'at-most': '≤', below: '<' }[target.comparison];
  return `${symbol} ${target.limit} ${target.unit}`;
}
