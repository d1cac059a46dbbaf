import type { Server, Socket } from 'socket.io';
import type {
  Ack,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/events.js';
import { fail, type Result } from '../../shared/errors.js';
import { allowRequest, eventRates, isClientEvent, type ConnectionRates } from '../limits/rates.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../observability/metrics.js';

export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type Reply = <T>(ack: Ack<T> | undefined, result: Result<T>, event: string) => void;

/**
 * Answers a request: through its acknowledgement when it has one, and with a `parley-error` event when
 * a refused request has none. Every refusal is counted and logged, and costs the connection a strike: one
 * that keeps being refused is told so and disconnected.
 */
export function replier(socket: ParleySocket, rates: ConnectionRates, metrics: Metrics, log: Logger): Reply {
  return (ack, result, event) => {
    if (ack) ack(result);
    else if (!result.ok) socket.emit('parley-error', result.error);
    if (result.ok) return;
    metrics.refused(result.error.code);
    log.info({ connectionId: socket.id, event, code: result.error.code }, 'request refused');
    if (rates.allow('strikes') || !socket.connected) return;
    metrics.refused('too-many-errors');
    log.warn({ connectionId: socket.id, address: socket.handshake.address }, 'disconnected: too many refused requests');
    socket.emit('parley-error', { code: 'too-many-errors', message: 'too many refused requests; disconnected' });
    socket.disconnect(true);
  };
}

/**
 * Runs before every handler: events that are not part of the protocol, and requests beyond a connection's
 * allowance (or, for what the room sees, beyond its seated person's: `person`), are refused here with
 * `unknown-event` or `rate-limited`.
 */
export function guardEvents(
  socket: ParleySocket,
  rates: ConnectionRates,
  reply: Reply,
  person: () => Pick<ConnectionRates, 'allow'> | undefined = () => undefined,
): void {
  socket.use((packet, next) => {
    const [event, ...args] = packet as unknown[];
    const name = typeof event === 'string' ? event : String(event);
    if (!isClientEvent(name)) {
      reply(takeAck(args), fail('unknown-event', `"${name.slice(0, 40)}" is not a Parley event`), 'unknown');
      return;
    }
    const kind = eventRates[name];
    if (!allowRequest(kind, rates, person())) {
      reply(takeAck(args), fail('rate-limited', 'too many requests; slow down and try again'), name);
      return;
    }
    next();
  });
}

/** socket.io passes the acknowledgement callback as the last argument, when the client asked for one. */
export function takeAck<T>(args: unknown[]): Ack<T> | undefined {
  const last = args.at(-1);
  if (typeof last !== 'function') return undefined;
  args.pop();
  return last as Ack<T>;
}
