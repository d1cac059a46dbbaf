import type { Mesh } from '../mesh/mesh.js';
import { Arrivals } from '../mesh/receivers.js';
import type { SignalingSocket } from '../signaling/socket.js';

const everyMs = 2000;

/**
 * Tells the server, every two seconds, whose media is arriving: someone whose own signaling stalls while
 * their calls still carry media is still in the meeting, and the server decides that from these reports
 * together with their connections (src/server/presence).
 */
export class MediaReports {
  private timer?: ReturnType<typeof setInterval>;
  private readonly arrivals = new Arrivals();

  constructor(
    private readonly mesh: Mesh,
    private readonly socket: SignalingSocket,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      const receiving = this.arrivals.receivingFrom(this.mesh.connections());
      if (receiving.length > 0 && this.socket.connected) this.socket.emit('media-report', { receiving });
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
