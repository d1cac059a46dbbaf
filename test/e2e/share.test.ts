import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { expectMediaFromAll, joinAs, waitFor } from '../support/browser.js';
import { roomUrl, tileInfo } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

/** The label of the device behind each track the page's calls send (e.g. "fake_device_1", "screen:0:0"). */
function sentTrackLabels(page: Page, kind: 'audio' | 'video') {
  return page.evaluate((kind) => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    return connections
      .filter((connection) => connection.connectionState === 'connected')
      .flatMap((connection) => connection.getSenders())
      .filter((sender) => sender.track?.kind === kind)
      .map((sender) => sender.track?.label ?? '');
  }, kind);
}

/**
 * The fake camera is 4:3 (640x480) and the fake screen 16:9 (1280x720). The sender may scale either down when the
 * machine is busy (WebRTC's CPU adaptation), so a frame is told by its shape, not its exact size.
 */
function hasShape(size: readonly number[] | null | undefined, width: number, height: number): boolean {
  const [w = 0, h = 0] = size ?? [];
  return h > 0 && Math.abs(w / h - width / height) < 0.03;
}
const isCamera = (size: readonly number[] | null | undefined) => hasShape(size, 4, 3);
const isScreen = (size: readonly number[] | null | undefined) => hasShape(size, 16, 9);

