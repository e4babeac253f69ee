/**
 * Messages between the orchestrator (run.ts) and its child processes over the
 * Node IPC channel. Every duration is in milliseconds unless its name says otherwise.
 */

/** The route of the baseline: the account page's reads and template without Lucia. */
export const BASELINE_PATH = '/bench/baseline';

/** Measurements the app process took between `probe-start` and `probe-stop`. */
export type ProbeResult = Readonly<{
  /** From perf_hooks.monitorEventLoopDelay; each value includes the sampling interval. */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  samplingIntervalMs: number;
  /** Maximum and summed garbage-collection pauses of the main thread, from PerformanceObserver 'gc' entries. */
  gcMaxPauseMs: number;
  gcTotalPauseMs: number;
  /** Peak resident set size of the app process since it started, in MB (10^6 bytes). */
  peakRssMB: number;
  /** Resident set size when the probe started, in MB. */
  startRssMB: number;
  /** CPU time of the whole app process (event loop and thread pool) as a percentage of one core. */
  cpuPercent: number;
}>;

export type HashRateResult = Readonly<{
  /** Argon2id verifications completed per second. */
  perSecond: number;
  completed: number;
  concurrency: number;
  elapsedMs: number;
}>;

/** Commands the app process accepts, with their parameters and results. */
export type ServerCommands = {
  'probe-start': { params: Record<string, never>; result: null };
  'probe-stop': { params: Record<string, never>; result: ProbeResult };
  'hash-rate': { params: { concurrency: number; durationMs: number }; result: HashRateResult };
};

export type ServerCommandName = keyof ServerCommands;

export type ServerRequest = { [K in ServerCommandName]: { id: number; command: K; params: ServerCommands[K]['params'] } }[ServerCommandName];

export type ServerReply = { id: number; result: unknown } | { id: number; error: string };

/** The database the app process is connected to, as its server reports itself. */
export type DatabaseInfo = Readonly<{ version: string; ferretdbVersion: string | undefined }>;

/** The first message of the app process: it listens on 127.0.0.1:port. */
export type ServerReady = { ready: true; port: number; database: DatabaseInfo };

/** One group of autocannon connections sending the same kind of request. */
export type StreamSpec = Readonly<{
  name: string;
  connections: number;
  method: 'GET' | 'POST';
  path: string;
  /** The status every response should have; anything else is counted as unexpected. */
  expectedStatus: number;
  /** Form bodies sent in turn, one a request; only for POST. */
  forms?: ReadonlyArray<Readonly<Record<string, string>>>;
  /** Cookie headers sent in turn, one a request. */
  cookies?: readonly string[];
}>;

/** A load run: every stream starts at once and runs for `durationSeconds`. */
export type LoadSpec = Readonly<{
  origin: string;
  durationSeconds: number;
  streams: readonly StreamSpec[];
}>;

export type LatencySummary = Readonly<{ count: number; p50Ms: number; p99Ms: number; maxMs: number }>;

export type StreamResult = Readonly<{
  name: string;
  /** Wall time autocannon ran, in seconds. */
  durationSeconds: number;
  expected: number;
  unexpected: number;
  /** Socket errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Latency of every response, whatever its status. */
  latency: LatencySummary;
}>;

export type LoadResult = Readonly<{
  streams: readonly StreamResult[];
  /** CPU time of the load process as a percentage of one core, over the load run. */
  cpuPercent: number;
}>;
