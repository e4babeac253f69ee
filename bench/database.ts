import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Config } from '../src/config.js';
import { redactUri } from '../src/db/connection.js';
import { startEmbeddedDatabase } from '../src/db/embedded/index.js';
import type { Logger } from '../src/logger.js';
import { findChildPid } from './process-cpu.js';

/** The database server the app processes connect to; each app process uses a database of its own on it. */
export type BenchDatabase = Readonly<{
  uri: string;
  /** Engine and storage, for the report. */
  description: string;
  engine: 'external' | 'ferretdb' | 'mongodb-memory-server';
  /** Process id of an embedded server, to read its CPU time; undefined for MONGODB_URI or without /proc. */
  pid: number | undefined;
  stop(): Promise<void>;
}>;

/**
 * Uses MONGODB_URI when set. Otherwise starts the embedded engine as the app does,
 * with two differences: DATABASE_ENGINE=auto means FerretDB here, because the
 * benchmark must not download mongod, and the data goes to a temporary folder that
 * `stop` removes, so the app's own data folder is never touched.
 */
export async function openBenchDatabase(database: Config['database'], logger: Logger): Promise<BenchDatabase> {
  if (database.uri) {
    return { uri: database.uri, description: `MONGODB_URI ${redactUri(database.uri)}`, engine: 'external', pid: undefined, stop: async () => undefined };
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'accounts-bench-'));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    const engine = database.engine === 'auto' ? 'ferretdb' : database.engine;
    const embedded = await startEmbeddedDatabase({ ...database, engine, dataDir }, logger);
    return {
      uri: embedded.uri,
      description: `${embedded.engine}, storage ${embedded.engine === 'ferretdb' ? database.ferretdb.handler : 'wiredTiger'} in a temporary folder`,
      engine: embedded.engine,
      pid: findChildPid(embedded.engine === 'ferretdb' ? 'ferretdb' : 'mongod'),
      async stop() {
        await embedded.stop();
        await removeDataDir();
      },
    };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}
