import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ChatMessage } from '../../shared/events.js';
import type { ChatLog } from '../chat/chatLog.js';
import type { HistoryLedger } from '../chat/historyLedger.js';
import type { Logger } from '../log.js';
import type { PeerEndpoint } from '../peer/endpoint.js';
import type { Allowances } from '../limits/allowances.js';
import type { PresenceBook } from '../presence/presence.js';
import { movedKnocker } from '../rooms/control.js';
import type { RoomControls } from '../rooms/controls.js';
import type { Roster } from '../rooms/roster.js';
import type { ParleyServer } from '../socket/reply.js';
import type { RoomHome } from './home.js';
import { keys } from './keys.js';
import { RoomMirror } from './mirror.js';
import { Ownership, type LetGoReason } from './ownership.js';
import { redisClient, type RedisClient } from './redis.js';
import { memberFromSeat, snapshotOf } from './snapshot.js';

/** Someone whose room moved here has this long to come back before they count as gone (as a page's grace). */
const movedGraceMs = 10_000;
/** Snapshots of changed rooms are written at least this often (joins and leaves are written at once). */
const snapshotEveryMs = 250;

/** What a node of a cluster shares with the others, ready before the app is made. */
export interface ClusterLink {
  node: string;
  /** The key every node hashes host keys, passcodes and device ids with. */
  secret: Buffer;
  redis: RedisClient;
  subscriber: RedisClient;
  log: Logger;
}

/** Connects to the cluster's Redis (waiting for it, however long) and reads the shared secret. */
export async function connectCluster(url: string, node: string, log: Logger): Promise<ClusterLink> {
  const redis = redisClient(url, log, 'commands');
  const subscriber = redisClient(url, log, 'handoffs');
  await Promise.all([redis.connect(), subscriber.connect()]);
  // The first node to start chooses it; every later one reads it.
  await redis.set(keys.secret, randomBytes(32).toString('base64'), { NX: true });
  const secret = await redis.get(keys.secret);
  if (typeof secret !== 'string') throw new Error('the cluster secret could not be read from redis');
  return { node, secret: Buffer.from(secret, 'base64'), redis, subscriber, log: log.child({ component: 'cluster' }) };
}

/** The parts of the app whose rooms move between nodes. */
export interface ClusterRooms {
  io: ParleyServer;
  roster: Roster;
  controls: RoomControls;
  chat: ChatLog;
  /** How much history each seat was sent: it moves with the seat, as the chat moves with the room. */
  historySent: HistoryLedger;
  peer: PeerEndpoint;
  presence: PresenceBook;
  /** Each seat's allowances move with it (a move brings nobody a fresh allowance). */
  allowances: Allowances;
  /** A knocker whose room moved here and who did not knock again in time is no longer waiting. */
  knockerGone: (roomId: string, peerId: string) => void;
  historyLimit: number;
  now: () => number;
}

