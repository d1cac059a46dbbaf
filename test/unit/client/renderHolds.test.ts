import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deferRender, holdRenders, maxRenderWaitMs, setUp } from '../../../src/client/renderHolds.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Just enough of an RTCPeerConnection: its states and their events. */
class FakeConnection extends EventTarget {
  signalingState = 'stable';
  iceConnectionState = 'new';
  connectionState = 'new';
  change(
    states: Partial<Pick<FakeConnection, 'signalingState' | 'iceConnectionState' | 'connectionState'>>,
    event: string,
  ): void {
    Object.assign(this, states);
    this.dispatchEvent(new Event(event));
  }
}

describe('render holds', () => {
  it('renders in a microtask when nothing holds renders (as Preact would)', async () => {
    let rendered = false;
    deferRender(() => (rendered = true));
    assert.equal(rendered, false);
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(rendered, true);
  });

  it('a hold begun later in the same task holds a render asked for earlier', async () => {
    const hold = deferred();
    let rendered = false;
    deferRender(() => (rendered = true));
    holdRenders(hold.promise, 5_000);
    await nextTask();
    assert.equal(rendered, false);
    hold.resolve();
    await nextTask();
    assert.equal(rendered, true);
  });

  it('waits for every hold, including one that begins while it waits', async () => {
    const first = deferred();
    const second = deferred();
    holdRenders(first.promise, 5_000);
    let rendered = 0;
    deferRender(() => rendered++);
    holdRenders(second.promise, 5_000);
    await nextTask();
    assert.equal(rendered, 0);
    first.resolve();
    await nextTask();
    assert.equal(rendered, 0, 'the second hold still stands');
    second.resolve();
    await nextTask();
    assert.equal(rendered, 1);
  });

  it('a hold that never settles (or fails) lets renders go after its cap', async () => {
    holdRenders(new Promise(() => {}), 20);
    holdRenders(Promise.reject(new Error('the call failed')), 5_000);
    let rendered = false;
    deferRender(() => (rendered = true));
    await nextTask();
    assert.equal(rendered, false);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(rendered, true);
  });

  it('holds that keep coming delay a render by maxRenderWaitMs at most', async () => {
    const asked = performance.now();
    let renderedAt = 0;
    deferRender(() => (renderedAt = performance.now()));
    const hold = () => holdRenders(new Promise(() => {}), 5_000);
    hold();
    const calls = setInterval(hold, 20);
    try {
      // Holds keep coming for five seconds: the render must not wait for them to stop.
      while (!renderedAt && performance.now() - asked < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      clearInterval(calls);
    }
    assert.ok(renderedAt, 'rendered while holds kept coming');
    const waited = renderedAt - asked;
    assert.ok(waited >= maxRenderWaitMs - 5, `rendered after ${waited} ms`);
  });
});

describe('setUp', () => {
  it('settles once the connection is up, in a task after the one that said so', async () => {
    const connection = new FakeConnection();
    let up = false;
    void setUp(connection as unknown as RTCPeerConnection).then(() => (up = true));
    connection.change({ signalingState: 'have-remote-offer' }, 'signalingstatechange');
    connection.change({ signalingState: 'stable', iceConnectionState: 'checking' }, 'iceconnectionstatechange');
    connection.change({ connectionState: 'connecting' }, 'connectionstatechange');
    await nextTask();
    assert.equal(up, false);
    connection.change({ connectionState: 'connected' }, 'connectionstatechange');
    assert.equal(up, false, 'not in the task that said so');
    await nextTask();
    assert.equal(up, true);
  });

  it('ICE connected is enough (a browser without connectionState)', async () => {
    const connection = new FakeConnection();
    const up = setUp(connection as unknown as RTCPeerConnection);
    connection.change({ iceConnectionState: 'completed' }, 'iceconnectionstatechange');
    await up;
  });

  it('a connection that fails or closes settles too, and none at all at once', async () => {
    for (const change of [
      { connectionState: 'failed' },
      { iceConnectionState: 'failed' },
      { signalingState: 'closed' },
    ]) {
      const connection = new FakeConnection();
      const over = setUp(connection as unknown as RTCPeerConnection);
      connection.change(change, 'connectionstatechange');
      await over;
    }
    await setUp(undefined);
  });

  it('one that never says (closed by our own close(), which fires no event) settles at the cap, its listeners gone', async () => {
    const connection = new FakeConnection();
    const listening = new Set<string>();
    const add = connection.addEventListener.bind(connection);
    const remove = connection.removeEventListener.bind(connection);
    connection.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => {
      listening.add(type);
      add(type, listener);
    };
    connection.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => {
      listening.delete(type);
      remove(type, listener);
    };
    const over = setUp(connection as unknown as RTCPeerConnection, 20);
    assert.equal(listening.size, 3);
    await over;
    assert.deepEqual([...listening], []);
  });
});
