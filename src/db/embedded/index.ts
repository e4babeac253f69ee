import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { isFerretDbInstalled, startFerretDb } from './ferretdb.js';
import { startMongoMemoryServer } from './mongodb-memory-server.js';
import type { EmbeddedDatabase } from './types.js';

export type { EmbeddedDatabase };

const HOW_TO_GET_A_DATABASE = [
  'No database is available. Use one of these:',
  '  1. MONGODB_URI=mongodb://127.0.0.1:27017/accounts to use a running MongoDB or FerretDB server;',
  '  2. DATABASE_ENGINE=mongodb-memory-server to run mongod through mongodb-memory-server',
  '     (it downloads mongod once, or uses MONGOMS_SYSTEM_BINARY);',
  '  3. npm run ferretdb:build, then DATABASE_ENGINE=ferretdb to run FerretDB from .data/bin/ferretdb.',
].join('\n');

/** Thrown when no engine could be started; its message lists the ways to get one. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';

  constructor(reasons: string[]) {
    super(`${HOW_TO_GET_A_DATABASE}\nWhat was tried:\n  - ${reasons.join('\n  - ')}`);
  }
}

/**
 * Starts the embedded database that DATABASE_ENGINE names. With `auto`, mongod
 * through mongodb-memory-server comes first and FerretDB second, if it is built.
 */
export async function startEmbeddedDatabase(database: Config['database'], logger: Logger): Promise<EmbeddedDatabase> {
  const reasons: string[] = [];

  if (database.engine !== 'ferretdb') {
    try {
      return await startMongoMemoryServer(database.dataDir);
    } catch (error) {
      reasons.push(`mongodb-memory-server: ${(error as Error).message}`);
      if (database.engine === 'mongodb-memory-server') throw new DatabaseUnavailableError(reasons);
      logger.warn({ err: error }, 'mongod through mongodb-memory-server is unavailable; trying FerretDB');
    }
  }

  const { ferretdb } = database;
  if (database.engine === 'auto' && !(await isFerretDbInstalled(ferretdb.binary))) {
    reasons.push(`ferretdb: no executable at ${ferretdb.binary}`);
    throw new DatabaseUnavailableError(reasons);
  }

  try {
    return await startFerretDb({ ...ferretdb, dataDir: database.dataDir });
  } catch (error) {
    reasons.push(`ferretdb: ${(error as Error).message}`);
    throw new DatabaseUnavailableError(reasons);
  }
}
