import { useEffect, useRef } from 'preact/hooks';
import type { LinkState } from '../mesh/mesh.js';
import { markOnce } from '../perf.js';
import { FullscreenIcon, HandIcon, MicOffIcon, PinIcon, ScreenShareIcon } from './icons.js';

export interface TileProps {
  peerId: string;
  name: string;
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
  screen: boolean;
  hand: boolean;
  speaking: boolean;
  isSelf: boolean;
  link?: LinkState;
  pinned: boolean;
  onTogglePin: (peerId: string) => void;
}

/**
 * One participant: video (or their initial when the camera is off), name, and what they show the room
 * (microphone off, hand raised, presenting, speaking). A tile can be pinned large or made full screen.
 */
export function Tile(props: TileProps) {
  const { peerId, name, stream, audio, video, screen, hand, speaking, isSelf, link, pinned } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const tileRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const element = videoRef.current;
    if (!element || element.srcObject === stream) return;
    element.srcObject = stream;
    if (stream) element.play().catch(() => undefined);
    if (!isSelf && stream && 'requestVideoFrameCallback' in element) {
      element.requestVideoFrameCallback(() => markOnce('first-remote-frame'));
    }
  }, [stream, isSelf]);

  const showVideo = (video || screen) && stream !== null;
  const label = isSelf ? `${name} (you)` : name;
  const status = isSelf || !link || link === 'connected' ? '' : linkStatus[link];
  const described = [
    label,
    !audio && 'microphone off',
    !video && !screen && 'camera off',
    screen && 'presenting',
    hand && 'hand raised',
  ].filter(Boolean);
  const classes = [
    'tile',
    isSelf && 'tile--self',
    screen && 'tile--screen',
    !showVideo && 'tile--no-video',
    speaking && 'tile--speaking',
  ].filter(Boolean);

  const fullscreen = () => {
    const element = tileRef.current;
    if (!element) return;
    if (document.fullscreenElement === element) void document.exitFullscreen();
    else void element.requestFullscreen().catch(() => undefined);
  };

  return (
    <figure
      ref={tileRef}
      class={classes.join(' ')}
      data-peer-id={peerId}
      data-self={isSelf ? 'true' : undefined}
      data-speaking={speaking ? 'true' : undefined}
      aria-label={described.join(', ')}
    >
      {/* Muted: remote sound plays through a separate <audio> element, so video can autoplay. */}
      <video ref={videoRef} autoplay playsInline muted class="tile__video" hidden={!showVideo} />
      {!showVideo && (
        <div class="tile__avatar" aria-hidden="true">
          {initialOf(name)}
        </div>
      )}
      {status && <div class="tile__status">{status}</div>}
      <div class="tile__actions">
        <button
          type="button"
          class="tile__action"
          aria-label={pinned ? `Unpin ${name}` : `Pin ${name}`}
          aria-pressed={pinned}
          title={pinned ? 'Unpin' : 'Pin: keep this tile large'}
          onClick={() => props.onTogglePin(peerId)}
        >
          <PinIcon />
        </button>
        <button
          type="button"
          class="tile__action"
          aria-label={`Full screen: ${name}`}
          title="Full screen"
          onClick={fullscreen}
        >
          <FullscreenIcon />
        </button>
      </div>
      <figcaption class="tile__label">
        {hand && (
          <span class="tile__badge tile__badge--hand" title="Hand raised">
            <HandIcon />
          </span>
        )}
        {screen && (
          <span class="tile__badge" title="Presenting">
            <ScreenShareIcon />
          </span>
        )}
        {!audio && (
          <span class="tile__badge tile__badge--muted" title="Microphone off">
            <MicOffIcon />
          </span>
        )}
        <span class="tile__name">{label}</span>
      </figcaption>
    </figure>
  );
}

const linkStatus: Record<Exclude<LinkState, 'connected'>, string> = {
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  failed: 'Cannot connect. Still trying…',
};

function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '?';
}
