// The tests use real programs from Debian: Chromium and Firefox ESR (browser tests; Firefox runs on a virtual
// display, Xvfb, where it can share a screen), coturn (TURN relay tests), iproute2 and nftables (a participant
// in its own network namespace, its link shaped or cut), redis-server and nginx (a cluster of nodes), and a
// Korean font (fonts-nanum). Nothing may download a browser here, so they come from apt: installed when we can
// (root), and otherwise the message says how.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const xvfb = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';
const wanted = [
  { package: 'chromium', binary: chromium, overridden: !!process.env.CHROMIUM_PATH },
  { package: 'firefox-esr', binary: firefox, overridden: !!process.env.FIREFOX_PATH },
  { package: 'xvfb', binary: xvfb, overridden: !!process.env.XVFB_PATH },
  { package: 'coturn', binary: '/usr/bin/turnserver', overridden: false },
  // /sbin/ip and /sbin/tc exist whether or not /sbin is merged into /usr.
  { package: 'iproute2', binary: '/sbin/tc', overridden: false },
  { package: 'nftables', binary: '/usr/sbin/nft', overridden: false },
  // A cluster of nodes (test/integration/cluster*.test.ts, npm run cluster): Redis and nginx in front.
  { package: 'redis-server', binary: '/usr/bin/redis-server', overridden: false },
  { package: 'nginx', binary: '/usr/sbin/nginx', overridden: false },
  // A Korean font, so Korean pages render (and are measured and photographed) as Korean readers see them.
  { package: 'fonts-nanum', binary: '/usr/share/fonts/truetype/nanum/NanumGothic.ttf', overridden: false },
];
const missing = wanted.filter((item) => !existsSync(item.binary));
if (missing.length === 0) process.exit(0);

const names = missing.map((item) => item.package).join(' ');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || missing.some((item) => item.overridden)) {
  console.error(
    `Missing for the tests: ${missing.map((item) => item.binary).join(', ')}. Install with:\n` +
      `  sudo apt-get update && sudo apt-get install -y ${names}\n` +
      '(CHROMIUM_PATH may point at another Chromium or Chrome binary, FIREFOX_PATH at another Firefox.)',
  );
  process.exit(1);
}
console.log(`Installing ${names} with apt-get...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing.map((item) => item.package)], { stdio: 'inherit', env });
} catch {
  console.error(`apt-get could not install ${names}. Install by hand: apt-get install -y ${names}`);
  process.exit(1);
}
const still = missing.filter((item) => !existsSync(item.binary));
if (still.length > 0) {
  console.error(`installed, but still missing: ${still.map((item) => item.binary).join(', ')}`);
  process.exit(1);
}
