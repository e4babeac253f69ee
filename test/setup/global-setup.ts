import type { TestProject } from 'vitest/node';

import { startTestDatabaseServer } from './database-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
  }
}

/** Starts one database server for the whole run; each test file uses its own database on it. */
export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer();
  console.log(`tests use ${server.description}`);
  project.provide('mongodbUri', server.uri);
  return () => server.stop();
}
