import { forkBenchModule, stopChild, waitForMessage } from './children.js';
import type { LoadResult, LoadSpec } from './protocol.js';

// Time for the load process to start, connect and report, beyond the load itself.
const OVERHEAD_MS = 30_000;

/** Runs one load spec in a new autocannon process and returns its result; the process is gone when this settles. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const child = forkBenchModule('load', { ...process.env });
  try {
    const result = waitForMessage(child, (message) => (isLoadResult(message) ? message : undefined), spec.durationSeconds * 1000 + OVERHEAD_MS, 'Load run');
    child.send(spec);
    return await result;
  } finally {
    await stopChild(child, 5_000);
  }
}

function isLoadResult(message: unknown): message is LoadResult {
  return typeof message === 'object' && message !== null && Array.isArray((message as LoadResult).streams);
}
