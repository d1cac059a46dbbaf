import assert from 'node:assert/strict';
import { parseLinkNames, parseNamespaceList, pidOfHostVeth, pidOfNamespace } from './naming.js';
import { run, runIgnoringFailure } from './run.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Kills what still runs inside a namespace (a Chromium a crashed test left behind, or one a test forgot to
 * close): while any process is inside, the kernel keeps the namespace and its veth alive even after
 * `ip netns del` has removed its name.
 */
export async function killProcessesInside(namespace: string): Promise<number[]> {
  const output = await run('ip', ['netns', 'pids', namespace]).catch(() => '');
  const pids = output
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return pids;
}

/**
 * Deletes the namespaces and veth ends of earlier test processes that died without cleaning up (their
 * names carry their pid, and that pid is no longer running). Returns what it removed.
 */
export async function removeLeftovers(): Promise<string[]> {
  const removed: string[] = [];
  for (const namespace of parseNamespaceList(await run('ip', ['netns', 'list']))) {
    const pid = pidOfNamespace(namespace);
    if (pid === undefined || isAlive(pid)) continue;
    await killProcessesInside(namespace);
    await runIgnoringFailure('ip', ['netns', 'del', namespace]);
    removed.push(`netns ${namespace}`);
  }
  for (const link of parseLinkNames(await run('ip', ['-o', 'link', 'show']))) {
    const pid = pidOfHostVeth(link);
    if (pid === undefined || isAlive(pid)) continue;
    await runIgnoringFailure('ip', ['link', 'del', link]);
    removed.push(`link ${link}`);
  }
  return removed;
}

/** Fails unless process `pid` left no namespace, veth link or nft table of its own behind. */
export async function assertNothingLeftBy(pid: number): Promise<void> {
  const namespaces = await run('ip', ['netns', 'list']);
  const links = await run('ip', ['-o', 'link', 'show']);
  const tables = await run('nft', ['list', 'tables']);
  assert.ok(!namespaces.includes(`parley-${pid}-`), `no namespace of ours:\n${namespaces}`);
  assert.ok(!links.includes(`plh${pid}-`) && !links.includes(`pln${pid}-`), `no link:\n${links}`);
  assert.ok(!tables.includes('parley_link'), `no nft table in the root namespace:\n${tables}`);
}
