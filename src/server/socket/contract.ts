import type { Ack, ClientToServerEvents } from '../../shared/events.js';
import type { Result } from '../../shared/errors.js';
import type { ParleySocket, Reply } from './reply.js';
import { takeAck } from './reply.js';

export type ClientEvent = keyof ClientToServerEvents;

/** The acknowledgement an event takes, per the contract (never when it takes none). */
export type AckOf<E extends ClientEvent> = Extract<
  NonNullable<Parameters<ClientToServerEvents[E]>[number]>,
  (result: never) => void
>;

/** What an event's acknowledgement carries when the request succeeds, per the contract. */
export type AckData<E extends ClientEvent> = AckOf<E> extends Ack<infer T> ? T : never;

/**
 * Registers the server's handler for one event of the contract. The handler gets the raw arguments (they
 * come from the network: it validates them) and returns a Result whose type the contract fixes, so server
 * and contract cannot drift apart; the answer goes back through the acknowledgement, or as `parley-error`.
 */
export function handle<E extends ClientEvent>(
  socket: ParleySocket,
  reply: Reply,
  event: E,
  handler: (args: unknown[]) => Result<AckData<E>> | Promise<Result<AckData<E>>>,
): void {
  const listener = (...args: unknown[]): void => {
    const ack = takeAck<AckData<E>>(args);
    const result = handler(args);
    // A handler waits only on the cluster's store (a room being claimed, a message kept); it never throws.
    if (result instanceof Promise) void result.then((settled) => reply(ack, settled, event));
    else reply(ack, result, event);
  };
  // socket.io types listeners by the contract's parameter types; ours takes unknown[] on purpose (it validates).
  socket.on(event, listener as never);
}
