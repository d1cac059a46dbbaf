/**
 * Calls first, drawing second. Someone arriving changes the room's state and starts a call at once; on a
 * slow device the room's re-render that follows takes 50–150 ms of the main thread, and every step of the
 * call that passes through the page (the offer, the answer, each ICE candidate, sent and received over the
 * PeerJS socket) waits behind it. So while a call is being set up, the interface's re-renders wait, for
 * `maxHoldMs` at most: the state is already right, only its drawing comes later, and the other person's
 * video appears with the tile instead of after it.
 */

/** The longest renders wait for one call (a call that never comes up must not freeze the page). */
export const maxHoldMs = 500;
/** The longest any render waits, whatever holds come and go meanwhile. */
export const maxRenderWaitMs = 800;

const holds = new Set<Promise<void>>();

/** Renders wait until `until` settles, or `capMs` passes. */
export function holdRenders(until: Promise<unknown>, capMs = maxHoldMs): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const capped = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, capMs);
    until.then(
      () => resolve(),
      () => resolve(),
    );
  });
  const hold = capped.then(() => {
    clearTimeout(timer);
    holds.delete(hold);
  });
  holds.add(hold);
}

/**
 * Runs a render as Preact would by default (in a microtask), unless signalling holds renders by then (a
 * hold begun later in the same task counts): then once every hold has ended, including those that began
 * while it waited, but never more than `maxRenderWaitMs` after it was asked for (someone calling us over
 * and over cannot keep the page from drawing). Installed as Preact's `options.debounceRendering`.
 */
export function deferRender(render: () => void, askedAt = performance.now()): void {
  void Promise.resolve().then(() => {
    const left = maxRenderWaitMs - (performance.now() - askedAt);
    if (holds.size === 0 || left <= 0) {
      render();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, left)));
    void Promise.race([Promise.all(holds), late]).then(() => {
      clearTimeout(timer);
      deferRender(render, askedAt);
    });
  });
}

/**
 * Settles once a call's connection is up (or has failed, or closed), in a task after the one that said so:
 * until then its offer, answer and ICE candidates pass through this page's main thread. Or after `capMs`,
 * the longest a hold lasts anyway: a connection closed by our own `close()` says so by no event, and its
 * listeners are removed then.
 */
export function setUp(connection: RTCPeerConnection | undefined, capMs = maxHoldMs): Promise<void> {
  if (!connection) return Promise.resolve();
  const events = ['connectionstatechange', 'iceconnectionstatechange', 'signalingstatechange'] as const;
  return new Promise((resolve) => {
    const end = (): void => {
      clearTimeout(cap);
      for (const event of events) connection.removeEventListener(event, check);
      setTimeout(resolve, 0);
    };
    const check = (): void => {
      const ice = connection.iceConnectionState;
      const state = connection.connectionState;
      const over =
        ['connected', 'failed', 'closed'].includes(state) ||
        ['connected', 'completed', 'failed', 'closed'].includes(ice) ||
        connection.signalingState === 'closed';
      if (over) end();
    };
    const cap = setTimeout(end, capMs);
    for (const event of events) connection.addEventListener(event, check);
    check();
  });
}
