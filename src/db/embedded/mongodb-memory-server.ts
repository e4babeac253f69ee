import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { EmbeddedDatabase } from './types.js';

/**
 * Starts mongod through mongodb-memory-server with its files in `<dataDir>/mongodb`,
 * so accounts survive restarts. mongodb-memory-server downloads mongod on first
 * use unless MONGOMS_SYSTEM_BINARY names one; that download needs internet access.
 */
export async function startMongoMemoryServer(dataDir: string): Promise<EmbeddedDatabase> {
  const dbPath = join(dataDir, 'mongodb');
  await mkdir(dbPath, { recursive: true });

  // Imported here so that the FerretDB path never loads the downloader.
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const server = await MongoMemoryServer.create({
    instance: { dbPath, ip: '127.0.0.1', storageEngine: 'wiredTiger' },
  });

  return Object.freeze({
    engine: 'mongodb-memory-server',
    uri: server.getUri(),
    storage: dbPath,
    async stop() {
      // doCleanup false keeps dbPath: the data is the point of a persistent folder.
      await server.stop({ doCleanup: false });
    },
  });
}
