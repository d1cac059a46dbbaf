/**
 * Names and addresses of the namespaces a test creates. Every name carries the creating process's pid, so a
 * later run can tell its own live namespaces from the leftovers of a crashed one (whose pid is dead).
 * Interface names are limited to 15 bytes: `plh` + a pid (at most 7 digits on Linux) + `-` + a counter
 * below 1000 fits.
 */
export const namespacePrefix = 'parley-';
const hostVethPrefix = 'plh';
const namespaceVethPrefix = 'pln';

export interface IsolatedHostNames {
  namespace: string;
  /** The veth end in the root namespace: its egress is the participant's download. */
  hostVeth: string;
  /** The veth end inside the namespace: its egress is the participant's upload. */
  namespaceVeth: string;
}

export function namesFor(pid: number, counter: number): IsolatedHostNames {
  if (!Number.isInteger(pid) || pid <= 0 || pid > 9_999_999) throw new Error(`unexpected pid ${pid}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > 999) throw new Error(`counter ${counter} out of range`);
  return {
    namespace: `${namespacePrefix}${pid}-${counter}`,
    hostVeth: `${hostVethPrefix}${pid}-${counter}`,
    namespaceVeth: `${namespaceVethPrefix}${pid}-${counter}`,
  };
}

/** The pid in one of our namespace names (`parley-<pid>-<n>`), or undefined for any other name. */
export function pidOfNamespace(name: string): number | undefined {
  const match = /^parley-(\d+)-\d+$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** The pid in one of our root-side veth names (`plh<pid>-<n>`), or undefined for any other name. */
export function pidOfHostVeth(name: string): number | undefined {
  const match = /^plh(\d+)-\d+$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Namespace names in `ip netns list` output ("parley-1-0 (id: 3)" or just the name). */
export function parseNamespaceList(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
}

/** Interface names in `ip -o link` output ("7: plh12-0@if2: <BROADCAST,...>"). */
export function parseLinkNames(output: string): string[] {
  return [...output.matchAll(/^\d+:\s+([^:@\s]+)[@:]/gm)].map((match) => match[1] ?? '');
}

/**
 * The private block the test networks come from. Each namespace gets one /30 in it: .1 on the root side,
 * .2 inside. Nothing else on this machine or its network uses this block; if a host did, pick another here.
 */
const block = { first: [10, 231, 0, 0] as const, slots: 16_384 };

export interface Subnet {
  slot: number;
  hostAddress: string;
  namespaceAddress: string;
  prefixLength: 30;
}

export function subnetForSlot(slot: number): Subnet {
  if (!Number.isInteger(slot) || slot < 0 || slot >= block.slots) throw new Error(`subnet slot ${slot} out of range`);
  const [a, b] = block.first;
  const offset = slot * 4;
  const address = (last: number) => `${a}.${b}.${offset >> 8}.${(offset & 255) + last}`;
  return { slot, hostAddress: address(1), namespaceAddress: address(2), prefixLength: 30 };
}

/** The slot a 10.231.x.y address falls in, or undefined for addresses outside the block. */
export function slotOfAddress(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  const [a, b, c, d] = block.first;
  if (parts.length !== 4 || parts[0] !== a || parts[1] !== b) return undefined;
  const offset = (parts[2] ?? 0) * 256 + (parts[3] ?? 0) - c * 256 - d;
  return Math.floor(offset / 4);
}

/** IPv4 addresses in `ip -o -4 addr` output. */
export function parseAddresses(output: string): string[] {
  return [...output.matchAll(/\binet (\d+\.\d+\.\d+\.\d+)\//g)].map((match) => match[1] ?? '');
}

/**
 * A free /30: the search starts at a place derived from the pid, so test processes running side by side
 * rarely probe the same slots, and skips every slot an address on this machine already falls in.
 */
export function pickFreeSlot(pid: number, counter: number, usedAddresses: readonly string[]): Subnet {
  const used = new Set(usedAddresses.map(slotOfAddress).filter((slot) => slot !== undefined));
  const start = (pid * 31 + counter) % block.slots;
  for (let step = 0; step < block.slots; step++) {
    const slot = (start + step) % block.slots;
    if (!used.has(slot)) return subnetForSlot(slot);
  }
  throw new Error('no free /30 left in 10.231.0.0/16');
}
