import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectSocket, TestClock, type TestSocket } from '../support/clients.js';
import { useTestServer, type TestParticipant } from '../support/participants.js';
import type { JoinedRoom } from '../../src/shared/events.js';

/**
 * Found in review: the presence allowance and the join allowance are kept per socket.io connection, and a
 * seated participant may move to a fresh connection at any time (a resume costs no per-address allowance).
 * Chat follows the person; the rest does not.
 */
describe('allowances follow the person across resumed connections', () => {
  const clock = new TestClock();
  const env = useTestServer({}, clock);

  /** Takes `who`'s seat onto a fresh connection (their own resume token: nothing forged). */
  async function resume(who: TestParticipant & { room: JoinedRoom }, roomId: string): Promise<TestSocket> {
    const fresh = await connectSocket(env.server.url);
    const resumed = await fresh.emitWithAck('join-room', roomId, who.peer.id, {
      resume: who.room.resumeToken,
      peerToken: who.peer.token,
      chatAfter: '999999',
    });
    assert.ok(resumed.ok, 'resumed');
    return fresh;
  }

  it('holds presence changes to a burst of 20, then 4 a second, however many connections they come from', async (t) => {
    // Measured against a real server: 1,169 resumes in 10 s pushed 2,455 participant-updated a second (296 KB/s)
    // into every other member's page.
    const ada = await env.people.join('presence-flood', 'Ada');
    const mallory = await env.people.join('presence-flood', 'Mallory');
    let updates = 0;
    ada.socket.on('participant-updated', () => updates++);
    const started = clock.now();
    let accepted = 0;
    let socket = mallory.socket;
    for (let round = 0; round < 5; round++) {
      const fresh = await resume(mallory, 'presence-flood');
      socket.disconnect();
      socket = fresh;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          socket.emitWithAck('media-state', { audio: index % 2 === 0, video: true }),
        ),
      );
      accepted += answers.filter((answer) => answer.ok).length;
    }
    // Every update was sent to Ada before Mallory's acknowledgement; an answer to Ada comes after them all.
    await ada.socket.emitWithAck('ice-servers');
    const seconds = (clock.now() - started) / 1000;
    const allowed = 20 + Math.ceil(4 * seconds);
    assert.ok(
      accepted <= allowed,
      `${accepted} presence changes accepted in ${seconds.toFixed(1)} s (allowed ${allowed})`,
    );
    t.diagnostic(`5 resumes × 20 changes: ${accepted} accepted, ${updates} participant-updated reached Ada`);
    // The resumes themselves are announced (participant-updated) too: one each.
    assert.ok(updates <= allowed + 5, `${updates} participant-updated reached Ada in ${seconds.toFixed(1)} s`);
    socket.disconnect();
  });

  it('answers with the whole chat history once per seat: asking again (resumed, repeated) gets little more', async (t) => {
    // Measured against a real server: 910 answers of 64.6 KB each in 10 s (5.6 MiB/s) to ~150-byte requests.
    const ada = await env.people.join('history-flood', 'Ada');
    for (let index = 0; index < 40; index++) {
      clock.advance(1000); // one message a second is within everyone's allowance
      assert.ok((await ada.socket.emitWithAck('chat-message', { clientId: `h${index}`, text: 'z'.repeat(1900) })).ok);
    }
    const mallory = await env.people.join('history-flood', 'Mallory');
    let bytes = JSON.stringify(mallory.room.chat).length;
    assert.ok(bytes > 48 * 1024, `the first join carries the history (${bytes} bytes)`);
    let socket = mallory.socket;
    for (let round = 0; round < 5; round++) {
      const fresh = await connectSocket(env.server.url);
      // A resume that says it has nothing, then repeated joins that ask for everything again.
      const resumed = await fresh.emitWithAck('join-room', 'history-flood', mallory.peer.id, {
        resume: mallory.room.resumeToken,
        peerToken: mallory.peer.token,
      });
      assert.ok(resumed.ok);
      bytes += JSON.stringify(resumed.data.chat).length;
      socket.disconnect();
      socket = fresh;
      for (let repeat = 0; repeat < 4; repeat++) {
        const again = await socket.emitWithAck('join-room', 'history-flood', mallory.peer.id, {
          peerToken: mallory.peer.token,
          chatAfter: '0',
        });
        if (again.ok) bytes += JSON.stringify(again.data.chat).length;
      }
    }
    t.diagnostic(`26 join answers carried ${bytes} bytes of history in all`);
    assert.ok(
      bytes <= 2 * 64 * 1024,
      `26 answers within a second carried ${(bytes / 1024).toFixed(0)} KiB of history (at most 128 KiB)`,
    );
    socket.disconnect();
  });
});
