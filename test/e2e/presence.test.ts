import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { expectMediaFromAll, joinAs, waitFor } from '../support/browser.js';
import { remoteNames, roomUrl, tileInfo } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

/** The people panel's rows: name and what screen readers hear about them. */
function peopleRows(page: Page) {
  return page.$$eval('.people__row', (rows) =>
    rows.map((row) => ({
      name: row.querySelector('.people__name')?.textContent ?? '',
      states: row.querySelector('.visually-hidden')?.textContent ?? '',
    })),
  );
}

describe('presence: who is here, who speaks, who has a hand up', () => {
  const env = useServerAndBrowser();

  it('highlights whoever is speaking, from their audio level, and not someone muted', async () => {
    const url = roomUrl(env.server.url, 'speaking-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await expectMediaFromAll(bo.page, 1);
    // Chromium's fake microphone beeps: Ada's tile lights up on Bo's page, and her own.
    await waitFor('Bo to see Ada speaking', async () => (await tileInfo(bo.page, 'Ada'))?.speaking);
    await waitFor('Ada to see herself speaking', async () => (await tileInfo(ada.page, 'Ada (you)'))?.speaking);

    await ada.page.keyboard.press('m');
    await waitFor('Bo to see Ada muted', async () =>
      (await tileInfo(bo.page, 'Ada'))?.label.includes('microphone off'),
    );
    await waitFor('the ring around Ada to fade', async () => (await tileInfo(bo.page, 'Ada'))?.speaking === false);
    // Then, over two seconds of her (silent) audio still arriving, it never lights up again.
    for (let sample = 0; sample < 10; sample++) {
      assert.equal((await tileInfo(bo.page, 'Ada'))?.speaking, false, 'a muted participant is never highlighted');
      await bo.page.waitForTimeout(200);
    }
    await ada.context.close();
    await bo.context.close();
  });

  it('lists everyone with the same state as the tiles, and says who came and went', async () => {
    const url = roomUrl(env.server.url, 'people-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await ada.page.getByRole('status').filter({ hasText: 'Bo joined' }).waitFor();
    await bo.page.getByRole('button', { name: 'Turn off camera' }).click();
    await ada.page.keyboard.press('p');
    await ada.page.getByRole('heading', { name: 'People (2)' }).waitFor();
    await waitFor('the list to show Bo without camera', async () => {
      const rows = await peopleRows(ada.page);
      return (
        JSON.stringify(rows) ===
        JSON.stringify([
          { name: 'Ada (you)', states: ': Host' },
          { name: 'Bo', states: ': camera off' },
        ])
      );
    });

    await bo.page.keyboard.press('r');
    await ada.page.getByRole('status').filter({ hasText: 'Bo raised their hand' }).waitFor();
    await waitFor('the hand on the tile', async () => (await tileInfo(ada.page, 'Bo'))?.hand);
    await waitFor('hands first in the list', async () => (await peopleRows(ada.page))[0]?.name === 'Bo');
    assert.equal((await peopleRows(ada.page))[0]?.states, ': hand raised, number 1 in line, camera off');
    assert.equal((await tileInfo(ada.page, 'Bo'))?.label, 'Bo, camera off, hand raised, number 1 in line');
    // A second hand goes up after the first: second in line, on the tiles and in the list.
    await ada.page.keyboard.press('r');
    await waitFor('Ada second in line', async () =>
      (await peopleRows(ada.page))[1]?.states.includes('hand raised, number 2 in line'),
    );
    assert.equal((await peopleRows(ada.page))[0]?.name, 'Bo');
    await waitFor('Bo sees the same queue', async () =>
      (await tileInfo(bo.page, 'Ada'))?.label.includes('number 2 in line'),
    );
    await ada.page.keyboard.press('r');
    await bo.page.getByRole('button', { name: 'Lower your hand' }).click();
    await waitFor('the hand down', async () => (await tileInfo(ada.page, 'Bo'))?.hand === false);

    await bo.page.getByRole('button', { name: 'Leave the call' }).click();
    await ada.page.getByRole('status').filter({ hasText: 'Bo left' }).waitFor();
    await ada.page.getByRole('heading', { name: 'People (1)' }).waitFor();
    await ada.context.close();
    await bo.context.close();
  });

  it('shows hostile names as plain, contained text everywhere', async () => {
    const url = roomUrl(env.server.url, 'hostile-names');
    const names = ['<img src=x onerror="window.__pwned=1">', 'مريم \u2067abc', '\u{1F600}'.repeat(48)];
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const guests = [];
    // Names are the point here, not media: the guests bring no camera or microphone (a room of four sending
    // video to each other would take a minute of this machine's two cores).
    for (const name of names) guests.push(await joinAs(env.browser, url, { name, permissions: [] }));
    await waitFor("the three guests in Ada's grid", async () => (await remoteNames(ada.page)).length === 3);
    await ada.page.keyboard.press('p');
    const shown = await ada.page.$$eval('.tile:not([data-self]) .tile__name', (elements) =>
      elements.map((element) => element.textContent),
    );
    // A name with a direction isolate is not accepted (the page drops it, so the server calls them
    // "Guest XXXX"); the others show exactly as typed.
    assert.deepEqual(shown.slice(0, 1), [names[0]]);
    assert.match(shown[1] ?? '', /^Guest [0-9A-F]{4}$/);
    assert.equal(shown[2], names[2]);
    assert.equal(await ada.page.locator('.stage img, .people img').count(), 0, 'no element made from a name');
    assert.equal(await ada.page.evaluate(() => 'pwned' in window || '__pwned' in window), false);
    const bounds = await ada.page.$$eval('.tile__label', (labels) =>
      labels.map((label) => {
        const tile = label.closest('.tile')?.getBoundingClientRect();
        const box = label.getBoundingClientRect();
        return !!tile && box.right <= tile.right + 1;
      }),
    );
    assert.ok(bounds.every(Boolean), 'a 48-character name stays inside its tile');
    for (const participant of [ada, ...guests]) await participant.context.close();
  });
});
