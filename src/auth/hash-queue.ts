/**
 * A first-in, first-out semaphore that caps how many tasks run at once.
 * `running` and `queued` are read-only counts for tests and metrics.
 */
export type ConcurrencyLimit = {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly queued: number;
};

/**
 * Creates a limit that runs at most `max` tasks at once and starts the rest
 * in the order `run` was called.
 *
 * NOTE: the queue has no length limit. A waiting task costs an estimated few
 * hundred bytes, but each one also delays later callers, so code that faces
 * untrusted traffic should rate-limit before calling `run`.
 */
export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1) {
    throw new Error(
      `Invalid concurrency limit ${String(max)}: pass a positive integer such as 4.`,
    );
  }

  const state: LimitState = { max, running: 0, waiting: [] };

  return {
    run: <T>(task: () => Promise<T>) => runWithinLimit(state, task),
    get running() {
      return state.running;
    },
    get queued() {
      return state.waiting.length;
    },
  };
}

/** Mutable state of one limit: `waiting` contains the resume callbacks of queued tasks, oldest first. */
type LimitState = { max: number; running: number; waiting: Array<() => void> };

async function runWithinLimit<T>(state: LimitState, task: () => Promise<T>): Promise<T> {
  if (state.running < state.max) {
    state.running += 1;
  } else {
    await new Promise<void>((resolve) => state.waiting.push(resolve));
  }

  try {
    return await task();
  } finally {
    releaseSlot(state);
  }
}

// A finishing task hands its slot straight to the oldest waiter, so `running`
// stays at `max` and a newly arriving task cannot overtake the waiter.
function releaseSlot(state: LimitState): void {
  const next = state.waiting.shift();
  if (next === undefined) {
    state.running -= 1;
    return;
  }

  next();
}
