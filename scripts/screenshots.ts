// Screenshots of what a person sees, at desktop (1280x800) and phone (390x844) sizes, for the README and
// for checking layouts by eye: `npm run screenshots` writes docs/screenshots/*.png.
import { mkdir, rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  expectMediaFromAll,
  joinAs,
  launchBrowser,
  launchBrowserThatDeniesDevices,
  openPage,
  waitFor,
} from '../test/support/browser.js';
import { openHostMenu, setAccess, setVideoFlowing, tileInfo } from '../test/support/room.js';
import { startServer } from '../test/support/server.js';
import { screenInfo } from '../test/support/share.js';

const out = process.argv[2] ?? 'docs/screenshots';
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const shoot = (page: Page, name: string) => page.screenshot({ path: `${out}/${name}.png` });
const send = async (page: Page, text: string) => {
  await page.getByLabel('Message to everyone').fill(text);
  await page.getByLabel('Message to everyone').press('Enter');
};

try {
  const room = `${server.url}/design-review`;
  // Pre-join, with someone already in the room.
  const ada = await joinAs(browser, room, { name: 'Ada', viewport: desktop });
  const boLobby = await joinAs(browser, room, { name: 'Bo', viewport: phone, stayInLobby: true });
  const cyLobby = await joinAs(browser, room, { name: 'Cy', viewport: desktop, stayInLobby: true });
  for (const page of [boLobby.page, cyLobby.page]) {
    await page.getByText('Ada is in this meeting.').waitFor();
    await waitFor('the preview', () =>
      page.evaluate(() => (document.querySelector<HTMLVideoElement>('.prejoin__video video')?.videoWidth ?? 0) > 0),
    );
  }
  await shoot(cyLobby.page, 'desktop-prejoin');
  await shoot(boLobby.page, 'phone-prejoin');
  await boLobby.page.getByRole('button', { name: 'Join now' }).click();
  await cyLobby.page.getByRole('button', { name: 'Join now' }).click();
  const dee = await joinAs(browser, room, { name: 'Dee', viewport: desktop });
  const [bo, cy] = [boLobby, cyLobby];

  // Four people: Ada with camera and microphone off, Dee with a hand up.
  await expectMediaFromAll(ada.page, 3);
  await expectMediaFromAll(bo.page, 3);
  await ada.page.getByRole('button', { name: 'Turn off camera' }).click();
  await ada.page.getByRole('button', { name: 'Turn off microphone' }).click();
  await dee.page.getByRole('button', { name: 'Raise your hand' }).click();
  await waitFor('the hand seen', async () => (await tileInfo(bo.page, 'Dee'))?.hand);
  await bo.page.waitForSelector('.tile__avatar');
  await cy.page.waitForTimeout(4500); // the toasts fade
  await shoot(cy.page, 'desktop-4');
  await shoot(bo.page, 'phone-4');

  // Chat, light and dark.
  await ada.page.keyboard.press('c');
  await send(ada.page, 'Slides are here: https://example.org/q3-review');
  await dee.page.keyboard.press('c');
  await send(dee.page, 'Thanks! I have a question about page 4 when you get there.');
  await cy.page.keyboard.press('c');
  await bo.page.keyboard.press('c');
  await waitFor('both messages', async () => (await cy.page.locator('.chat__message').count()) === 2);
  await send(cy.page, 'Sure, go ahead.');
  await waitFor('three messages', async () => (await bo.page.locator('.chat__message').count()) === 3);
  await cy.page.waitForTimeout(4500);
  await shoot(cy.page, 'desktop-chat');
  await shoot(bo.page, 'phone-chat');
  await cy.page.emulateMedia({ colorScheme: 'dark' });
  await shoot(cy.page, 'desktop-chat-dark');
  await cy.page.emulateMedia({ colorScheme: 'light' });
  for (const page of [cy.page, bo.page]) await page.getByRole('button', { name: 'Close chat' }).click();

  // Dee shares a screen: large for everyone else, her camera in her tile beside it.
  await dee.page.getByRole('button', { name: 'Lower your hand' }).click();
  await dee.page.getByRole('button', { name: 'Share the screen' }).click();
  for (const page of [cy.page, bo.page]) {
    await waitFor('the screen large', async () => {
      const screen = await screenInfo(page, 'Dee');
      return screen?.large && screen.videoSize[0] === 1280;
    });
  }
  await dee.page.locator('.banner--presenting video').waitFor();
  await cy.page.waitForTimeout(4500);
  await shoot(cy.page, 'desktop-share');
  await shoot(dee.page, 'desktop-presenting');
  await shoot(bo.page, 'phone-share');
  await dee.page.setViewportSize(phone);
  await shoot(dee.page, 'phone-presenting');
  await cy.page.emulateMedia({ colorScheme: 'dark' });
  await shoot(cy.page, 'desktop-share-dark');

  const strict = await launchBrowserThatDeniesDevices();
  const denied = await joinAs(strict, room.replace('design-review', 'denied-review'), {
    name: 'Eve',
    viewport: phone,
    permissions: [],
    stayInLobby: true,
  });
  await denied.page.getByRole('alert').waitFor();
  await shoot(denied.page, 'phone-prejoin-denied');
  await strict.close();

  await bo.page.getByRole('button', { name: 'Leave the call' }).click();
  await bo.page.getByRole('heading').waitFor();
  await shoot(bo.page, 'phone-left');
  const lost = await openPage(browser, `${server.url}/no`, { viewport: desktop });
  await shoot(lost.page, 'desktop-not-found');
  // Two cores: the English room's pages go before the Korean one's start sending video.
  for (const participant of [ada, bo, cy, dee, lost]) await participant.context.close();

  await shootTouch(`${server.url}/touch-review`);
  await shootHosts(`${server.url}/host-review`);
  await shootKorean(`${server.url}/weekly-sync`);
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}

