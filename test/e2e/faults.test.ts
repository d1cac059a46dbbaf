import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { readMetric } from '../support/clients.js';
import { expectMediaFromAll, joinAs, remoteMedia, waitFor } from '../support/browser.js';
import { connectionChanges, membershipPhases } from '../support/pageScripts.js';
import { remoteNames, roomUrl } from '../support/room.js';
import { SignalingSwitch } from '../support/signalingSwitch.js';
import { useServerAndBrowser } from '../support/suite.js';

/**
 * Samples, every 200 ms until stopped, what `viewer` receives from `sender`. `stop(from, to)` gives the
 * longest time, over the window [from, to], that its video frames or audio packets did not grow: the
 * window is the fault (other moments measure the machine's load, not the fault).
 */
function watchMedia(viewer: Page, sender: string) {
  let running = true;
  const samples: { at: number; frames: number; packets: number }[] = [];
  const done = (async () => {
    while (running) {
      const tile = (await remoteMedia(viewer).catch(() => [])).find((candidate) => candidate.name === sender);
      if (tile) samples.push({ at: Date.now(), frames: tile.framesDecoded, packets: tile.audioPacketsReceived });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    stop: async (from: number, to: number) => {
      running = false;
      await done;
      let longestStallMs = 0;
      let last = samples[0];
      for (const sample of samples.slice(1)) {
        if (!last || sample.frames <= last.frames || sample.packets <= last.packets) continue;
        if (sample.at >= from && last.at <= to) longestStallMs = Math.max(longestStallMs, sample.at - last.at);
        last = sample;
      }
      // Still growing at the end: the last growth came within 2 s of the last sample.
      const moving = !!last && last.at >= (samples.at(-1)?.at ?? 0) - 2000;
      return { longestStallMs, moving, samples: samples.length };
    },
  };
}

/**
 * The call between two pages never broke: none of the page's connections that existed before `since` changed
 * state after it (no disconnection, no failure, no hang-up), so media went on over the same transport.
 */
async function expectUnbrokenCalls(page: Page, since: number, existing: number): Promise<void> {
  const changes = (await connectionChanges(page)).filter((change) => change.index < existing && change.at >= since);
  assert.deepEqual(changes, [], 'the calls that were up stayed up');
}

/** Resolves with how long `page` showed a tile for `name` without interruption, polling every 100 ms. */
function watchTile(page: Page, name: string) {
  let running = true;
  let missing = 0;
  const done = (async () => {
    while (running) {
      if (!(await remoteNames(page).catch(() => [name])).includes(name)) missing++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return missing;
  })();
  return {
    stop: async () => {
      running = false;
      return done;
    },
  };
}

/** How many peer connections the page has made so far. */
function connectionCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __peerConnections: unknown[] }).__peerConnections.length);
}