export interface Cluster {
  home: RoomHome;
  /** Starts owning rooms, once the node listens (other nodes check this address to tell it died). */
  start(url: string): Promise<void>;
  /** A seat was taken or given up: the copy in Redis follows at once. */
  roomChanged(roomId: string): void;
  /** Resolves once the message is kept beyond this node (or after a short wait while Redis is away). */
  chatPosted(roomId: string, message: ChatMessage): Promise<void>;
  chatCleared(roomId: string): void;
  storeReady(): boolean;
  /** SIGTERM: hands every room over, then the node is no longer part of the cluster. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Makes this app one node of a cluster: rooms are claimed before they are served, and their state kept in Redis. */
export function joinCluster(link: ClusterLink, rooms: ClusterRooms): Cluster {
  const { roster, controls, chat, historySent, peer, presence, io, now, log } = { ...rooms, log: link.log };
  const mirror = new RoomMirror(
    link.redis,
    (roomId) =>
      snapshotOf(
        roster.members(roomId),
        {
          peerTokenOf: (peerId) => peer.directory.boundToken(peerId),
          historySentTo: (member) => historySent.sentTo(member),
          allowancesOf: (member) => rooms.allowances.personState(member),
        },
        controls.get(roomId)?.snapshot(),
      ),
    rooms.historyLimit,
    log,
  );

  const restore = async (roomId: string): Promise<void> => {
    const { snapshot, chat: history } = await mirror.load(roomId);
    const at = now();
    if (snapshot?.control) controls.ensure(roomId, at).control.restore(snapshot.control);
    let seats = 0;
    for (const seat of snapshot?.seats ?? []) {
      const member = memberFromSeat(roomId, seat);
      if (!roster.restore(member)) continue;
      if (seat.historySent !== undefined) historySent.restore(member, seat.historySent);
      if (seat.peerToken !== undefined) peer.directory.restoreBinding(seat.peerId, seat.peerToken);
      const carried = snapshot?.allowances?.[seat.peerId];
      if (carried) rooms.allowances.restorePerson(member, carried);
      presence.hold(seat.peerId, at, movedGraceMs);
      seats += 1;
    }
    chat.restore(roomId, history);
    // Knockers get the same time as seats to come back (their pages knock again on reconnecting).
    const knockers = [...(controls.get(roomId)?.lobby.values() ?? [])].filter((k) => k.connectionId === movedKnocker);
    if (knockers.length > 0) {
      setTimeout(() => {
        for (const { peerId } of knockers) {
          if (controls.get(roomId)?.lobby.get(peerId)?.connectionId === movedKnocker) rooms.knockerGone(roomId, peerId);
        }
      }, movedGraceMs).unref();
    }
    if (seats > 0 || history.length > 0 || knockers.length > 0) {
      log.info({ roomId, seats, knockers: knockers.length, chat: history.length }, 'room restored');
    }
  };

  /** Everyone of the room is sent away (their pages reconnect through the proxy) and the room forgotten here. */
  const letGo = async (roomId: string, reason: LetGoReason): Promise<void> => {
    // The last word is taken now, before anything changes; it is written while the room empties here.
    const written = reason === 'lost' ? Promise.resolve() : mirror.write(roomId, true);
    const members = roster.members(roomId);
    const connections = new Set(members.map((member) => member.connectionId));
    const peerIds = new Set(members.map((member) => member.peerId));
    for (const member of members) {
      roster.remove(member.peerId);
      presence.forget(member.peerId);
      peer.released(member.peerId);
    }
    chat.clear(roomId);
    controls.forget(roomId);
    mirror.forget(roomId);
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.roomId !== roomId && !connections.has(socket.id)) continue;
      socket.emit('server-restarting');
      socket.disconnect(true);
    }
    for (const socket of [...peer.directory.all()]) {
      if (socket.roomId === roomId || peerIds.has(socket.id)) socket.close(1012, 'the room moved');
    }
    await written;
  };

  /** Rooms anyone is here for: a seat, a knocker, an open connection. */
  const busyRooms = (): Set<string> => {
    const busy = new Set<string>();
    for (const socket of io.sockets.sockets.values()) if (socket.data.roomId) busy.add(socket.data.roomId);
    for (const socket of peer.directory.all()) if (socket.roomId) busy.add(socket.roomId);
    for (const roomId of ownership.rooms()) {
      if (roster.members(roomId).length > 0 || (controls.get(roomId)?.lobby.size ?? 0) > 0) busy.add(roomId);
    }
    return busy;
  };

  const ownership = new Ownership(link.redis, link.subscriber, {
    node: link.node,
    log,
    hooks: { restore, letGo, busyRooms },
    now,
  });

  let wasDown = false;
  const onReady = () => {
    if (!wasDown) return;
    wasDown = false;
    void mirror.resync(ownership.rooms(), (roomId) => chat.history(roomId));
  };
  const onDown = () => {
    wasDown = true;
  };
  link.redis.on('ready', onReady);
  link.redis.on('error', onDown);
  const snapshots = setInterval(() => {
    if (!link.redis.isReady) return;
    for (const roomId of ownership.rooms()) void mirror.write(roomId);
  }, snapshotEveryMs);
  snapshots.unref();

  return {
    home: ownership,
    start: (url) => ownership.start(url),
    roomChanged: (roomId) => {
      if (ownership.isHere(roomId)) mirror.changed(roomId);
    },
    chatPosted: (roomId, message) => mirror.chatPosted(roomId, message),
    chatCleared: (roomId) => mirror.chatCleared(roomId),
    storeReady: () => link.redis.isReady,
    drain: () => ownership.drain(),
    close: async () => {
      ownership.stop();
      clearInterval(snapshots);
      link.redis.off('ready', onReady);
      link.redis.off('error', onDown);
      await Promise.allSettled([link.subscriber.close(), link.redis.close()]);
    },
  };
}

/** This node's own address for the others, from where it listens. */
export function nodeUrl(protocol: 'http' | 'https', host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? hostname() : host.includes(':') ? `[${host}]` : host;
  return `${protocol}://${shown}:${port}`;
}
