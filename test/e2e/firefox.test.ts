import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { expectMediaFromAll, joinAs, waitFor, type PageOptions, type Participant } from '../support/browser.js';
import {
  buttonShown,
  clickButton,
  joinInFirefox,
  useFirefox,
  type FirefoxPageOptions,
  type FirefoxParticipant,
} from '../support/firefox.js';
import { englishWords } from '../support/language.js';
import { peerIdOf, roomUrl, setAccess, tileGone, tileInfo } from '../support/room.js';
import {
  expectFaceAndScreen,
  expectShareEnded,
  isCamera,
  isScreen,
  presenterPreview,
  sentTrackLabels,
} from '../support/share.js';
import { useServerAndBrowser } from '../support/suite.js';

/** Resolves once `text` shows on the page. */
async function textShown(page: FirefoxPage, text: string): Promise<void> {
  await page.locator(`::-p-text(${text})`).setTimeout(30_000).wait();
}

/** Chooses the option labelled `label` in the picker `selectId`, as a person does. */
async function choose(page: FirefoxPage, selectId: string, label: string): Promise<string> {
  const value = await page.evaluate(
    (selectId, label) =>
      [...document.querySelectorAll<HTMLOptionElement>(`#${selectId} option`)].find((option) => option.label === label)
        ?.value,
    selectId,
    label,
  );
  assert.ok(value, `${label} is offered in #${selectId}`);
  await page.select(`#${selectId}`, value);
  return value;
}

/** Option labels of the picker `selectId`. */
function optionsOf(page: FirefoxPage, selectId: string): Promise<string[]> {
  return page.evaluate(
    (selectId) =>
      [...document.querySelectorAll<HTMLOptionElement>(`#${selectId} option`)].map((option) => option.label),
    selectId,
  );
}

