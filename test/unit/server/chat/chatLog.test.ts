import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatLog } from '../../../../src/server/chat/chatLog.js';

const ada = { peerId: 'p-ada', name: 'Ada' };
const bo = { peerId: 'p-bo', name: 'Bo' };

describe('ChatLog', () => {
  it('stamps messages with the sender, the time and an id unique in the room', () => {
    const log = new ChatLog(10);
    const first = log.post('room', ada, 'c1', 'hello', 1000);
    const second = log.post('room', bo, 'c1', 'hi Ada', 2000);
    assert.deepEqual(first, {
      isNew: true,
      message: { id: '1', clientId: 'c1', peerId: 'p-ada', name: 'Ada', text: 'hello', sentAt: 1000 },
    });
    assert.equal(second.message.id, '2');
    assert.equal(second.isNew, true, 'the same clientId from another sender is another message');
    assert.deepEqual(
      log.history('room').map((message) => message.text),
      ['hello', 'hi Ada'],
    );
  });

  it('posts a retried message once', () => {
    const log = new ChatLog(10);
    const sent = log.post('room', ada, 'c1', 'hello', 1000);
    const retried = log.post('room', ada, 'c1', 'hello', 5000);
    assert.equal(retried.isNew, false);
    assert.deepEqual(retried.message, sent.message);
    assert.equal(log.history('room').length, 1);
  });

  it('keeps only the most recent messages of each room, and rooms apart', () => {
    const log = new ChatLog(3);
    for (let index = 1; index <= 5; index++) log.post('room', ada, `c${index}`, `m${index}`);
    log.post('other', bo, 'c1', 'elsewhere');
    assert.deepEqual(
      log.history('room').map((message) => message.text),
      ['m3', 'm4', 'm5'],
    );
    assert.deepEqual(
      log.history('other').map((message) => message.text),
      ['elsewhere'],
    );
    assert.equal(log.post('room', ada, 'c6', 'm6').message.id, '6', 'ids keep counting after trimming');
  });

  it('forgets a room that is cleared, and hands out copies', () => {
    const log = new ChatLog(3);
    log.post('room', ada, 'c1', 'hello');
    log.history('room').pop();
    assert.equal(log.history('room').length, 1, 'the caller cannot change the history');
    log.clear('room');
    assert.deepEqual(log.history('room'), []);
    assert.equal(log.roomCount, 0);
  });
});
