/**
 * `npm run bench`: measures sign-in and page throughput of the app on this machine
 * and writes docs/benchmarks.md. Everything it starts listens on 127.0.0.1 only and
 * is stopped before it exits, on failure, on SIGINT or SIGTERM, and after DEADLINE_MS.
 */
import { fileURLToPath } from 'node:url';

import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { killAllChildren } from './children.js';
import { openBenchDatabase, type BenchDatabase } from './database.js';
import { describeEnvironment } from './machine.js';
import { APP_LOG_LEVEL, measureRun, type RunResult } from './measure.js';
import { PROJECT_ROOT } from './project-root.js';
import { renderTargets, writeReport } from './report.js';
import { TARGETS } from './targets.js';

const RUNS = 3;

// A run took about 100 s on a 2-core machine; past this the benchmark is stuck and gives up.
const DEADLINE_MS = 12 * 60_000;

const REPORT_PATH = new URL('docs/benchmarks.md', PROJECT_ROOT);

async function main(): Promise<void> {
  // The app's configuration resolves DATA_DIR and the FerretDB binary against the working directory.
  process.chdir(fileURLToPath(PROJECT_ROOT));
  const startedAt = new Date();
  const config = loadConfig(process.env);
  const database = await openBenchDatabase(config.database, createLogger('warn'));
  stopOnSignalsAndDeadline(database);

  try {
    const runs = await measureRuns(database, config.passwordHash.maxConcurrentHashes);
    const environment = await describeEnvironment(config, database, runs[0]!.database);
    const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
    await writeReport(REPORT_PATH, { runs, environment, startedAt, durationSeconds, appLogLevel: APP_LOG_LEVEL });

    process.stdout.write(`\n${renderTargets(runs)}\n\nWrote ${REPORT_PATH.pathname} after ${Math.round(durationSeconds)} s.\n`);
  } finally {
    await database.stop();
  }
}

async function measureRuns(database: BenchDatabase, configuredConcurrency: number): Promise<RunResult[]> {
  const runs: RunResult[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    progress(`run ${index + 1} of ${RUNS}`);
    const run = await measureRun(database, index, configuredConcurrency);
    runs.push(run);
    progress(`run ${index + 1}: ${describeRun(run)}`);
  }
  return runs;
}

function stopOnSignalsAndDeadline(database: BenchDatabase): void {
  const abort = (reason: string, exitCode: number) => {
    progress(`${reason}; stopping the app, load and database processes`);
    killAllChildren();
    void database.stop().finally(() => process.exit(exitCode));
  };

  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  setTimeout(() => abort(`timed out after ${DEADLINE_MS / 60_000} min`, 1), DEADLINE_MS).unref();
}

function describeRun(run: RunResult): string {
  return TARGETS.map((target) => `${target.name} ${target.value(run).toFixed(2)} ${target.unit}`).join('; ');
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

main().catch((error: unknown) => {
  progress(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
