import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/a11y.js';
import { expectMediaFromAll, joinAs, openPage, waitFor } from '../support/browser.js';
import { englishWords, overflows, unisolatedNames } from '../support/language.js';
import { remoteNames, roomUrl, tileInfo } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
/**
 * Not words of the interface: the brand, and the names of keys as printed on Korean keyboards too ("Shift+Q",
 * "Enter"). Single letters (the keys M, V...) are never counted as words.
 */
const notWords = ['Parley', 'Shift', 'Enter'];

async function assertNoEnglish(page: Page, screen: string, allowed: readonly string[]): Promise<void> {
  const words = await englishWords(page, [...notWords, ...allowed]);
  assert.deepEqual(
    words.map(({ word, where, in: text }) => `${word} (${where}: "${text.slice(0, 80)}")`),
    [],
    `English left on the ${screen}`,
  );
}

const joinButton = (page: Page) => page.getByRole('button', { name: '지금 참가하기' });

describe('the interface in Korean', () => {
  const env = useServerAndBrowser();

  it('speaks Korean to a Korean browser, with no English left on the pre-join and call screens', async () => {
    const room = 'hangul-room';
    const url = roomUrl(env.server.url, room);
    const allowed = [room, 'Ada', 'Bo'];
    const ada = await joinAs(env.browser, url, { name: 'Ada', locale: 'ko-KR', stayInLobby: true });
    const bo = await joinAs(env.browser, url, { name: 'Bo', locale: 'ko-KR', stayInLobby: true });
    try {
      assert.equal(await ada.page.evaluate(() => document.documentElement.lang), 'ko');
      await joinButton(ada.page).click();
      await ada.page.getByText('나 혼자 있어요').waitFor();

      await bo.page.getByText('Ada님이 회의에 참가하고 있어요.').waitFor();
      await bo.page.getByRole('meter', { name: '마이크 입력 크기' }).waitFor();
      await bo.page.getByRole('combobox', { name: '카메라' }).waitFor();
      await assertNoEnglish(bo.page, 'pre-join screen', allowed);
      assert.deepEqual(await axeViolations(bo.page), [], 'pre-join');

      await joinButton(bo.page).click();
      await expectMediaFromAll(bo.page, 1);
      await expectMediaFromAll(ada.page, 1);
      // Ada shows what tiles and toasts can say: microphone off, hand up, a message while Bo's chat is closed.
      await ada.page.getByRole('button', { name: '마이크 끄기' }).click();
      await ada.page.getByRole('button', { name: '손 들기' }).click();
      await ada.page.getByRole('button', { name: '채팅' }).click();
      await ada.page.getByLabel('모두에게 보낼 메시지').fill('안녕하세요, 잘 들리나요?');
      await ada.page.getByLabel('모두에게 보낼 메시지').press('Enter');
      await waitFor('the hand on Bo’s page', async () => (await tileInfo(bo.page, 'Ada'))?.hand);
      await bo.page.getByText('Ada님이 손을 들었어요').waitFor();
      await bo.page.getByRole('button', { name: '채팅, 읽지 않은 메시지 1개' }).waitFor();
      await assertNoEnglish(bo.page, 'call screen', allowed);

      await bo.page.getByRole('button', { name: '채팅, 읽지 않은 메시지 1개' }).click();
      await bo.page.locator('.chat__text').filter({ hasText: '안녕하세요, 잘 들리나요?' }).waitFor();
      assert.match((await bo.page.locator('.chat__meta time').textContent()) ?? '', /^(오전|오후) \d{1,2}:\d{2}$/u);
      await assertNoEnglish(bo.page, 'chat', allowed);

      await bo.page.getByRole('button', { name: '참가자', exact: true }).click();
      await bo.page.getByRole('heading', { name: '참가자 (2)' }).waitFor();
      await assertNoEnglish(bo.page, 'list of people', allowed);

      await bo.page.getByRole('button', { name: '설정', exact: true }).click();
      await bo.page.getByRole('heading', { name: '설정' }).waitFor();
      await assertNoEnglish(bo.page, 'settings', allowed);
      assert.deepEqual(await axeViolations(bo.page), [], 'settings');
      await bo.page.keyboard.press('Escape');

      await bo.page.getByRole('button', { name: '회의 나가기' }).click();
      await bo.page.getByRole('heading', { name: '회의에서 나왔어요' }).waitFor();
      await assertNoEnglish(bo.page, 'end screen', allowed);
    } finally {
      for (const participant of [ada, bo]) await participant.context.close();
    }
  });

  it('switches language at once, without a reload, and remembers it on this device', async () => {
    const url = roomUrl(env.server.url, 'switch-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada', stayInLobby: true });
    try {
      const { page } = ada;
      await page.evaluate(() => Object.assign(window, { sameDocument: true }));
      // Before joining: the picker under the devices.
      await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
      await page.getByRole('heading', { name: '회의에 참가할 준비가 되셨나요?' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
      assert.equal(await page.title(), 'Parley 회의');
      await joinButton(page).click();
      await page.getByRole('button', { name: '마이크 끄기' }).waitFor();

      // In the call: settings, back to English; every label changes at once.
      await page.getByRole('button', { name: '설정', exact: true }).click();
      await page.getByRole('combobox', { name: '언어' }).selectOption('en');
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Turn off microphone' }).waitFor();
      assert.equal(await page.getByText('Only you here').count(), 1);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.equal(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument), true);

      // Remembered on this device: after a reload the page speaks Korean although the browser asks for English.
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
      await page.getByRole('heading', { name: '설정' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: '회의에 참가할 준비가 되셨나요?' }).waitFor();
    } finally {
      await ada.context.close();
    }
  });

  it('shows the not-found page in the browser’s language', async () => {
    const lost = await openPage(env.browser, `${env.server.url}/x`, { locale: 'ko-KR' });
    try {
      await lost.page.getByRole('heading', { name: '이 주소에는 회의가 없어요' }).waitFor();
      assert.equal(await lost.page.evaluate(() => document.documentElement.lang), 'ko');
      await assertNoEnglish(lost.page, 'not-found page', ['/team-standup']);
      // The page itself answers 404, which the console reports; anything else is a fault (a CSP refusal).
      const faults = lost.errors.filter((error) => !error.includes('status of 404'));
      assert.deepEqual(faults, [], 'the page script ran under the CSP');
    } finally {
      await lost.context.close();
    }
  });

  it('keeps long German and Korean names and right-to-left names inside their tiles and bars', async () => {
    const url = roomUrl(env.server.url, 'long-names');
    const german = 'Donaudampfschifffahrtsgesellschaftskapitänin';
    const korean = '김수한무거북이와두루미삼천갑자동방삭치치카포사리사리센타';
    const arabic = 'عبد الرحمن بن عبد العزيز آل سعود';
    const enter = async (name: string, locale: string, viewport: { width: number; height: number }) => {
      const participant = await joinAs(env.browser, url, { name, locale, viewport, stayInLobby: true });
      await participant.page.locator('.prejoin__who').filter({ hasText: /\S/u }).waitFor();
      return participant;
    };
    const de = await enter(german, 'de-DE', desktop);
    const ko = await enter(korean, 'ko-KR', phone);
    const ar = await enter(arabic, 'ko-KR', phone);
    const everyone = [de, ko, ar];
    try {
      await de.page.getByRole('button', { name: 'Join now' }).click();
      await joinButton(ko.page).click();
      await ar.page.getByText(/님과 .*님이 회의에 참가하고 있어요/u).waitFor();
      for (const viewport of [phone, desktop]) {
        await ar.page.setViewportSize(viewport);
        assert.deepEqual(await overflows(ar.page), [], `pre-join at ${viewport.width}`);
      }
      assert.deepEqual(await unisolatedNames(ar.page, german), [], 'names in the pre-join sentence');
      await ar.page.setViewportSize(phone);
      await joinButton(ar.page).click();
      // Where names go is the point, not media: each page has the two others' tiles.
      for (const { page } of everyone) {
        await waitFor('the two others in the grid', async () => (await remoteNames(page)).length === 2);
      }
      await de.page.getByRole('button', { name: 'Raise your hand' }).click();
      await ar.page.getByRole('button', { name: '마이크 끄기' }).click();
      await ko.page.getByText(`${german}님이 손을 들었어요`).waitFor();

      for (const participant of everyone) {
        const { page } = participant;
        for (const viewport of [desktop, phone]) {
          await page.setViewportSize(viewport);
          await waitFor('the tiles placed for the new size', async () => {
            const tile = await page.locator('.tile').first().boundingBox();
            return tile && tile.width <= viewport.width;
          });
          assert.deepEqual(await overflows(page), [], `call at ${viewport.width}`);
          await page.keyboard.press('p');
          await page.locator('.people__row').nth(2).waitFor();
          assert.deepEqual(await overflows(page), [], `people at ${viewport.width}`);
          await page.keyboard.press('p');
        }
        for (const name of [german, korean, arabic]) {
          assert.deepEqual(
            await unisolatedNames(page, name),
            [],
            `${name} on the page of ${participant === de ? 'de' : 'ko/ar'}`,
          );
        }
      }
    } finally {
      for (const participant of everyone) await participant.context.close();
    }
  });
});
