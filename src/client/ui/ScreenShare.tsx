import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { FullscreenIcon, PinIcon, ScreenShareIcon } from './icons.js';

/** Shows a stream in a <video> (muted: sound plays elsewhere), replacing it only when it changes. */
export function useVideoStream(stream: MediaStream | null) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || element.srcObject === stream) return;
    element.srcObject = stream;
    if (stream) element.play().catch(() => undefined);
  }, [stream]);
  return ref;
}

/**
 * Someone's shared screen, shown whole (never cropped), beside their camera's tile. Not a `.tile`: it is
 * not a participant (the people and their tiles stay one each).
 */
export function ScreenShare({
  peerId,
  name,
  stream,
  pinned,
  onTogglePin,
}: {
  peerId: string;
  name: string;
  stream: MediaStream;
  /** Kept large by this person (with several presenters, the latest one's screen is large otherwise). */
  pinned: boolean;
  onTogglePin: () => void;
}) {
  const videoRef = useVideoStream(stream);
  const figureRef = useRef<HTMLElement>(null);
  const label = t('screen.of', { name });
  const fullscreen = () => {
    const element = figureRef.current;
    if (!element) return;
    if (document.fullscreenElement === element) void document.exitFullscreen();
    else void element.requestFullscreen().catch(() => undefined);
  };
  return (
    <figure ref={figureRef} class="screen-share" data-peer-id={peerId} aria-label={label}>
      <video ref={videoRef} autoplay playsInline muted class="screen-share__video" />
      <div class="screen-share__actions">
        <button
          type="button"
          class="tile__action"
          aria-label={t(pinned ? 'tile.unpin' : 'tile.pin', { name: label })}
          aria-pressed={pinned}
          title={t(pinned ? 'tile.unpinTitle' : 'tile.pinTitle')}
          onClick={onTogglePin}
        >
          <PinIcon />
        </button>
        <button
          type="button"
          class="tile__action"
          aria-label={t('tile.fullscreen', { name: label })}
          title={t('tile.fullscreenTitle')}
          onClick={fullscreen}
        >
          <FullscreenIcon />
        </button>
      </div>
      <figcaption class="tile__label">
        <span class="tile__badge">
          <ScreenShareIcon />
        </span>
        <span class="screen-share__name">{label}</span>
      </figcaption>
    </figure>
  );
}
