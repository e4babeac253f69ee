import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { connectDatabase, redactUri, type Database } from './connection.js';
import { startEmbeddedDatabase } from './embedded/index.js';

// The database name used on an embedded server; with MONGODB_URI, the URI's own name applies.
const EMBEDDED_DB_NAME = 'accounts';

export type OpenDatabase = Readonly<{
  database: Database;
  /** Closes the connection, then stops the embedded server if this process started one. */
  close(): Promise<void>;
}>;

/** Connects to MONGODB_URI when set; otherwise starts the embedded engine and connects to it. */
export async function openDatabase(config: Config['database'], logger: Logger): Promise<OpenDatabase> {
  if (config.uri) {
    const database = await connectDatabase(config.uri);
    logger.info({ engine: 'external', uri: redactUri(config.uri) }, 'database connected');
    return Object.freeze({ database, close: () => database.close() });
  }

  const embedded = await startEmbeddedDatabase(config, logger);
  try {
    const database = await connectDatabase(embedded.uri, { dbName: EMBEDDED_DB_NAME });
    logger.info({ engine: embedded.engine, uri: embedded.uri, storage: embedded.storage, dbName: EMBEDDED_DB_NAME }, 'database connected');
    return Object.freeze({
      database,
      async close() {
        await database.close();
        await embedded.stop();
      },
    });
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
