import type { ParticipantInfo } from '../../shared/events.js';
import { phrase } from '../i18n/index.js';
import type { Mesh } from '../mesh/mesh.js';
import type { Notices } from './notices.js';
import { participantArrived, participantChanged, participantLeft, type RoomState } from './state.js';
import type { Store } from './store.js';

/** After a rejoin, how long someone still connected to us may take to rejoin too before we drop them. */
const rejoinGraceMs = 10_000;

/**
 * The other participants as the server reports them, each with a call: arrivals are called (the seed's
 * protocol: members call newcomers), departures hang up, and a participant whose call still carries media
 * when the server forgets them (our reconnect, or its restart) gets time to come back before their tile goes.
 */
export class Participants {
  private readonly graceTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: Store<RoomState>,
    private readonly mesh: Mesh,
    private readonly notices: Notices,
  ) {}

  /** Someone came (or came back): show them and call them, unless a call with them still carries media. */
  arrived(info: ParticipantInfo): void {
    this.endGrace(info.peerId);
    if (!this.store.get().participants.has(info.peerId))
      this.notices.show(phrase('notice.joined', { name: info.name }));
    this.store.update((state) => participantArrived(state, info));
    if (!this.mesh.isConnected(info.peerId)) this.mesh.call(info.peerId);
  }

  left(peerId: string): void {
    this.endGrace(peerId);
    this.mesh.remove(peerId);
    const gone = this.store.get().participants.get(peerId);
    if (gone) this.notices.show(phrase('notice.left', { name: gone.info.name }));
    this.store.update((state) => participantLeft(state, peerId));
  }

  updated(info: ParticipantInfo): void {
    const before = this.store.get().participants.get(info.peerId)?.info;
    if (!before) return;
    if (info.hand && !before.hand) this.notices.show(phrase('notice.hand', { name: info.name }));
    if (info.screen && !before.screen) this.notices.show(phrase('notice.presenting', { name: info.name }));
    this.store.update((state) => participantChanged(state, info.peerId, { info }));
  }

  /**
   * After a (re)join: those the server no longer lists either left while we were away, or have not
   * rejoined yet after a server restart. A call still carrying media gets time; the rest go now.
   */
  reconcile(members: readonly ParticipantInfo[]): void {
    const present = new Set(members.map((member) => member.peerId));
    for (const peerId of this.store.get().participants.keys()) {
      if (present.has(peerId)) continue;
      if (this.mesh.isConnected(peerId)) this.startGrace(peerId);
      else this.left(peerId);
    }
  }

  close(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }

  private startGrace(peerId: string): void {
    this.endGrace(peerId);
    this.graceTimers.set(
      peerId,
      setTimeout(() => this.left(peerId), rejoinGraceMs),
    );
  }

  private endGrace(peerId: string): void {
    clearTimeout(this.graceTimers.get(peerId));
    this.graceTimers.delete(peerId);
  }
}
