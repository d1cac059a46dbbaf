import type { Locator, Page } from 'playwright-core';
import { waitFor, type EvaluatingPage } from './browser.js';

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
      presenting: tile.classList.contains('tile--screen'),
      large: !!tile.closest('.stage__cell--main'),
      videoSize: video && !video.hidden ? [video.videoWidth, video.videoHeight] : null,
    };
  }, name);
}

/** Opens the people panel on a page, unless it is open. */
async function openPeople(page: Page): Promise<void> {
  if ((await page.getByRole('heading', { name: /^People/ }).count()) === 0) await page.keyboard.press('p');
}

/** Sets the room's access from a host's page (the radio with this label in the people panel). */
export async function setAccess(host: Page, label: string): Promise<void> {
  await openPeople(host);
  await host.getByLabel(label).check();
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

/** The label of the device behind each track the page's calls send (e.g. "fake_device_1", "screen:0:0"). */
export function sentTrackLabels(page: EvaluatingPage, kind: 'audio' | 'video') {
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
 * The fake cameras are 4:3 (640x480); the screens 16:9 (Chromium's fake one 1280x720, the virtual display Firefox
 * shares 1600x900). The sender may scale either down when the machine is busy (WebRTC's CPU adaptation), so a
 * frame is told by its shape, not its exact size.
 */
function hasShape(size: readonly number[] | null | undefined, width: number, height: number): boolean {
  const [w = 0, h = 0] = size ?? [];
  return h > 0 && Math.abs(w / h - width / height) < 0.03;
}
export const isCamera = (size: readonly number[] | null | undefined) => hasShape(size, 4, 3);
export const isScreen = (size: readonly number[] | null | undefined) => hasShape(size, 16, 9);
