// Screenshots of what a person sees, at desktop (1280x800) and phone (390x844) sizes, for the README and
// for checking layouts by eye: `npm run screenshots` writes docs/screenshots/*.png.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  expectMediaFromAll,
  joinAs,
  launchBrowser,
  launchBrowserThatDeniesDevices,
  openPage,
} from '../test/support/browser.js';
import { startServer } from '../test/support/server.js';

const out = process.argv[2] ?? 'docs/screenshots';
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const shoot = (page: Page, name: string) => page.screenshot({ path: `${out}/${name}.png` });

try {
  const room = `${server.url}/design-review`;
  const names = ['Ada', 'Bo', 'Cy', 'Dee'];
  const watcher = await joinAs(browser, room, { name: 'Ada', viewport: desktop });
  await watcher.page.getByText('Only you here').waitFor();
  await watcher.page.waitForFunction(
    () => (document.querySelector<HTMLVideoElement>('.tile--self video')?.videoWidth ?? 0) > 0,
  );
  await shoot(watcher.page, 'desktop-1-alone');
  const phoneView = await joinAs(browser, room, { name: 'Bo', viewport: phone });
  await expectMediaFromAll(phoneView.page, 1);
  await expectMediaFromAll(watcher.page, 1);
  await shoot(watcher.page, 'desktop-2');
  await shoot(phoneView.page, 'phone-2');
  for (const name of names.slice(2)) await joinAs(browser, room, { name, viewport: desktop });
  await expectMediaFromAll(watcher.page, 3);
  await expectMediaFromAll(phoneView.page, 3);
  await watcher.page.getByRole('button', { name: 'Turn off camera' }).click();
  await watcher.page.getByRole('button', { name: 'Turn off microphone' }).click();
  await phoneView.page.waitForSelector('.tile__avatar');
  await shoot(watcher.page, 'desktop-4');
  await shoot(phoneView.page, 'phone-4');

  const strict = await launchBrowserThatDeniesDevices();
  const denied = await joinAs(strict, room.replace('design-review', 'denied-review'), {
    name: 'Eve',
    viewport: phone,
    permissions: [],
  });
  await denied.page.getByRole('alert').waitFor();
  await shoot(denied.page, 'phone-denied');
  await strict.close();

  await phoneView.page.getByRole('button', { name: 'Leave the call' }).click();
  await phoneView.page.getByRole('heading').waitFor();
  await shoot(phoneView.page, 'phone-left');
  const lost = await openPage(browser, `${server.url}/no`, { viewport: desktop });
  await shoot(lost.page, 'desktop-not-found');
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
