import type { ChildProcess } from 'node:child_process';

import { forkBenchModule, stopChild, waitForMessage } from './children.js';
import type { DatabaseInfo, ServerCommandName, ServerCommands, ServerReady, ServerReply } from './protocol.js';

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/** The orchestrator's handle on one app process. */
export type AppServer = Readonly<{
  origin: string;
  database: DatabaseInfo;
  call<K extends ServerCommandName>(command: K, params: ServerCommands[K]['params'], timeoutMs: number): Promise<ServerCommands[K]['result']>;
  stop(): Promise<void>;
}>;

/** Forks bench/server.ts with the app's environment plus the database to use, and waits until it listens. */
export async function startAppServer(environment: NodeJS.ProcessEnv): Promise<AppServer> {
  const child = forkBenchModule('server', environment);
  let ready: ServerReady;
  try {
    ready = await waitForMessage(child, (message) => (isReady(message) ? message : undefined), START_TIMEOUT_MS, 'Starting the app process');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  let nextId = 0;
  return {
    origin: `http://127.0.0.1:${ready.port}`,
    database: ready.database,
    call: (command, params, timeoutMs) => callServer(child, (nextId += 1), command, params, timeoutMs),
    stop: () => stopChild(child, STOP_GRACE_MS),
  };
}

async function callServer<K extends ServerCommandName>(
  child: ChildProcess,
  id: number,
  command: K,
  params: ServerCommands[K]['params'],
  timeoutMs: number,
): Promise<ServerCommands[K]['result']> {
  const reply = waitForMessage(child, (message) => (isReplyTo(message, id) ? message : undefined), timeoutMs, `App process command ${command}`);
  child.send({ id, command, params });

  const answer = await reply;
  if ('error' in answer) throw new Error(`App process command ${command} failed: ${answer.error}. See the app process output above.`);
  return answer.result as ServerCommands[K]['result'];
}

function isReady(message: unknown): message is ServerReady {
  return typeof message === 'object' && message !== null && (message as ServerReady).ready === true;
}

function isReplyTo(message: unknown, id: number): message is ServerReply {
  return typeof message === 'object' && message !== null && (message as ServerReply).id === id;
}
