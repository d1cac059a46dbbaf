import type { Locator, Page } from 'playwright-core';
import { waitFor } from './browser.js';
import { type EvaluatingPage } from './pageScripts.js';

/** The names on the page's remote tiles, sorted. */
export function remoteNames(page: EvaluatingPage): Promise<string[]> {
  return page.evaluate(
    () =>
      [...document.querySelectorAll('.tile:not([data-self]) .tile__name')].map((name) => name.textContent ?? '').sort(),
    undefined,
  );
}

/** The peer id of the remote tile showing `name` on this page. */
export async function peerIdOf(page: EvaluatingPage, name: string): Promise<string> {
  return waitFor(`a tile named ${name}`, () =>
    page.evaluate((name) => {
      const tiles = [...document.querySelectorAll<HTMLElement>('.tile:not([data-self])')];
      return tiles.find((tile) => tile.querySelector('.tile__name')?.textContent === name)?.dataset.peerId;
    }, name),
  );
}

/** Resolves when the tile of `peerId` has left this page; rejects after `timeoutMs`. */
export async function tileGone(page: EvaluatingPage, peerId: string, timeoutMs: number): Promise<void> {
  await waitFor(
    `the tile of ${peerId} to leave`,
    () => page.evaluate((id) => !document.querySelector(`.tile[data-peer-id="${id}"]`), peerId),
    timeoutMs,
    50,
  );
}

export function roomUrl(serverUrl: string, roomId: string): string {
  return `${serverUrl}/${roomId}`;
}

/** What a tile shows of the participant named `name` (their own tile included, as "Name (you)"). */
export function tileInfo(page: EvaluatingPage, name: string) {
  return page.evaluate((name) => {
    const tile = [...document.querySelectorAll<HTMLElement>('.tile')].find(
      (candidate) => candidate.querySelector('.tile__name')?.textContent === name,
    );
    if (!tile) return undefined;
    const video = tile.querySelector('video');
    return {
      label: tile.getAttribute('aria-label') ?? '',
      speaking: tile.dataset.speaking === 'true',
      hand: !!tile.querySelector('.tile__badge--hand'),
      presenting: tile.classList.contains('tile--presenting'),
      large: !!tile.closest('.stage__cell--main'),
      videoSize: video && !video.hidden ? [video.videoWidth, video.videoHeight] : null,
    };
  }, name);
}

/** The names on the remote tiles that show their participant speaking now (one reading of the page). */
export function speakingNames(page: EvaluatingPage): Promise<string[]> {
  return page.evaluate(
    () =>
      [...document.querySelectorAll('.tile:not([data-self])[data-speaking="true"] .tile__name')].map(
        (name) => name.textContent ?? '',
      ),
    undefined,
  );
}

/** Opens the people panel on a page, unless it is open. */
async function openPeople(page: Page): Promise<void> {
  if ((await page.getByRole('heading', { name: /^People/ }).count()) === 0) await page.keyboard.press('p');
}

/** Sets the room's access from a host's page (the radio with this label in the people panel). */
export async function setAccess(host: Page, label: string): Promise<void> {
  await openPeople(host);
  // The radio shows the room's mode as the server confirms it, a moment after the click (Playwright's
  // check() wants it checked at once, and failed on a busy machine): click, then wait for it.
  const choice = host.getByLabel(label);
  await choice.click();
  await waitFor(`the room's access to be "${label}"`, () => choice.isChecked());
}

/** Opens a host's menu for someone in the people panel, by their name; resolves with the menu. */
export async function openHostMenu(host: Page, name: string): Promise<Locator> {
  await openPeople(host);
  await host.getByRole('button', { name: `Host actions for ${name}` }).click();
  return host.getByRole('group', { name: `Host actions for ${name}` });
}

/** A host's action on someone, through the menu by their name in the people panel. */
export async function hostAction(host: Page, name: string, action: string): Promise<void> {
  const menu = await openHostMenu(host, name);
  await menu.getByRole('button', { name: action, exact: true }).click();
}

/**
 * Stops (or restarts) the video this page sends on every call, its camera still running: for everyone else
 * its frames stop arriving, as when an uplink stalls.
 */
export function setVideoFlowing(page: Page, flowing: boolean): Promise<void> {
  return page.evaluate(async (flowing) => {
    // The senders that carried video when stopped (a call's idle screen sender carries none, and stays so).
    const store = window as unknown as { __stoppedVideo?: [RTCRtpSender, MediaStreamTrack][] };
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const senders = connections
      .filter((connection) => connection.connectionState !== 'closed')
      .flatMap((connection) => connection.getTransceivers())
      .filter((transceiver) => transceiver.receiver.track.kind === 'video')
      .map((transceiver) => transceiver.sender);
    if (flowing) {
      await Promise.all((store.__stoppedVideo ?? []).map(([sender, track]) => sender.replaceTrack(track)));
      store.__stoppedVideo = undefined;
      return;
    }
    store.__stoppedVideo ??= senders.flatMap((sender) => (sender.track ? [[sender, sender.track] as const] : [])) as [
      RTCRtpSender,
      MediaStreamTrack,
    ][];
    await Promise.all(senders.map((sender) => sender.replaceTrack(null)));
  }, flowing);
}
