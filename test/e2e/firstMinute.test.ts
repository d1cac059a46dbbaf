import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { expectMediaFromAll, joinAs, openPage, waitFor } from '../support/browser.js';
import { roomUrl, setVideoFlowing } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

/** The accessible name of what has the keyboard focus ('' for the page's body). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '';
    const label =
      element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.labels?.[0] : null;
    return element.getAttribute('aria-label') ?? label?.textContent?.trim() ?? element.textContent?.trim() ?? '';
  });
}

describe('the first minute: a fresh room, the keyboard, and coming back', () => {
  const env = useServerAndBrowser();

  it('/ opens a fresh room with a readable name, and after Join the keyboard is on the call controls', async () => {
    const ada = await openPage(env.browser, env.server.url, { name: 'Ada' });
    try {
      const room = new URL(ada.page.url()).pathname.slice(1);
      assert.match(room, /^[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
      await ada.page
        .getByRole('heading', { name: room })
        .or(ada.page.getByText(room, { exact: true }))
        .first()
        .waitFor();
      await ada.page.getByRole('button', { name: 'Join now' }).click();
      // On the first call control that can be used (the microphone, once the devices are there).
      await waitFor('the focus on the controls', () =>
        ada.page.evaluate(
          () => document.activeElement?.closest('.controls') !== null && document.activeElement !== null,
        ),
      );
      // The call controls come before any tile's own buttons in the tab order.
      const order = await ada.page.evaluate(() => {
        const all = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')];
        const leave = all.findIndex((element) => element.dataset.action === 'leave');
        const firstTileButton = all.findIndex((element) => element.closest('.tile') !== null);
        return { leave, firstTileButton };
      });
      assert.ok(order.leave >= 0, 'the leave button is there');
      if (order.firstTileButton >= 0) assert.ok(order.firstTileButton > order.leave, JSON.stringify(order));
    } finally {
      await ada.context.close();
    }
  });

  it('Esc closes a panel, and closing a panel or the settings gives the focus back to what opened it', async () => {
    const ada = await joinAs(env.browser, roomUrl(env.server.url, 'focus-room'), { name: 'Ada' });
    try {
      const chat = ada.page.locator('.controls [data-action="chat"]');
      await chat.focus();
      await ada.page.keyboard.press('Enter');
      await ada.page.getByLabel('Message to everyone').waitFor();
      await waitFor('the focus in the message box', async () => (await focused(ada.page)) === 'Message to everyone');
      await ada.page.keyboard.press('Escape');
      await ada.page.getByLabel('Message to everyone').waitFor({ state: 'detached' });
      await waitFor('the focus back on Chat', async () => (await focused(ada.page)) === 'Chat');

      // The shortcut opens the people panel; closing it with its own button gives the focus back too.
      await ada.page.keyboard.press('p');
      await ada.page.getByRole('heading', { name: /^People/ }).waitFor();
      await ada.page.getByRole('button', { name: 'Close people' }).click();
      await ada.page.getByRole('heading', { name: /^People/ }).waitFor({ state: 'detached' });
      await waitFor('the focus not on the page body', async () => (await focused(ada.page)) !== '');

      const settings = ada.page.locator('.controls [data-action="settings"]');
      await settings.focus();
      await ada.page.keyboard.press('Enter');
      await ada.page.getByRole('dialog').waitFor();
      await ada.page.keyboard.press('Escape');
      await ada.page.getByRole('dialog').waitFor({ state: 'hidden' });
      await waitFor('the focus back on Settings', async () => (await focused(ada.page)) === 'Settings');
    } finally {
      await ada.context.close();
    }
  });

  it('Rejoin after Leave, and a later visit, keep the microphone and camera as they were, the camera never opened while off', async () => {
    const url = roomUrl(env.server.url, 'rejoin-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    try {
      await ada.page.getByRole('button', { name: 'Turn off microphone' }).click();
      await ada.page.getByRole('button', { name: 'Turn off camera' }).click();
      await ada.page.getByRole('button', { name: 'Leave the call' }).click();
      const camerasOpened = (page: Page) =>
        page.evaluate(
          () =>
            ((window as unknown as { __deviceTracks?: MediaStreamTrack[] }).__deviceTracks ?? []).filter(
              (track) => track.kind === 'video',
            ).length,
        );
      await ada.page.getByRole('button', { name: 'Rejoin' }).click();
      await ada.page.getByRole('button', { name: 'Join now' }).waitFor();
      await ada.page.getByRole('button', { name: 'Join now' }).click();
      await ada.page.getByRole('button', { name: 'Turn on microphone' }).waitFor();
      await ada.page.getByRole('button', { name: 'Turn on camera' }).waitFor();
      // Nothing is sent live meanwhile: the camera is released, the microphone track muted.
      await waitFor('the camera released and the microphone muted', () =>
        ada.page.evaluate(() => {
          const tracks = (window as unknown as { __deviceTracks?: MediaStreamTrack[] }).__deviceTracks ?? [];
          const live = tracks.filter((track) => track.readyState === 'live');
          return live.every((track) => track.kind === 'audio' && !track.enabled);
        }),
      );
      // Rejoin opens the room page again: no camera was opened on it, not even briefly.
      assert.equal(await camerasOpened(ada.page), 0, 'the camera was not opened again');

      // The same browser opening the room another day: the camera stays closed until she turns it on, and
      // the pre-join says it is off (not missing).
      const later = await ada.context.newPage();
      await later.goto(url);
      await later.getByText('Camera is off').waitFor();
      await later.getByRole('button', { name: 'Turn on camera' }).waitFor();
      assert.equal(await camerasOpened(later), 0, 'no camera opened on the pre-join');
      await later.getByRole('button', { name: 'Turn on camera' }).click();
      await waitFor('the preview playing once she turns it on', () =>
        later.evaluate(() => (document.querySelector<HTMLVideoElement>('.prejoin__video video')?.videoWidth ?? 0) > 0),
      );
    } finally {
      await ada.context.close();
    }
  });

  it('alone: an invitation with the link; two people: the other large, oneself small in a corner, movable', async () => {
    const url = roomUrl(env.server.url, 'pair-room');
    const ada = await joinAs(env.browser, url, {
      name: 'Ada',
      permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
    });
    try {
      const card = ada.page.getByRole('region', { name: 'Your meeting is ready' });
      await card.waitFor();
      assert.equal(await card.getByLabel('Meeting link').inputValue(), url);
      await card.getByRole('button', { name: 'Copy link' }).click();
      await card.getByText('Link copied').waitFor();
      assert.equal(await ada.page.evaluate(() => navigator.clipboard.readText()), url);

      const bo = await joinAs(env.browser, url, { name: 'Bo', viewport: { width: 390, height: 844 } });
      try {
        await card.waitFor({ state: 'detached' });
        await expectMediaFromAll(ada.page, 1);
        const cells = (page: Page) =>
          page.evaluate(() => {
            const stage = document.querySelector('.stage')?.getBoundingClientRect();
            const rectOf = (selector: string) => {
              const cell = document.querySelector(selector)?.closest('.stage__cell')?.getBoundingClientRect();
              return cell && stage
                ? { x: cell.x - stage.x, y: cell.y - stage.y, width: cell.width, height: cell.height }
                : undefined;
            };
            return {
              stage: stage ? { width: stage.width, height: stage.height } : undefined,
              self: rectOf('.tile[data-self]'),
              other: rectOf('.tile:not([data-self])'),
            };
          });
        for (const page of [ada.page, bo.page]) {
          await waitFor('the other large, oneself small', async () => {
            const { stage, self, other } = await cells(page);
            if (!stage || !self || !other) return false;
            const share = (rect: { width: number; height: number }) =>
              (rect.width * rect.height) / (stage.width * stage.height);
            return share(other) > 0.9 && share(self) < 0.12 && self.x > stage.width / 2 && self.y > stage.height / 2;
          });
        }
        // Dragged to the top left, one's own view settles in that corner.
        const self = ada.page.locator('.stage__cell--pip');
        const box = await self.boundingBox();
        assert.ok(box);
        await ada.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await ada.page.mouse.down();
        await ada.page.mouse.move(60, 120, { steps: 8 });
        await ada.page.mouse.up();
        await waitFor('in the top left corner', async () => {
          const { stage, self: moved } = await cells(ada.page);
          return !!stage && !!moved && moved.x < stage.width / 4 && moved.y < stage.height / 4;
        });
      } finally {
        await bo.context.close();
      }
    } finally {
      await ada.context.close();
    }
  });

  it('a video that stops moving shows the initial and "Video paused", never a frozen picture, until it moves again', async () => {
    const url = roomUrl(env.server.url, 'stall-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo', viewport: { width: 390, height: 844 } });
    try {
      await expectMediaFromAll(bo.page, 1);
      const adaTile = bo.page.locator('.tile:not([data-self])');
      // Ada's camera keeps running, but her frames stop reaching anyone (as when her uplink stalls).
      await setVideoFlowing(ada.page, false);
      await adaTile.getByText('Video paused').waitFor({ timeout: 10_000 });
      assert.match((await adaTile.getAttribute('aria-label')) ?? '', /video paused/);
      assert.equal(await adaTile.locator('.tile__avatar').textContent(), 'A', 'her initial');
      // Her frames move again: the picture is back, without the notice.
      await setVideoFlowing(ada.page, true);
      await adaTile.getByText('Video paused').waitFor({ state: 'detached', timeout: 10_000 });
      await expectMediaFromAll(bo.page, 1);
    } finally {
      await bo.context.close();
      await ada.context.close();
    }
  });

  it('on a touch screen a tile’s buttons stay off faces until the tile is tapped, then are a finger’s size', async () => {
    const url = roomUrl(env.server.url, 'touch-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo', viewport: { width: 390, height: 844 }, touch: true });
    try {
      await expectMediaFromAll(bo.page, 1);
      const tile = bo.page.locator('.tile:not([data-self])');
      const pin = tile.getByRole('button', { name: 'Pin Ada' });
      /** Whether the pin button shows, and whether a tap at its place would reach it. */
      const pinState = () =>
        pin.evaluate((button) => {
          const box = button.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
          return {
            visible: getComputedStyle(button.parentElement as Element).opacity === '1',
            reachable: !!hit && button.contains(hit),
            size: Math.min(box.width, box.height),
          };
        });
      const hidden = await pinState();
      assert.equal(hidden.visible, false, 'not over her face');
      assert.equal(hidden.reachable, false, 'and not to be hit unseen');
      await tile.tap({ position: { x: 40, y: 200 } });
      await waitFor('the buttons shown', async () => (await pinState()).visible);
      const shown = await pinState();
      assert.equal(shown.reachable, true);
      assert.ok(shown.size >= 44, `a finger’s size (${shown.size}px)`);
      await pin.tap();
      // The browser makes the click of the tap after the touch ends, and the pin is drawn after that.
      await waitFor('the tap to pin her', async () => (await pin.getAttribute('aria-pressed')) === 'true', 5000);
    } finally {
      await bo.context.close();
      await ada.context.close();
    }
  });
});
