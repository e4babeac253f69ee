import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startFerretDb } from '../../src/db/embedded/ferretdb.js';

export type TestDatabaseServer = { uri: string; description: string; stop(): Promise<void> };

/**
 * Starts the server the tests run against, chosen by the environment:
 * - MONGODB_URI: a server that is already running, used as it is;
 * - DATABASE_ENGINE=mongodb-memory-server: mongod in memory (downloads mongod unless MONGOMS_SYSTEM_BINARY is set);
 * - otherwise FerretDB from FERRETDB_BIN or .data/bin/ferretdb, with SQLite in a temporary folder,
 *   or PostgreSQL when FERRETDB_HANDLER=postgresql.
 * Tests never start a download unless DATABASE_ENGINE=mongodb-memory-server is set.
 */
export async function startTestDatabaseServer(): Promise<TestDatabaseServer> {
  const env = process.env;
  if (env.MONGODB_URI) {
    return { uri: env.MONGODB_URI, description: 'MONGODB_URI', stop: async () => undefined };
  }

  if (env.DATABASE_ENGINE === 'mongodb-memory-server') {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    const server = await MongoMemoryServer.create({ instance: { ip: '127.0.0.1' } });
    return { uri: server.getUri(), description: 'mongodb-memory-server', stop: async () => void (await server.stop()) };
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'accounts-test-'));
  const handler = env.FERRETDB_HANDLER === 'postgresql' ? 'postgresql' : 'sqlite';
  const server = await startFerretDb({
    binary: env.FERRETDB_BIN ?? resolve('.data/bin/ferretdb'),
    dataDir,
    handler,
    postgresqlUrl: env.FERRETDB_POSTGRESQL_URL,
  });
  return {
    uri: server.uri,
    description: `FerretDB (${handler})`,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
