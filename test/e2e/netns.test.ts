import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { expectMediaFromAll, joinAs, waitFor, type Participant } from '../support/browser.js';
import {
  inboundFrom,
  measureReceived,
  outboundVideo,
  selectedPairs,
  type ReceivedRates,
} from '../support/mediaStats.js';
import { removeLeftovers, useIsolatedParticipant } from '../support/netns.js';
import { tcpThroughputKbit, udpDelivery, watchTcpConnection } from '../support/netns/probe.js';
import { run } from '../support/netns/run.js';
import { roomUrl } from '../support/room.js';

const shapedKbit = 500;

const describeRates = (rates: ReceivedRates) =>
  `${rates.videoKbit} kbit/s video, ${rates.framesPerSecond} fps, ` +
  `${rates.audioPackets} audio packets (${rates.audioPacketsLost} lost) in ${rates.seconds} s`;

/**
 * Resolves once the video `viewer` receives from `name` has stopped: no new frame over 2 s, or no tile at all
 * (the app removes a participant whose network has gone for long enough, see issue 10).
 */
function videoStops(viewer: Page, name: string): Promise<string> {
  return waitFor(
    `video from ${name} to stop`,
    async () => {
      const before = await inboundFrom(viewer, name);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const after = await inboundFrom(viewer, name);
      if (!after) return `${name}'s tile is gone`;
      return !!before && after.framesDecoded === before.framesDecoded && `no frame from ${name} in 2 s`;
    },
    20_000,
    0,
  );
}

/**
 * Waits until a 5 s window of the video `viewer` receives from `senderName` is above `kbit`; on timeout,
 * says what was last measured and what the sender's encoder was doing.
 */
async function videoAbove(viewer: Page, sender: Page, senderName: string, kbit: number) {
  let last: ReceivedRates | undefined;
  try {
    return await waitFor(
      `video from ${senderName} above ${Math.round(kbit)} kbit/s`,
      async () => {
        last = await measureReceived(viewer, senderName, 5000);
        return last.videoKbit > kbit && last;
      },
      120_000,
      0,
    );
  } catch (error) {
    const encoder = await outboundVideo(sender).catch(() => []);
    throw new Error(
      `${String(error)}; last: ${last ? describeRates(last) : 'none'}; encoder: ${JSON.stringify(encoder)}`,
      { cause: error },
    );
  }
}

