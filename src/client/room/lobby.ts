import type { RoomPreview } from '../../shared/events.js';
import { phrase, type Phrase } from '../i18n/index.js';
import type { SignalingSocket } from '../signaling/socket.js';

const everyMs = 5000;
const answerWithinMs = 5000;

/**
 * While the person is on the pre-join screen: who is in the room (asked now and every few seconds), and
 * whether the server refuses the connection itself (too many from this network, a foreign page).
 */
export class Lobby {
  private timer?: ReturnType<typeof setInterval>;
  private active = false;

  constructor(
    private readonly socket: SignalingSocket,
    private readonly roomId: string,
    private readonly report: (change: { preview?: RoomPreview; connectionProblem?: Phrase | undefined }) => void,
  ) {}

  start(): void {
    this.active = true;
    this.socket.on('connect', this.onConnect);
    this.socket.on('connect_error', this.onConnectError);
    this.timer = setInterval(this.peek, everyMs);
  }

  /** Joining (or leaving): the room is no longer previewed. Connection problems are still reported. */
  stop(): void {
    this.active = false;
    clearInterval(this.timer);
  }

  close(): void {
    this.stop();
    this.socket.off('connect', this.onConnect);
    this.socket.off('connect_error', this.onConnectError);
  }

  private readonly onConnect = (): void => {
    this.report({ connectionProblem: undefined });
    this.peek();
  };

  private readonly onConnectError = (error: Error): void => {
    this.report({ connectionProblem: refusalText(error) });
  };

  private readonly peek = (): void => {
    if (!this.active || !this.socket.connected) return;
    this.socket
      .timeout(answerWithinMs)
      .emitWithAck('peek-room', this.roomId)
      .then(
        (result) => {
          if (result.ok && this.active) this.report({ preview: result.data });
        },
        () => undefined,
      );
  };
}

/**
 * What to tell the person when the server refused the connection (nothing for an ordinary outage). A
 * refusal is a 403 to the long-polling handshake, whose body says why.
 */
function refusalText(error: Error & { description?: unknown; context?: unknown }): Phrase | undefined {
  if (error.description !== 403) return undefined;
  const body = (error.context as { responseText?: unknown } | undefined)?.responseText;
  const reason = typeof body === 'string' ? body : '';
  if (reason.includes('too many connections')) return phrase('connection.too-many');
  if (reason.includes('origin not allowed')) return phrase('connection.origin');
  return phrase('connection.refused');
}
