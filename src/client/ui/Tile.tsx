import { useEffect, useRef } from 'preact/hooks';
import type { LinkState } from '../mesh/mesh.js';
import { markOnce } from '../perf.js';
import { MicOffIcon } from './icons.js';

export interface TileProps {
  peerId: string;
  name: string;
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
  isSelf: boolean;
  link?: LinkState;
}

/** One participant: video (or their initial when the camera is off), name and microphone state. */
export function Tile({ peerId, name, stream, audio, video, isSelf, link }: TileProps) {
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = videoRef.current;
    if (!element || element.srcObject === stream) return;
    element.srcObject = stream;
    if (stream) element.play().catch(() => undefined);
    if (!isSelf && stream && 'requestVideoFrameCallback' in element) {
      element.requestVideoFrameCallback(() => markOnce('first-remote-frame'));
    }
  }, [stream, isSelf]);

  const showVideo = video && stream !== null;
  const label = isSelf ? `${name} (you)` : name;
  const status =
    !isSelf && link && link !== 'connected' ? (link === 'connecting' ? 'Connecting…' : 'Reconnecting…') : '';

  return (
    <figure
      class={`tile${isSelf ? ' tile--self' : ''}${showVideo ? '' : ' tile--no-video'}`}
      data-peer-id={peerId}
      data-self={isSelf ? 'true' : undefined}
      aria-label={`${label}${audio ? '' : ', microphone off'}${video ? '' : ', camera off'}`}
    >
      {/* Muted: remote sound plays through a separate <audio> element, so video can autoplay. */}
      <video ref={videoRef} autoplay playsInline muted class="tile__video" hidden={!showVideo} />
      {!showVideo && (
        <div class="tile__avatar" aria-hidden="true">
          {initialOf(name)}
        </div>
      )}
      {status && <div class="tile__status">{status}</div>}
      <figcaption class="tile__label">
        {!audio && (
          <span class="tile__muted" title="Microphone off">
            <MicOffIcon />
          </span>
        )}
        <span class="tile__name">{label}</span>
      </figcaption>
    </figure>
  );
}

function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '?';
}
