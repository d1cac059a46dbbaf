// Fakes for the mesh's unit tests: just enough of PeerJS and of an RTCPeerConnection.
import { EventEmitter } from 'node:events';
import type { CallShape, OutgoingMedia } from '../../../../src/client/mesh/callMedia.js';
import type { LocalSource } from '../../../../src/client/mesh/callSetup.js';

/** Just enough of an RTCPeerConnection (with no media of its own). */
export interface FakeConnection {
  iceConnectionState: string;
  connectionState: string;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  getSenders(): unknown[];
  getTransceivers(): unknown[];
}

/** Just enough of a PeerJS MediaConnection: events, open/close, answer. */
export class FakeCall extends EventEmitter {
  open = true;
  metadata: unknown;
  closed = false;
  answeredWith: unknown;
  peerConnection: FakeConnection | undefined;
  /** Brings the connection up (ICE and DTLS done), as the browser would say. */
  connectNow: () => void = () => undefined;
  constructor(readonly peer: string) {
    super();
  }
  answer(stream: unknown): void {
    this.answeredWith = stream;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.emit('close');
  }
}

export class FakePeer extends EventEmitter {
  readonly placed: FakeCall[] = [];
  call(peerId: string, _stream: unknown, options?: { metadata?: unknown }): FakeCall {
    const call = new FakeCall(peerId);
    call.metadata = options?.metadata;
    this.placed.push(call);
    return call;
  }
}

/** Gives a call a connection that sets up but never comes up: ICE keeps checking, or (`ice` 'connected')
 * ICE is up and the DTLS handshake never finishes, until `connectNow`. */
export function stayConnecting(call: FakeCall, ice = 'checking'): FakeCall {
  const listeners = new Set<() => void>();
  const connection: FakeConnection = {
    iceConnectionState: ice,
    connectionState: 'connecting',
    addEventListener: (type, listener) => {
      if (type === 'connectionstatechange') listeners.add(listener);
    },
    removeEventListener: (_type, listener) => listeners.delete(listener),
    getSenders: () => [],
    getTransceivers: () => [],
  };
  call.peerConnection = connection;
  call.connectNow = () => {
    connection.iceConnectionState = 'connected';
    connection.connectionState = 'connected';
    for (const listener of [...listeners]) listener();
  };
  return call;
}

/** Every call the peer places from now on sets up but never brings media (see `stayConnecting`). */
export function callsStayConnecting(peer: FakePeer, ice = 'checking'): void {
  peer.call = (peerId: string) => {
    const call = stayConnecting(new FakeCall(peerId), ice);
    peer.placed.push(call);
    return call;
  };
}

/** A call from a Parley page (it offers the dual shape) or, without `dual`, from a seed client. */
export function incomingCall(peerId: string, { dual = true } = {}): FakeCall {
  const call = new FakeCall(peerId);
  if (dual) call.metadata = { video: ['camera', 'screen'] };
  return call;
}

export const stream = { id: 'local' } as unknown as MediaStream;
/** The page's media: every call gets `stream`; the shapes asked for are noted. */
export const shapesAsked: CallShape[] = [];
export const local: LocalSource = {
  outgoing: { audio: {}, camera: {}, screen: null } as unknown as OutgoingMedia,
  callStream: (shape) => {
    shapesAsked.push(shape);
    return { stream, tracks: [] };
  },
};
export const remote = { id: 'remote' } as unknown as MediaStream;
