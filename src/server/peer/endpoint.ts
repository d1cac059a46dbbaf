import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type Router } from 'express';
import WebSocket, { WebSocketServer } from 'ws';
import { roomIdSchema } from '../../shared/schemas.js';
import { refuseUpgrade } from '../http/upgrades.js';
import { ConnectionRates } from '../limits/rates.js';
import type { Logger } from '../log.js';
import { CallBook } from './calls.js';
import { PeerDirectory, type PeerSocket } from './directory.js';
import { parseClientFrame } from './frames.js';
import { checkRelay, costsStrike, type DropReason } from './guard.js';
import { defaultPeerKey, parsePeerHello } from './query.js';

/**
 * What the server holds for one signaling socket that is not reading: a call's whole setup is a few tens
 * of KB (two SDPs, some candidates), so a socket this far behind is not going to catch up, and what others
 * send it is dropped rather than kept in the server's memory.
 */
const maxBacklogBytes = 1024 * 1024;

export interface PeerEndpointOptions {
  /** Largest frame accepted, in bytes; a bigger one closes the socket (1009). */
  maxPayload: number;
  /** How often every socket is pinged. */
  probeMs: number;
  /** A socket from which nothing (not even a pong) came for this long is closed. */
  deadAfterMs: number;
  /** The room a peer id is seated in, per the roster: signaling is relayed only within a room. */
  roomOf: (peerId: string) => string | undefined;
  onDrop: (reason: DropReason) => void;
  /** A peer id's socket closed (and no newer socket took its place). */
  onClosed: (peerId: string) => void;
  /**
   * Whether this node may take a socket for this room now (in a cluster a room lives on one node, and this
   * may wait while it claims the room). Undefined: always.
   */
  admit?: (roomId: string) => Promise<{ ok: true } | { ok: false; status: number; message: string }>;
  /** This node's name, on every answer to an upgrade (X-Parley-Node). */
  node?: string;
  now?: () => number;
}

export interface PeerEndpoint {
  /** The PeerJS HTTP API a stock client uses: `GET <mount>/<key>/id`. */
  router: Router;
  directory: PeerDirectory;
  calls: CallBook;
  /** Takes an upgrade for the PeerJS socket path (origin and address caps already checked). */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, address: string): void;
  /** A participant left: their calls are forgotten, and their id stays theirs for a while. */
  released(peerId: string): void;
  close(): void;
}

/**
 * Parley's PeerJS server: the PeerJS wire protocol (OPEN, HEARTBEAT, OFFER, ANSWER, CANDIDATE, LEAVE, EXPIRE,
 * ID-TAKEN), so the stock `peerjs` client and the seed's work unchanged, with Parley's rules built in rather
 * than wrapped around a library that reads its input differently: the query is parsed once, an id belongs to
 * its owner's token across gaps, frames are rebuilt from their schema, nothing is queued for anyone absent.
 */
