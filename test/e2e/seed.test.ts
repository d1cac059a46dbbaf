import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { expectMediaFromAll, joinAs, launchBrowser, waitFor } from '../support/browser.js';
import { peerIdOf, roomUrl, tileGone } from '../support/room.js';
import { joinAsSeedClient, seedRemoteVideos } from '../support/seed.js';
import { startServer, type RunningServer } from '../support/server.js';

describe("the seed tutorial's client in a Parley room", () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('joins after a Parley participant: both see and hear each other, and its leaving is noticed', async () => {
    const ada = await joinAs(browser, roomUrl(server.url, 'seed-after'), { name: 'Ada' });
    await ada.page.getByText('Only you here').waitFor();
    const seed = await joinAsSeedClient(browser, server.url, 'seed-after');

    const [seedTile] = await expectMediaFromAll(ada.page, 1);
    assert.match(seedTile?.name ?? '', /^Guest [0-9A-F]{4}$/);
    await expectMediaFromAll(seed.page, 1, { selector: seedRemoteVideos });

    const seedId = await peerIdOf(ada.page, seedTile?.name ?? '');
    await seed.page.close();
    await tileGone(ada.page, seedId, 2000);
    await seed.context.close();
    await ada.context.close();
  });

  it('is joined by a Parley participant: both see and hear each other, and Parley leaving is noticed', async () => {
    const seed = await joinAsSeedClient(browser, server.url, 'seed-first');
    await seed.page.locator('#video-grid video').first().waitFor();
    const bo = await joinAs(browser, roomUrl(server.url, 'seed-first'), { name: 'Bo' });

    await expectMediaFromAll(bo.page, 1);
    await expectMediaFromAll(seed.page, 1, { selector: seedRemoteVideos });

    await bo.page.getByRole('button', { name: 'Leave the call' }).click();
    // The seed closes the calls it placed when the server says user-disconnected.
    await waitFor(
      'the seed page to drop the leaver',
      async () => (await seed.page.locator(seedRemoteVideos).count()) === 0,
      5000,
    );
    await bo.context.close();
    await seed.context.close();
  });
});
