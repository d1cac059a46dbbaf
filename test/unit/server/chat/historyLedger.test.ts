import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatLog } from '../../../../src/server/chat/chatLog.js';
import { HistoryLedger } from '../../../../src/server/chat/historyLedger.js';

const ada = { peerId: 'ada', name: 'Ada' };

/** A room with `count` messages, and a function answering a seat as a join does. */
function setup(count: number) {
  const chat = new ChatLog(200);
  for (let index = 1; index <= count; index++) chat.post('room', ada, `c${index}`, `message ${index}`, index);
  const ledger = new HistoryLedger();
  const answer = (seat: object, chatAfter?: string) => {
    const after = ledger.after(seat, chatAfter);
    const messages = chat.history('room', after === undefined ? {} : { after });
    ledger.sent(seat, messages);
    return messages.map((message) => message.id);
  };
  return { chat, answer };
}

describe('HistoryLedger', () => {
  it('gives a seat the whole history once, then nothing it was already sent, whatever it asks', () => {
    const { answer } = setup(5);
    const mallory = {};
    assert.deepEqual(answer(mallory), ['1', '2', '3', '4', '5']);
    assert.deepEqual(answer(mallory), [], 'asking again');
    assert.deepEqual(answer(mallory, '0'), [], 'asking for everything again');
    assert.deepEqual(answer({}, '0'), ['1', '2', '3', '4', '5'], 'another seat has its own first answer');
  });

  it('sends what was posted since, once, and honours a chatAfter beyond what was sent', () => {
    const { chat, answer } = setup(3);
    const bo = {};
    assert.deepEqual(answer(bo, '1'), ['2', '3'], 'a first answer after what the page already has');
    for (const id of [4, 5, 6]) chat.post('room', ada, `c${id}`, `message ${id}`, id);
    assert.deepEqual(answer(bo, '4'), ['5', '6'], 'a resume after a gap: what it missed');
    assert.deepEqual(answer(bo, '2'), [], 'asking for older ones again');
    chat.post('room', ada, 'c7', 'message 7', 7);
    assert.deepEqual(answer(bo), ['7']);
  });

  it('counts an empty first answer as the first one', () => {
    const { chat, answer } = setup(0);
    const cy = {};
    assert.deepEqual(answer(cy), []);
    chat.post('room', ada, 'c1', 'message 1', 1);
    assert.deepEqual(answer(cy, '0'), ['1']);
    assert.deepEqual(answer(cy, '0'), []);
  });
});
