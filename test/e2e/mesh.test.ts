import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectMediaFromAll, joinAs, type Participant } from '../support/browser.js';
import { peerIdOf, remoteNames, roomUrl, tileGone } from '../support/room.js';
import { logLine } from '../support/server.js';
import { useServerAndBrowser } from '../support/suite.js';

describe('a mesh of Parley participants in Chromium', () => {
  const env = useServerAndBrowser();
  const url = () => roomUrl(env.server.url, 'mesh-room');
  let ada: Participant;
  let bo: Participant;
  let cy: Participant;

  it('three participants each see and hear the other two', async () => {
    ada = await joinAs(env.browser, url(), { name: 'Ada' });
    bo = await joinAs(env.browser, url(), { name: 'Bo' });
    cy = await joinAs(env.browser, url(), { name: 'Cy' });
    for (const [participant, others] of [
      [ada, ['Bo', 'Cy']],
      [bo, ['Ada', 'Cy']],
      [cy, ['Ada', 'Bo']],
    ] as const) {
      const media = await expectMediaFromAll(participant.page, 2);
      assert.deepEqual(media.map((tile) => tile.name).sort(), others);
      assert.equal(await participant.page.locator('.tile').count(), 3, 'one tile per participant');
    }
  });

  it('when the earliest joiner leaves, their tile is gone from both other pages at once', async (t) => {
    const adaId = await peerIdOf(bo.page, 'Ada');
    const leftAt = Date.now();
    await ada.page.getByRole('button', { name: 'Leave the call' }).click();
    // A leave is told at once (no timeout to wait out): well under a second when idle. The bound is loose
    // for a busy machine; the time is a diagnostic, not a measurement (bench:* measure).
    await Promise.all([tileGone(bo.page, adaId, 5000), tileGone(cy.page, adaId, 5000)]);
    t.diagnostic(`gone from both grids ${Date.now() - leftAt} ms after the click`);
    await ada.page.getByRole('heading', { name: 'You left the meeting' }).waitFor();
    // The two who stayed keep their call.
    await expectMediaFromAll(bo.page, 1);
    await expectMediaFromAll(cy.page, 1);
    await ada.context.close();
  });

  it('a newcomer sees and hears everyone, and everyone sees and hears the newcomer', async () => {
    const dee = await joinAs(env.browser, url(), { name: 'Dee' });
    assert.deepEqual((await expectMediaFromAll(dee.page, 2)).map((tile) => tile.name).sort(), ['Bo', 'Cy']);
    await expectMediaFromAll(bo.page, 2);
    await expectMediaFromAll(cy.page, 2);
    assert.deepEqual(await remoteNames(bo.page), ['Cy', 'Dee']);
    assert.deepEqual(await remoteNames(cy.page), ['Bo', 'Dee']);
    for (const participant of [bo, cy, dee]) assert.deepEqual(participant.errors, []);
    await dee.context.close();
  });

  it('a crashed tab leaves every other grid, as a closed tab (not as a silence)', async (t) => {
    const eve = await joinAs(env.browser, url(), { name: 'Eve' });
    await expectMediaFromAll(bo.page, 2);
    const eveId = await peerIdOf(bo.page, 'Eve');
    const cdp = await eve.context.newCDPSession(eve.page);
    const crashedAt = Date.now();
    // The renderer dies mid-command, so the command never answers.
    void cdp.send('Page.crash').catch(() => undefined);
    await Promise.all([tileGone(bo.page, eveId, 15_000), tileGone(cy.page, eveId, 15_000)]);
    t.diagnostic(`gone from both grids ${Date.now() - crashedAt} ms after the crash`);
    const leave = await logLine(env.server, 'participant left', { peerId: eveId });
    assert.equal(leave?.cause, 'closed', 'both of its connections closed with the tab');
    await expectMediaFromAll(bo.page, 1);
    await eve.context.close();
  });
});
