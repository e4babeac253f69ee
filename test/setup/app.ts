import { randomBytes } from 'node:crypto';

import type { Express } from 'express';
import { inject } from 'vitest';

import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { connectDatabase, type Database } from '../../src/db/connection.js';
import { createLogger, type Logger } from '../../src/logger.js';

export type TestApp = {
  app: Express;
  database: Database;
  config: Config;
  close(): Promise<void>;
};

export type TestAppOptions = {
  /** Replaces the silent default logger, so a test can read what the app logs. */
  logger?: Logger;
};

/**
 * Builds the app against a fresh database of its own on the shared test server.
 * `environment` overrides variables, such as NODE_ENV, PASSWORD_HASH or ARGON2_MEMORY_KIB.
 */
export async function createTestApp(environment: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...environment });
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  const database = await connectDatabase(inject('mongodbUri'), { dbName });
  const app = createApp({ config, logger: options.logger ?? createLogger(config.logLevel), database });

  return {
    app,
    database,
    config,
    async close() {
      await database.connection.dropDatabase().catch(() => undefined);
      await database.close();
    },
  };
}
