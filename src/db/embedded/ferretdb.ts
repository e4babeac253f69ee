import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { findFreePort, waitForPort } from './free-port.js';
import type { EmbeddedDatabase } from './types.js';

export type FerretDbOptions = {
  /** Path of the binary built by `npm run ferretdb:build`. */
  binary: string;
  dataDir: string;
  handler: 'sqlite' | 'postgresql';
  /** Required when handler is `postgresql`. */
  postgresqlUrl?: string | undefined;
  /** How long to wait for the listener, in milliseconds. */
  startTimeoutMs?: number;
};

const STOP_GRACE_MS = 5_000;

/** Tells whether the FerretDB binary exists and may be executed. */
export async function isFerretDbInstalled(binary: string): Promise<boolean> {
  try {
    await access(binary, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts FerretDB v1 as a child process on a free port of 127.0.0.1.
 * The wrapper in tools/ferretdb always disables telemetry and opens no debug listener.
 * The returned stop() sends SIGTERM and, after 5 seconds, SIGKILL.
 */
export async function startFerretDb(options: FerretDbOptions): Promise<EmbeddedDatabase> {
  if (!(await isFerretDbInstalled(options.binary))) {
    throw new Error(`FerretDB binary not found or not executable at ${options.binary}. Build it with "npm run ferretdb:build" or set FERRETDB_BIN.`);
  }

  const port = await findFreePort();
  const { args, storage } = await backendArguments(options);
  // FerretDB stops when its stdin closes, which the kernel does when this process
  // dies in any way, so a crash leaves no server behind.
  const child = spawn(options.binary, [...args, `--listen-addr=127.0.0.1:${port}`, '--log-level=warn', '--stop-on-stdin-eof'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const stderr = collectTail(child);

  try {
    await Promise.race([waitForPort(port, options.startTimeoutMs ?? 15_000), rejectOnExit(child, stderr)]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`FerretDB did not start: ${(error as Error).message}`, { cause: error });
  }

  return Object.freeze({
    engine: 'ferretdb',
    uri: `mongodb://127.0.0.1:${port}/`,
    storage,
    stop: () => stopChild(child),
  });
}

async function backendArguments(options: FerretDbOptions): Promise<{ args: string[]; storage: string }> {
  if (options.handler === 'postgresql') {
    if (!options.postgresqlUrl) throw new Error('FerretDB with handler postgresql needs a PostgreSQL URL (FERRETDB_POSTGRESQL_URL).');
    return { args: ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`], storage: 'PostgreSQL' };
  }

  const directory = join(options.dataDir, 'ferretdb-sqlite');
  await mkdir(directory, { recursive: true });
  // FerretDB takes a file: URI naming a folder; the trailing slash is required.
  return { args: ['--handler=sqlite', `--sqlite-url=file:${directory}/`], storage: directory };
}

/** Keeps the last few KiB of stderr, to explain a failed start. */
function collectTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-4096);
  });
  return () => tail.trim();
}

function rejectOnExit(child: ChildProcess, stderr: () => string): Promise<never> {
  return new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`exited with ${signal ?? `code ${code}`}: ${stderr() || 'no output'}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
