import type { MediaConnection, Peer } from 'peerjs';
import {
  applyOutgoing,
  dualCallMetadata,
  remoteMediaOf,
  screenDirection,
  sendersOf,
  shapeOfAnswer,
  shapeOfOffer,
  type CallSenders,
  type CallShape,
  type OutgoingMedia,
  type RemoteMedia,
} from './callMedia.js';

/**
 * Whether a call's connection is not up yet (its ICE checks and DTLS handshake not done): WebRTC's own
 * threads are busy with it, and its senders' and receivers' getters would wait for them. (`isSettingUp`
 * below also counts a connected call that has brought no media yet.)
 */
export const notConnectedYet = (connection: RTCPeerConnection): boolean =>
  connection.connectionState === 'new' || connection.connectionState === 'connecting';

/** What the page sends, and the streams calls are placed and answered with. */
export interface LocalSource {
  readonly outgoing: OutgoingMedia;
  /** A new stream of this shape's tracks, in m-line order (PeerJS adds a stream's tracks one by one). */
  callStream(shape: CallShape): { stream: MediaStream; tracks: MediaStreamTrack[] };
}

/** The media side of one call: its shape, our senders, and (once it arrived) what the other side sends. */
export interface CallMedia {
  /** What we offered or answered; a call we placed turns single when its answerer did not take the screen. */
  shape: CallShape;
  senders: CallSenders;
  /** Their media, split by m-line when the call is dual; built once, at the first track. */
  remote?: RemoteMedia;
}

const connectionOf = (call: MediaConnection) => call.peerConnection as RTCPeerConnection | undefined;

/**
 * Places a call offering the dual shape to whoever it is (who answers is not known yet: a seed client answers
 * it as single). PeerJS adds the stream's tracks synchronously, so the senders are known at once; the screen
 * sender gets its track (or none) right away, before the offer even leaves.
 */
export function placeCall(
  peer: Peer,
  peerId: string,
  local: LocalSource,
): { call: MediaConnection; media: CallMedia } | undefined {
  const { stream, tracks } = local.callStream('dual');
  const call = peer.call(peerId, stream, { metadata: dualCallMetadata });
  // Undefined while the Peer is not connected to its server (PeerJS's types say otherwise).
  if (!(call as MediaConnection | undefined)) return undefined;
  const media: CallMedia = { shape: 'dual', senders: sendersOf(connectionOf(call), tracks) };
  applyOutgoing(media.senders, media.shape, local.outgoing);
  return { call, media };
}

/** Answers a call in the shape its caller offered (dual from a Parley page, single from anyone else). */
export function answerCall(call: MediaConnection, local: LocalSource): CallMedia {
  const shape = shapeOfOffer(call.metadata);
  const { stream, tracks } = local.callStream(shape);
  call.answer(stream);
  const media: CallMedia = { shape, senders: sendersOf(connectionOf(call), tracks) };
  applyOutgoing(media.senders, shape, local.outgoing);
  return media;
}

/**
 * Their media, at the first track of a call: by then the answer is applied, so a call we placed knows
 * whether the other side took the screen m-line (if not it goes single, and its one video gets the screen).
 */
export function remoteMediaFor(
  call: MediaConnection,
  media: CallMedia,
  placedByUs: boolean,
  stream: MediaStream,
  outgoing: OutgoingMedia,
): RemoteMedia {
  const connection = connectionOf(call);
  if (!connection) return { stream, screen: null };
  if (placedByUs) {
    const shape = shapeOfAnswer(screenDirection(connection, media.senders));
    if (shape !== media.shape) {
      media.shape = shape;
      applyOutgoing(media.senders, shape, outgoing);
    }
  }
  return (media.shape === 'dual' && remoteMediaOf(connection, media.senders)) || { stream, screen: null };
}

/** Whether a call's connection is under way: the answer came back and ICE is checking or connected. */
export function isSettingUp(call: MediaConnection): boolean {
  const connection = call.peerConnection as RTCPeerConnection | undefined;
  if (!connection) return false;
  return (
    ['checking', 'connected', 'completed'].includes(connection.iceConnectionState) ||
    ['connecting', 'connected'].includes(connection.connectionState)
  );
}

/**
 * Whether a call's connection is up: ICE and the DTLS handshake done, so media can flow. PeerJS reports the
 * other side's stream as soon as the answer is applied, before either; a call without a connection (none
 * yet, or a test's) counts as up.
 */
export function isUp(call: MediaConnection): boolean {
  const connection = call.peerConnection as RTCPeerConnection | undefined;
  return !connection || connection.connectionState === 'connected';
}

/** Whether a call's ICE path is up and its DTLS handshake still not done. */
export function handshakeStalled(call: MediaConnection): boolean {
  const connection = call.peerConnection as RTCPeerConnection | undefined;
  if (!connection) return false;
  return (
    ['connected', 'completed'].includes(connection.iceConnectionState) && connection.connectionState === 'connecting'
  );
}
