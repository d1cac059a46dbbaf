import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { ErrorCode } from '../../shared/errors.js';

export type CallOutcome = 'connected' | 'failed';

/** What the server counts. One registry per app, so several apps can live in one process (tests). */
export class Metrics {
  readonly registry = new Registry();
  private readonly joins: Counter;
  private readonly leaves: Counter<'cause'>;
  private readonly errors: Counter<'code'>;
  private readonly calls: Counter<'outcome'>;
  private readonly dropped: Counter<'reason'>;

  constructor(
    sample: { participants: () => number; rooms: () => number; peerSockets: () => number },
    /** This node's name: every series carries it, so a cluster's nodes can be told apart and summed. */
    node?: string,
  ) {
    const registers = [this.registry];
    if (node !== undefined) this.registry.setDefaultLabels({ node });
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
    new Gauge({
      name: 'parley_participants',
      help: 'Participants in rooms now',
      registers,
      collect() {
        this.set(sample.participants());
      },
    });
    new Gauge({
      name: 'parley_rooms',
      help: 'Rooms with at least one participant now',
      registers,
      collect() {
        this.set(sample.rooms());
      },
    });
    new Gauge({
      name: 'parley_peer_sockets',
      help: 'PeerJS signaling sockets connected now',
      registers,
      collect() {
        this.set(sample.peerSockets());
      },
    });
    this.joins = new Counter({ name: 'parley_joins_total', help: 'Participants who joined a room', registers });
    this.leaves = new Counter({
      name: 'parley_leaves_total',
      help: 'Participants who left a room, by cause: left, disconnected, closed (tab gone), silent, signaling-gone, peer-gone',
      labelNames: ['cause'],
      registers,
    });
    this.errors = new Counter({
      name: 'parley_errors_total',
      help: 'Requests refused, by error code',
      labelNames: ['code'],
      registers,
    });
    this.calls = new Counter({
      name: 'parley_calls_total',
      help: 'Calls as reported by the browsers: connected (media arrived) or failed (none within the timeout)',
      labelNames: ['outcome'],
      registers,
    });
    this.dropped = new Counter({
      name: 'parley_signaling_dropped_total',
      help: 'PeerJS signaling frames not relayed, by reason (malformed, too-large, rate-limited, other-room, absent, unknown-call, ...)',
      labelNames: ['reason'],
      registers,
    });
  }

  signalingDropped(reason: string): void {
    this.dropped.inc({ reason });
  }

  joined(): void {
    this.joins.inc();
  }

  left(cause: string): void {
    this.leaves.inc({ cause });
  }

  refused(code: ErrorCode): void {
    this.errors.inc({ code });
  }

  call(outcome: CallOutcome): void {
    this.calls.inc({ outcome });
  }
}
