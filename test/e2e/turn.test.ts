import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { turnCredential } from '../../src/server/ice/credentials.js';
import { expectMediaFromAll, joinAs, launchBrowser, openPage, selectedCandidateTypes } from '../support/browser.js';
import { startCoturn, type RunningCoturn } from '../support/coturn.js';
import { roomUrl } from '../support/room.js';
import { startServer, type RunningServer } from '../support/server.js';

const secret = 'e2e-turn-secret-0123456789abcdef';

/** Gathers candidates against one TURN URL with the given credential; returns candidate types and errors. */
function gather(page: Page, url: string, username: string, credential: string) {
  return page.evaluate(
    async ({ url, username, credential }) => {
      const connection = new RTCPeerConnection({
        iceServers: [{ urls: url, username, credential }],
        iceTransportPolicy: 'relay',
      });
      const types: string[] = [];
      const errors: number[] = [];
      connection.addEventListener('icecandidate', (event) => event.candidate && types.push(event.candidate.type ?? ''));
      connection.addEventListener('icecandidateerror', (event) =>
        errors.push((event as RTCPeerConnectionIceErrorEvent).errorCode),
      );
      connection.createDataChannel('probe');
      await connection.setLocalDescription();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        connection.addEventListener('icegatheringstatechange', () => {
          if (connection.iceGatheringState === 'complete') {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      connection.close();
      return { types, errors };
    },
    { url, username, credential },
  );
}

describe('TURN relay through a real coturn', () => {
  let coturn: RunningCoturn;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    coturn = await startCoturn(secret);
    server = await startServer({ TURN_URLS: coturn.urls.join(','), TURN_SECRET: secret, TURN_TTL: '600' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await coturn?.stop();
  });

  it('carries the call when browsers may only use relays, with the credentials Parley hands out', async () => {
    const url = roomUrl(server.url, 'relay-room');
    const ada = await joinAs(browser, url, { name: 'Ada', relayOnly: true });
    const bo = await joinAs(browser, url, { name: 'Bo', relayOnly: true });
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);
    for (const participant of [ada, bo]) {
      const pairs = await selectedCandidateTypes(participant.page);
      assert.ok(pairs.length >= 1, 'a connected pair');
      for (const pair of pairs) assert.equal(pair.local, 'relay', 'the selected local candidate is a TURN relay');
    }
    assert.match(await coturn.log(), /session .*(new|ALLOCATE)/i, 'coturn saw the allocations');
    await ada.context.close();
    await bo.context.close();
  });

  it('refuses expired credentials and accepts fresh ones', async () => {
    const probe = await openPage(browser, `${server.url}/-/probe`);
    const [udp] = coturn.urls;
    assert.ok(udp);
    const fresh = turnCredential(secret, 600, 'probe');
    const expired = turnCredential(secret, -3600, 'probe');
    const accepted = await gather(probe.page, udp, fresh.username, fresh.credential);
    assert.ok(
      accepted.types.includes('relay'),
      `a relay candidate with fresh credentials: ${JSON.stringify(accepted)}`,
    );
    const refused = await gather(probe.page, udp, expired.username, expired.credential);
    assert.deepEqual(refused.types, [], 'no relay candidate with expired credentials');
    assert.ok(refused.errors.includes(401), `a 401 from the TURN server: ${JSON.stringify(refused)}`);
    await probe.context.close();
  });
});
