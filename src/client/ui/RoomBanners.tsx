import { useState } from 'preact/hooks';
import { say, t, type Phrase } from '../i18n/index.js';
import type { RoomSession } from '../room/session.js';
import type { RoomState } from '../room/state.js';
import { ScreenShareIcon } from './icons.js';
import { useVideoStream } from './ScreenShare.js';

/**
 * What the room says above the tiles: the connection's state, problems with it or with camera and microphone
 * (with Allow when the browser blocked them), and the presenter's own reminder with Stop.
 */
export function RoomBanners({
  state,
  session,
  onStopPresenting,
}: {
  state: RoomState;
  session: RoomSession;
  onStopPresenting: () => void;
}) {
  const { self } = state;
  // Dismissing hides that message only: a new problem shows again.
  const [dismissedProblem, setDismissedProblem] = useState<Phrase | undefined>();
  return (
    <>
      {state.membership.phase !== 'joined' && (
        <p class="banner" role="status">
          {t(
            state.membership.phase === 'joining'
              ? 'banner.connecting'
              : 'restarting' in state.membership && state.membership.restarting
                ? 'banner.restarting'
                : 'banner.lost',
          )}
        </p>
      )}
      {state.connectionProblem && (
        <p class="banner banner--warning" role="alert">
          {say(state.connectionProblem)}
        </p>
      )}
      {state.mediaProblem && state.mediaProblem !== dismissedProblem && (
        <p class="banner banner--warning" role="alert">
          {say(state.mediaProblem)}
          {self.mediaBlocked && (
            <button type="button" class="banner__action" onClick={() => void session.controls.retryMedia()}>
              {t('media.allow')}
            </button>
          )}
          <button
            type="button"
            class="banner__close"
            aria-label={t('banner.dismiss')}
            onClick={() => setDismissedProblem(state.mediaProblem)}
          >
            ×
          </button>
        </p>
      )}
      {self.screen && <PresentingBar preview={self.screenPreview} onStop={onStopPresenting} />}
    </>
  );
}

/** The presenter's reminder: what they share, as a thumbnail, and Stop at hand. */
function PresentingBar({ preview, onStop }: { preview: MediaStream | null; onStop: () => void }) {
  const videoRef = useVideoStream(preview);
  return (
    <div class="banner banner--presenting" role="status">
      <ScreenShareIcon />
      <video ref={videoRef} autoplay playsInline muted class="banner__preview" aria-label={t('presenting.preview')} />
      <span>{t('presenting.you')}</span>
      <button type="button" class="button button--small" onClick={onStop}>
        {t('presenting.stop')}
      </button>
    </div>
  );
}
