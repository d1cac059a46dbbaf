import type { Page } from 'playwright-core';

/** Cumulative counters of what a page receives from one remote participant (its tile's receivers). */
export interface InboundCounters {
  videoBytes: number;
  framesDecoded: number;
  audioPackets: number;
  audioPacketsLost: number;
  /** `performance.now()` in the page when the counters were read. */
  at: number;
}

/**
 * What the page has received from the participant whose tile is named `name`, summed over the receivers
 * whose tracks the tile's <video> shows; undefined while there is no such tile.
 */
export function inboundFrom(page: Page, name: string): Promise<InboundCounters | undefined> {
  return page.evaluate(async (name) => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const tile = [...document.querySelectorAll<HTMLElement>('.tile:not([data-self])')].find(
      (candidate) => candidate.querySelector('.tile__name')?.textContent === name,
    );
    const stream = tile?.querySelector('video')?.srcObject;
    if (!(stream instanceof MediaStream)) return undefined;
    const trackIds = new Set(stream.getTracks().map((track) => track.id));
    const counters = { videoBytes: 0, framesDecoded: 0, audioPackets: 0, audioPacketsLost: 0, at: performance.now() };
    for (const connection of connections) {
      if (connection.connectionState === 'closed') continue;
      for (const receiver of connection.getReceivers()) {
        if (!trackIds.has(receiver.track.id)) continue;
        (await receiver.getStats()).forEach((entry: Record<string, unknown>) => {
          if (entry.type !== 'inbound-rtp') return;
          if (entry.kind === 'video') {
            counters.videoBytes += Number(entry.bytesReceived ?? 0);
            counters.framesDecoded += Number(entry.framesDecoded ?? 0);
          } else if (entry.kind === 'audio') {
            counters.audioPackets += Number(entry.packetsReceived ?? 0);
            counters.audioPacketsLost += Number(entry.packetsLost ?? 0);
          }
        });
      }
    }
    return counters;
  }, name);
}

export interface ReceivedRates {
  videoKbit: number;
  framesPerSecond: number;
  audioPackets: number;
  audioPacketsLost: number;
  seconds: number;
}

/**
 * Rates over a measuring window of `windowMs`: a measurement, not a wait for a condition, so the window is
 * the point. Throws when the tile is missing at either end.
 */
export async function measureReceived(page: Page, name: string, windowMs = 5000): Promise<ReceivedRates> {
  const first = await inboundFrom(page, name);
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const second = await inboundFrom(page, name);
  if (!first || !second) throw new Error(`no tile named ${name} to measure`);
  const seconds = (second.at - first.at) / 1000;
  return {
    videoKbit: Math.round(((second.videoBytes - first.videoBytes) * 8) / 1000 / seconds),
    framesPerSecond: Math.round(((second.framesDecoded - first.framesDecoded) / seconds) * 10) / 10,
    audioPackets: second.audioPackets - first.audioPackets,
    audioPacketsLost: second.audioPacketsLost - first.audioPacketsLost,
    seconds: Math.round(seconds * 10) / 10,
  };
}

export interface CandidateEnd {
  type: string;
  address: string;
  port: number;
  protocol: string;
}

export interface SelectedPair {
  local: CandidateEnd;
  remote: CandidateEnd;
  /** The sender's bandwidth estimate for this pair, bit/s, where the browser reports one. */
  availableOutgoingBitrate?: number;
  currentRoundTripTime?: number;
}

/** The selected ICE candidate pair of every connected RTCPeerConnection on the page, with addresses. */
export function selectedPairs(page: Page): Promise<SelectedPair[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pairs: SelectedPair[] = [];
    for (const connection of connections) {
      if (connection.connectionState !== 'connected') continue;
      const byId = new Map<string, Record<string, unknown>>();
      (await connection.getStats()).forEach((entry: Record<string, unknown>) => byId.set(String(entry.id), entry));
      const end = (entry: Record<string, unknown> | undefined): CandidateEnd => ({
        type: String(entry?.candidateType),
        address: String(entry?.address),
        port: Number(entry?.port),
        protocol: String(entry?.protocol),
      });
      for (const transport of byId.values()) {
        if (transport.type !== 'transport' || !transport.selectedCandidatePairId) continue;
        const pair = byId.get(String(transport.selectedCandidatePairId));
        pairs.push({
          local: end(byId.get(String(pair?.localCandidateId))),
          remote: end(byId.get(String(pair?.remoteCandidateId))),
          availableOutgoingBitrate: pair?.availableOutgoingBitrate as number | undefined,
          currentRoundTripTime: pair?.currentRoundTripTime as number | undefined,
        });
      }
    }
    return pairs;
  });
}

export interface OutboundVideo {
  frameWidth?: number;
  frameHeight?: number;
  framesPerSecond?: number;
  /** What the encoder is asked for, bit/s. */
  targetBitrate?: number;
  qualityLimitationReason?: string;
}

/** What the page's video senders are doing (one entry per connected call): for diagnostics. */
export function outboundVideo(page: Page): Promise<OutboundVideo[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const senders: OutboundVideo[] = [];
    for (const connection of connections) {
      if (connection.connectionState !== 'connected') continue;
      (await connection.getStats()).forEach((entry: Record<string, unknown>) => {
        if (entry.type !== 'outbound-rtp' || entry.kind !== 'video') return;
        senders.push({
          frameWidth: entry.frameWidth as number | undefined,
          frameHeight: entry.frameHeight as number | undefined,
          framesPerSecond: entry.framesPerSecond as number | undefined,
          targetBitrate: entry.targetBitrate as number | undefined,
          qualityLimitationReason: entry.qualityLimitationReason as string | undefined,
        });
      });
    }
    return senders;
  });
}
