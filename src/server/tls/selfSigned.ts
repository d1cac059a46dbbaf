import { networkInterfaces, hostname } from 'node:os';
import { generate } from 'selfsigned';

/** This machine's addresses that other devices on the network can reach. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && !entry.internal)
    .map((entry) => entry?.address ?? '')
    .filter(Boolean);
}

/**
 * A certificate made at start for HTTPS=self-signed: valid for localhost, this machine's name, its network
 * addresses and the public URL's host, for 30 days. Browsers warn once; then phones on the same network can use their camera.
 */
export async function selfSignedCertificate(
  publicOrigin?: string,
  now = new Date(),
): Promise<{ cert: string; key: string }> {
  const ips = ['127.0.0.1', '::1', ...lanAddresses()];
  const publicHost = publicOrigin ? new URL(publicOrigin).hostname : undefined;
  const isIp = (host: string) => /^[\d.]+$/.test(host) || host.startsWith('[');
  if (publicHost && isIp(publicHost)) ips.push(publicHost.replace(/^\[|\]$/g, ''));
  const names = [...new Set(['localhost', hostname(), ...(publicHost && !isIp(publicHost) ? [publicHost] : [])])];
  const pems = await generate([{ name: 'commonName', value: `Parley on ${hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.map((value) => ({ type: 2 as const, value })),
          ...ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
