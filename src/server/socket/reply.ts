import type { Server, Socket } from 'socket.io';
import type {
  Ack,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/events.js';
import type { Result } from '../../shared/errors.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../observability/metrics.js';

export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type Reply = <T>(ack: Ack<T> | undefined, result: Result<T>, event: string) => void;

/**
 * Answers a request: through its acknowledgement when it has one, and with a `parley-error` event when
 * a refused request has none. Every refusal is counted and logged.
 */
export function replier(socket: ParleySocket, metrics: Metrics, log: Logger): Reply {
  return (ack, result, event) => {
    if (ack) ack(result);
    else if (!result.ok) socket.emit('parley-error', result.error);
    if (!result.ok) {
      metrics.refused(result.error.code);
      log.info({ connectionId: socket.id, event, code: result.error.code }, 'request refused');
    }
  };
}

/** socket.io passes the acknowledgement callback as the last argument, when the client asked for one. */
export function takeAck<T>(args: unknown[]): Ack<T> | undefined {
  const last = args.at(-1);
  if (typeof last !== 'function') return undefined;
  args.pop();
  return last as Ack<T>;
}
