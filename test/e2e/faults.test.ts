import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { readMetric } from '../support/clients.js';
import { expectMediaFromAll, joinAs, remoteMedia, waitFor, type Participant } from '../support/browser.js';
import { remoteNames, roomUrl } from '../support/room.js';
import { SignalingSwitch } from '../support/signalingSwitch.js';
import { useServerAndBrowser } from '../support/suite.js';

/**
 * Samples, every 200 ms until stopped, what `viewer` receives from `sender`; `longestStallMs` is the
 * longest time its video frames or audio packets did not grow.
 */
function watchMedia(viewer: Page, sender: string) {
  let running = true;
  let longestStallMs = 0;
  let samples = 0;
  const done = (async () => {
    let last = { frames: -1, packets: -1, at: Date.now() };
    while (running) {
      const tile = (await remoteMedia(viewer).catch(() => [])).find((candidate) => candidate.name === sender);
      const now = Date.now();
      if (tile && tile.framesDecoded > last.frames && tile.audioPacketsReceived > last.packets) {
        longestStallMs = Math.max(longestStallMs, now - last.at);
        last = { frames: tile.framesDecoded, packets: tile.audioPacketsReceived, at: now };
        samples++;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { longestStallMs: Math.max(longestStallMs, Date.now() - last.at), samples };
  })();
  return {
    stop: async () => {
      running = false;
      return done;
    },
  };
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

describe('faults: a crashed server, a participant whose network stops answering', () => {
  const env = useServerAndBrowser();

  it('kill -9 mid-call: pages are back in the room within 5 s of the restart, and media never stopped', async (t) => {
    const url = roomUrl(env.server.url, 'crash-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);
    const media = [watchMedia(ada.page, 'Bo'), watchMedia(bo.page, 'Ada')];

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

    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    assert.deepEqual((await expectMediaFromAll(cy.page, 2)).map((tile) => tile.name).sort(), ['Ada', 'Bo']);
    for (const [index, watch] of media.entries()) {
      const { longestStallMs, samples } = await watch.stop();
      t.diagnostic(
        `media ${index === 0 ? 'Bo→Ada' : 'Ada→Bo'}: longest stall ${longestStallMs} ms over ${samples} samples`,
      );
      assert.ok(longestStallMs < 1500, `media never stopped (longest stall ${longestStallMs} ms)`);
    }
    await waitFor('Ada to see Bo and Cy', async () => (await remoteNames(ada.page)).join() === 'Bo,Cy');
    for (const participant of [ada, bo, cy]) await participant.context.close();
  });

  /** Bo's signaling suffers `fault`; Ada must never see him leave, nor his media stop, and he is back after. */
  async function survivesBlip(roomId: string, fault: (signaling: SignalingSwitch) => Promise<void>) {
    const url = roomUrl(env.server.url, roomId);
    const signaling = new SignalingSwitch();
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo', prepare: (context) => signaling.attach(context) });
    await expectMediaFromAll(ada.page, 1);
    const tile = watchTile(ada.page, 'Bo');
    const media = watchMedia(ada.page, 'Bo');

    await fault(signaling);

    await bo.page.keyboard.press('c');
    await waitFor(
      'Bo back in the room: his chat reaches Ada',
      async () => {
        await bo.page.getByLabel('Message to everyone').fill('still here');
        await bo.page.getByLabel('Message to everyone').press('Enter');
        await bo.page.waitForTimeout(500);
        return bo.page.locator('.chat__message[data-status="sent"]').count();
      },
      15_000,
      1000,
    );
    await ada.page.waitForTimeout(2000);
    assert.equal(await tile.stop(), 0, "Bo's tile never left Ada's page");
    const { longestStallMs } = await media.stop();
    assert.ok(longestStallMs < 1500, `media never stopped (longest stall ${longestStallMs} ms)`);
    assert.deepEqual(await remoteNames(bo.page), ['Ada']);
    assert.equal(await bo.page.getByText('Connection lost. Reconnecting…').count(), 0);
    const said = (message: string) =>
      env.server.logs.filter((entry) => entry.msg === message && entry.roomId === roomId).length;
    assert.equal(said('participant left'), 0, 'nobody left, as far as the server is concerned');
    const counts = { away: said('participant away'), resumed: said('participant resumed') };
    await ada.context.close();
    await bo.context.close();
    return counts;
  }

  it('a 3 s stall of one participant’s signaling: nobody sees them leave, media goes on, they are back after', async (t) => {
    const { away, resumed } = await survivesBlip('stall-room', async (signaling) => {
      signaling.cut();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      signaling.restore();
    });
    t.diagnostic(`server: ${away} away, ${resumed} resumed, 0 left`);
  });

  it('a reset socket.io connection: the page takes its place back with its resume token, unseen', async (t) => {
    const { away, resumed } = await survivesBlip('reset-room', async (signaling) => {
      signaling.dropSocketIo();
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    t.diagnostic(`server: ${away} away, ${resumed} resumed, 0 left`);
    // Whether the server saw the old connection close before the new one arrived ("away") is a race; either
    // way the page takes its place back with its resume token, and nobody else sees a thing.
    assert.ok(away <= 1, 'at most one absence, never a second one');
    assert.equal(resumed, 1, 'the participant took their place back');
  });

  it('a participant whose network is gone leaves every grid within 10 s, and comes back when it returns', async (t) => {
    const url = roomUrl(env.server.url, 'lost-room');
    const signaling = new SignalingSwitch();
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    const bo: Participant = await joinAs(env.browser, url, {
      name: 'Bo',
      prepare: (context) => signaling.attach(context),
    });
    await expectMediaFromAll(ada.page, 2);

    const cutAt = Date.now();
    signaling.cut();
    await Promise.all(
      [ada, cy].map((viewer) =>
        waitFor('Bo gone', async () => !(await remoteNames(viewer.page)).includes('Bo'), 12_000, 100),
      ),
    );
    const goneMs = Date.now() - cutAt;
    t.diagnostic(`gone from both grids ${goneMs} ms after the cut`);
    assert.ok(goneMs <= 10_000, `within 10 s (${goneMs} ms)`);
    await bo.page.getByText('Connection lost. Reconnecting…').waitFor();

    signaling.restore();
    await expectMediaFromAll(ada.page, 2);
    await expectMediaFromAll(bo.page, 2);
    for (const participant of [ada, bo, cy]) await participant.context.close();
  });
});
