import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath, participantFlags } from '../browser.js';
import type { IsolatedHost } from './host.js';

/*
 * Checked here (Chromium 156, Debian 12, kernel 6.18; one namespace, the server on the root-side veth address):
 * - ICE finds the veth path by itself: both sides gather a host candidate on their veth address and the
 *   selected pair is host/udp 10.231.x.2 <-> host/udp 10.231.x.1; no STUN or TURN is needed.
 * - --allow-loopback-in-peer-connection does not matter here. Inside, without it Chromium gathers only its
 *   veth address; with it, 127.0.0.1 too (the namespace's own loopback, useless to a peer outside). In the
 *   root namespace it adds 127.0.0.1 and ::1 beside eth0's and the veth's addresses. A call connects with
 *   the flag on neither side; the shared participant flags keep it, harmlessly.
 * - The root-side browser also offers eth0's addresses. The namespace has no route to them (no default
 *   route), so its checks fail locally; nothing leaves the machine.
 * - Without --unsafely-treat-insecure-origin-as-secure=<origin> the page at http://10.231.x.1 is not a
 *   secure context and has no navigator.mediaDevices; both browsers need it, since both open that origin.
 */

/** Safe to write unquoted into a shell script: the wrapper below is the one place a shell is involved. */
const plainWord = /^[A-Za-z0-9_./-]+$/;

/**
 * Chromium as a participant whose whole network is `host`'s namespace. Playwright starts the executable it
 * is given and drives it over a pipe (--remote-debugging-pipe, file descriptors 3 and 4), which `ip netns
 * exec` passes through untouched; so the control channel ignores the namespace, and only the pages' own
 * traffic (HTTP, WebSockets, WebRTC) goes over the veth pair.
 *
 * Pass the server's origin to `secureOriginFlag()` in `extraArgs`: pages served from a veth address are not
 * a secure context, and without it `navigator.mediaDevices` is undefined.
 */
export async function launchBrowserInNamespace(host: IsolatedHost, extraArgs: string[] = []): Promise<Browser> {
  if (!plainWord.test(host.namespace) || !plainWord.test(chromiumPath))
    throw new Error(`refusing to write ${host.namespace} / ${chromiumPath} into a shell script`);
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-netns-chromium-'));
  const wrapper = path.join(dir, 'chromium');
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${host.namespace} ${chromiumPath} "$@"\n`, { mode: 0o755 });
  try {
    const browser = await chromium.launch({
      executablePath: wrapper,
      headless: true,
      args: [...participantFlags, ...extraArgs],
    });
    browser.once('disconnected', () => void rm(dir, { recursive: true, force: true }));
    return browser;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
