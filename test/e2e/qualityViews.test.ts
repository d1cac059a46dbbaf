import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { expectMediaFromAll, joinAs, waitFor, type Participant } from '../support/browser.js';
import { receivedFrom, videoEncodings } from '../support/quality.js';
import { roomUrl, speakingNames, tileInfo } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Frames decoded from `name` on `page` over `ms` (the counters of the calls that carry their tile). */
async function framesOver(page: Page, name: string, ms: number): Promise<number> {
  const before = await receivedFrom(page, name);
  await sleep(ms);
  const after = await receivedFrom(page, name);
  assert.ok(before && after, `${name}'s tile is on the page`);
  return after.framesDecoded - before.framesDecoded;
}

/** How many of the page's video senders are on (active) and off. */
async function activeSenders(page: Page): Promise<{ on: number; off: number }> {
  const encodings = await videoEncodings(page);
  const on = encodings.filter((encoding) => encoding.active !== false).length;
  return { on, off: encodings.length - on };
}

/**
 * Issue 14, the receiver's side: what a page shows decides what is sent to it. A tile nobody sees receives no
 * video at all (its sender turns that one encoder off), low-bandwidth mode keeps only whoever speaks, and the
 * tile of a held-back video says so rather than freezing. Checked at both ends: the sender's encodings and
 * the frames the receiver decodes.
 */