describe('screen share, device switching, pin and full screen', () => {
  const env = useServerAndBrowser();

  it('sends the screen to everyone without renegotiating, shown large, and the camera comes back after', async () => {
    const url = roomUrl(env.server.url, 'share-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    await expectMediaFromAll(bo.page, 2);
    await expectMediaFromAll(cy.page, 2);
    const connectionsBefore = await bo.page.evaluate(
      () => (window as unknown as { __peerConnections: unknown[] }).__peerConnections.length,
    );
    assert.ok(isCamera((await tileInfo(bo.page, 'Ada'))?.videoSize), 'Ada shows her camera first');

    // Both viewers' notices are awaited at once: each shows for a few seconds only.
    const told = Promise.all(
      [bo, cy].map((viewer) => viewer.page.getByRole('status').filter({ hasText: 'Ada is presenting' }).waitFor()),
    );
    await ada.page.keyboard.press('d');
    await ada.page.getByRole('button', { name: 'Stop sharing the screen' }).waitFor();
    await told;
    for (const viewer of [bo, cy]) {
      await waitFor('the screen, large, at its own size', async () => {
        const tile = await tileInfo(viewer.page, 'Ada');
        return tile?.presenting && tile.large && isScreen(tile.videoSize);
      });
      await expectMediaFromAll(viewer.page, 2);
    }
    const connectionsDuring = await bo.page.evaluate(
      () => (window as unknown as { __peerConnections: unknown[] }).__peerConnections.length,
    );
    assert.equal(connectionsDuring, connectionsBefore, 'no new call was placed');
    assert.equal((await tileInfo(ada.page, 'Ada (you)'))?.presenting, true, 'Ada sees what she shares');
    // Ada is told she presents, with Stop at hand.
    const bar = ada.page.getByRole('status').filter({ hasText: 'You are presenting to everyone' });
    await bar.waitFor();

    await bar.getByRole('button', { name: 'Stop presenting' }).click();
    await bar.waitFor({ state: 'detached' });
    await ada.page.getByRole('button', { name: 'Share the screen' }).waitFor();
    for (const viewer of [bo, cy]) {
      await waitFor('the camera back, in the grid', async () => {
        const tile = await tileInfo(viewer.page, 'Ada');
        return tile && !tile.presenting && !tile.large && isCamera(tile.videoSize);
      });
    }
    assert.deepEqual(await sentTrackLabels(ada.page, 'video'), ['fake_device_0', 'fake_device_0']);
    await expectMediaFromAll(bo.page, 2);
    for (const participant of [ada, bo, cy]) await participant.context.close();
  });

  it('switches camera and microphone during the call, and the others keep seeing and hearing', async () => {
    const url = roomUrl(env.server.url, 'switch-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(bo.page, 1);
    await ada.page.keyboard.press('s');
    const dialog = ada.page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    await dialog.getByLabel('Camera').selectOption({ label: 'fake_device_2' });
    await dialog.getByLabel('Microphone').selectOption({ label: 'Fake Audio Input 1' });
    await waitFor('the new camera sent', async () => (await sentTrackLabels(ada.page, 'video'))[0] === 'fake_device_2');
    await waitFor('the new microphone sent', async () =>
      (await sentTrackLabels(ada.page, 'audio'))[0]?.startsWith('Fake Audio Input 1'),
    );
    await dialog.getByRole('button', { name: 'Close settings' }).click();
    await expectMediaFromAll(bo.page, 1);
    assert.equal(await ada.page.evaluate(() => localStorage.getItem('parley:devices')?.includes('camera')), true);
    await ada.context.close();
    await bo.context.close();
  });

  it('pins a tile large, and shows a tile full screen', async () => {
    const url = roomUrl(env.server.url, 'pin-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(ada.page, 1);
    // Two people: the other large, oneself small in a corner.
    await waitFor('Bo large', async () => (await tileInfo(ada.page, 'Bo'))?.large);
    assert.equal((await tileInfo(ada.page, 'Ada (you)'))?.large, false);
    // Pinning oneself makes oneself large; unpinning goes back to the other large.
    await ada.page.getByRole('button', { name: 'Pin Ada', exact: true }).click();
    await waitFor('Ada large', async () => (await tileInfo(ada.page, 'Ada (you)'))?.large);
    assert.equal((await tileInfo(ada.page, 'Bo'))?.large, false);
    await ada.page.getByRole('button', { name: 'Unpin Ada', exact: true }).click();
    await waitFor('Bo large again', async () => (await tileInfo(ada.page, 'Bo'))?.large);

    await ada.page.getByRole('button', { name: 'Full screen: Bo' }).click();
    await waitFor('Bo full screen', () =>
      ada.page.evaluate(() => document.fullscreenElement?.querySelector('.tile__name')?.textContent === 'Bo'),
    );
    await ada.page.keyboard.press('Escape');
    await ada.context.close();
    await bo.context.close();
  });

  it('offers every control by keyboard: copy the invite link, speaker layout, leave', async () => {
    const url = roomUrl(env.server.url, 'keys-room');
    const ada = await joinAs(env.browser, url, {
      name: 'Ada',
      permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
    });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(ada.page, 1);
    await ada.page.keyboard.press('i');
    await ada.page.getByRole('status').filter({ hasText: 'Invite link copied' }).waitFor();
    assert.equal(await ada.page.evaluate(() => navigator.clipboard.readText()), url);

    await ada.page.keyboard.press('g');
    await waitFor('Bo large in the speaker layout', async () => (await tileInfo(ada.page, 'Bo'))?.large);
    await ada.page.getByRole('button', { name: 'Grid layout' }).click();

    await ada.page.keyboard.press('v');
    await waitFor('Bo to see Ada without camera', async () =>
      (await tileInfo(bo.page, 'Ada'))?.label.includes('camera off'),
    );
    // Typing in the chat is not a shortcut.
    await ada.page.keyboard.press('c');
    await ada.page.getByLabel('Message to everyone').pressSequentially('move');
    assert.equal(await ada.page.getByRole('button', { name: 'Turn on camera' }).count(), 1, 'v typed, not pressed');
    await ada.page.getByLabel('Message to everyone').press('Escape');
    await ada.page.locator('body').click({ position: { x: 5, y: 5 } });

    const labels = await ada.page.$$eval('.controls button', (buttons) =>
      buttons.map((button) => [button.getAttribute('aria-label'), button.getAttribute('aria-keyshortcuts')]),
    );
    assert.deepEqual(labels, [
      ['Turn off microphone', 'M'],
      ['Turn on camera', 'V'],
      ['Share the screen', 'D'],
      ['Raise your hand', 'R'],
      ['Chat', 'C'],
      ['People', 'P'],
      ['Settings', 'S'],
      ['Leave the call', 'Shift+Q'],
    ]);
    await ada.page.keyboard.press('q');
    assert.equal(
      await ada.page.getByRole('heading', { name: 'You left the meeting' }).count(),
      0,
      'q alone does nothing',
    );
    await ada.page.keyboard.press('Shift+Q');
    await ada.page.getByRole('heading', { name: 'You left the meeting' }).waitFor();
    await ada.context.close();
    await bo.context.close();
  });
});
