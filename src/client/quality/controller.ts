import type { ViewSize as ViewSizeNotice } from '../../shared/events.js';
import {
  budgetFor,
  levelForBandwidth,
  pauseLevel,
  type BudgetInput,
  type FrameSize,
  type VideoEncoding,
  type ViewSize,
} from './budgets.js';
import { notConnectedYet } from '../mesh/callSetup.js';
import { ComputePressure } from './computePressure.js';
import { gradeOf, poorReasons, smoothGrade, type Grade, type SmoothedGrade } from './grade.js';
import { initialLadder, stepLadder, type LadderState } from './pressure.js';
import { CallSenders } from './sender.js';
import { describeWindow, readSnapshot, type LinkWindow, type StatsSnapshot } from './statsReport.js';

/** What the page shows of one call's quality (the tile's indicator and the stats panel). */
export interface PeerQuality {
  grade: Grade;
  /** Why it is poor ('loss', 'delay', 'frame-rate', 'freeze'); empty when it is not. */
  reasons: string[];
  window: LinkWindow;
  /** Their video should show but no frame arrived in the last window (we hid it, or they paused it). */
  videoPaused: boolean;
  /** Our own pressure level for what we send them (0: none; see budgets.ts), and what we send. */
  level: number;
  sending?: VideoEncoding;
}

export interface QualityDeps {
  /** Each participant's call connection that carries media now. */
  connections(): ReadonlyMap<string, RTCPeerConnection>;
  /** What the room looks like to the budgets: everyone else, who speaks, what we send. */
  room(): {
    peers: number;
    selfSpeaking: boolean;
    source: 'camera' | 'screen';
    /** Whether this participant is in the room (what we knew of those who left is forgotten). */
    isPresent(peerId: string): boolean;
    /** Whether this participant sends us video (camera or screen on). */
    sendsVideo(peerId: string): boolean;
  };
  /** Whether we show this participant's video (view reports). */
  shows(peerId: string): boolean;
  publish(qualities: ReadonlyMap<string, PeerQuality>): void;
  /** Off: measure and grade only, apply nothing (the browser's defaults). */
  adaptive: boolean;
  /** ms; the page's clock unless a test moves its own. */
  now?: () => number;
}

const sampleMs = 2000;
/** An encoder held back for at least this share of a window is under pressure. */
const limitedShare = 0.5;
/** The deepest rung the CPU alone moves a camera to (budgets.ts: 15 fps at half the resolution). */
const cpuCeiling = 3;
/** The active speaker's boost outlasts their last word by this much (pauses between sentences). */
const speakerHoldMs = 5000;

/**
 * The sending half and the measuring half, one sample every 2 s: each call's stats become a window and a
 * grade; the encoders' limits and the machine's pressure move the ladders (one for the CPU, shared by every
 * call; one per link for its bandwidth); each call's video sender gets the budget its receiver's view and the
 * ladders allow. A view report from a receiver is applied at once.
 */
export class QualityController {
  private readonly views = new Map<string, ViewSize>();
  private readonly snapshots = new Map<string, StatsSnapshot>();
  private readonly links = new Map<string, LadderState>();
  private readonly grades = new Map<string, SmoothedGrade>();
  private readonly senders = new WeakMap<RTCPeerConnection, CallSenders>();
  private readonly awaitingSetUp = new WeakSet<RTCPeerConnection>();
  private readonly pressure = new ComputePressure();
  private cpu: LadderState = initialLadder;
  private speakingUntil = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private sampling = false;

  constructor(private readonly deps: QualityDeps) {}

  start(): void {
    if (this.timer) return;
    if (this.deps.adaptive) this.pressure.start();
    this.timer = setInterval(() => void this.sample(), sampleMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.pressure.stop();
  }

  /** A receiver told us how large it shows us. */
  viewChanged({ from, width, height }: ViewSizeNotice): void {
    this.views.set(from, { width, height });
    this.applyBudgets();
  }

  private get now(): number {
    return this.deps.now?.() ?? performance.now();
  }

  /** One sample now (the timer takes one every 2 s): stats, grades, ladders, budgets. */
  async sample(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const now = this.now;
      const connections = this.deps.connections();
      const windows = new Map<string, LinkWindow>();
      await Promise.all(
        [...connections].map(async ([peerId, connection]) => {
          const entries: Record<string, unknown>[] = [];
          (await connection.getStats()).forEach((entry: Record<string, unknown>) => entries.push(entry));
          const snapshot = readSnapshot(entries, this.now);
          const before = this.snapshots.get(peerId);
          this.snapshots.set(peerId, snapshot);
          if (before) windows.set(peerId, describeWindow(before, snapshot));
        }),
      );
      // A call that ended takes its measurements with it (a new call starts from scratch); views stay until
      // the person leaves, since a receiver may report before its call is up.
      const room = this.deps.room();
      for (const peerId of this.views.keys()) if (!room.isPresent(peerId)) this.views.delete(peerId);
      for (const peerId of this.snapshots.keys()) {
        if (connections.has(peerId)) continue;
        this.snapshots.delete(peerId);
        this.links.delete(peerId);
        this.grades.delete(peerId);
      }
      if (this.deps.adaptive) this.moveLadders(windows, now);
      this.applyBudgets();
      this.publish(connections, windows);
    } catch (error) {
      console.warn('quality sample failed', error);
    } finally {
      this.sampling = false;
    }
  }

