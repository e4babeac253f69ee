/**
 * The app process of the benchmark, forked by server-process.ts with an IPC channel. It serves
 * createApp() from src/app.ts behind an outer Express app that adds only the baseline
 * route, listens on 127.0.0.1 at a free port, and executes the commands in protocol.ts.
 * It shuts down when the IPC channel closes, and exits on its own after MAX_LIFETIME_MS.
 *
 * Environment: the app's variables (PASSWORD_HASH, LOG_LEVEL, ...) plus
 * BENCH_DATABASE_URI and BENCH_DATABASE_NAME, the database it connects to and drops on exit.
 */
import type { Server } from 'node:http';

import express from 'express';

import { createApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { connectDatabase, type Database } from '../src/db/connection.js';
import { createLogger } from '../src/logger.js';
import { closeServer, listen } from '../src/server/listen.js';
import { configureViews } from '../src/views/nunjucks.js';
import { createBaselineRoute } from './baseline.js';
import { countInFlightRequests } from './in-flight.js';
import { measureHashRate } from './hash-rate.js';
import { startProbe } from './probe.js';
import { BASELINE_PATH, type DatabaseInfo, type ProbeResult, type ServerReady, type ServerReply, type ServerRequest } from './protocol.js';

// Longer than a whole benchmark run; only a lost orchestrator leaves a process this long.
const MAX_LIFETIME_MS = 15 * 60_000;

// Sign-ins cut off by the end of a load run finish within this time, even the reference's
// queued scrypt hashes; the database closes after them.
const DRAIN_TIMEOUT_MS = 15_000;

const inFlight = countInFlightRequests();

async function main(): Promise<void> {
  setTimeout(() => process.exit(2), MAX_LIFETIME_MS).unref();
  const config = loadConfig(process.env);
  const database = await connectDatabase(requireEnv('BENCH_DATABASE_URI'), { dbName: requireEnv('BENCH_DATABASE_NAME') });
  const server = await listen(buildApp(config, database), '127.0.0.1', 0);

  process.once('disconnect', () => void shutDown(server, database));
  process.on('message', (message: ServerRequest) => void answer(config, message));

  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no TCP address.');
  const ready: ServerReady = { ready: true, port: address.port, database: await describeDatabase(database) };
  process.send?.(ready);
}

/** Builds the outer app: the baseline route, then the whole production app. */
function buildApp(config: Config, database: Database): express.Express {
  const app = express();
  app.disable('x-powered-by');
  configureViews(app, config.env === 'production');
  app.use(inFlight.middleware);
  app.get(BASELINE_PATH, createBaselineRoute(database.models));
  app.use(createApp({ config, logger: createLogger(config.logLevel), database }));
  return app;
}

let stopProbe: (() => ProbeResult) | undefined;

async function answer(config: Config, request: ServerRequest): Promise<void> {
  let reply: ServerReply;
  try {
    reply = { id: request.id, result: await execute(config, request) };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).stack ?? String(error) };
  }
  process.send?.(reply);
}

async function execute(config: Config, request: ServerRequest): Promise<unknown> {
  switch (request.command) {
    case 'probe-start':
      stopProbe = startProbe();
      return null;
    case 'probe-stop': {
      if (!stopProbe) throw new Error('probe-stop arrived before probe-start; send probe-start first.');
      const result = stopProbe();
      stopProbe = undefined;
      return result;
    }
    case 'hash-rate':
      return measureHashRate(config.passwordHash, request.params.concurrency, request.params.durationMs);
  }
}

async function describeDatabase(database: Database): Promise<DatabaseInfo> {
  const info = await database.connection.db!.admin().command({ buildInfo: 1 });
  return { version: String(info.version), ferretdbVersion: typeof info.ferretdbVersion === 'string' ? info.ferretdbVersion : undefined };
}

async function shutDown(server: Server, database: Database): Promise<void> {
  try {
    await closeServer(server);
    await inFlight.drained(DRAIN_TIMEOUT_MS);
    await database.connection.dropDatabase();
    await database.close();
    process.exit(0);
  } catch (error) {
    process.stderr.write(`bench server: shutdown failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; bench/server.ts is started by bench/server-process.ts, which sets it.`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server: could not start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
