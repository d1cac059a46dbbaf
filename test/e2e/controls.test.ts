import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  expectMediaFromAll,
  joinAs,
  launchBrowserThatDeniesDevices,
  remoteMedia,
  waitFor,
} from '../support/browser.js';
import { cameraInUse } from '../support/pageScripts.js';
import { roomUrl } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

/** The remote tile showing `name`: its label for screen readers and whether it shows video. */
function tileState(page: Page, name: string) {
  return page.evaluate((name) => {
    const tile = [...document.querySelectorAll<HTMLElement>('.tile:not([data-self])')].find(
      (candidate) => candidate.querySelector('.tile__name')?.textContent === name,
    );
    if (!tile) return undefined;
    return {
      label: tile.getAttribute('aria-label') ?? '',
      showsVideo: !tile.querySelector('video')?.hidden,
      avatar: tile.querySelector('.tile__avatar')?.textContent ?? null,
      mutedIcon: !!tile.querySelector('.tile__badge--muted'),
    };
  }, name);
}

/** How many tracks getUserMedia has handed the page so far. */
function deviceTrackCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __deviceTracks: MediaStreamTrack[] }).__deviceTracks.length);
}

describe('controls that the others see take effect', () => {
  const env = useServerAndBrowser();

  it('mute and camera off show on the other side, and come back', async () => {
    const url = roomUrl(env.server.url, 'controls-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(bo.page, 1);
    assert.deepEqual(await tileState(bo.page, 'Ada'), {
      label: 'Ada',
      showsVideo: true,
      avatar: null,
      mutedIcon: false,
    });

    await ada.page.getByRole('button', { name: 'Turn off microphone' }).click();
    await waitFor('Bo to see Ada muted', async () => (await tileState(bo.page, 'Ada'))?.mutedIcon);
    assert.equal((await tileState(bo.page, 'Ada'))?.label, 'Ada, microphone off');
    await ada.page.getByRole('button', { name: 'Turn on microphone' }).waitFor();

    assert.equal(await cameraInUse(ada.page), true);
    await ada.page.getByRole('button', { name: 'Turn off camera' }).click();
    await waitFor('Bo to see Ada without video', async () => (await tileState(bo.page, 'Ada'))?.showsVideo === false);
    await waitFor('Ada to release her camera (its light goes out)', async () => !(await cameraInUse(ada.page)));
    assert.deepEqual(await tileState(bo.page, 'Ada'), {
      label: 'Ada, microphone off, camera off',
      showsVideo: false,
      avatar: 'A',
      mutedIcon: true,
    });

    await ada.page.getByRole('button', { name: 'Turn on camera' }).click();
    await ada.page.getByRole('button', { name: 'Turn on microphone' }).click();
    await waitFor('Bo to see Ada again', async () => (await tileState(bo.page, 'Ada'))?.label === 'Ada');
    await expectMediaFromAll(bo.page, 1);
    assert.equal(await cameraInUse(ada.page), true, 'the camera is back');

    // Off, then on and off again faster than the camera can start: it must end up released.
    await ada.page.getByRole('button', { name: 'Turn off camera' }).click();
    await waitFor('the camera released', async () => !(await cameraInUse(ada.page)));
    const tracksBefore = await deviceTrackCount(ada.page);
    // No named helpers inside evaluate: tsx would wrap them in a helper the page does not have.
    await ada.page.evaluate(async () => {
      document.querySelector<HTMLButtonElement>('button[aria-label="Turn on camera"]')?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
      document.querySelector<HTMLButtonElement>('button[aria-label="Turn off camera"]')?.click();
    });
    await ada.page.getByRole('button', { name: 'Turn on camera' }).waitFor();
    // The camera asked for by "on" arrives after "off": once it has, it must be released again.
    await waitFor('the late camera to arrive', async () => (await deviceTrackCount(ada.page)) > tracksBefore);
    await waitFor('the late camera released', async () => !(await cameraInUse(ada.page)), 5000);
    assert.equal(await cameraInUse(ada.page), false, 'a camera that finished starting after "off" is released');
    await ada.context.close();
    await bo.context.close();
  });

  it('copy invite link puts the room address on the clipboard', async () => {
    const url = roomUrl(env.server.url, 'invite-room');
    const ada = await joinAs(env.browser, url, {
      name: 'Ada',
      permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
    });
    await ada.page.getByRole('button', { name: 'Copy invite link' }).click();
    await ada.page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    assert.equal(await ada.page.evaluate(() => navigator.clipboard.readText()), url);
    await ada.context.close();
  });

  it('leave ends the call for the leaver, who can rejoin and be seen again', async () => {
    const url = roomUrl(env.server.url, 'rejoin-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(ada.page, 1);
    await ada.page.getByRole('button', { name: 'Leave the call' }).click();
    await ada.page.getByRole('heading', { name: 'You left the meeting' }).waitFor();
    await waitFor('Bo alone', async () => (await remoteMedia(bo.page)).length === 0, 5000);

    await ada.page.getByRole('button', { name: 'Rejoin' }).click();
    await ada.page.getByRole('button', { name: 'Join now' }).click();
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);
    await ada.context.close();
    await bo.context.close();
  });

  it('someone who denies camera and microphone still joins, watches and listens, with a clear message', async () => {
    const url = roomUrl(env.server.url, 'denied-room');
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    const strict = await launchBrowserThatDeniesDevices();
    try {
      const cy = await joinAs(strict, url, { name: 'Cy', permissions: [] });
      await cy.page.getByRole('alert').filter({ hasText: 'is blocked' }).waitFor();
      await expectMediaFromAll(cy.page, 1);
      assert.equal(await cy.page.getByRole('button', { name: 'No camera available' }).isDisabled(), true);
      assert.equal(await cy.page.getByRole('button', { name: 'No microphone available' }).isDisabled(), true);
      await waitFor('Bo to see Cy without camera or microphone', async () => {
        const state = await tileState(bo.page, 'Cy');
        return state?.label === 'Cy, microphone off, camera off' && state.avatar === 'C';
      });
    } finally {
      await strict.close();
      await bo.context.close();
    }
  });
});
