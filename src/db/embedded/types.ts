/** A database server this process started and must stop on shutdown. */
export type EmbeddedDatabase = Readonly<{
  engine: 'mongodb-memory-server' | 'ferretdb';
  uri: string;
  /** Where the server keeps its files, or the backend it writes to. */
  storage: string;
  stop(): Promise<void>;
}>;