/** A phone: a tile's buttons after a tap, and the other person's video stopped ("Video paused"). */
async function shootTouch(room: string): Promise<void> {
  const ada = await joinAs(browser, room, { name: 'Ada', viewport: desktop });
  const bo = await joinAs(browser, room, { name: 'Bo', viewport: phone, touch: true });
  await expectMediaFromAll(bo.page, 1);
  await bo.page.waitForTimeout(4500); // the toasts fade
  await bo.page.locator('.tile:not([data-self])').tap({ position: { x: 40, y: 200 } });
  await bo.page.getByRole('button', { name: 'Pin Ada' }).waitFor();
  await bo.page.waitForTimeout(300); // the buttons fade in
  await shoot(bo.page, 'phone-tile-tapped');
  await setVideoFlowing(ada.page, false);
  await bo.page.getByText('Video paused').waitFor();
  await bo.page.waitForTimeout(4500); // the tap's buttons go
  await shoot(bo.page, 'phone-video-paused');
  for (const participant of [ada, bo]) await participant.context.close();
}

/**
 * Hosts and the lobby, each screen at both sizes: the knocker waiting, the host's lobby card, and the host's
 * menu for one participant.
 */
async function shootHosts(room: string): Promise<void> {
  const both = async (page: Page, name: string) => {
    await page.setViewportSize(desktop);
    await shoot(page, `desktop-${name}`);
    await page.setViewportSize(phone);
    await shoot(page, `phone-${name}`);
    await page.setViewportSize(desktop);
  };
  const ada = await joinAs(browser, room, { name: 'Ada', viewport: desktop });
  await setAccess(ada.page, 'People ask to join; a host lets them in');
  await ada.page.keyboard.press('p');
  const bo = await joinAs(browser, room, { name: 'Bo', viewport: desktop, stayInLobby: true });
  await bo.page.getByRole('button', { name: 'Ask to join' }).click();
  await bo.page.getByText('Waiting to be let in').waitFor();
  await ada.page.getByRole('button', { name: 'Admit Bo' }).waitFor();
  await both(bo.page, 'lobby-waiting');
  await both(ada.page, 'lobby-host');
  await ada.page.getByRole('button', { name: 'Admit Bo' }).click();
  await expectMediaFromAll(ada.page, 1);
  await ada.page.waitForTimeout(4500); // the toasts fade
  const menu = await openHostMenu(ada.page, 'Bo');
  await menu.waitFor();
  await shoot(ada.page, 'desktop-host-menu');
  await ada.page.keyboard.press('Escape');
  await ada.page.setViewportSize(phone);
  await (await openHostMenu(ada.page, 'Bo')).waitFor();
  await shoot(ada.page, 'phone-host-menu');
  for (const participant of [ada, bo]) await participant.context.close();
}

/** The same screens for a Korean browser: pre-join and a call with chat open, light and dark. */
async function shootKorean(room: string): Promise<void> {
  const both = async (page: Page, name: string) => {
    await shoot(page, name);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, `${name}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
  };
  const join = (page: Page) => page.getByRole('button', { name: '지금 참가하기' }).click();
  const sendKorean = async (page: Page, text: string) => {
    await page.getByLabel('모두에게 보낼 메시지').fill(text);
    await page.getByLabel('모두에게 보낼 메시지').press('Enter');
  };
  const seoyeon = await joinAs(browser, room, {
    name: '이서연',
    viewport: desktop,
    locale: 'ko-KR',
    stayInLobby: true,
  });
  await join(seoyeon.page);
  const jieun = await joinAs(browser, room, { name: '김지은', viewport: desktop, locale: 'ko-KR', stayInLobby: true });
  const minsu = await joinAs(browser, room, { name: '박민수', viewport: phone, locale: 'ko-KR', stayInLobby: true });
  for (const page of [jieun.page, minsu.page]) {
    await page.getByText('이서연님이 회의에 참가하고 있어요.').waitFor();
    await waitFor('the preview', () =>
      page.evaluate(() => (document.querySelector<HTMLVideoElement>('.prejoin__video video')?.videoWidth ?? 0) > 0),
    );
  }
  await both(jieun.page, 'ko-desktop-prejoin');
  await both(minsu.page, 'ko-phone-prejoin');
  await join(jieun.page);
  await join(minsu.page);
  await expectMediaFromAll(jieun.page, 2);
  await expectMediaFromAll(minsu.page, 2);

  await seoyeon.page.keyboard.press('c');
  await sendKorean(seoyeon.page, '오늘 자료는 여기 있어요: https://example.org/q3-review');
  await minsu.page.keyboard.press('c');
  await sendKorean(minsu.page, '감사합니다! 4페이지에 대해 질문이 하나 있어요.');
  await jieun.page.keyboard.press('c');
  await waitFor('both messages', async () => (await jieun.page.locator('.chat__message').count()) === 2);
  await sendKorean(jieun.page, '네, 편하게 말씀해 주세요.');
  await waitFor('three messages', async () => (await minsu.page.locator('.chat__message').count()) === 3);
  await jieun.page.waitForTimeout(4500); // the toasts fade
  await both(jieun.page, 'ko-desktop-chat');
  await both(minsu.page, 'ko-phone-chat');
}