describe('Firefox ESR and Chromium in one room', () => {
  const env = useServerAndBrowser();
  const firefox = useFirefox();

  /** Each test's participants are closed when it ends, passed or failed. */
  async function inFirefox(t: TestContext, room: string, options: FirefoxPageOptions & { stayInLobby?: boolean }) {
    const participant = await joinInFirefox(firefox.browser, roomUrl(env.server.url, room), options);
    t.after(() => participant.close());
    return participant;
  }
  async function inChromium(
    t: TestContext,
    room: string,
    name: string,
    options: PageOptions & { stayInLobby?: boolean } = {},
  ): Promise<Participant> {
    const participant = await joinAs(env.browser, roomUrl(env.server.url, room), { name, ...options });
    t.after(() => participant.context.close());
    return participant;
  }
  /** No page logged an error (console or uncaught), listed by participant's name. */
  function noErrors(participants: Record<string, Participant | FirefoxParticipant>): void {
    const errors = Object.entries(participants).filter(([, participant]) => participant.errors.length > 0);
    assert.deepEqual(Object.fromEntries(errors.map(([name, participant]) => [name, participant.errors])), {});
  }

  it('Firefox joins first, Chromium second: each sees and hears the other, names on the tiles', async (t) => {
    const ada = await inFirefox(t, 'fx-first', { name: 'Ada' });
    const bo = await inChromium(t, 'fx-first', 'Bo');
    assert.deepEqual(
      (await expectMediaFromAll(bo.page, 1)).map((tile) => tile.name),
      ['Ada'],
    );
    assert.deepEqual(
      (await expectMediaFromAll(ada.probe, 1)).map((tile) => tile.name),
      ['Bo'],
    );
    assert.equal((await tileInfo(ada.probe, 'Ada (you)'))?.label, 'Ada (you)');
    // Firefox lets a page play sound once the person has clicked in it (here: Join now).
    await waitFor('Bo heard in Firefox', () =>
      ada.page.evaluate(() => [...document.querySelectorAll('audio')].some((audio) => !audio.paused)),
    );
    noErrors({ ada, bo });
  });

  it('Chromium joins first, Firefox second: each sees and hears the other', async (t) => {
    const ada = await inChromium(t, 'cr-first', 'Ada');
    const bo = await inFirefox(t, 'cr-first', { name: 'Bo' });
    assert.deepEqual(
      (await expectMediaFromAll(bo.probe, 1)).map((tile) => tile.name),
      ['Ada'],
    );
    assert.deepEqual(
      (await expectMediaFromAll(ada.page, 1)).map((tile) => tile.name),
      ['Bo'],
    );
    noErrors({ ada, bo });
  });

  it('three people, two in Firefox and one in Chromium, each see and hear the other two', async (t) => {
    const ada = await inFirefox(t, 'fx-three', { name: 'Ada' });
    const bo = await inChromium(t, 'fx-three', 'Bo');
    const cy = await inFirefox(t, 'fx-three', { name: 'Cy' });
    assert.deepEqual((await expectMediaFromAll(ada.probe, 2)).map((tile) => tile.name).sort(), ['Bo', 'Cy']);
    assert.deepEqual((await expectMediaFromAll(bo.page, 2)).map((tile) => tile.name).sort(), ['Ada', 'Cy']);
    assert.deepEqual((await expectMediaFromAll(cy.probe, 2)).map((tile) => tile.name).sort(), ['Ada', 'Bo']);
    noErrors({ ada, bo, cy });
  });

  it('a screen shared from Firefox is seen in Chromium beside her camera, then the camera alone; and the other way round', async (t) => {
    const ada = await inFirefox(t, 'fx-share', { name: 'Ada' });
    const bo = await inChromium(t, 'fx-share', 'Bo');
    await expectMediaFromAll(bo.page, 1);
    await waitFor('Ada to show her camera', async () => isCamera((await tileInfo(bo.page, 'Ada'))?.videoSize));

    await clickButton(ada.page, 'Share the screen');
    await buttonShown(ada.page, 'Stop sharing the screen');
    await expectFaceAndScreen(bo.page, 'Ada', 'Chromium viewing Firefox');
    await textShown(ada.page, 'You are presenting to everyone');
    const preview = await waitFor("the presenter's preview playing", async () => {
      const shown = await presenterPreview(ada.probe);
      return shown?.playing ? shown : undefined;
    });
    assert.ok(
      isScreen(preview.videoSize) && preview.width <= 160,
      `a thumbnail of the screen: ${JSON.stringify(preview)}`,
    );
    const own = await tileInfo(ada.probe, 'Ada (you)');
    assert.ok(own?.presenting && isCamera(own.videoSize), 'her own tile shows her camera, marked presenting');
    await clickButton(ada.page, 'Stop sharing the screen');
    await expectShareEnded(bo.page, 'Ada', 'Chromium');
    assert.deepEqual(await sentTrackLabels(ada.probe, 'video'), ['Fake Video Source']);

    await bo.page.keyboard.press('d');
    await bo.page.getByRole('button', { name: 'Stop sharing the screen' }).waitFor();
    await expectFaceAndScreen(ada.probe, 'Bo', 'Firefox viewing Chromium');
    await bo.page.getByRole('button', { name: 'Stop sharing the screen' }).click();
    await expectShareEnded(ada.probe, 'Bo', 'Firefox');
    noErrors({ ada, bo });
  });

  it('switches microphone and speaker in Firefox during the call, and Chromium keeps hearing', async (t) => {
    const ada = await inFirefox(t, 'fx-devices', { name: 'Ada' });
    const bo = await inChromium(t, 'fx-devices', 'Bo');
    await expectMediaFromAll(bo.page, 1);
    await expectMediaFromAll(ada.probe, 1);
    await clickButton(ada.page, 'Settings');
    // Firefox has a single fake camera (no pref adds another), so only microphone and speaker can be switched.
    assert.deepEqual(await optionsOf(ada.page, 'device-camera'), ['Fake Video Source']);
    const microphones = await optionsOf(ada.page, 'device-microphone');
    const other = microphones.find((label) => label === 'Fake Audio Input 3');
    assert.ok(other, `a third fake microphone among ${microphones.join(', ')}`);
    await choose(ada.page, 'device-microphone', other);
    await waitFor('the new microphone sent', async () => (await sentTrackLabels(ada.probe, 'audio'))[0] === other);
    const speaker = await choose(ada.page, 'device-speaker', 'Fake Audio Output 2');
    await waitFor('Bo played on the chosen speaker', () =>
      ada.page.evaluate(
        (speaker) => [...document.querySelectorAll('audio')].some((element) => element.sinkId === speaker),
        speaker,
      ),
    );
    await clickButton(ada.page, 'Close settings');
    await expectMediaFromAll(bo.page, 1);
    await expectMediaFromAll(ada.probe, 1);
    noErrors({ ada, bo });
  });

  it('leaving from Firefox removes its tile in Chromium, and leaving from Chromium removes it in Firefox', async (t) => {
    const ada = await inFirefox(t, 'fx-leave', { name: 'Ada' });
    const bo = await inChromium(t, 'fx-leave', 'Bo');
    await expectMediaFromAll(bo.page, 1);

    const adaId = await peerIdOf(bo.page, 'Ada');
    await clickButton(ada.page, 'Leave the call');
    await tileGone(bo.page, adaId, 5000);
    await textShown(ada.page, 'You left the meeting');
    await ada.close();

    const cy = await inFirefox(t, 'fx-leave', { name: 'Cy' });
    await expectMediaFromAll(cy.probe, 1);
    const boId = await peerIdOf(cy.probe, 'Bo');
    await bo.page.getByRole('button', { name: 'Leave the call' }).click();
    await tileGone(cy.probe, boId, 5000);
    await textShown(cy.page, 'Only you here');
    noErrors({ ada, bo, cy });
  });

  it('knocks from Firefox at a room with a lobby, and comes in when the host in Chromium admits', async (t) => {
    const ada = await inChromium(t, 'fx-door', 'Ada');
    await ada.page.getByText('Only you here').waitFor();
    await setAccess(ada.page, 'People ask to join; a host lets them in');
    await ada.page.getByText('Lobby on', { exact: true }).waitFor();

    const bo = await inFirefox(t, 'fx-door', { name: 'Bo', stayInLobby: true });
    await textShown(bo.page, 'A host lets people into this meeting.');
    await clickButton(bo.page, 'Ask to join');
    await textShown(bo.page, 'Waiting to be let in');
    await ada.page.getByRole('button', { name: 'Admit Bo' }).click();
    assert.deepEqual(
      (await expectMediaFromAll(bo.probe, 1)).map((tile) => tile.name),
      ['Ada'],
    );
    await expectMediaFromAll(ada.page, 1);
    noErrors({ ada, bo });
  });

  it('speaks Korean in Firefox to a browser that asks for it: pre-join, call and chat, times as 오전/오후', async (t) => {
    const room = 'fx-hangul';
    const allowed = ['Parley', 'Shift', 'Enter', room, 'Ada', 'Bo'];
    const ada = await inChromium(t, room, 'Ada', { locale: 'ko-KR', stayInLobby: true });
    await ada.page.getByRole('button', { name: '지금 참가하기' }).click();
    await ada.page.getByText('나 혼자 있어요').waitFor();

    const bo = await inFirefox(t, room, { name: 'Bo', languages: ['ko-KR', 'ko', 'en-US'], stayInLobby: true });
    await textShown(bo.page, 'Ada님이 회의에 참가하고 있어요.');
    assert.equal(await bo.page.evaluate(() => document.documentElement.lang), 'ko');
    assert.deepEqual(await englishWords(bo.probe, allowed), [], 'English left on the pre-join screen');
    await clickButton(bo.page, '지금 참가하기');
    await expectMediaFromAll(bo.probe, 1);

    await ada.page.getByRole('button', { name: '채팅' }).click();
    await ada.page.getByLabel('모두에게 보낼 메시지').fill('안녕하세요, 잘 들리나요?');
    await ada.page.getByLabel('모두에게 보낼 메시지').press('Enter');
    await clickButton(bo.page, '채팅, 읽지 않은 메시지 1개');
    await textShown(bo.page, '안녕하세요, 잘 들리나요?');
    // Firefox's own Intl writes the time: a 12-hour clock with Korean day periods.
    const time = await bo.page.$eval('.chat__meta time', (element) => element.textContent ?? '');
    assert.match(time, /^(오전|오후) \d{1,2}:\d{2}$/u);
    assert.deepEqual(await englishWords(bo.probe, allowed), [], 'English left on the call screen');
    noErrors({ ada, bo });
  });

  it('the pre-join screen in Firefox: the preview plays, the pickers list the devices, and Join works', async (t) => {
    await inChromium(t, 'fx-prejoin', 'Ada');
    const bo = await inFirefox(t, 'fx-prejoin', { name: 'Bo', stayInLobby: true });
    const { page } = bo;
    await textShown(page, 'Ready to join?');
    await textShown(page, 'Ada is in this meeting.');
    await waitFor('the preview to play', () =>
      page.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('.prejoin__video video');
        return !!video && !video.hidden && !video.paused && video.videoWidth > 0;
      }),
    );
    const levels = new Set<string>();
    await waitFor('the microphone meter to move', async () => {
      levels.add(await page.$eval('[role="meter"]', (meter) => meter.getAttribute('aria-valuenow') ?? ''));
      return levels.size > 1;
    });
    assert.equal(await page.$eval('#display-name', (input) => (input as HTMLInputElement).value), 'Bo');
    assert.deepEqual(await optionsOf(page, 'device-camera'), ['Fake Video Source']);
    assert.ok((await optionsOf(page, 'device-microphone')).length >= 2);
    assert.ok((await optionsOf(page, 'device-speaker')).length >= 1);
    await clickButton(page, 'Join now');
    assert.deepEqual(
      (await expectMediaFromAll(bo.probe, 1)).map((tile) => tile.name),
      ['Ada'],
    );
    noErrors({ bo });
  });
});
