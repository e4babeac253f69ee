import { readdirSync, readFileSync } from 'node:fs';

// Linux reports /proc times in USER_HZ ticks, which is 100 on x86-64 and arm64.
// NOTE: Node cannot call sysconf(_SC_CLK_TCK), so a kernel built with another USER_HZ would scale these figures.
const TICKS_PER_SECOND = 100;

/** Returns user plus system CPU seconds of a process from /proc, or undefined where that is not readable. */
export function readCpuSeconds(pid: number): number | undefined {
  const fields = readStatFields(pid);
  if (!fields) return undefined;

  // After the command name: state, ppid, ..., utime is the 12th field and stime the 13th.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Finds a direct child of this process by its command name, through /proc; undefined when there is none or no /proc. */
export function findChildPid(command: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }

  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const fields = readStatFields(pid);
    if (fields && Number(fields[1]) === process.pid && readCommand(pid) === command) return pid;
  }
  return undefined;
}

function readStatFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may contain spaces, so fields start after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function readCommand(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}
