import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectBrowser } from '../../../../src/client/mesh/browserDetails.js';

describe('browser detection for peerjs (in place of webrtc-adapter)', () => {
  it('tells the browsers peerjs supports apart, as webrtc-adapter does', () => {
    const cases: [string, ReturnType<typeof detectBrowser>][] = [
      [
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.73 Safari/537.36',
        { browser: 'chrome', version: 156 },
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
        { browser: 'chrome', version: 131 },
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.135 Mobile Safari/537.36',
        { browser: 'chrome', version: 131 },
      ],
      ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', { browser: 'firefox', version: 128 }],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
        { browser: 'safari', version: 605 },
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        { browser: 'safari', version: 605 },
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
        { browser: 'safari', version: 605 },
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15',
        { browser: 'safari', version: 605 },
      ],
      ['curl/8.5.0', { browser: 'Not a supported browser.', version: null }],
    ];
    for (const [userAgent, expected] of cases) assert.deepEqual(detectBrowser(userAgent), expected, userAgent);
  });
});
