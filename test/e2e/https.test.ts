import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { describe, it } from 'node:test';
import { expectMediaFromAll, joinAs } from '../support/browser.js';
import { roomUrl } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

/** The names a server's certificate is valid for, as Node's TLS client reads them. */
function certificateNames(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().subjectaltname ?? '');
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('HTTPS with a self-signed certificate (HTTPS=self-signed)', () => {
  const env = useServerAndBrowser({ HTTPS: 'self-signed' });

  it('serves a certificate for localhost and this machine', async () => {
    assert.match(env.server.url, /^https:\/\//);
    const names = await certificateNames(env.server.port);
    assert.match(names, /DNS:localhost/);
    assert.match(names, /IP Address:127\.0\.0\.1/);
  });

  it('gives a secure page where two participants see and hear each other', async () => {
    const url = roomUrl(env.server.url, 'secure-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada', acceptSelfSigned: true });
    const bo = await joinAs(env.browser, url, { name: 'Bo', acceptSelfSigned: true });
    assert.equal(await ada.page.evaluate(() => window.isSecureContext && location.protocol), 'https:');
    await expectMediaFromAll(ada.page, 1);
    await expectMediaFromAll(bo.page, 1);
    await ada.context.close();
    await bo.context.close();
  });
});
