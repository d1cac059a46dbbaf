import type { Page } from 'playwright-core';

/** The connection grade the page shows on the tile of the participant named `name` (undefined: none yet). */
export function gradeOnTile(page: Page, name: string): Promise<{ grade: string; reasons: string } | undefined> {
  return page.evaluate((name) => {
    const tile = [...document.querySelectorAll<HTMLElement>('.tile:not([data-self])')].find(
      (candidate) => candidate.querySelector('.tile__name')?.textContent === name,
    );
    const indicator = tile?.querySelector<HTMLElement>('.tile-quality');
    if (!indicator) return undefined;
    return { grade: indicator.dataset.quality ?? '', reasons: indicator.dataset.reasons ?? '' };
  }, name);
}

/** What the page's video sender to each connected call is set to (the app's budget, read back). */
export function videoEncodings(page: Page): Promise<RTCRtpEncodingParameters[]> {
  return page.evaluate(() => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    return connections
      .filter((connection) => connection.connectionState === 'connected')
      .flatMap((connection) => connection.getSenders().filter((sender) => sender.track?.kind === 'video'))
      .map((sender) => {
        const { active, maxBitrate, maxFramerate, scaleResolutionDownBy } = sender.getParameters().encodings[0] ?? {};
        return { active, maxBitrate, maxFramerate, scaleResolutionDownBy };
      });
  });
}

/** Cumulative counters of what a page receives from the participant named `name`. */
export interface ReceivedFrom {
  audioPackets: number;
  concealedSamples: number;
  totalSamplesReceived: number;
  framesDecoded: number;
  frameHeight: number;
  freezeCount: number;
}

export function receivedFrom(page: Page, name: string): Promise<ReceivedFrom | undefined> {
  return page.evaluate(async (name) => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const tile = [...document.querySelectorAll<HTMLElement>('.tile:not([data-self])')].find(
      (candidate) => candidate.querySelector('.tile__name')?.textContent === name,
    );
    const stream = tile?.querySelector('video')?.srcObject;
    if (!(stream instanceof MediaStream)) return undefined;
    const ids = new Set(stream.getTracks().map((track) => track.id));
    const counters = {
      audioPackets: 0,
      concealedSamples: 0,
      totalSamplesReceived: 0,
      framesDecoded: 0,
      frameHeight: 0,
      freezeCount: 0,
    };
    for (const connection of connections) {
      if (connection.connectionState === 'closed') continue;
      for (const receiver of connection.getReceivers()) {
        if (!ids.has(receiver.track.id)) continue;
        (await receiver.getStats()).forEach((entry: Record<string, unknown>) => {
          if (entry.type !== 'inbound-rtp') return;
          const n = (key: string) => Number(entry[key] ?? 0);
          if (entry.kind === 'audio') {
            counters.audioPackets += n('packetsReceived');
            counters.concealedSamples += n('concealedSamples');
            counters.totalSamplesReceived += n('totalSamplesReceived');
          } else if (entry.kind === 'video') {
            counters.framesDecoded += n('framesDecoded');
            counters.freezeCount += n('freezeCount');
            counters.frameHeight = n('frameHeight') || counters.frameHeight;
          }
        });
      }
    }
    return counters;
  }, name);
}
