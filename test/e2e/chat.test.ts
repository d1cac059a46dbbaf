import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { joinAs, waitFor, type PageOptions, type Participant } from '../support/browser.js';
import { roomUrl } from '../support/room.js';
import { useServerAndBrowser } from '../support/suite.js';

/** The chat as the page shows it: sender, time, text and delivery status of every message. */
function messages(page: Page) {
  return page.$$eval('.chat__message', (items) =>
    items.map((item) => ({
      name: item.querySelector('.chat__name')?.textContent ?? '',
      time: item.querySelector('time')?.textContent ?? '',
      text: item.querySelector('.chat__text')?.textContent ?? '',
      status: item.getAttribute('data-status') ?? '',
    })),
  );
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message to everyone');
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Everything `from` posted before now has reached `to`: a last message goes out, and messages arrive in the
 * order they were posted, so once it is there nothing earlier (a duplicate, a refused one) is still coming.
 */
async function settled(from: Page, to: Page): Promise<void> {
  const marker = `marker ${Math.random().toString(36).slice(2)}`;
  await send(from, marker);
  await to.getByText(marker).waitFor();
}

/** What `page` shows, without the markers of `settled`. */
async function shown(page: Page) {
  return (await messages(page)).filter((message) => !message.text.startsWith('marker '));
}

describe('chat', () => {
  const env = useServerAndBrowser();

  /** Ada and Bo in `room`, both with the chat open, Ada having seen Bo arrive. */
  async function twoChatting(room: string, adaOptions: PageOptions = {}): Promise<[Participant, Participant]> {
    const url = roomUrl(env.server.url, room);
    const ada = await joinAs(env.browser, url, { name: 'Ada', ...adaOptions });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await ada.page.keyboard.press('c');
    await bo.page.keyboard.press('c');
    await ada.page.getByText('Bo joined').waitFor();
    return [ada, bo];
  }

  it('delivers messages with names and times, counts unread ones, and gives late joiners the history', async () => {
    const url = roomUrl(env.server.url, 'chat-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.browser, url, { name: 'Bo' });
    await ada.page.keyboard.press('c');
    await send(ada.page, 'Hello everyone');
    await send(ada.page, 'Agenda: https://example.org/agenda.');
    await waitFor('both sent', async () => (await messages(ada.page)).filter((m) => m.status === 'sent').length === 2);
    assert.equal(await ada.page.getByLabel('Message to everyone').inputValue(), '', 'the box empties once sent');

    await bo.page.getByRole('button', { name: 'Chat, 2 unread' }).waitFor();
    assert.equal(await bo.page.locator('.control__badge').textContent(), '2');
    await bo.page.getByRole('status').filter({ hasText: 'Ada: Agenda: https://example.org/agenda.' }).waitFor();
    await bo.page.getByRole('button', { name: 'Chat, 2 unread' }).click();
    // The panel is drawn on the page's next render (it may wait for a call being set up): wait for it.
    await bo.page.locator('.chat__message').nth(1).waitFor();
    const seen = await messages(bo.page);
    assert.deepEqual(
      seen.map(({ name, text, status }) => ({ name, text, status })),
      [
        { name: 'Ada', text: 'Hello everyone', status: 'sent' },
        { name: 'Ada', text: 'Agenda: https://example.org/agenda.', status: 'sent' },
      ],
    );
    assert.match(seen[0]?.time ?? '', /^\d{1,2}:\d{2}/, 'a time next to each message');
    // Opening the chat marks it read in an effect after the panel's paint: the badge goes a moment later.
    await bo.page.locator('.control__badge').waitFor({ state: 'detached' });
    const link = bo.page.getByRole('link', { name: 'https://example.org/agenda' });
    assert.equal(await link.getAttribute('href'), 'https://example.org/agenda');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow');

    await send(bo.page, 'Hi Ada');
    await waitFor('Ada to read Bo', async () => (await messages(ada.page)).some((m) => m.text === 'Hi Ada'));

    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    await cy.page.getByRole('button', { name: 'Chat, 3 unread' }).click();
    await cy.page.locator('.chat__message').nth(2).waitFor();
    assert.deepEqual(
      (await messages(cy.page)).map(({ name, text }) => `${name}: ${text}`),
      ['Ada: Hello everyone', 'Ada: Agenda: https://example.org/agenda.', 'Bo: Hi Ada'],
    );
    for (const participant of [ada, bo, cy]) await participant.context.close();
  });

  it('shows hostile messages as inert text, and refuses what it cannot send with a reason', async () => {
    const [ada, bo] = await twoChatting('hostile-chat');
    const hostile = [
      '<img src=x onerror="window.__pwned=1">',
      'javascript:alert(1)',
      '<a href="javascript:alert(1)">click</a>',
      'before \u202Edesrever\u202C after',
      'x'.repeat(2000),
    ];
    for (const text of hostile) await send(ada.page, text);
    await waitFor('all delivered to Bo', async () => (await messages(bo.page)).length === hostile.length);
    assert.deepEqual(
      (await messages(bo.page)).map((message) => message.text),
      hostile,
    );
    assert.equal(await bo.page.locator('.chat img, .chat a').count(), 0, 'no element made from a message');
    assert.equal(await bo.page.evaluate(() => '__pwned' in window), false);
    const layout = await bo.page.$$eval('.chat__text', (texts) =>
      texts.map((text) => ({
        isolated: getComputedStyle(text).unicodeBidi === 'plaintext' && text.getAttribute('dir') === 'auto',
        fits: text.scrollWidth <= text.clientWidth + 1,
      })),
    );
    assert.ok(
      layout.every((text) => text.isolated && text.fits),
      JSON.stringify(layout),
    );

    await ada.page.getByLabel('Message to everyone').fill('x'.repeat(2001));
    await ada.page.getByRole('button', { name: 'Send message' }).click();
    await ada.page.getByRole('alert').filter({ hasText: 'A message is at most 2000 characters.' }).waitFor();
    await ada.page.getByLabel('Message to everyone').fill('ring \u0007 bell');
    await ada.page.getByLabel('Message to everyone').press('Enter');
    await ada.page.getByRole('alert').filter({ hasText: 'A message cannot contain control characters.' }).waitFor();
    assert.equal(await ada.page.getByLabel('Message to everyone').inputValue(), 'ring \u0007 bell', 'the text is kept');
    await settled(ada.page, bo.page);
    assert.equal((await shown(bo.page)).length, hostile.length, 'nothing refused reached Bo');
    await ada.context.close();
    await bo.context.close();
  });

  it('keeps a message written while the server is unreachable, and delivers it once when it is back', async () => {
    const [ada, bo] = await twoChatting('waiting-chat');
    // The server stops answering (frozen, as a stalled server would be) until both pages give up on it.
    env.server.process.kill('SIGSTOP');
    try {
      await send(ada.page, 'Are you there?');
      await ada.page.getByText('Sending…').waitFor();
      await ada.page.getByText('Waiting for the connection…').waitFor({ timeout: 20_000 });
    } finally {
      env.server.process.kill('SIGCONT');
    }
    await waitFor('sent once the room is back', async () => (await messages(ada.page))[0]?.status === 'sent');
    await waitFor('Bo to have it', async () => (await messages(bo.page)).length === 1);
    await settled(ada.page, bo.page);
    assert.deepEqual(
      (await shown(bo.page)).map((message) => message.text),
      ['Are you there?'],
      'delivered once, although the server also received the first attempt',
    );
    await ada.context.close();
    await bo.context.close();
  });

  it('says when a message got no answer, and a retry posts it exactly once', async () => {
    let dropped = 0;
    // The network loses the server's acknowledgement of Ada's first message (the server did post it).
    const loseFirstChatAck = async (context: BrowserContext) =>
      context.routeWebSocket(/\/socket\.io\//, (page) => {
        const server = page.connectToServer();
        page.onMessage((message) => server.send(message));
        server.onMessage((message) => {
          if (dropped === 0 && typeof message === 'string' && /^43\d+\[\{"ok":true.*"clientId"/.test(message)) {
            dropped++;
            return;
          }
          page.send(message);
        });
      });
    const [ada, bo] = await twoChatting('retry-chat', { prepare: loseFirstChatAck });
    await send(ada.page, 'Did this arrive?');
    await ada.page.getByRole('alert').filter({ hasText: 'Not sent: no answer from the server.' }).waitFor();
    assert.equal(dropped, 1);
    await ada.page.getByRole('button', { name: 'Retry' }).click();
    await waitFor('sent after the retry', async () => (await messages(ada.page))[0]?.status === 'sent');
    await settled(ada.page, bo.page);
    assert.deepEqual(
      (await shown(bo.page)).map((message) => message.text),
      ['Did this arrive?'],
      'the retry did not post it a second time',
    );
    await ada.context.close();
    await bo.context.close();
  });
});
