import { killProcessesInside, removeLeftovers } from './leftovers.js';
import { namesFor, parseAddresses, pickFreeSlot } from './naming.js';
import { run, runIgnoringFailure } from './run.js';
import { checkShape, dropRuleset, tbfArgs, type Direction, type LinkShape } from './shaping.js';

/**
 * A participant's own network: a namespace joined to the root namespace by a veth pair, with nothing else
 * in it. Its only route is the pair's /30 (no default route), so whatever runs inside can reach the root
 * side's veth address and nothing else, on this machine or beyond it, whatever the machine forwards.
 */
export interface IsolatedHost {
  readonly namespace: string;
  /** The root namespace's address on the pair: listen here for what runs inside to reach you. */
  readonly hostAddress: string;
  /** The address inside the namespace. */
  readonly namespaceAddress: string;
  readonly hostVeth: string;
  readonly namespaceVeth: string;
  /** How long creating it took (leftover clean-up included), in ms. */
  readonly setupMs: number;
  /** What the clean-up of crashed runs removed before this one was created. */
  readonly leftoversRemoved: readonly string[];
  /** Shapes one or both directions; replaces that direction's previous shape. */
  shape(shape: LinkShape, direction?: Direction): Promise<void>;
  /** Removes every shape (a cut stays cut). */
  unshape(): Promise<void>;
  /** Drops every IP packet both ways, silently, as a network that vanished: no link change, no reset. */
  cut(): Promise<void>;
  /** Undoes `cut()`; the shapes in force before it apply again. */
  restore(): Promise<void>;
  /** Deletes the namespace, the veth pair, their qdiscs and rules. Idempotent, safe after any failure. */
  close(): Promise<void>;
}

let created = 0;

/** Creates an isolated host (as root). The caller must `close()` it, in `after`. */
export async function createIsolatedHost(): Promise<IsolatedHost> {
  if (process.getuid?.() !== 0)
    throw new Error('network namespaces, veth pairs, tc and nft need root (CAP_NET_ADMIN): run these tests as root');
  const started = performance.now();
  const leftoversRemoved = await removeLeftovers();
  const counter = created++;
  const names = namesFor(process.pid, counter);
  const { namespace, hostVeth, namespaceVeth } = names;
  const subnet = pickFreeSlot(process.pid, counter, parseAddresses(await run('ip', ['-o', '-4', 'addr', 'show'])));
  const inside = (args: string[]) => run('ip', ['-n', namespace, ...args]);

  const shapes: Record<'up' | 'down', LinkShape> = { up: {}, down: {} };
  let isCut = false;
  let closing: Promise<void> | undefined;

  const close = () =>
    (closing ??= (async () => {
      await killProcessesInside(namespace);
      // Deleting either end deletes the pair; the root end goes first in case the namespace lives on.
      await runIgnoringFailure('ip', ['link', 'del', hostVeth]);
      await runIgnoringFailure('ip', ['netns', 'del', namespace]);
    })());

  const applyRate = async (direction: 'up' | 'down') => {
    const device = direction === 'up' ? namespaceVeth : hostVeth;
    const where = direction === 'up' ? ['-n', namespace] : [];
    const args = tbfArgs(device, shapes[direction]);
    if (args) await run('tc', [...where, ...args]);
    // Deleting when there is nothing to delete fails; any other failure must not pass silently.
    else if ((await run('tc', [...where, 'qdisc', 'show', 'dev', device, 'root'])).includes('tbf'))
      await run('tc', [...where, 'qdisc', 'del', 'dev', device, 'root']);
  };
  const applyDrops = () =>
    run(
      'ip',
      ['netns', 'exec', namespace, 'nft', '-f', '-'],
      dropRuleset(namespaceVeth, {
        uploadLossPercent: shapes.up.lossPercent ?? 0,
        downloadLossPercent: shapes.down.lossPercent ?? 0,
        cut: isCut,
      }),
    );
  const guard = () => {
    if (closing) throw new Error(`${namespace} is closed`);
  };

  try {
    await run('ip', ['netns', 'add', namespace]);
    await run('ip', ['link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', namespaceVeth, 'netns', namespace]);
    // No IPv6 link-local addresses: the /30 below is the only path, the one the rules shape.
    await run('ip', ['link', 'set', 'dev', hostVeth, 'addrgenmode', 'none']);
    await inside(['link', 'set', 'dev', namespaceVeth, 'addrgenmode', 'none']);
    await run('ip', ['addr', 'add', `${subnet.hostAddress}/${subnet.prefixLength}`, 'dev', hostVeth]);
    await inside(['addr', 'add', `${subnet.namespaceAddress}/${subnet.prefixLength}`, 'dev', namespaceVeth]);
    await run('ip', ['link', 'set', 'dev', hostVeth, 'up']);
    await inside(['link', 'set', 'dev', namespaceVeth, 'up']);
    await inside(['link', 'set', 'dev', 'lo', 'up']);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    ...names,
    hostAddress: subnet.hostAddress,
    namespaceAddress: subnet.namespaceAddress,
    setupMs: Math.round(performance.now() - started),
    leftoversRemoved,
    async shape(shape, direction = 'both') {
      guard();
      checkShape(shape);
      for (const which of direction === 'both' ? (['up', 'down'] as const) : [direction]) {
        shapes[which] = { ...shape };
        await applyRate(which);
      }
      await applyDrops();
    },
    async unshape() {
      guard();
      shapes.up = {};
      shapes.down = {};
      await applyRate('up');
      await applyRate('down');
      await applyDrops();
    },
    async cut() {
      guard();
      isCut = true;
      await applyDrops();
    },
    async restore() {
      guard();
      isCut = false;
      await applyDrops();
    },
    close,
  };
}
