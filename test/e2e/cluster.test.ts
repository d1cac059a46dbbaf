// test-timeout: 300
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectMediaFromAll, joinAs, launchBrowser, waitFor, type Participant } from '../support/browser.js';
import { connectionChanges, membershipPhases } from '../support/pageScripts.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { inboundFrom, type InboundCounters } from '../support/mediaStats.js';
import { remoteNames, roomUrl } from '../support/room.js';

/** The promise: a killed node's rooms are whole again within this. */
const reformMs = 5000;

/** Records every toast the page shows ("Bo joined", "Bo left"...), with the time, from before its scripts run. */
async function recordToasts(context: BrowserContext): Promise<void> {
  await context.addInitScript(`(() => {
    const toasts = [];
    Object.defineProperty(window, '__toasts', { value: toasts });
    new MutationObserver((changes) => {
      for (const change of changes)
        for (const node of change.addedNodes)
          if (node instanceof HTMLElement && node.classList.contains('toast'))
            toasts.push({ text: node.textContent || '', at: Date.now() });
    }).observe(document, { childList: true, subtree: true });
  })();`);
}

function toastsSince(page: Page, at: number): Promise<string[]> {
  return page.evaluate(
    (at) =>
      (window as unknown as { __toasts: { text: string; at: number }[] }).__toasts
        .filter((toast) => toast.at >= at)
        .map((toast) => toast.text),
    at,
  );
}

async function sendChat(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message to everyone');
  await box.fill(text);
  await box.press('Enter');
}

/** What `page` receives from `name` now; fails when there is no such tile. */
async function inbound(page: Page, name: string): Promise<InboundCounters> {
  const counters = await inboundFrom(page, name);
  assert.ok(counters, `a tile for ${name}`);
  return counters;
}

function growing(before: InboundCounters, after: InboundCounters, what: string): void {
  assert.ok(after.framesDecoded > before.framesDecoded, `${what}: video frames keep arriving`);
  assert.ok(after.audioPackets > before.audioPackets, `${what}: audio packets keep arriving`);
}

async function participantsOn(metricsUrl: string): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  return Number(/^parley_participants(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
}

describe('a cluster in Chromium: the room’s node killed with -9 mid-call', () => {
  let cluster: TestCluster | undefined;
  let browser: Browser | undefined;
  const pages: Participant[] = [];

  before(async () => {
    cluster = await startCluster(3);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const participant of pages) await participant.context.close().catch(() => undefined);
    await browser?.close();
    await cluster?.close();
  });

  it('re-forms the room on another node within 5 s: media never stops, chat kept, a newcomer sees everyone', async (t) => {
    if (!cluster || !browser) throw new Error('the cluster and the browser did not start');
    const front = cluster;
    const roomId = 'e2e-kill-room';
    const url = roomUrl(front.url, roomId);
    const owner = await front.nodeOf(roomId);
    const open = async (name: string) => {
      const participant = await joinAs(browser as Browser, url, { name, prepare: recordToasts });
      pages.push(participant);
      return participant;
    };
    const ada = await open('Ada');
    const bo = await open('Bo');
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);
    assert.equal(await participantsOn(front.node(owner).server.metricsUrl), 2, `both are seated on ${owner}`);

    await ada.page.keyboard.press('c');
    await bo.page.keyboard.press('c');
    await sendChat(ada.page, 'said before the crash');
    await bo.page.getByText('said before the crash').waitFor({ timeout: 10_000 });

    const connectionsBefore = await Promise.all([ada, bo].map(({ page }) => connectionChanges(page)));
    const phasesBefore = await Promise.all([ada, bo].map(({ page }) => membershipPhases(page)));
    const mediaBefore = [await inbound(ada.page, 'Bo'), await inbound(bo.page, 'Ada')];

    const killedAt = Date.now();
    await front.node(owner).server.stop('SIGKILL');

    // Both pages notice, reconnect through nginx to the room's next node, and take their seats back.
    const reformedAfter = await waitFor(
      'both pages back in the room with each other',
      async () => {
        const back = await Promise.all(
          [ada, bo].map(async ({ page }, index) => {
            const phases = (await membershipPhases(page)).slice(phasesBefore[index]?.length ?? 0);
            return phases.includes('reconnecting') && phases.at(-1) === 'joined';
          }),
        );
        if (!back.every(Boolean)) return undefined;
        const newOwner = await front.nodeOf(roomId);
        if (newOwner === owner || (await participantsOn(front.node(newOwner).server.metricsUrl)) !== 2)
          return undefined;
        return Date.now() - killedAt;
      },
      reformMs + 5000,
      100,
    );
    t.diagnostic(`room re-formed ${reformedAfter} ms after its node was killed`);
    assert.ok(reformedAfter <= reformMs, `re-formed within ${reformMs} ms (took ${reformedAfter} ms)`);
    assert.deepEqual(await remoteNames(ada.page), ['Bo'], 'Ada sees Bo in the room');
    assert.deepEqual(await remoteNames(bo.page), ['Ada'], 'Bo sees Ada in the room');

    // Media is peer to peer: it flowed through the kill, on the same connections, which never dropped.
    const mediaAfter = [await inbound(ada.page, 'Bo'), await inbound(bo.page, 'Ada')];
    growing(mediaBefore[0] as InboundCounters, mediaAfter[0] as InboundCounters, 'Ada from Bo, across the kill');
    growing(mediaBefore[1] as InboundCounters, mediaAfter[1] as InboundCounters, 'Bo from Ada, across the kill');
    await expectMediaFromAll(ada.page, 1, { timeoutMs: 10_000 });
    await expectMediaFromAll(bo.page, 1, { timeoutMs: 10_000 });
    for (const [index, { page }] of [ada, bo].entries()) {
      const changes = (await connectionChanges(page)).slice(connectionsBefore[index]?.length ?? 0);
      assert.deepEqual(changes, [], 'no peer connection changed state (none dropped, none was made anew)');
    }
    // Nobody left, so nobody was announced leaving or arriving.
    assert.deepEqual(await toastsSince(ada.page, killedAt), [], 'Ada saw no one leave or join');
    assert.deepEqual(await toastsSince(bo.page, killedAt), [], 'Bo saw no one leave or join');

    // The chat goes on on the new node, and a newcomer gets the history from before the crash and sees everyone.
    await sendChat(bo.page, 'said after the crash');
    await ada.page.getByText('said after the crash').waitFor({ timeout: 10_000 });
    const cy = await open('Cy');
    const media = await expectMediaFromAll(cy.page, 2);
    assert.deepEqual(media.map((tile) => tile.name).sort(), ['Ada', 'Bo'], 'the newcomer sees and hears everyone');
    await cy.page.keyboard.press('c');
    await cy.page.getByText('said before the crash').waitFor({ timeout: 10_000 });
    await cy.page.getByText('said after the crash').waitFor({ timeout: 10_000 });
    await waitFor('Ada and Bo to see Cy', async () =>
      (await remoteNames(ada.page)).join() === 'Bo,Cy' && (await remoteNames(bo.page)).join() === 'Ada,Cy'
        ? true
        : undefined,
    );
  });
});
