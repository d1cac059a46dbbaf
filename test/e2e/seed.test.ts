import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectMediaFromAll, joinAs, waitFor } from '../support/browser.js';
import { peerIdOf, roomUrl, tileGone } from '../support/room.js';
import { joinAsSeedClient, seedRemoteVideos } from '../support/seed.js';
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
    await tileGone(ada.page, seedId, 10_000);
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
});
