import type { CoresVariant, RunResult } from './measure.js';
import type { StreamResult } from './protocol.js';
import type { CpuCores } from './scenarios.js';

/** One number the report gives as the median of the runs with their min–max. */
export type Figure = Readonly<{
  scenario: string;
  label: string;
  unit: string;
  /** Decimal places in the report. */
  digits: number;
  value(run: RunResult): number;
}>;

/** Responses with the expected status per second of the stream's run time. */
export function expectedPerSecond(stream: StreamResult): number {
  return stream.expected / stream.durationSeconds;
}

const STORM = '1. Sign-in storm, Argon2id';
const ALONE = '1. Cheap page alone';
const RAW = '2. Raw Argon2id, no HTTP';
const REFERENCE = "3. Sign-in storm, Lucia's scrypt";
const SIGNED_IN = '4. Signed-in page';
const PROBE = '5. App process during storm 1';
const CPU = '5. CPU during storm 1, in cores';
const CORES = '6. Storm 1 and scenario 2 with HASH_CONCURRENCY = cores';

export const FIGURES: readonly Figure[] = [
  { scenario: STORM, label: 'sign-ins/s', unit: '/s', digits: 1, value: (run) => expectedPerSecond(run.storm.signIn) },
  { scenario: STORM, label: 'sign-in p50', unit: 'ms', digits: 1, value: (run) => run.storm.signIn.latency.p50Ms },
  { scenario: STORM, label: 'sign-in p99', unit: 'ms', digits: 1, value: (run) => run.storm.signIn.latency.p99Ms },
  { scenario: STORM, label: 'cheap page p50', unit: 'ms', digits: 2, value: (run) => run.storm.cheap.latency.p50Ms },
  { scenario: STORM, label: 'cheap page p99', unit: 'ms', digits: 2, value: (run) => run.storm.cheap.latency.p99Ms },
  { scenario: STORM, label: 'cheap page req/s', unit: '/s', digits: 0, value: (run) => expectedPerSecond(run.storm.cheap) },
  { scenario: ALONE, label: 'cheap page p50', unit: 'ms', digits: 2, value: (run) => run.cheapAlone.latency.p50Ms },
  { scenario: ALONE, label: 'cheap page p99', unit: 'ms', digits: 2, value: (run) => run.cheapAlone.latency.p99Ms },
  { scenario: ALONE, label: 'cheap page req/s', unit: '/s', digits: 0, value: (run) => expectedPerSecond(run.cheapAlone) },
  { scenario: RAW, label: 'verifications/s', unit: '/s', digits: 1, value: (run) => run.hashRate.perSecond },
  { scenario: REFERENCE, label: 'sign-ins/s', unit: '/s', digits: 1, value: (run) => expectedPerSecond(run.referenceStorm.signIn) },
  { scenario: REFERENCE, label: 'sign-in p99', unit: 'ms', digits: 0, value: (run) => run.referenceStorm.signIn.latency.p99Ms },
  { scenario: REFERENCE, label: 'cheap page p99', unit: 'ms', digits: 1, value: (run) => run.referenceStorm.cheap.latency.p99Ms },
  { scenario: REFERENCE, label: 'event-loop delay max', unit: 'ms', digits: 1, value: (run) => run.referenceStorm.probe.eventLoopDelayMaxMs },
  { scenario: REFERENCE, label: 'peak RSS', unit: 'MB', digits: 0, value: (run) => run.referenceStorm.probe.peakRssMB },
  { scenario: SIGNED_IN, label: 'GET / req/s', unit: '/s', digits: 0, value: (run) => expectedPerSecond(run.signedIn) },
  { scenario: SIGNED_IN, label: 'GET / p50', unit: 'ms', digits: 2, value: (run) => run.signedIn.latency.p50Ms },
  { scenario: SIGNED_IN, label: 'GET / p99', unit: 'ms', digits: 2, value: (run) => run.signedIn.latency.p99Ms },
  { scenario: SIGNED_IN, label: 'baseline req/s', unit: '/s', digits: 0, value: (run) => expectedPerSecond(run.baseline) },
  { scenario: SIGNED_IN, label: 'baseline p50', unit: 'ms', digits: 2, value: (run) => run.baseline.latency.p50Ms },
  { scenario: SIGNED_IN, label: 'baseline p99', unit: 'ms', digits: 2, value: (run) => run.baseline.latency.p99Ms },
  { scenario: PROBE, label: 'event-loop delay p99', unit: 'ms', digits: 2, value: (run) => run.storm.probe.eventLoopDelayP99Ms },
  { scenario: PROBE, label: 'event-loop delay max', unit: 'ms', digits: 2, value: (run) => run.storm.probe.eventLoopDelayMaxMs },
  { scenario: PROBE, label: 'longest GC pause', unit: 'ms', digits: 1, value: (run) => run.storm.probe.gcMaxPauseMs },
  { scenario: PROBE, label: 'GC pauses in all', unit: 'ms', digits: 0, value: (run) => run.storm.probe.gcTotalPauseMs },
  { scenario: PROBE, label: 'peak RSS', unit: 'MB', digits: 0, value: (run) => run.storm.probe.peakRssMB },
  { scenario: PROBE, label: 'RSS when the storm started', unit: 'MB', digits: 0, value: (run) => run.storm.probe.startRssMB },
  { scenario: CPU, label: 'whole machine', unit: '', digits: 2, value: (run) => run.storm.cpu.machine },
  { scenario: CPU, label: 'app process (event loop, GC, Argon2id threads)', unit: '', digits: 2, value: (run) => run.storm.cpu.app },
  { scenario: CPU, label: 'load generator', unit: '', digits: 2, value: (run) => run.storm.cpu.load },
  { scenario: CPU, label: 'database server', unit: '', digits: 2, value: (run) => run.storm.cpu.database ?? Number.NaN },
  { scenario: CPU, label: 'everything else on the machine', unit: '', digits: 2, value: (run) => otherCores(run.storm.cpu) },
  { scenario: CORES, label: 'HASH_CONCURRENCY', unit: '', digits: 0, value: (run) => run.coresVariant?.hashConcurrency ?? Number.NaN },
  { scenario: CORES, label: 'sign-ins/s', unit: '/s', digits: 1, value: (run) => variant(run, (v) => expectedPerSecond(v.storm.signIn)) },
  { scenario: CORES, label: 'raw verifications/s', unit: '/s', digits: 1, value: (run) => variant(run, (v) => v.hashRate.perSecond) },
  { scenario: CORES, label: 'sign-ins/s ÷ raw rate', unit: '×', digits: 2, value: (run) => variant(run, (v) => expectedPerSecond(v.storm.signIn) / v.hashRate.perSecond) },
  { scenario: CORES, label: 'cheap page p99', unit: 'ms', digits: 2, value: (run) => variant(run, (v) => v.storm.cheap.latency.p99Ms) },
  { scenario: CORES, label: "cheap page p99 ÷ this run's p99 alone", unit: '×', digits: 2, value: (run) => variant(run, (v) => v.storm.cheap.latency.p99Ms / run.cheapAlone.latency.p99Ms) },
  { scenario: CORES, label: 'event-loop delay max', unit: 'ms', digits: 2, value: (run) => variant(run, (v) => v.storm.probe.eventLoopDelayMaxMs) },
  { scenario: CORES, label: 'peak RSS', unit: 'MB', digits: 0, value: (run) => variant(run, (v) => v.storm.probe.peakRssMB) },
];

/**
 * Returns a figure of the cores variant, or NaN when the run has none.
 * The report leaves out rows that are NaN in every run.
 */
function variant(run: RunResult, pick: (coresVariant: CoresVariant) => number): number {
  return run.coresVariant ? pick(run.coresVariant) : Number.NaN;
}

/** Cores busy outside the app, the load generator and an embedded database: other processes and the kernel. */
function otherCores(cpu: CpuCores): number {
  return cpu.machine - cpu.app - cpu.load - (cpu.database ?? 0);
}
