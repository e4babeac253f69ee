import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every child this process forked and that has not exited yet. */
const running = new Set<ChildProcess>();

// Whatever way the orchestrator ends, no child outlives it.
process.once('exit', killAllChildren);

// `npm run bench` runs compiled JavaScript; `tsx bench/run.ts` runs the sources, and its children then need tsx too.
const runningTypeScript = import.meta.url.endsWith('.ts');

/**
 * Forks the bench module `name` (such as `server`) beside this file, with an IPC channel.
 * stdout and stderr are shared with this process, so a child's warnings and crashes show up in the terminal.
 */
export function forkBenchModule(name: string, env: NodeJS.ProcessEnv): ChildProcess {
  const file = new URL(`./${name}.${runningTypeScript ? 'ts' : 'js'}`, import.meta.url);
  const child = fork(fileURLToPath(file), [], {
    execArgv: runningTypeScript ? ['--import', 'tsx'] : [],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Sends SIGKILL to every running child; for exits and failures only. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Resolves with the first message that `accept` returns a value for; rejects on exit or after timeoutMs. */
export function waitForMessage<T>(child: ChildProcess, accept: (message: unknown) => T | undefined, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const value = accept(message);
      if (value === undefined) return;
      finish();
      resolve(value);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      finish();
      reject(new Error(`${what}: the child process exited with ${signal ?? `code ${code}`} before replying.`));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${what}: no reply within ${timeoutMs} ms.`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };

    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Closes the IPC channel, on which the child shuts down, and sends SIGKILL if it has not exited after graceMs. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.disconnect();
  else child.kill('SIGTERM');

  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
