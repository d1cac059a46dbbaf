/**
 * Stands in for the `webrtc-adapter` package inside peerjs (vite.config.ts aliases it here). peerjs reads
 * only `browserDetails` from it; the adapter's other work, shims for browsers from before 2020 (it was
 * about a third of the room page), is not needed by the browsers Parley supports. The detection follows
 * the adapter's own: Chrome/Chromium/Edge by their version, Firefox by its version, Safari by its WebKit
 * version (peerjs wants 605 or newer), which on iOS is every browser. peerjs 1.5 only reports the result
 * (`util.browser`, `util.supports.browser`); whether calls work is tested on a real RTCPeerConnection.
 */
export interface BrowserDetails {
  browser: 'chrome' | 'firefox' | 'safari' | 'Not a supported browser.';
  version: number | null;
}

export function detectBrowser(userAgent: string): BrowserDetails {
  const match = (pattern: RegExp) => {
    const found = pattern.exec(userAgent)?.[1];
    return found === undefined ? null : Number(found);
  };
  if (/Firefox\//.test(userAgent)) return { browser: 'firefox', version: match(/Firefox\/(\d+)\./) };
  if (/Chrom(?:e|ium)\//.test(userAgent)) return { browser: 'chrome', version: match(/Chrom(?:e|ium)\/(\d+)\./) };
  // Every iOS browser (Safari, and Chrome, Firefox or Edge as CriOS, FxiOS, EdgiOS) is WebKit.
  if (/AppleWebKit\//.test(userAgent)) return { browser: 'safari', version: match(/AppleWebKit\/(\d+)\./) };
  return { browser: 'Not a supported browser.', version: null };
}

const adapter = {
  browserDetails: detectBrowser(typeof navigator === 'undefined' ? '' : navigator.userAgent),
};

export default adapter;
