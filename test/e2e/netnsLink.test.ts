import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '../support/browser.js';
import { createIsolatedHost, removeLeftovers, type IsolatedHost } from '../support/netns.js';
import { assertNothingLeftBy } from '../support/netns/leftovers.js';
import { tcpThroughputKbit, udpDelivery, watchTcpConnection } from '../support/netns/probe.js';
import { run } from '../support/netns/run.js';

const shapedKbit = 500;

/**
 * The poor network the call tests (netns.test.ts) stand on, checked on its own: a network namespace whose
 * veth link is shaped with tbf, made lossy with nft, and cut and restored, measured with plain TCP and UDP.
 */
describe('a network namespace: its link shaped, lossy and cut', { timeout: 300_000 }, () => {
  let host: IsolatedHost | undefined;
  const isolatedHost = (): IsolatedHost => {
    if (!host) throw new Error('the namespace is not set up');
    return host;
  };
  before(async () => {
    host = await createIsolatedHost();
  });
  after(async () => {
    await host?.close();
  });

  it('the link itself: tbf limits each direction to its rate, nft drops its share, unshape lifts both', async (t) => {
    t.diagnostic(`namespace ${isolatedHost().namespace} set up in ${isolatedHost().setupMs} ms`);
    const host = isolatedHost();
    const throughput = async () => ({
      up: await tcpThroughputKbit(host, 'up'),
      down: await tcpThroughputKbit(host, 'down'),
    });
    const delivery = async () => ({ up: await udpDelivery(host, 'up'), down: await udpDelivery(host, 'down') });

    const bare = await throughput();
    t.diagnostic(`bare link, TCP: ${JSON.stringify(bare)} kbit/s`);
    assert.ok(bare.up > 10 * shapedKbit && bare.down > 10 * shapedKbit, 'the bare link is far faster');

    await host.shape({ rateKbit: shapedKbit }, 'up');
    await host.shape({ rateKbit: 4 * shapedKbit }, 'down');
    const shaped = await throughput();
    t.diagnostic(`shaped ${shapedKbit} up / ${4 * shapedKbit} down, TCP: ${JSON.stringify(shaped)} kbit/s`);
    assert.ok(shaped.up <= 1.1 * shapedKbit && shaped.up > 0.5 * shapedKbit, 'upload near its rate');
    assert.ok(shaped.down <= 4.4 * shapedKbit && shaped.down > 2 * shapedKbit, 'download near its own rate');

    await host.shape({ lossPercent: 20 }, 'up');
    await host.shape({}, 'down');
    const lossUp = await delivery();
    t.diagnostic(`20 % loss up only, UDP delivered: ${JSON.stringify(lossUp)}`);
    assert.ok(lossUp.up > 0.7 && lossUp.up < 0.9, 'about 80 % of the upload arrives');
    assert.ok(lossUp.down > 0.99, 'the download loses nothing');
    await host.shape({ lossPercent: 20 }, 'both');
    const lossBoth = await delivery();
    t.diagnostic(`20 % loss both ways, UDP delivered: ${JSON.stringify(lossBoth)}`);
    assert.ok(lossBoth.down > 0.7 && lossBoth.down < 0.9, 'about 80 % of the download arrives');

    await host.unshape();
    const unshaped = await throughput();
    const clean = await delivery();
    t.diagnostic(`unshaped, TCP: ${JSON.stringify(unshaped)} kbit/s, UDP delivered: ${JSON.stringify(clean)}`);
    assert.ok(unshaped.up > 10 * shapedKbit && unshaped.down > 10 * shapedKbit, 'fast again');
    assert.ok(clean.up > 0.99 && clean.down > 0.99, 'lossless again');
  });

  it('the link itself: a cut silences a TCP connection without resetting it, restore resumes it', async (t) => {
    const connection = await watchTcpConnection(isolatedHost());
    try {
      await waitFor('echoes through the namespace', async () => connection.echoed() > 0, 15_000);
      await isolatedHost().cut();
      const silent = await waitFor(
        'the connection to fall silent',
        async () => {
          const before = connection.echoed();
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return connection.echoed() === before && before;
        },
        15_000,
        0,
      );
      const udpDuringCut = {
        up: await udpDelivery(isolatedHost(), 'up', 200),
        down: await udpDelivery(isolatedHost(), 'down', 200),
      };
      assert.deepEqual(udpDuringCut, { up: 0, down: 0 }, 'no datagram crosses a cut');
      await isolatedHost().restore();
      const restoredAt = Date.now();
      await waitFor('echoes again after restore', async () => connection.echoed() > silent, 30_000);
      t.diagnostic(`the same TCP connection flowed again ${Date.now() - restoredAt} ms after restore`);
      assert.equal(connection.ended(), undefined, 'the connection was never reset or closed');
    } finally {
      connection.close();
    }
  });

  it('removes the leftovers of a run whose process died, and keeps those of live ones', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    assert.ok(dead, 'a pid that has exited');
    const leftover = `parley-${dead}-0`;
    await run('ip', ['netns', 'add', leftover]);
    try {
      const removed = await removeLeftovers();
      assert.ok(removed.includes(`netns ${leftover}`), `removed ${leftover}: ${removed.join(', ')}`);
      assert.ok(!(await run('ip', ['netns', 'list'])).includes(leftover));
      assert.ok((await run('ip', ['netns', 'list'])).includes(isolatedHost().namespace), 'this run’s namespace stays');
    } finally {
      await run('ip', ['netns', 'del', leftover]).catch(() => undefined);
    }
  });

  it('leaves nothing behind: no namespace, link or nft table of this run', async () => {
    await isolatedHost().close();
    host = undefined;
    await assertNothingLeftBy(process.pid);
  });
});
