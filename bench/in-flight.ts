import { setTimeout as sleep } from 'node:timers/promises';

import type { RequestHandler } from 'express';

export type InFlightRequests = Readonly<{
  middleware: RequestHandler;
  /** Resolves once no request is in flight, or after timeoutMs, whichever comes first. */
  drained(timeoutMs: number): Promise<void>;
}>;

/**
 * Counts requests from arrival until their handler calls `res.end`. A request whose
 * client has gone away still counts until then, which `res.on('close')` would not:
 * the benchmark must not close the database under a sign-in that is still running.
 */
export function countInFlightRequests(): InFlightRequests {
  let inFlight = 0;

  const middleware: RequestHandler = (_req, res, next) => {
    inFlight += 1;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    let ended = false;
    res.end = ((...args: unknown[]) => {
      if (!ended) inFlight -= 1;
      ended = true;
      return end(...args);
    }) as typeof res.end;
    next();
  };

  const drained = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (inFlight > 0 && Date.now() < deadline) await sleep(50);
  };
  return { middleware, drained };
}
