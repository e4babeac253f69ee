import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

import type { ProbeResult } from './protocol.js';

// A 1 ms timer resolves stalls well below the 50 ms target and costs little CPU.
const SAMPLING_INTERVAL_MS = 1;
const NS_PER_MS = 1e6;
const BYTES_PER_MB = 1e6;

/**
 * Starts measuring event-loop delay, garbage-collection pauses and CPU time of this
 * process; the returned function stops and returns the figures. Peak RSS is the
 * kernel's high-water mark for the whole life of the process, not only the probed interval.
 */
export function startProbe(): () => ProbeResult {
  const histogram = monitorEventLoopDelay({ resolution: SAMPLING_INTERVAL_MS });
  const stopGcWatch = watchGarbageCollection();
  const startRss = process.memoryUsage.rss();
  const startCpu = process.cpuUsage();
  const startWall = performance.now();
  histogram.enable();

  return () => {
    histogram.disable();
    const gc = stopGcWatch();
    const cpu = process.cpuUsage(startCpu);
    const wallMicroseconds = (performance.now() - startWall) * 1000;

    return {
      eventLoopDelayP99Ms: histogram.percentile(99) / NS_PER_MS,
      eventLoopDelayMaxMs: histogram.max / NS_PER_MS,
      samplingIntervalMs: SAMPLING_INTERVAL_MS,
      gcMaxPauseMs: gc.maxMs,
      gcTotalPauseMs: gc.totalMs,
      // resourceUsage() reports maxRSS in KiB.
      peakRssMB: (process.resourceUsage().maxRSS * 1024) / BYTES_PER_MB,
      startRssMB: startRss / BYTES_PER_MB,
      cpuPercent: ((cpu.user + cpu.system) / wallMicroseconds) * 100,
    };
  };
}

function watchGarbageCollection(): () => { maxMs: number; totalMs: number } {
  let maxMs = 0;
  let totalMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      maxMs = Math.max(maxMs, entry.duration);
      totalMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });

  return () => {
    observer.disconnect();
    return { maxMs, totalMs };
  };
}