describe('a participant in its own network namespace, its link shaped and cut', { timeout: 600_000 }, () => {
  const env = useIsolatedParticipant({ noisyCamera: true });
  // Isa is inside the namespace; Ros is in the root namespace.
  let isa: Participant;
  let ros: Participant;
  const directions = [
    { label: 'Isa uploads to Ros', viewer: () => ros.page, sender: () => isa.page, senderName: 'Isa' },
    { label: 'Isa downloads from Ros', viewer: () => isa.page, sender: () => ros.page, senderName: 'Ros' },
  ] as const;
  const shapedVideoKbit = new Map<string, number>();

  it('the link itself: tbf limits each direction to its rate, nft drops its share, unshape lifts both', async (t) => {
    t.diagnostic(`namespace ${env.host.namespace} set up in ${env.host.setupMs} ms`);
    const { host } = env;
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
    const connection = await watchTcpConnection(env.host);
    try {
      await waitFor('echoes through the namespace', async () => connection.echoed() > 0, 15_000);
      await env.host.cut();
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
        up: await udpDelivery(env.host, 'up', 200),
        down: await udpDelivery(env.host, 'down', 200),
      };
      assert.deepEqual(udpDuringCut, { up: 0, down: 0 }, 'no datagram crosses a cut');
      await env.host.restore();
      const restoredAt = Date.now();
      await waitFor('echoes again after restore', async () => connection.echoed() > silent, 30_000);
      t.diagnostic(`the same TCP connection flowed again ${Date.now() - restoredAt} ms after restore`);
      assert.equal(connection.ended(), undefined, 'the connection was never reset or closed');
    } finally {
      connection.close();
    }
  });

  it('a participant inside and one outside join a room: both receive video and audio, over the veth pair', async (t) => {
    const listening = env.server.logs.find((entry) => String(entry.msg).startsWith('listening'));
    assert.equal(listening?.host, env.host.hostAddress, 'the server listens on the veth address only');

    const url = roomUrl(env.server.url, 'netns-room');
    isa = await joinAs(env.isolated, url, { name: 'Isa' });
    ros = await joinAs(env.browser, url, { name: 'Ros' });
    await expectMediaFromAll(isa.page, 1);
    await expectMediaFromAll(ros.page, 1);

    for (const [who, page, local, remote] of [
      ['Isa', isa.page, env.host.namespaceAddress, env.host.hostAddress],
      ['Ros', ros.page, env.host.hostAddress, env.host.namespaceAddress],
    ] as const) {
      const pairs = await selectedPairs(page);
      t.diagnostic(`${who}'s selected pair: ${JSON.stringify(pairs.map(({ local, remote }) => ({ local, remote })))}`);
      assert.equal(pairs.length, 1, `${who} has one connected call`);
      assert.equal(pairs[0]?.local.address, local, `${who}'s end of the call is its veth address`);
      assert.equal(pairs[0]?.remote.address, remote, `${who}'s peer is at the other veth address`);
    }
  });

  it(`with ${shapedKbit} kbit/s and 2 % loss both ways, media still arrives, video within what the link allows`, async (t) => {
    // The bare link's figure first (past the start of the ramp-up), to show shaping acts on this call's path.
    // On a quiet machine it passes 500 kbit/s within seconds; on a loaded one Chromium can hover around
    // 400 kbit/s for minutes, so 500 itself is not required.
    const unshaped = await Promise.all(
      directions.map(({ viewer, sender, senderName }) => videoAbove(viewer(), sender(), senderName, 400)),
    );
    for (const [index, rates] of unshaped.entries())
      t.diagnostic(`unshaped, ${directions[index]?.label}: ${describeRates(rates)}`);

    await env.host.shape({ rateKbit: shapedKbit, lossPercent: 2 }, 'both');
    await expectMediaFromAll(ros.page, 1, { timeoutMs: 60_000 });
    await expectMediaFromAll(isa.page, 1, { timeoutMs: 60_000 });
    // Two windows each, both directions at once; the larger window is the shaped figure to recover from.
    const windows = await Promise.all(
      directions.map(async ({ viewer, senderName }) => [
        await measureReceived(viewer(), senderName, 5000),
        await measureReceived(viewer(), senderName, 5000),
      ]),
    );
    for (const [index, { label }] of directions.entries()) {
      const before = unshaped[index]?.videoKbit ?? 0;
      for (const rates of windows[index] ?? []) {
        t.diagnostic(`shaped, ${label}: ${describeRates(rates)}`);
        assert.ok(rates.framesPerSecond > 0, `${label}: video still arrives`);
        assert.ok(rates.videoKbit < shapedKbit, `${label}: video below the ${shapedKbit} kbit/s the link allows`);
        assert.ok(rates.videoKbit < 0.75 * before, `${label}: well below the ${before} kbit/s of the bare link`);
        assert.ok(rates.audioPackets > 0, `${label}: audio packets keep arriving`);
      }
      shapedVideoKbit.set(label, Math.max(...(windows[index] ?? []).map((rates) => rates.videoKbit)));
    }
    const [pair] = await selectedPairs(isa.page);
    t.diagnostic(`Isa's estimate of her upload: ${pair?.availableOutgoingBitrate} bit/s`);
  });

  it('after unshape, the video bitrate climbs back above its shaped figure, both ways', async (t) => {
    const shaped = directions.map(({ label }) => shapedVideoKbit.get(label));
    assert.ok(
      shaped.every((kbit) => kbit !== undefined),
      'the shaped figures were measured (the test before passed)',
    );
    await env.host.unshape();
    const unshapedAt = Date.now();
    // A quarter above the better of two shaped windows, so that a lucky window of a still-shaped link does not
    // count (shaped windows varied by about a fifth). Getting back above the link's own 500 kbit/s took
    // Chromium from 20 s to over 2 minutes on a busy 2-core machine, so that is not asserted here.
    const recovered = await Promise.all(
      directions.map(({ viewer, sender, senderName }, index) =>
        videoAbove(viewer(), sender(), senderName, 1.25 * (shaped[index] ?? Infinity)),
      ),
    );
    for (const [index, rates] of recovered.entries())
      t.diagnostic(`unshaped again, ${directions[index]?.label}: ${describeRates(rates)}`);
    t.diagnostic(`both recovered ${Math.round((Date.now() - unshapedAt) / 1000)} s after unshape`);
  });

  it("a cut stops the namespace participant's media both ways, and restore brings it back", async (t) => {
    await env.host.cut();
    const stopped = await Promise.all([videoStops(ros.page, 'Isa'), videoStops(isa.page, 'Ros')]);
    t.diagnostic(`cut: ${stopped.join('; ')}`);

    await env.host.restore();
    const restoredAt = Date.now();
    // A short cut may heal the call in place; a longer one makes the app place it again. Either way media
    // must come back.
    await expectMediaFromAll(ros.page, 1, { timeoutMs: 90_000 });
    await expectMediaFromAll(isa.page, 1, { timeoutMs: 90_000 });
    t.diagnostic(`media flowing both ways again ${Date.now() - restoredAt} ms after restore`);
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
      assert.ok((await run('ip', ['netns', 'list'])).includes(env.host.namespace), 'this run’s namespace stays');
    } finally {
      await run('ip', ['netns', 'del', leftover]).catch(() => undefined);
    }
  });

  it('leaves nothing behind: no namespace, link or nft table of this run', async () => {
    await env.isolated.close();
    await env.host.close();
    const namespaces = await run('ip', ['netns', 'list']);
    const links = await run('ip', ['-o', 'link', 'show']);
    const tables = await run('nft', ['list', 'tables']);
    assert.ok(!namespaces.includes(`parley-${process.pid}-`), `no namespace of ours:\n${namespaces}`);
    assert.ok(!links.includes(`plh${process.pid}-`) && !links.includes(`pln${process.pid}-`), `no link:\n${links}`);
    assert.ok(!tables.includes('parley_link'), `no nft table in the root namespace:\n${tables}`);
  });
});
