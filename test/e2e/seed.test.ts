import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { expectMediaFromAll, joinAs, waitFor } from '../support/browser.js';
import { peerIdOf, roomUrl, tileGone, tileInfo } from '../support/room.js';
import { joinAsSeedClient, seedRemoteVideos } from '../support/seed.js';
import { isCamera, isScreen, screenInfo } from '../support/share.js';
import { useServerAndBrowser } from '../support/suite.js';

describe("the seed tutorial's client in a Parley room", () => {
  const env = useServerAndBrowser();

  it('joins after a Parley participant: both see and hear each other, and its leaving is noticed', async () => {
    const ada = await joinAs(env.browser, roomUrl(env.server.url, 'seed-after'), { name: 'Ada' });
    await ada.page.getByText('Only you here').waitFor();
    const seed = await joinAsSeedClient(env.browser, env.server.url, 'seed-after');

    const [seedTile] = await expectMediaFromAll(ada.page, 1);
    assert.match(seedTile?.name ?? '', /^Guest [0-9A-F]{4}$/);
    await expectMediaFromAll(seed.page, 1, { selector: seedRemoteVideos });

    const seedId = await peerIdOf(ada.page, seedTile?.name ?? '');
    await seed.page.close();
    // The seed's socket.io runs on long-polling (it asks for it): when its tab closes between two poll
    // requests, the server learns it from the heartbeat, 8 s at most. Parley pages use WebSocket (2 s).
    // (Room for a busy machine's late timers on top.)
    await tileGone(ada.page, seedId, 20_000);
    await seed.context.close();
    await ada.context.close();
  });

  it('is joined by a Parley participant: both see and hear each other, and Parley leaving is noticed', async () => {
    const seed = await joinAsSeedClient(env.browser, env.server.url, 'seed-first');
    await seed.page.locator('#video-grid video').first().waitFor();
    const bo = await joinAs(env.browser, roomUrl(env.server.url, 'seed-first'), { name: 'Bo' });

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

  it("sees the camera, and a Parley presenter's screen on its one video (Parley pages get both)", async () => {
    // Ada calls the seed (offering the screen's m-line, which the seed does not take); the seed calls Bo.
    const ada = await joinAs(env.browser, roomUrl(env.server.url, 'seed-share'), { name: 'Ada' });
    await ada.page.getByText('Only you here').waitFor();
    const seed = await joinAsSeedClient(env.browser, env.server.url, 'seed-share');
    await expectMediaFromAll(seed.page, 1, { selector: seedRemoteVideos });
    const bo = await joinAs(env.browser, roomUrl(env.server.url, 'seed-share'), { name: 'Bo' });
    await expectMediaFromAll(seed.page, 2, { selector: seedRemoteVideos });
    await expectMediaFromAll(bo.page, 2);
    assert.deepEqual(await seedVideoShapes(seed.page), ['camera', 'camera']);

    for (const presenter of [ada, bo]) {
      await presenter.page.keyboard.press('d');
      await waitFor('the seed to show the screen on one video', async () =>
        (await seedVideoShapes(seed.page)).includes('screen'),
      );
      const viewer = presenter === ada ? bo : ada;
      const name = presenter === ada ? 'Ada' : 'Bo';
      await waitFor(`${name}'s screen and camera apart on a Parley page`, async () => {
        const [screen, tile] = [await screenInfo(viewer.page, name), await tileInfo(viewer.page, name)];
        return screen?.playing && isScreen(screen.videoSize) && isCamera(tile?.videoSize);
      });
      await presenter.page.getByRole('button', { name: 'Stop sharing the screen' }).click();
      await waitFor('the seed to show cameras again', async () =>
        (await seedVideoShapes(seed.page)).every((shape) => shape === 'camera'),
      );
    }
    await expectMediaFromAll(seed.page, 2, { selector: seedRemoteVideos });
    for (const participant of [ada, bo, seed]) await participant.context.close();
  });
});

/** What each of the seed page's remote videos shows, by the shape of its frames (4:3 camera, 16:9 screen). */
async function seedVideoShapes(page: Page): Promise<string[]> {
  const sizes = await page.$$eval(seedRemoteVideos, (videos) =>
    (videos as HTMLVideoElement[]).map((video) => [video.videoWidth, video.videoHeight]),
  );
  return sizes.map((size) => (isCamera(size) ? 'camera' : isScreen(size) ? 'screen' : 'other'));
}
