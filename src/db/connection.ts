import mongoose, { type Connection } from 'mongoose';

import { registerModels, type Models } from './models/index.js';

export type Database = Readonly<{
  connection: Connection;
  models: Models;
  close(): Promise<void>;
}>;

export type ConnectOptions = {
  /** Overrides the database named in the URI; tests use one database per file. */
  dbName?: string;
  /** How long to wait for a reachable server before failing, in milliseconds. */
  serverSelectionTimeoutMS?: number;
};

/** Connects to a MongoDB-compatible server and registers the models with their indexes. */
export async function connectDatabase(uri: string, options: ConnectOptions = {}): Promise<Database> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    // Fail a query at once while disconnected instead of queueing it without bound.
    bufferCommands: false,
  });

  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw new Error(`Could not connect to the database at ${redactUri(uri)}: ${(error as Error).message}`, { cause: error });
  }

  const models = await registerModels(connection);
  return Object.freeze({
    connection,
    models,
    close: () => connection.close(),
  });
}

/** Returns the URI without user name and password, for logs and error messages. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1');
}