describe('faults: a crashed server, a participant whose network stops answering', () => {
  const env = useServerAndBrowser();

  it('kill -9 mid-call: pages are back in the room within 5 s of the restart, and media never stopped', async (t) => {
    const url = roomUrl(env.server.url, 'crash-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);
    const media = [watchMedia(ada.page, 'Bo'), watchMedia(bo.page, 'Ada')];
    const calls = await Promise.all([ada, bo].map((participant) => connectionCount(participant.page)));

    const killedAt = Date.now();
    await env.server.stop('SIGKILL');
    await ada.page.getByText('Connection lost. Reconnecting…').waitFor({ timeout: 10_000 });
    const server = await env.restartServer();
    const listening = Date.now();
    await waitFor(
      'both back in the room',
      async () => (await readMetric(server, 'parley_participants')) === 2,
      10_000,
      100,
    );
    const backMs = Date.now() - listening;
    for (const participant of [ada, bo]) {
      await participant.page.getByText('Connection lost. Reconnecting…').waitFor({ state: 'detached', timeout: 5000 });
    }
    t.diagnostic(`back in the room ${backMs} ms after the restarted server listened`);
    assert.ok(backMs < 5000, `back within 5 s (${backMs} ms)`);

    const backAt = Date.now();
    for (const [index, watch] of media.entries()) {
      const { longestStallMs, moving, samples } = await watch.stop(killedAt, backAt);
      t.diagnostic(
        `media ${index === 0 ? 'Bo→Ada' : 'Ada→Bo'}: longest stall while the server was away ${longestStallMs} ms (${samples} samples)`,
      );
      assert.ok(moving, 'media still arrives');
      assert.ok(longestStallMs < 2500, `media went on while the server was away (longest stall ${longestStallMs} ms)`);
    }
    await expectUnbrokenCalls(ada.page, killedAt, calls[0] ?? 0);
    await expectUnbrokenCalls(bo.page, killedAt, calls[1] ?? 0);
    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    assert.deepEqual((await expectMediaFromAll(cy.page, 2)).map((tile) => tile.name).sort(), ['Ada', 'Bo']);
    await waitFor('Ada to see Bo and Cy', async () => (await remoteNames(ada.page)).join() === 'Bo,Cy');
    // Each page lost the server, waited for it, and took its place back (a new seat: the server forgot).
    for (const participant of [ada, bo]) {
      assert.deepEqual((await membershipPhases(participant.page)).slice(-4), [
        'joined',
        'reconnecting',
        'resuming',
        'joined',
      ]);
    }
    for (const participant of [ada, bo, cy]) await participant.context.close();
  });

  /**
   * Bo's signaling suffers `fault`; Ada must never see him leave, nor his media stop, and he is back after.
   * Returns what the server logged for the room, and the membership phases Bo's own page went through.
   */
  async function survivesBlip(roomId: string, fault: (signaling: SignalingSwitch) => Promise<void>) {
    const url = roomUrl(env.server.url, roomId);
    const signaling = new SignalingSwitch();
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo', prepare: (context) => signaling.attach(context) });
    try {
      await expectMediaFromAll(ada.page, 1);
      const tile = watchTile(ada.page, 'Bo');
      const media = watchMedia(ada.page, 'Bo');
      const calls = await connectionCount(ada.page);

      const faultAt = Date.now();
      await fault(signaling);
      const faultEnd = Date.now() + 1000;

      await bo.page.keyboard.press('c');
      await bo.page.getByLabel('Message to everyone').fill('still here');
      await bo.page.getByLabel('Message to everyone').press('Enter');
      // Sent once the page is in the room again (a message written meanwhile waits, then goes by itself).
      await bo.page.locator('.chat__message[data-status="sent"]').waitFor({ timeout: 20_000 });
      await ada.page.getByText('still here').waitFor({ timeout: 10_000 });
      assert.equal(await tile.stop(), 0, "Bo's tile never left Ada's page");
      const { longestStallMs, moving } = await media.stop(faultAt, faultEnd);
      assert.ok(moving, 'media still arrives');
      assert.ok(longestStallMs < 2500, `media went on through the fault (longest stall ${longestStallMs} ms)`);
      await expectUnbrokenCalls(ada.page, faultAt, calls);
      assert.deepEqual(await remoteNames(bo.page), ['Ada']);
      assert.equal(await bo.page.getByText('Connection lost. Reconnecting…').count(), 0);
      const said = (message: string) =>
        env.server.logs.filter((entry) => entry.msg === message && entry.roomId === roomId).length;
      assert.equal(said('participant left'), 0, 'nobody left, as far as the server is concerned');
      return {
        away: said('participant away'),
        resumed: said('participant resumed'),
        phases: await membershipPhases(bo.page),
        longestStallMs,
      };
    } finally {
      await ada.context.close();
      await bo.context.close();
    }
  }

  it('a 3 s stall of both of one participant’s channels: invisible to everyone, Bo included', async (t) => {
    const { away, resumed, phases, longestStallMs } = await survivesBlip('stall-room', async (signaling) => {
      signaling.cut();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      signaling.restore();
    });
    t.diagnostic(
      `server: ${away} away, ${resumed} resumed; Bo's phases: ${phases.join(' → ')}; stall ${longestStallMs} ms`,
    );
    // Neither connection gave up (socket.io waits 1.5 + 4.5 s for a ping's answer; presence 6 s of silence).
    assert.deepEqual(phases, ['prejoin', 'joining', 'joined']);
    assert.deepEqual({ away, resumed }, { away: 0, resumed: 0 });
  });

  it('a reset socket.io connection: the page takes its place back with its resume token, exactly once, unseen', async (t) => {
    const { away, resumed, phases, longestStallMs } = await survivesBlip('reset-room', async (signaling) => {
      signaling.dropSocketIo();
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    t.diagnostic(
      `server: ${away} away, ${resumed} resumed; Bo's phases: ${phases.join(' → ')}; stall ${longestStallMs} ms`,
    );
    assert.deepEqual(phases, ['prejoin', 'joining', 'joined', 'reconnecting', 'resuming', 'joined']);
    assert.equal(resumed, 1, 'the participant took their place back, once');
    assert.ok(away <= 1, 'the server saw at most one absence');
  });
});
