/**
 * The load generator, forked by load-process.ts so that autocannon never shares a process
 * (or an event loop) with the app. It receives one LoadSpec, runs every stream of it
 * at once against 127.0.0.1, replies with one LoadResult and exits.
 */
import autocannon from 'autocannon';

import type { LatencySummary, LoadResult, LoadSpec, StreamResult, StreamSpec } from './protocol.js';
import { percentile } from './stats.js';

// Seconds a request may take before autocannon counts a timeout; the reference hash can stall the app for seconds.
const REQUEST_TIMEOUT_SECONDS = 10;

// Longer than any load run; only a lost orchestrator leaves a process this long.
const MAX_LIFETIME_MS = 5 * 60_000;

function main(): void {
  setTimeout(() => process.exit(2), MAX_LIFETIME_MS).unref();
  process.once('disconnect', () => process.exit(1));
  process.once('message', (spec: LoadSpec) => {
    runLoad(spec).then(
      (result) => process.send?.(result, () => process.disconnect()),
      (error: unknown) => {
        process.stderr.write(`bench load: ${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  assertLoopback(spec.origin);
  const startCpu = process.cpuUsage();
  const startWall = performance.now();

  const streams = await Promise.all(spec.streams.map((stream) => runStream(spec, stream)));

  const cpu = process.cpuUsage(startCpu);
  return { streams, cpuPercent: ((cpu.user + cpu.system) / ((performance.now() - startWall) * 1000)) * 100 };
}

function runStream(spec: LoadSpec, stream: StreamSpec): Promise<StreamResult> {
  const latencies: number[] = [];
  let expected = 0;
  let unexpected = 0;

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(stream.path, spec.origin).href,
        connections: stream.connections,
        duration: spec.durationSeconds,
        timeout: REQUEST_TIMEOUT_SECONDS,
        requests: [{ method: stream.method, setupRequest: rotateRequests(stream) }],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        resolve({ name: stream.name, durationSeconds: result.duration, expected, unexpected, errors: result.errors, timeouts: result.timeouts, latency: summarise(latencies) });
      },
    );

    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      latencies.push(responseTimeMs);
      if (statusCode === stream.expectedStatus) expected += 1;
      else unexpected += 1;
    });
  });
}

/** Returns a setupRequest that sends the stream's form bodies and cookies in turn, one a request. */
function rotateRequests(stream: StreamSpec): (request: autocannon.Request) => autocannon.Request {
  let sent = 0;
  return (request) => {
    const index = sent;
    sent += 1;
    const headers: Record<string, string> = { ...(request.headers as Record<string, string> | undefined) };
    const cookie = pick(stream.cookies, index);
    if (cookie) headers.cookie = cookie;

    const form = pick(stream.forms, index);
    if (!form) return { ...request, headers };

    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { ...request, headers, body: new URLSearchParams(form).toString() };
  };
}

function pick<T>(values: readonly T[] | undefined, index: number): T | undefined {
  return values && values.length > 0 ? values[index % values.length] : undefined;
}

function summarise(latencies: number[]): LatencySummary {
  const sorted = latencies.sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Rejects any target but 127.0.0.1, because the benchmark only sends load to servers it started itself. */
function assertLoopback(origin: string): void {
  if (new URL(origin).hostname !== '127.0.0.1') throw new Error(`Invalid load target ${origin}: the benchmark only sends requests to 127.0.0.1.`);
}

main();