export function createPeerEndpoint(options: PeerEndpointOptions, log: Logger): PeerEndpoint {
  const now = options.now ?? Date.now;
  const directory = new PeerDirectory();
  const calls = new CallBook({ perPair: 4, candidatesPerSide: 64, offers: { capacity: 8, perSecond: 0.5 } });
  const server = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  if (options.node !== undefined) {
    const header = `X-Parley-Node: ${options.node}`;
    server.on('headers', (headers: string[]) => headers.push(header));
  }
  const sockets = new Map<WebSocket, PeerSocket>();

  const drop = (peer: PeerSocket, ws: WebSocket, rates: ConnectionRates, reason: DropReason): void => {
    options.onDrop(reason);
    log.debug({ peerId: peer.id, reason }, 'signaling dropped');
    if (!costsStrike(reason) || rates.allow('signalingStrikes')) return;
    log.warn({ peerId: peer.id, address: peer.address }, 'signaling socket closed: too many refused frames');
    ws.close(1008, 'too many refused frames');
  };

  const onFrame = (peer: PeerSocket, ws: WebSocket, rates: ConnectionRates, raw: string): void => {
    const at = now();
    peer.lastHeard = at;
    peer.lastAlive = at;
    if (!rates.allow('signaling', at)) return drop(peer, ws, rates, 'rate-limited');
    const frame = parseClientFrame(raw);
    if (typeof frame === 'string') return drop(peer, ws, rates, frame);
    if (frame.type === 'HEARTBEAT') return;
    // A LEAVE without a destination is the client going away: so be it, with its socket.
    if (frame.type === 'LEAVE' && frame.dst === undefined) return ws.close(1000, 'left');
    const addressed = { ...frame, dst: frame.dst ?? '' };
    const target = directory.get(addressed.dst);
    const verdict = checkRelay(addressed, peer.id, { roomOf: options.roomOf, calls, now: at, isLive: !!target });
    if (verdict.ok && target && target.backlog() > maxBacklogBytes) return drop(peer, ws, rates, 'backlogged');
    if (!verdict.ok) {
      // The caller learns at once that nobody is there to answer, as PeerJS clients expect (EXPIRE).
      if (verdict.reason === 'absent' && frame.type === 'OFFER') {
        peer.send({ type: 'EXPIRE', src: addressed.dst, dst: peer.id });
      }
      return drop(peer, ws, rates, verdict.reason);
    }
    target?.send({ ...addressed, src: peer.id });
  };

  const onConnection = (
    ws: WebSocket,
    hello: { roomId: string | undefined; id: string; token: string },
    address: string,
  ) => {
    const rates = new ConnectionRates(now);
    const peer: PeerSocket = {
      ...hello,
      address,
      lastHeard: now(),
      lastAlive: now(),
      claimed: false,
      send: (message) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
      },
      backlog: () => ws.bufferedAmount,
      close: (code, reason) => ws.close(code, reason),
    };
    ws.on('error', (error) => log.debug({ err: error, peerId: peer.id }, 'peer socket error'));
    const registration = directory.register(peer, now());
    if (!registration.ok) {
      peer.send({ type: 'ID-TAKEN', payload: { msg: 'ID is taken' } });
      ws.close(1008, 'id taken');
      return;
    }
    sockets.set(ws, peer);
    registration.replaced?.close(4000, 'replaced by a newer connection');
    ws.on('pong', () => {
      peer.lastAlive = now();
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return drop(peer, ws, rates, 'malformed');
      // A throw in here would escape the socket and end the whole process: whatever a frame does, it costs
      // only that frame.
      try {
        onFrame(peer, ws, rates, data.toString());
      } catch (error) {
        log.warn({ err: error, peerId: peer.id }, 'signaling frame failed');
        drop(peer, ws, rates, 'malformed');
      }
    });
    ws.once('close', () => {
      sockets.delete(ws);
      if (directory.remove(peer)) options.onClosed(peer.id);
      log.debug({ peerId: peer.id }, 'peer disconnected');
    });
    peer.send({ type: 'OPEN' });
    log.debug({ peerId: peer.id, roomId: peer.roomId }, 'peer connected');
  };

  // Pings every socket (browsers answer by themselves) and ends those that stopped answering.
  const probe = setInterval(() => {
    const at = now();
    for (const [ws, peer] of sockets) {
      if (at - peer.lastAlive > options.deadAfterMs) ws.terminate();
      else ws.ping();
    }
    directory.prune(at);
  }, options.probeMs);
  probe.unref();

  return {
    router: createPeerRoutes(),
    directory,
    calls,
    upgrade(request, socket, head, address) {
      const hello = parsePeerHello(new URL(request.url ?? '/', 'http://peer').search);
      if ('error' in hello) return refuseUpgrade(socket, 400, hello.error, options.node);
      const accept = () => server.handleUpgrade(request, socket, head, (ws) => onConnection(ws, hello, address));
      if (!options.admit || hello.roomId === undefined) return accept();
      // The client may give up while the room is being claimed: its socket must not be upgraded then.
      socket.on('error', () => undefined);
      options.admit(hello.roomId).then(
        (admission) => {
          if (socket.destroyed) return;
          if (admission.ok) accept();
          else refuseUpgrade(socket, admission.status, admission.message, options.node);
        },
        (error: unknown) => {
          log.warn({ err: error, roomId: hello.roomId }, 'room admission failed');
          refuseUpgrade(socket, 503, 'try again in a moment', options.node);
        },
      );
    },
    released(peerId) {
      directory.unbind(peerId, now());
      calls.forgetPeer(peerId);
    },
    close() {
      clearInterval(probe);
      for (const ws of server.clients) ws.terminate();
      server.close();
    },
  };
}

/** The HTTP side of PeerJS: a client without an id asks for one. Peer discovery does not exist here. */
function createPeerRoutes(): Router {
  const router = express.Router();
  router.get('/', (_request, response) => {
    response.json({ name: 'Parley', description: 'PeerJS signaling for Parley rooms' });
  });
  router.get('/:key/id', (request, response) => {
    const key = request.params.key;
    if (key !== defaultPeerKey && !roomIdSchema.safeParse(key).success) {
      response.status(400).type('text/plain').send('key must be "peerjs" or a room name');
      return;
    }
    response.set('Cache-Control', 'no-store').type('text/plain').send(randomUUID());
  });
  router.get('/:key/peers', (_request, response) => {
    response.status(401).type('text/plain').send('peer discovery is off');
  });
  return router;
}
