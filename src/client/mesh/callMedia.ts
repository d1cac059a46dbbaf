/**
 * What each call carries. A call between two Parley pages is `dual`: one audio and two video m-lines,
 * negotiated once when the call is placed, the first video the camera and the second the screen (empty, with
 * no track, until a share starts; then `replaceTrack` puts the screen on it, with no renegotiation). A call
 * with a client written for the seed (or an older Parley) is `single`: one audio and one video, as the seed
 * itself sends; while presenting, that one video carries the screen, as before Parley had a second track.
 */
export type CallShape = 'dual' | 'single';

/** The metadata a Parley caller puts on its call: the meaning of its video m-lines, in order. */
export const dualCallMetadata = { video: ['camera', 'screen'] } as const;

/**
 * How to answer a call, from its metadata (which arrives from the network: anything may be in it). Checked
 * by hand: a schema library for this one shape would double the page's JavaScript (zod: 46 -> 87 KB gzipped).
 */
export function shapeOfOffer(metadata: unknown): CallShape {
  if (typeof metadata !== 'object' || metadata === null || !('video' in metadata)) return 'single';
  const { video } = metadata;
  const dual = Array.isArray(video) && video.length === 2 && video[0] === 'camera' && video[1] === 'screen';
  return dual ? 'dual' : 'single';
}

/**
 * How a call we placed turned out: the answerer sends on our second video m-line only if it understood it.
 * A seed client answers it `recvonly` (it has nothing to send there), which makes ours `sendonly`.
 */
export function shapeOfAnswer(screenDirection: RTCRtpTransceiverDirection | null | undefined): CallShape {
  return screenDirection === 'sendrecv' || screenDirection === 'recvonly' ? 'dual' : 'single';
}

/** The tracks this page sends: the microphone (or silence), the camera (or a black frame), the screen. */
export interface OutgoingMedia {
  audio: MediaStreamTrack;
  camera: MediaStreamTrack;
  screen: MediaStreamTrack | null;
}

/** What one call's two video senders carry. */
export function videoFor<Track>(
  shape: CallShape,
  media: { camera: Track; screen: Track | null },
): { camera: Track; screen: Track | null } {
  return shape === 'dual' ? media : { camera: media.screen ?? media.camera, screen: null };
}

/** The senders of one call, found by the tracks they were created with (before any negotiation). */
export interface CallSenders {
  audio?: RTCRtpSender | undefined;
  camera?: RTCRtpSender | undefined;
  screen?: RTCRtpSender | undefined;
}

/** The tracks a call is placed or answered with, in the order their m-lines take. */
export function callTracks(shape: CallShape, media: OutgoingMedia, screenSlot: MediaStreamTrack): MediaStreamTrack[] {
  const video = videoFor(shape, media);
  return shape === 'dual' ? [media.audio, video.camera, media.screen ?? screenSlot] : [media.audio, video.camera];
}

/** Finds the senders PeerJS created for `tracks` (it adds them synchronously when the call is made). */
export function sendersOf(connection: RTCPeerConnection | undefined, tracks: MediaStreamTrack[]): CallSenders {
  const senders = connection?.getSenders() ?? [];
  const [audio, camera, screen] = tracks.map((track) => senders.find((sender) => sender.track === track));
  return { audio, camera, screen };
}

/** Puts what the page sends now on a call's senders, replacing only what changed (never renegotiating). */
export function applyOutgoing(senders: CallSenders, shape: CallShape, media: OutgoingMedia): void {
  const video = videoFor(shape, media);
  const wanted: [RTCRtpSender | undefined, MediaStreamTrack | null][] = [
    [senders.audio, media.audio],
    [senders.camera, video.camera],
    [senders.screen, video.screen],
  ];
  for (const [sender, track] of wanted) {
    if (!sender || sender.track === track) continue;
    sender.replaceTrack(track).catch((error: unknown) => console.warn('replaceTrack failed', error));
  }
}

/** What a participant sends us: their camera with their sound (one stream, for the tile), and their screen. */
export interface RemoteMedia {
  stream: MediaStream;
  /** Dual calls only: their second video (it carries frames only while they present). */
  screen: MediaStream | null;
}

/**
 * Splits a dual call's incoming tracks by m-line: each of our senders shares its transceiver (its m-line)
 * with the receiver of the same meaning, so the receiver beside our screen sender is their screen.
 */
export function remoteMediaOf(connection: RTCPeerConnection, senders: CallSenders): RemoteMedia | undefined {
  const transceivers = connection.getTransceivers();
  const receiverOf = (sender: RTCRtpSender | undefined) =>
    sender && transceivers.find((transceiver) => transceiver.sender === sender)?.receiver.track;
  const audio = receiverOf(senders.audio);
  const camera = receiverOf(senders.camera);
  const screen = receiverOf(senders.screen);
  if (!audio || !camera || !screen) return undefined;
  return { stream: new MediaStream([audio, camera]), screen: new MediaStream([screen]) };
}

/** The direction our screen m-line ended up with once the answer was applied. */
export function screenDirection(
  connection: RTCPeerConnection,
  senders: CallSenders,
): RTCRtpTransceiverDirection | null {
  const transceiver = connection.getTransceivers().find((candidate) => candidate.sender === senders.screen);
  return transceiver?.currentDirection ?? null;
}

/**
 * The sender that carries the screen on a call's connection (the second video m-line, in m-line order), for
 * those who tune senders (encodings, budgets); undefined on a call with a single video.
 */
export function screenSender(connection: RTCPeerConnection): RTCRtpSender | undefined {
  const order = videoMids(connection.localDescription?.sdp ?? '');
  const screenMid = order[1];
  if (screenMid === undefined) return undefined;
  return connection.getTransceivers().find((transceiver) => transceiver.mid === screenMid)?.sender;
}

/** The mids of a session description's video m-sections, in the order they appear. */
export function videoMids(sdp: string): string[] {
  const mids: string[] = [];
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    if (!section.startsWith('video ')) continue;
    const mid = /\r?\na=mid:(\S+)/.exec(section)?.[1];
    if (mid !== undefined) mids.push(mid);
  }
  return mids;
}
