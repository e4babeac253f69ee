import { cpus } from 'node:os';

import type { BenchAccounts } from './accounts.js';
import { runLoad } from './load-process.js';
import { readCpuSeconds } from './process-cpu.js';
import { BASELINE_PATH, type HashRateResult, type ProbeResult, type StreamResult, type StreamSpec } from './protocol.js';
import type { AppServer } from './server-process.js';

/** Seconds every measured load runs; the sign-in storm's length is fixed at 10 s. */
export const LOAD_SECONDS = 10;
const WARM_UP_SECONDS = 3;

export const STORM_CONNECTIONS = 20;
export const CHEAP_PAGE_CONNECTIONS = 10;
export const SIGNED_IN_CONNECTIONS = 50;

/**
 * The cheap page: the sign-in form without a cookie. Lucia's validate() returns at
 * once without a session cookie, so the request renders a template and reads nothing
 * from the database, which makes its latency a measure of the event loop.
 */
export const CHEAP_PAGE_PATH = '/login';

/** CPU used during a load run, in cores (1 = one core busy for the whole run). */
export type CpuCores = Readonly<{
  machine: number;
  app: number;
  load: number;
  /** Undefined for a database this benchmark did not start. */
  database: number | undefined;
}>;

export type StormResult = Readonly<{
  signIn: StreamResult;
  cheap: StreamResult;
  probe: ProbeResult;
  cpu: CpuCores;
}>;

const cheapPage: StreamSpec = { name: 'cheap page', connections: CHEAP_PAGE_CONNECTIONS, method: 'GET', path: CHEAP_PAGE_PATH, expectedStatus: 200 };

function signInStream(accounts: BenchAccounts, connections: number): StreamSpec {
  return { name: 'sign-in', connections, method: 'POST', path: '/login', expectedStatus: 302, forms: accounts.forms };
}

function signedInStream(accounts: BenchAccounts, path: string): StreamSpec {
  return { name: path, connections: SIGNED_IN_CONNECTIONS, method: 'GET', path, expectedStatus: 200, cookies: accounts.cookies };
}

/** Runs every code path the measurements use for a few seconds, so that they measure optimised code. */
export async function warmUp(server: AppServer, accounts: BenchAccounts): Promise<void> {
  const streams: StreamSpec[] = [cheapPage, signInStream(accounts, 4), { ...signedInStream(accounts, '/'), connections: 5 }, { ...signedInStream(accounts, BASELINE_PATH), connections: 5 }];
  await runLoad({ origin: server.origin, durationSeconds: WARM_UP_SECONDS, streams });
}

export async function measureCheapPageAlone(server: AppServer): Promise<StreamResult> {
  const { streams } = await runLoad({ origin: server.origin, durationSeconds: LOAD_SECONDS, streams: [cheapPage] });
  return checkResponses(streams[0]!, false);
}

/**
 * Measures the sign-in storm with the cheap page beside it, probed from inside the app process.
 * `reference` allows timeouts, which Lucia's scrypt can cause by stalling the event loop.
 */
export async function measureStorm(server: AppServer, accounts: BenchAccounts, databasePid: number | undefined, reference: boolean): Promise<StormResult> {
  await server.call('probe-start', {}, 5_000);
  const machineBefore = cpus();
  const databaseBefore = databasePid === undefined ? undefined : readCpuSeconds(databasePid);

  const { streams, cpuPercent } = await runLoad({ origin: server.origin, durationSeconds: LOAD_SECONDS, streams: [signInStream(accounts, STORM_CONNECTIONS), cheapPage] });

  const machineAfter = cpus();
  const databaseAfter = databasePid === undefined ? undefined : readCpuSeconds(databasePid);
  const probe = await server.call('probe-stop', {}, 5_000);
  const wallSeconds = streams[0]!.durationSeconds;
  const cpu: CpuCores = {
    machine: (busyPercent(machineBefore, machineAfter) / 100) * machineAfter.length,
    app: probe.cpuPercent / 100,
    load: cpuPercent / 100,
    database: databaseBefore === undefined || databaseAfter === undefined ? undefined : (databaseAfter - databaseBefore) / wallSeconds,
  };
  return { signIn: checkResponses(streams[0]!, reference), cheap: checkResponses(streams[1]!, reference), probe, cpu };
}

/** Argon2id verifications per second in the app process, at the storm's concurrency and without HTTP. */
export function measureHashRate(server: AppServer): Promise<HashRateResult> {
  return server.call('hash-rate', { concurrency: STORM_CONNECTIONS, durationMs: LOAD_SECONDS * 1000 }, LOAD_SECONDS * 1000 + 30_000);
}

/** GET `path` with 50 connections, each request with the session cookie of the next account. */
export async function measureSignedInPage(server: AppServer, accounts: BenchAccounts, path: string): Promise<StreamResult> {
  const { streams } = await runLoad({ origin: server.origin, durationSeconds: LOAD_SECONDS, streams: [signedInStream(accounts, path)] });
  return checkResponses(streams[0]!, false);
}

/**
 * Throws when a response had another status than expected, or a request failed,
 * because figures from a failing app would mean nothing.
 */
function checkResponses(stream: StreamResult, allowTimeouts: boolean): StreamResult {
  const failures = stream.unexpected + (allowTimeouts ? stream.errors - stream.timeouts : stream.errors);
  if (failures > 0) {
    throw new Error(
      `Stream "${stream.name}": ${stream.unexpected} responses with an unexpected status and ${stream.errors} socket errors ` +
        `(${stream.timeouts} timeouts) out of ${stream.expected + stream.unexpected} responses. Check the app's log above.`,
    );
  }
  return stream;
}

function busyPercent(before: ReturnType<typeof cpus>, after: ReturnType<typeof cpus>): number {
  let busy = 0;
  let total = 0;
  after.forEach((cpu, index) => {
    const start = before[index]!.times;
    const spent = Object.values(cpu.times).reduce((sum, value) => sum + value, 0) - Object.values(start).reduce((sum, value) => sum + value, 0);
    total += spent;
    busy += spent - (cpu.times.idle - start.idle);
  });
  return total > 0 ? (busy / total) * 100 : Number.NaN;
}
