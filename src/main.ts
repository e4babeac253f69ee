import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, type OpenDatabase } from './db/open.js';
import { createLogger, type Logger } from './logger.js';
import { closeServer, listen } from './server/listen.js';

// Open requests get this long to finish after SIGTERM or SIGINT, in milliseconds.
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Runs the process: configuration, logger, database, app, listen; stops on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  const database = await openDatabase(config.database, logger);
  const app = createApp({ config, logger, database: database.database });
  let server: Server;
  try {
    server = await listen(app, config.host, config.port);
  } catch (error) {
    await database.close();
    throw error;
  }

  // The bound port differs from config.port when PORT=0.
  const { port } = server.address() as AddressInfo;
  logger.info({ url: `http://${config.host}:${port}/`, env: config.env, passwordHash: config.passwordHash.algorithm }, 'listening');
  stopOnSignals(logger, server, database);
}

function stopOnSignals(logger: Logger, server: Server, database: OpenDatabase): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');

    const forced = setTimeout(() => {
      logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    forced.unref();

    await closeServer(server);
    await database.close();
    logger.info('stopped');
  };

  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  // The logger may not exist yet, and these messages are meant for a person at a terminal.
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Could not start: ${message}\n`);
  process.exit(1);
});
