import { useEffect, useRef, useState } from 'preact/hooks';
import { phrase, t } from '../i18n/index.js';
import type { LinkState } from '../mesh/mesh.js';
import { markOnce } from '../perf.js';
import type { PeerQuality } from '../quality/controller.js';
import { FullscreenIcon, HandIcon, MicOffIcon, PinIcon, ScreenShareIcon } from './icons.js';
import { TileQuality } from './quality/TileQuality.js';
import { Say } from './Say.js';
import { useVideoStall } from './useVideoStall.js';

export interface TileProps {
  peerId: string;
  name: string;
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
  /** Presenting (their screen is shown beside this tile, or in it: see `videoIsScreen`). */
  screen: boolean;
  /** The video is their screen, not their camera (someone whose page sends a single video). */
  videoIsScreen?: boolean;
  hand: boolean;
  /** With the hand up: its place in the room's queue of raised hands. */
  handPlace?: number | undefined;
  speaking: boolean;
  isSelf: boolean;
  link?: LinkState;
  pinned: boolean;
  onTogglePin: (peerId: string) => void;
  quality?: PeerQuality;
}

/**
 * One participant: video (or their initial when the camera is off), name, and what they show the room
 * (microphone off, hand raised, presenting, speaking). A tile can be pinned large or made full screen.
 */
export function Tile(props: TileProps) {
  const { peerId, name, stream, audio, video, screen, hand, speaking, isSelf, link, pinned } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const tileRef = useRef<HTMLElement>(null);
  // On a touch screen the tile's buttons stay out of the way of faces until the tile is tapped.
  const [revealed, setRevealed] = useState(false);
  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(() => setRevealed(false), revealMs);
    return () => clearTimeout(timer);
  }, [revealed]);

  useEffect(() => {
    const element = videoRef.current;
    if (!element || element.srcObject === stream) return;
    element.srcObject = stream;
    if (stream) element.play().catch(() => undefined);
    if (!isSelf && stream && 'requestVideoFrameCallback' in element) {
      element.requestVideoFrameCallback(() => markOnce('first-remote-frame'));
    }
  }, [stream, isSelf]);

  const videoIsScreen = props.videoIsScreen ?? false;
  const showVideo = (video || videoIsScreen) && stream !== null;
  // A remote video that should move and does not: the initial and "Video paused", never a frozen picture.
  // The quality controller knows sooner when the video is held back (low bandwidth here, or paused by its sender).
  const stalled =
    useVideoStall(videoRef, showVideo && !isSelf && (!link || link === 'connected')) ||
    (showVideo && !!props.quality?.videoPaused);
  const status = isSelf || !link || link === 'connected' ? '' : t(linkStatus[link]);
  const described = [
    isSelf ? t('person.self', { name }) : name,
    !audio && t('state.microphoneOff'),
    !video && !videoIsScreen && t('state.cameraOff'),
    screen && t('state.presenting'),
    stalled && t('state.videoPaused'),
    hand && (props.handPlace ? t('state.handPlace', { place: props.handPlace }) : t('state.hand')),
  ].filter(Boolean);
  const classes = [
    'tile',
    isSelf && 'tile--self',
    screen && 'tile--presenting',
    videoIsScreen && 'tile--screen',
    !showVideo && 'tile--no-video',
    stalled && 'tile--stalled',
    revealed && 'tile--revealed',
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
      onClick={(event) => {
        // A tap on the tile itself shows or hides its buttons; a tap on a button is that button's.
        if (!(event.target instanceof Element && event.target.closest('button'))) setRevealed((shown) => !shown);
      }}
    >
      {/* Muted: remote sound plays through a separate <audio> element, so video can autoplay. */}
      <video ref={videoRef} autoplay playsInline muted class="tile__video" hidden={!showVideo} />
      {stalled && <div class="tile__cover" />}
      {(!showVideo || stalled) && (
        <div class="tile__avatar" aria-hidden="true">
          {initialOf(name)}
        </div>
      )}
      {stalled && <div class="tile__paused">{t('tile.videoPaused')}</div>}
      {!isSelf && <TileQuality name={name} quality={props.quality} />}
      {status && <div class="tile__status">{status}</div>}
      <div class="tile__actions">
        <button
          type="button"
          class="tile__action"
          aria-label={t(pinned ? 'tile.unpin' : 'tile.pin', { name })}
          aria-pressed={pinned}
          title={t(pinned ? 'tile.unpinTitle' : 'tile.pinTitle')}
          onClick={() => props.onTogglePin(peerId)}
        >
          <PinIcon />
        </button>
        <button
          type="button"
          class="tile__action"
          aria-label={t('tile.fullscreen', { name })}
          title={t('tile.fullscreenTitle')}
          onClick={fullscreen}
        >
          <FullscreenIcon />
        </button>
      </div>
      <figcaption class="tile__label">
        {hand && (
          <span
            class="tile__badge tile__badge--hand"
            title={props.handPlace ? t('badge.handPlace', { place: props.handPlace }) : t('badge.hand')}
          >
            <HandIcon />
            {props.handPlace && <span class="tile__hand-place">{props.handPlace}</span>}
          </span>
        )}
        {screen && (
          <span class="tile__badge" title={t('badge.presenting')}>
            <ScreenShareIcon />
          </span>
        )}
        {!audio && (
          <span class="tile__badge tile__badge--muted" title={t('badge.microphoneOff')}>
            <MicOffIcon />
          </span>
        )}
        <span class="tile__name">{isSelf ? <Say phrase={phrase('person.self', { name })} /> : name}</span>
      </figcaption>
    </figure>
  );
}

/** How long a tap shows a tile's buttons. */
const revealMs = 4000;

const linkStatus = {
  connecting: 'link.connecting',
  reconnecting: 'link.reconnecting',
  failed: 'link.failed',
} as const satisfies Record<Exclude<LinkState, 'connected'>, string>;

function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '?';
}
