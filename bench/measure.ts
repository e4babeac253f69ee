import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';

import { signUpAccounts } from './accounts.js';
import type { BenchDatabase } from './database.js';
import { BASELINE_PATH, type DatabaseInfo, type HashRateResult, type StreamResult } from './protocol.js';
import {
  STORM_CONNECTIONS,
  measureCheapPageAlone,
  measureHashRate,
  measureSignedInPage,
  measureStorm,
  warmUp,
  type StormResult,
} from './scenarios.js';
import { startAppServer, type AppServer } from './server-process.js';

/** The app's log level during runs: request lines are logged at info, so none are written. */
export const APP_LOG_LEVEL = 'warn';

/** Everything one run measured; targets compare figures of the same run only. */
export type RunResult = Readonly<{
  database: DatabaseInfo;
  cheapAlone: StreamResult;
  storm: StormResult;
  hashRate: HashRateResult;
  /** The same storm with PASSWORD_HASH=lucia-scrypt, in an app process of its own. */
  referenceStorm: StormResult;
  signedIn: StreamResult;
  baseline: StreamResult;
  /** Undefined when the configured limit already equals the number of cores. */
  coresVariant: CoresVariant | undefined;
}>;

/** The storm and raw hash rate again, in an app process with HASH_CONCURRENCY set to the number of cores. */
export type CoresVariant = Readonly<{ hashConcurrency: number; storm: StormResult; hashRate: HashRateResult }>;

// Distinguishes this benchmark's databases from those of an earlier run on the same server.
const benchId = randomBytes(4).toString('hex');

/**
 * Runs every scenario once, each app process with a database of its own: the Argon2id
 * scenarios, the reference storm with lucia-scrypt, then the cores variant if it differs.
 */
export async function measureRun(database: BenchDatabase, runIndex: number, configuredConcurrency: number): Promise<RunResult> {
  const argon2id = await withAppServer(appEnvironment(database, `${runIndex + 1}_argon2id`, 'argon2id'), (server) => measureArgon2id(server, database, runIndex));
  const referenceStorm = await withAppServer(appEnvironment(database, `${runIndex + 1}_lucia_scrypt`, 'lucia-scrypt'), (server) => measureReference(server, database));

  const cores = availableParallelism();
  if (cores === configuredConcurrency) return { ...argon2id, referenceStorm, coresVariant: undefined };

  const environment = { ...appEnvironment(database, `${runIndex + 1}_cores`, 'argon2id'), HASH_CONCURRENCY: String(cores) };
  const coresVariant = await withAppServer(environment, (server) => measureCoresVariant(server, database, cores));
  return { ...argon2id, referenceStorm, coresVariant };
}

async function measureArgon2id(server: AppServer, database: BenchDatabase, runIndex: number): Promise<Omit<RunResult, 'referenceStorm' | 'coresVariant'>> {
  const accounts = await signUpAccounts(server.origin, STORM_CONNECTIONS);
  await warmUp(server, accounts);

  const cheapAlone = await measureCheapPageAlone(server);
  const storm = await measureStorm(server, accounts, database.pid, false);
  const hashRate = await measureHashRate(server);

  // Alternating the order between runs spreads any drift, such as the sessions
  // collection growing, over both routes.
  const order = runIndex % 2 === 0 ? ['/', BASELINE_PATH] : [BASELINE_PATH, '/'];
  const pages: Record<string, StreamResult> = {};
  for (const path of order) pages[path] = await measureSignedInPage(server, accounts, path);

  return { database: server.database, cheapAlone, storm, hashRate, signedIn: pages['/']!, baseline: pages[BASELINE_PATH]! };
}

async function measureReference(server: AppServer, database: BenchDatabase): Promise<StormResult> {
  const accounts = await signUpAccounts(server.origin, STORM_CONNECTIONS);
  return measureStorm(server, accounts, database.pid, true);
}

async function measureCoresVariant(server: AppServer, database: BenchDatabase, hashConcurrency: number): Promise<CoresVariant> {
  const accounts = await signUpAccounts(server.origin, STORM_CONNECTIONS);
  await warmUp(server, accounts);

  const storm = await measureStorm(server, accounts, database.pid, false);
  const hashRate = await measureHashRate(server);
  return { hashConcurrency, storm, hashRate };
}

async function withAppServer<T>(environment: NodeJS.ProcessEnv, body: (server: AppServer) => Promise<T>): Promise<T> {
  const server = await startAppServer(environment);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

/** Builds an app process's environment: the app's own variables (ARGON2_*, HASH_CONCURRENCY, UV_THREADPOOL_SIZE) pass through, and these are fixed. */
function appEnvironment(database: BenchDatabase, name: string, passwordHash: 'argon2id' | 'lucia-scrypt'): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: APP_LOG_LEVEL,
    PASSWORD_HASH: passwordHash,
    BENCH_DATABASE_URI: database.uri,
    BENCH_DATABASE_NAME: `bench_${benchId}_${name}`,
  };
}
