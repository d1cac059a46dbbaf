import { waitFor } from './browser.js';
import { type EvaluatingPage } from './pageScripts.js';
import { tileInfo } from './room.js';

/**
 * The fake cameras are 4:3 (640x480); the screens 16:9 (Chromium's fake one 1280x720, the virtual display Firefox
 * shares 1600x900). The sender may scale either down when the
 * machine is busy (WebRTC's CPU adaptation), so a frame is told by its shape, not its exact size.
 */
function hasShape(size: readonly number[] | null | undefined, width: number, height: number): boolean {
  const [w = 0, h = 0] = size ?? [];
  return h > 0 && Math.abs(w / h - width / height) < 0.03;
}
export const isCamera = (size: readonly number[] | null | undefined) => hasShape(size, 4, 3);
export const isScreen = (size: readonly number[] | null | undefined) => hasShape(size, 16, 9);

/** The label of the device behind each track the page's calls send (e.g. "fake_device_0", "screen:0:0"). */
export function sentTrackLabels(page: EvaluatingPage, kind: 'audio' | 'video'): Promise<string[]> {
  return page.evaluate((kind) => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    return connections
      .filter((connection) => connection.connectionState === 'connected')
      .flatMap((connection) => connection.getSenders())
      .filter((sender) => sender.track?.kind === kind)
      .map((sender) => sender.track?.label ?? '');
  }, kind);
}

/** How many RTCPeerConnections the page has made so far (a renegotiation-free share makes none). */
export function connectionsMade(page: EvaluatingPage): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { __peerConnections: unknown[] }).__peerConnections.length,
    undefined,
  );
}

/** What the page shows of the screen `name` shares (the `.screen-share` element), if it shows one. */
export function screenInfo(page: EvaluatingPage, name: string) {
  return page.evaluate((label) => {
    const screen = document.querySelector<HTMLElement>(`.screen-share[aria-label="${label}"]`);
    const video = screen?.querySelector('video');
    if (!screen || !video) return undefined;
    const box = screen.getBoundingClientRect();
    return {
      large: !!screen.closest('.stage__cell--main'),
      playing: !video.paused && video.readyState >= 2,
      videoSize: [video.videoWidth, video.videoHeight],
      box: [Math.round(box.width), Math.round(box.height)],
    };
  }, `${name}'s screen`);
}

/**
 * Frames decoded so far on the receivers behind each element matching `selector` (a tile's or a screen's
 * <video>), in the order of the elements: whether each one's video really arrives.
 */
export function framesBehind(page: EvaluatingPage, selector: string): Promise<number[]> {
  return page.evaluate(async (selector) => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const videos = [...document.querySelectorAll<HTMLVideoElement>(selector)];
    return Promise.all(
      videos.map(async (video) => {
        const stream = video.srcObject instanceof MediaStream ? video.srcObject : null;
        const ids = new Set(stream?.getVideoTracks().map((track) => track.id) ?? []);
        let frames = 0;
        for (const connection of connections) {
          if (connection.connectionState === 'closed') continue;
          for (const receiver of connection.getReceivers()) {
            if (!ids.has(receiver.track.id)) continue;
            (await receiver.getStats()).forEach((entry: { type: string; framesDecoded?: number }) => {
              if (entry.type === 'inbound-rtp') frames += entry.framesDecoded ?? 0;
            });
          }
        }
        return frames;
      }),
    );
  }, selector);
}

/** The presenter's thumbnail of what they share, in the presenting bar. */
export function presenterPreview(page: EvaluatingPage) {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('.banner--presenting video');
    if (!video) return undefined;
    const box = video.getBoundingClientRect();
    return { playing: video.videoWidth > 0, videoSize: [video.videoWidth, video.videoHeight], width: box.width };
  }, undefined);
}

/** Ends the screen share as the browser's own "Stop sharing" button does: the track ends, not by the page. */
export function endShareFromBrowser(page: EvaluatingPage): Promise<boolean> {
  return page.evaluate(() => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const screen = connections
      .flatMap((connection) => connection.getSenders())
      .map((sender) => sender.track)
      .find((track) => track?.label.startsWith('screen'));
    if (!screen) return false;
    screen.stop();
    // A track stopped by the page fires no `ended`; the browser's button does. Say it as the browser would.
    screen.dispatchEvent(new Event('ended'));
    return true;
  }, undefined);
}

/**
 * A viewer of `presenter`'s share sees their screen large and their camera in their tile beside it, both
 * playing, and frames arriving on both of the call's inbound video tracks.
 */
export async function expectFaceAndScreen(viewer: EvaluatingPage, presenter: string, who: string): Promise<void> {
  await waitFor(`${who}: ${presenter}'s screen large and their camera in their tile`, async () => {
    const [screen, tile] = [await screenInfo(viewer, presenter), await tileInfo(viewer, presenter)];
    return (
      screen?.large && screen.playing && isScreen(screen.videoSize) && tile?.presenting && isCamera(tile.videoSize)
    );
  });
  const videos = {
    tile: `.tile[aria-label^="${presenter}"] video`,
    screen: `.screen-share[aria-label="${presenter}'s screen"] video`,
  };
  const before = [...(await framesBehind(viewer, videos.tile)), ...(await framesBehind(viewer, videos.screen))];
  await waitFor(`${who}: frames growing on both of ${presenter}'s video tracks`, async () => {
    const after = [...(await framesBehind(viewer, videos.tile)), ...(await framesBehind(viewer, videos.screen))];
    return after.length === 2 && after.every((frames, index) => frames > (before[index] ?? Infinity));
  });
}

/** The presenter's camera back in their tile, and no screen of theirs shown any more. */
export async function expectShareEnded(viewer: EvaluatingPage, presenter: string, who: string): Promise<void> {
  await waitFor(`${who}: ${presenter}'s camera back, and no screen`, async () => {
    const tile = await tileInfo(viewer, presenter);
    return !(await screenInfo(viewer, presenter)) && tile && !tile.presenting && isCamera(tile.videoSize);
  });
}
