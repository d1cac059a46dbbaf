// What bench:cluster reads from the processes it runs: Redis command counts, each process's memory and CPU
// time (from /proc), and how many participants each node says it holds.
import { readFile } from 'node:fs/promises';
import { createClient } from '@redis/client';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Rounded for the report. */
export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export function summary(values: readonly number[]) {
  return { count: values.length, p50: round(percentile(values, 50)), p99: round(percentile(values, 99)) };
}

/** Calls per Redis command since the server started (`INFO commandstats`), without our own INFO calls. */
export async function redisCommandCalls(url: string): Promise<Map<string, number>> {
  const client = createClient({ url });
  await client.connect();
  try {
    const text = await client.info('commandstats');
    const calls = new Map<string, number>();
    for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      if (match[1] === 'info' || match[1] === 'hello' || match[1] === 'client|setinfo') continue;
      calls.set(match[1] ?? '', Number(match[2]));
    }
    return calls;
  } finally {
    await client.quit();
  }
}

/** The difference between two readings of `redisCommandCalls`, busiest command first. */
export function callsBetween(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...after]
    .map(([command, calls]): [string, number] => [command, calls - (before.get(command) ?? 0)])
    .filter(([, calls]) => calls > 0)
    .sort((a, b) => b[1] - a[1]);
}

export async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** CPU seconds (user + system) a process has used so far; 0 for a process that is gone. */
export async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** This process's own CPU seconds (the load generator). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** The participants a node counts (`parley_participants` on its metrics listener). */
export async function participantsOn(metricsUrl: string): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  return Number(/^parley_participants(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
}

/** CPU ticks of the whole machine so far (every process, other people's work included): busy and all. */
export async function machineTicks(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** The worker processes of a master (nginx forks its worker: the master itself does no proxying). */
export async function childrenOf(pid: number | undefined): Promise<number[]> {
  if (!pid) return [];
  try {
    const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return text.trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
