import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectMediaFromAll, joinAs, remoteMedia, waitFor } from '../support/browser.js';
import { remoteNames, roomUrl } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

describe('a server restart', () => {
  const env = useServerAndBrowser();

  it('does not end the meeting: pages rejoin by themselves, media keeps flowing, newcomers see everyone', async () => {
    const url = roomUrl(env.server.url, 'restart-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);

    assert.equal(await env.server.stop('SIGTERM'), 0, 'a clean exit on SIGTERM');
    // The server said it was restarting before it closed the connections.
    await ada.page.getByText('The server is restarting. Reconnecting…').waitFor({ timeout: 10_000 });
    // Media is peer to peer: it flows while the server is away.
    const during = await expectMediaFromAll(bo.page, 1);
    assert.equal(during[0]?.name, 'Ada');

    await env.restartServer();
    for (const participant of [ada, bo]) {
      await participant.page
        .getByText('The server is restarting. Reconnecting…')
        .waitFor({ state: 'detached', timeout: 15_000 });
    }
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);

    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    assert.deepEqual((await expectMediaFromAll(cy.page, 2)).map((tile) => tile.name).sort(), ['Ada', 'Bo']);
    await waitFor('Ada to see Bo and Cy', async () => (await remoteNames(ada.page)).join() === 'Bo,Cy');
    await expectMediaFromAll(ada.page, 2);
    assert.equal((await remoteMedia(bo.page)).length, 2);
    for (const participant of [ada, bo, cy]) await participant.context.close();
  });
});
