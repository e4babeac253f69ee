/** A database server this process started and must stop on shutdown. */
export type EmbeddedDatabase = Readonly<{
  engine: 'mongodb-memory-server' | 'ferretdb';
  uri: string;
  /** The folder of the server's files, or the name of the backend it writes to. */
  storage: string;
  stop(): Promise<void>;
}>;
