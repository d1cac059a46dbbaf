// A phone's network for a benchmark's newcomer: Chromium's network emulation (its requests and sockets, not
// its WebRTC media, which travel over UDP on loopback as before).
import type { Participant } from '../test/support/browser.js';

export interface EmulatedNetwork {
  latencyMs: number;
  downMbps: number;
  upMbps: number;
}

/** Reads `latency/down/up` (ms, Mbit/s, Mbit/s), e.g. `60/10/5`; unset: none. */
export function networkFromEnv(name: string): EmulatedNetwork | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  const [latencyMs, downMbps, upMbps, ...rest] = value.split('/').map(Number);
  const parts = [latencyMs, downMbps, upMbps];
  if (rest.length || parts.some((part) => part === undefined || !Number.isFinite(part) || part <= 0)) {
    throw new Error(`${name} is latency/down/up (ms, Mbit/s, Mbit/s), e.g. 60/10/5`);
  }
  return { latencyMs: latencyMs ?? 0, downMbps: downMbps ?? 0, upMbps: upMbps ?? 0 };
}

/** Every later navigation of this participant's page goes over `network`. */
export async function emulateNetwork({ context, page }: Participant, network: EmulatedNetwork): Promise<void> {
  const session = await context.newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.latencyMs,
    downloadThroughput: (network.downMbps * 1_000_000) / 8,
    uploadThroughput: (network.upMbps * 1_000_000) / 8,
  });
}