  private moveLadders(windows: ReadonlyMap<string, LinkWindow>, now: number): void {
    // Our encoders held back by the CPU for most of the window (they all share the same cores), or at all
    // while the machine says it is overloaded. The machine's word alone does not count: on a shared machine
    // the load may be someone else's, which no budget of ours relieves, and the ladder would never come back.
    const encoders = Math.max(0, ...[...windows.values()].map((window) => window.outbound.cpuLimited));
    const cpuPressed = encoders >= limitedShare || (this.pressure.pressed && encoders > 0);
    this.cpu = stepLadder(this.cpu, cpuPressed ? 'pressure' : 'calm', now, {
      // The CPU takes resolution and then frames down to 15 a second; pausing needs the machine to say it
      // is critical while our encoders suffer.
      ceiling: this.pressure.critical && encoders >= limitedShare ? pauseLevel : cpuCeiling,
    });
    for (const [peerId, window] of windows) {
      const limited = window.outbound.bandwidthLimited >= limitedShare;
      const lossy = (window.outbound.loss ?? 0) > 0.1;
      // The estimate says what the link carries only when the encoder says the link holds it back.
      const floor =
        limited && window.availableOutgoingKbps !== undefined
          ? levelForBandwidth(this.budgetInput(peerId), window.availableOutgoingKbps * 1000)
          : 0;
      this.links.set(
        peerId,
        stepLadder(this.links.get(peerId) ?? initialLadder, limited || lossy ? 'pressure' : 'calm', now, { floor }),
      );
    }
  }

  private levelFor(peerId: string): number {
    return Math.max(this.cpu.level, this.links.get(peerId)?.level ?? 0);
  }

  private budgetInput(peerId: string): Omit<BudgetInput, 'level'> {
    const room = this.deps.room();
    if (room.selfSpeaking) this.speakingUntil = this.now + speakerHoldMs;
    return {
      peers: room.peers,
      source: room.source,
      view: this.views.get(peerId),
      speaking: this.now < this.speakingUntil,
    };
  }

  /**
   * Each call's video budgets. A call with a video for the screen budgets the camera as a camera always, and
   * the screen, while we present, as a screen shown large (the receiver's view reports are of our camera's
   * tile; the screen is the stage's main item). A call with one video (a seed client) budgets what it carries.
   */
  private applyBudgets(): void {
    if (!this.deps.adaptive) return;
    for (const [peerId, connection] of this.deps.connections()) {
      if (notConnectedYet(connection)) {
        this.budgetOnceUp(connection);
        continue;
      }
      const senders = this.sendersOf(connection);
      senders.prioritizeAudio();
      const input = this.budgetInput(peerId);
      const level = this.levelFor(peerId);
      const withFrame = (frame: FrameSize | undefined) => ({ ...input, level, ...(frame ? { frame } : {}) });
      if (!senders.hasScreenSlot) {
        senders.applyVideo(budgetFor(withFrame(senders.frame('camera'))), input.source);
        continue;
      }
      senders.applyVideo(budgetFor({ ...withFrame(senders.frame('camera')), source: 'camera' }), 'camera', 'camera');
      if (input.source !== 'screen') continue;
      const screen = { ...withFrame(senders.frame('screen')), source: 'screen' as const, view: undefined };
      senders.applyVideo(budgetFor(screen), 'screen', 'screen');
    }
  }

  private publish(connections: ReadonlyMap<string, RTCPeerConnection>, windows: ReadonlyMap<string, LinkWindow>) {
    const room = this.deps.room();
    const qualities = new Map<string, PeerQuality>();
    for (const [peerId, window] of windows) {
      const connection = connections.get(peerId);
      const connected = connection?.connectionState === 'connected';
      const videoExpected = room.sendsVideo(peerId) && this.deps.shows(peerId);
      const input = { connected, window, videoExpected };
      const smoothed = smoothGrade(this.grades.get(peerId), gradeOf(input));
      this.grades.set(peerId, smoothed);
      const sending = connection ? this.senders.get(connection)?.encoding : undefined;
      qualities.set(peerId, {
        grade: smoothed.grade,
        reasons: poorReasons(input),
        window,
        videoPaused: connected && room.sendsVideo(peerId) && window.inbound.fps === 0,
        level: this.levelFor(peerId),
        ...(sending ? { sending } : {}),
      });
    }
    this.deps.publish(qualities);
  }

  /**
   * A call still being set up gets its budgets the moment it connects: until then no media flows, and the
   * senders' getters and getParameters() would wait for WebRTC's own threads, busy with that very setup.
   */
  private budgetOnceUp(connection: RTCPeerConnection): void {
    if (this.awaitingSetUp.has(connection)) return;
    this.awaitingSetUp.add(connection);
    const changed = (): void => {
      if (notConnectedYet(connection)) return;
      connection.removeEventListener('connectionstatechange', changed);
      this.awaitingSetUp.delete(connection);
      this.applyBudgets();
    };
    connection.addEventListener('connectionstatechange', changed);
  }

  private sendersOf(connection: RTCPeerConnection): CallSenders {
    let senders = this.senders.get(connection);
    if (!senders) {
      senders = new CallSenders(connection);
      this.senders.set(connection, senders);
    }
    return senders;
  }
}
