import type { Page } from 'playwright-core';
import { waitFor } from '../browser.js';
import { inboundFrom, measureReceived, outboundVideo, type ReceivedRates } from '../mediaStats.js';

/** What a window of received media was, in a line for diagnostics and failures. */
export const describeRates = (rates: ReceivedRates) =>
  `${rates.videoKbit} kbit/s video, ${rates.framesPerSecond} fps, ` +
  `${rates.audioPackets} audio packets (${rates.audioPacketsLost} lost) in ${rates.seconds} s`;

/** A sender's budget for its one call has been stepped down by the app: smaller frames or fewer of them. */
export const degraded = (encoding: RTCRtpEncodingParameters | undefined) =>
  !!encoding && ((encoding.scaleResolutionDownBy ?? 1) > 1 || (encoding.maxFramerate ?? 30) < 15);

/**
 * Resolves once the video `viewer` receives from `name` has stopped: no new frame over 2 s, or no tile at all
 * (the app removes a participant whose network has gone for long enough, see issue 10).
 */
export function videoStops(viewer: Page, name: string): Promise<string> {
  return waitFor(
    `video from ${name} to stop`,
    async () => {
      const before = await inboundFrom(viewer, name);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const after = await inboundFrom(viewer, name);
      if (!after) return `${name}'s tile is gone`;
      return !!before && after.framesDecoded === before.framesDecoded && `no frame from ${name} in 2 s`;
    },
    20_000,
    0,
  );
}

/**
 * Waits until a 5 s window of the video `viewer` receives from `senderName` is above `kbit`; on timeout,
 * says what was last measured and what the sender's encoder was doing.
 */
export async function videoAbove(viewer: Page, sender: Page, senderName: string, kbit: number) {
  let last: ReceivedRates | undefined;
  try {
    return await waitFor(
      `video from ${senderName} above ${Math.round(kbit)} kbit/s`,
      async () => {
        last = await measureReceived(viewer, senderName, 5000);
        return last.videoKbit > kbit && last;
      },
      120_000,
      0,
    );
  } catch (error) {
    const encoder = await outboundVideo(sender).catch(() => []);
    throw new Error(
      `${String(error)}; last: ${last ? describeRates(last) : 'none'}; encoder: ${JSON.stringify(encoder)}`,
      { cause: error },
    );
  }
}
