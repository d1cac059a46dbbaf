import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { connectPeer, connectSocket, readMetric, type PeerClient } from '../support/clients.js';
import { expectMediaFromAll, joinAs } from '../support/browser.js';
import { peerFrames } from '../support/peerFrames.js';
import { remoteNames, roomUrl } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

const heapMetric = 'parley_nodejs_heap_size_used_bytes';
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

describe('a flood of signaling', () => {
  const env = useServerAndBrowser();

  /** The lowest heap in use over a few samples (the garbage collector runs between them). */
  async function settledHeap(): Promise<number> {
    let lowest = Infinity;
    for (let sample = 0; sample < 6; sample++) {
      lowest = Math.min(lowest, await readMetric(env.server, heapMetric));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return lowest;
  }

  it('thousands of offers to absent ids and oversized frames: memory stays bounded, the call goes on', async (t) => {
    const url = roomUrl(env.server.url, 'flood-call');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(ada.page, 1);
    const before = await settledHeap();
    const dropped = async () =>
      (await readMetric(env.server, 'parley_signaling_dropped_total{reason="other-room"}')) +
      (await readMetric(env.server, 'parley_signaling_dropped_total{reason="rate-limited"}'));
    const droppedBefore = await dropped();

    // Twenty attackers, each in a room of its own, send offers to ids nobody has until the server closes them.
    let sent = 0;
    const attackers: PeerClient[] = [];
    for (let index = 0; index < 20; index++) {
      const peer = await connectPeer(env.server.url);
      const socket = await connectSocket(env.server.url);
      assert.ok((await socket.emitWithAck('join-room', `flood-${index}`, peer.id)).ok);
      attackers.push(peer);
      for (let frame = 0; frame < 600 && peer.socket.readyState === WebSocket.OPEN; frame++) {
        peer.send(peerFrames.offer(`absent-${index}-${frame}`));
        sent++;
      }
      socket.disconnect();
    }
    // And a hundred oversized frames, each closing its own socket.
    let oversizedClosed = 0;
    for (let index = 0; index < 100; index++) {
      const peer = await connectPeer(env.server.url);
      const closed = new Promise<number>((resolve) => peer.socket.once('close', resolve));
      peer.socket.send('x'.repeat(128 * 1024));
      if ((await closed) === 1009) oversizedClosed++;
    }
    for (const peer of attackers) await peer.close();

    const after = await settledHeap();
    const counted = (await dropped()) - droppedBefore;
    t.diagnostic(
      `${sent} offers sent, ${counted} dropped and counted, ${oversizedClosed} oversized frames refused; ` +
        `heap ${mib(before)} MiB before, ${mib(after)} MiB after`,
    );
    // Each attacker is cut off after its allowance of refused frames; what it sent after that was never read.
    assert.ok(counted >= 8000 && counted <= sent, `thousands of offers dropped and counted (${counted} of ${sent})`);
    assert.equal(oversizedClosed, 100);
    assert.ok(after - before < 16 * 1024 * 1024, `heap grew by ${mib(after - before)} MiB`);

    assert.deepEqual(await remoteNames(ada.page), ['Bo']);
    assert.deepEqual(await remoteNames(bo.page), ['Ada']);
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);
    await ada.context.close();
    await bo.context.close();
  });
});
