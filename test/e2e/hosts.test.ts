import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/a11y.js';
import { expectMediaFromAll, joinAs, waitFor, type Participant } from '../support/browser.js';
import { hostAction, peerIdOf, remoteNames, roomUrl, setAccess, tileGone } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

/** How many of the page's peer connections are connected now. */
function connectedCalls(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter(
        (connection) => connection.connectionState === 'connected',
      ).length,
  );
}

describe('hosts and the lobby, in the browser', () => {
  const env = useServerAndBrowser();

  it('knock, admit, deny, admit all: the host hears and sees who knocks, the knocker sees nobody until let in', async () => {
    const url = roomUrl(env.server.url, 'door-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const guests: Participant[] = [];
    try {
      await ada.page.getByText('Only you here').waitFor();
      await setAccess(ada.page, 'People ask to join; a host lets them in');
      await ada.page.getByText('Lobby on', { exact: true }).waitFor();

      const bo = await joinAs(env.browser, url, { name: 'Bo', stayInLobby: true });
      guests.push(bo);
      await bo.page.getByText('A host lets people into this meeting.').waitFor();
      assert.equal(await bo.page.getByText('Ada').count(), 0, 'a knock-to-join room shows no names');
      await bo.page.getByRole('button', { name: 'Ask to join' }).click();
      await bo.page.getByText('Waiting to be let in').waitFor();
      assert.deepEqual(await axeViolations(bo.page), [], 'the waiting screen');
      await ada.page.getByRole('region', { name: 'Someone wants to join' }).waitFor();
      assert.deepEqual(await axeViolations(ada.page), [], 'the host with a knock at the door');
      await ada.page.getByRole('button', { name: 'Admit Bo' }).click();
      await expectMediaFromAll(bo.page, 1);
      await expectMediaFromAll(ada.page, 1);

      const cy = await joinAs(env.browser, url, { name: 'Cy', stayInLobby: true });
      guests.push(cy);
      await cy.page.getByRole('button', { name: 'Ask to join' }).click();
      await ada.page.getByRole('button', { name: 'Deny Cy' }).click();
      await cy.page.getByRole('heading', { name: 'You were not let in' }).waitFor();

      const [dee, eve] = [
        await joinAs(env.browser, url, { name: 'Dee', stayInLobby: true }),
        await joinAs(env.browser, url, { name: 'Eve', stayInLobby: true }),
      ];
      guests.push(dee, eve);
      for (const guest of [dee, eve]) await guest.page.getByRole('button', { name: 'Ask to join' }).click();
      await ada.page.getByRole('heading', { name: '2 people want to join' }).waitFor();
      await ada.page.getByRole('button', { name: 'Admit all' }).click();
      await waitFor('five in the room', async () => (await remoteNames(ada.page)).join() === 'Bo,Dee,Eve');
      // Dee's page draws the others once its calls are set up (renders wait for that, 0.8 s at most each).
      await waitFor('Dee to see the others', async () => (await remoteNames(dee.page)).join() === 'Ada,Bo,Eve');
    } finally {
      for (const participant of [ada, ...guests]) await participant.context.close();
    }
  });

  it('early arrivals wait for the host, who finds them at the door when back (the key is in the browser)', async () => {
    const url = roomUrl(env.server.url, 'early-door');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo', stayInLobby: true });
    try {
      await ada.page.getByText('Only you here').waitFor();
      await setAccess(ada.page, 'People ask to join; a host lets them in');
      // The host leaves (the room keeps its settings); Bo arrives first and must wait.
      await ada.page.getByRole('button', { name: 'Leave the call' }).click();
      await bo.page.reload();
      await bo.page.getByRole('button', { name: 'Ask to join' }).click();
      await bo.page.getByText('Nobody who can let you in is here yet.', { exact: false }).waitFor();
      // Ada comes back in the same browser: its host key makes her host again, and Bo is at the door.
      await ada.page.goto(url);
      await ada.page.getByRole('button', { name: 'Join now' }).click();
      await ada.page.getByRole('button', { name: 'Admit Bo' }).click();
      await expectMediaFromAll(bo.page, 1);
    } finally {
      await ada.context.close();
      await bo.context.close();
    }
  });

  it('a locked room turns newcomers away; a passcode lets in only those who have it', async () => {
    const url = roomUrl(env.server.url, 'locked-door');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const others: Participant[] = [];
    try {
      await ada.page.getByText('Only you here').waitFor();
      await setAccess(ada.page, 'Locked: nobody new');
      const bo = await joinAs(env.browser, url, { name: 'Bo', stayInLobby: true });
      others.push(bo);
      await bo.page.getByText('This meeting is locked: nobody new can join.').waitFor();
      assert.equal(await bo.page.getByRole('button', { name: 'Join now' }).isDisabled(), true);

      await setAccess(ada.page, 'Anyone with the link');
      await ada.page.getByLabel('Passcode: No passcode').fill('tea-at-five');
      await ada.page.getByRole('button', { name: 'Set passcode' }).click();
      await ada.page.getByText('Passcode: A passcode is set').waitFor();
      const cy = await joinAs(env.browser, url, { name: 'Cy' });
      others.push(cy);
      await cy.page.getByRole('heading', { name: 'This meeting needs a passcode' }).waitFor();
      await cy.page.getByLabel('Passcode').fill('tea-at-six');
      await cy.page.getByRole('button', { name: 'Join', exact: true }).click();
      await cy.page.getByText('That passcode is not right. Try again.').waitFor();
      await cy.page.getByLabel('Passcode').fill('tea-at-five');
      await cy.page.getByRole('button', { name: 'Join', exact: true }).click();
      await expectMediaFromAll(cy.page, 1);
    } finally {
      for (const participant of [ada, ...others]) await participant.context.close();
    }
  });

  it('remove: their tile goes everywhere, their calls are refused, and they can only knock to return', async () => {
    const url = roomUrl(env.server.url, 'remove-door');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    try {
      await expectMediaFromAll(cy.page, 2);
      const boId = await peerIdOf(cy.page, 'Bo');
      await hostAction(ada.page, 'Bo', 'Remove from meeting');
      await ada.page.getByRole('button', { name: 'Confirm' }).click();
      await bo.page.getByRole('heading', { name: 'You were removed from the meeting' }).waitFor();
      await Promise.all([tileGone(ada.page, boId, 15_000), tileGone(cy.page, boId, 15_000)]);
      // Back on a fresh page (same device): he must knock, and reaches nobody meanwhile.
      await bo.page.reload();
      await bo.page.getByRole('button', { name: 'Join now' }).click();
      await bo.page.getByText('Waiting to be let in').waitFor();
      await waitFor(
        'Bo back at the door',
        async () => (await ada.page.getByRole('button', { name: 'Admit Bo' }).count()) === 1,
      );
      assert.deepEqual(await remoteNames(cy.page), ['Ada']);
      assert.equal(await connectedCalls(cy.page), 1, 'Cy has a call with Ada only: nothing from Bo got through');
      assert.equal(await connectedCalls(bo.page), 0, 'and Bo, waiting, has none');
    } finally {
      for (const participant of [ada, bo, cy]) await participant.context.close();
    }
  });

  it('mute, and ask to unmute: a host can turn a microphone off, never on', async () => {
    const url = roomUrl(env.server.url, 'mute-door');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    try {
      await expectMediaFromAll(ada.page, 1);
      await hostAction(ada.page, 'Bo', 'Mute');
      await bo.page.getByText('Ada muted you').waitFor();
      await bo.page.getByRole('button', { name: 'Turn on microphone' }).waitFor();
      await waitFor('Ada to see Bo muted', async () =>
        (await ada.page.locator('.people__row', { hasText: 'Bo' }).textContent())?.includes('microphone off'),
      );
      await hostAction(ada.page, 'Bo', 'Ask to unmute');
      await bo.page.getByRole('alert').filter({ hasText: 'Ada asks you to unmute' }).waitFor();
      assert.equal(
        await bo.page.getByRole('button', { name: 'Turn on microphone' }).count(),
        1,
        'still muted: only asked',
      );
      await bo.page.getByRole('button', { name: 'Unmute', exact: true }).click();
      await bo.page.getByRole('button', { name: 'Turn off microphone' }).waitFor();
    } finally {
      await ada.context.close();
      await bo.context.close();
    }
  });

  it('when the host leaves, the earliest remaining participant becomes host; ending the meeting ends it for all', async () => {
    const url = roomUrl(env.server.url, 'handover-door');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    try {
      await expectMediaFromAll(bo.page, 2);
      await ada.page.getByRole('button', { name: 'Leave the call' }).click();
      await bo.page.getByText('You are a host now: you decide who comes in').waitFor();
      await bo.page.keyboard.press('p');
      await bo.page.getByRole('button', { name: 'End meeting for all' }).click();
      await bo.page.getByRole('button', { name: 'Confirm' }).click();
      for (const participant of [bo, cy]) {
        await participant.page.getByRole('heading', { name: 'The meeting has ended' }).waitFor();
      }
    } finally {
      for (const participant of [ada, bo, cy]) await participant.context.close();
    }
  });
});