describe('what a receiver shows decides what it is sent', () => {
  const env = useServerAndBrowser();
  let ada: Participant;
  let bo: Participant;
  let cy: Participant;

  it('three participants: every sender sends to both others', async () => {
    const url = roomUrl(env.server.url, 'views-room');
    ada = await joinAs(env.browser, url, { name: 'Ada' });
    bo = await joinAs(env.browser, url, { name: 'Bo' });
    cy = await joinAs(env.browser, url, { name: 'Cy' });
    for (const participant of [ada, bo, cy]) await expectMediaFromAll(participant.page, 2);
    for (const participant of [ada, bo, cy]) {
      await waitFor('both video senders on', async () => (await activeSenders(participant.page)).on === 2);
    }
  });

  it('a tile hidden behind a full-screen one receives no video, and gets it back after', async (t) => {
    await bo.page.getByRole('button', { name: 'Full screen: Cy' }).click();
    try {
      await waitFor('Cy full screen on Bo’s page', () =>
        bo.page.evaluate(() => document.fullscreenElement?.querySelector('.tile__name')?.textContent === 'Cy'),
      );
      // Ada's encoder for Bo goes off; her encoder for Cy stays on.
      const senders = await waitFor(
        'Ada to stop sending to Bo',
        async () => {
          const now = await activeSenders(ada.page);
          return now.off === 1 && now.on === 1 && now;
        },
        20_000,
      );
      // Frames encoded before the switch may still be on their way (the pacer, the network, the jitter
      // buffer: a few hundred ms on a busy machine, two frames in one CI run); then nothing more comes.
      const drainedAt = Date.now();
      await waitFor(
        'frames already sent by Ada to arrive',
        async () => (await framesOver(bo.page, 'Ada', 500)) === 0,
        10_000,
        0,
      );
      const drainMs = Date.now() - drainedAt;
      const fromAda = await framesOver(bo.page, 'Ada', 3000);
      const fromCy = await framesOver(bo.page, 'Cy', 3000);
      t.diagnostic(
        `Ada's senders ${JSON.stringify(senders)}; the last in-flight frames came within ${drainMs} ms; ` +
          `then Bo decoded ${fromAda} from Ada, ${fromCy} from Cy in 3 s`,
      );
      assert.ok(fromAda <= 1, `no video from Ada to a tile Bo does not see (${fromAda} frames)`);
      assert.ok(fromCy > 10, `the full-screen tile moves (${fromCy} frames)`);
    } finally {
      // (Headless Chromium does not leave full screen on Escape: the page's own exit, as the browser's would.)
      await bo.page.evaluate(() => document.fullscreenElement && document.exitFullscreen());
    }
    await waitFor('Bo out of full screen', () => bo.page.evaluate(() => !document.fullscreenElement));
    await waitFor('Ada to send to Bo again', async () => (await activeSenders(ada.page)).on === 2, 20_000);
    await waitFor('frames from Ada again', async () => (await framesOver(bo.page, 'Ada', 1500)) > 5, 20_000, 500);
    await waitFor('Ada’s tile unpaused', async () => !(await tileInfo(bo.page, 'Ada'))?.label.includes('paused'));
  });

  it('low bandwidth keeps video from one person only, shows the others paused, and gives all back when off', async (t) => {
    // Ada speaks (the fake microphone's beeps); Bo is muted, so who speaks, and whose video Cy keeps, is
    // known. A muted microphone still sends (silent) audio packets. Until Cy hears Ada speak after Bo's
    // last beep, Bo may still have the floor (one keeps it until someone else speaks): wait for that.
    await bo.page.getByRole('button', { name: 'Turn off microphone' }).click();
    await waitFor(
      'Cy to see Ada speak and Bo silent',
      async () => {
        const speaking = await speakingNames(cy.page);
        return speaking.includes('Ada') && !speaking.includes('Bo');
      },
      20_000,
      50,
    );
    await cy.page.keyboard.press('s');
    const lowBandwidth = cy.page.getByRole('checkbox', { name: /Low bandwidth/ });
    await lowBandwidth.check();
    await cy.page.getByRole('button', { name: 'Close settings' }).click();

    const held = await waitFor(
      'one of Ada and Bo held back on Cy’s page',
      async () => {
        const labels = [(await tileInfo(cy.page, 'Ada'))?.label ?? '', (await tileInfo(cy.page, 'Bo'))?.label ?? ''];
        const paused = labels.filter((label) => label.includes('video paused'));
        return paused.length === 1 && labels;
      },
      20_000,
    );
    const [heldName, shownName] = held[0]?.includes('video paused') ? ['Ada', 'Bo'] : ['Bo', 'Ada'];
    assert.equal(shownName, 'Ada', 'the one who speaks is the one whose video Cy keeps');
    // The page hides the tile at once; the sender turns its encoder off when Cy's view reaches it.
    const heldAt = Date.now();
    await waitFor(
      `${heldName} to stop sending to Cy`,
      async () => (await framesOver(cy.page, heldName, 1000)) === 0,
      20_000,
    );
    const stoppedAfterMs = Date.now() - heldAt;
    const heldFrames = await framesOver(cy.page, heldName, 3000);
    const shownFrames = await framesOver(cy.page, shownName, 3000);
    t.diagnostic(
      `${heldName} stopped sending to Cy ${stoppedAfterMs} ms after (measured in 1 s windows) Cy's page held them back`,
    );
    t.diagnostic(`Cy keeps ${shownName} (${shownFrames} frames in 3 s), holds back ${heldName} (${heldFrames})`);
    assert.ok(heldFrames <= 1, `no video from ${heldName} (${heldFrames} frames)`);
    assert.ok(shownFrames > 10, `video from ${shownName} (${shownFrames} frames)`);
    // Audio is never budgeted: Cy still hears the one whose video is held back.
    const audioBefore = (await receivedFrom(cy.page, heldName))?.audioPackets ?? 0;
    await sleep(1000);
    assert.ok(((await receivedFrom(cy.page, heldName))?.audioPackets ?? 0) > audioBefore, 'audio keeps coming');

    await cy.page.keyboard.press('s');
    await lowBandwidth.uncheck();
    await cy.page.getByRole('button', { name: 'Close settings' }).click();
    await waitFor('video from both again', async () => (await framesOver(cy.page, heldName, 1500)) > 5, 20_000, 500);
    for (const participant of [ada, bo, cy]) assert.deepEqual(participant.errors, []);
  });
});
