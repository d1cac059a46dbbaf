import { useCallback, useState } from 'preact/hooks';
import type { RoomSession } from '../room/session.js';
import type { RoomState } from '../room/state.js';
import { Controls } from './Controls.js';
import { CopyLink } from './CopyLink.js';
import { RemoteAudio } from './RemoteAudio.js';
import { Stage } from './Stage.js';
import { Tile } from './Tile.js';
import { useStore } from './useStore.js';

export function App({ session }: { session: RoomSession }) {
  const state = useStore(session.store);
  if (state.phase === 'left') {
    return <EndScreen title="You left the meeting" detail="The others can carry on without you." action="Rejoin" />;
  }
  if (state.phase === 'refused') {
    return <EndScreen title="You could not join" detail={state.refusal ?? ''} action="Try again" />;
  }
  return <Room state={state} session={session} />;
}

function Room({ state, session }: { state: RoomState; session: RoomSession }) {
  const [soundBlocked, setSoundBlocked] = useState(false);
  // Dismissing hides that message only: a new problem shows again.
  const [dismissedProblem, setDismissedProblem] = useState<string | undefined>();
  const onBlocked = useCallback(() => setSoundBlocked(true), []);
  const participants = [...state.participants.values()];
  const { self } = state;
  const count = participants.length + 1;

  return (
    <main class="room" onClick={soundBlocked ? () => resumeAudio(setSoundBlocked) : undefined}>
      <header class="topbar">
        <h1 class="topbar__room" title={state.roomId}>
          {state.roomId}
        </h1>
        <span class="topbar__count" aria-live="polite">
          {count === 1 ? 'Only you here' : `${count} people`}
        </span>
        <CopyLink />
      </header>
      {(state.phase === 'connecting' || state.phase === 'reconnecting') && (
        <p class="banner" role="status">
          {state.phase === 'connecting' ? 'Connecting…' : 'Connection lost. Reconnecting…'}
        </p>
      )}
      {state.mediaProblem && state.mediaProblem !== dismissedProblem && (
        <p class="banner banner--warning" role="alert">
          {state.mediaProblem}
          <button
            type="button"
            class="banner__close"
            aria-label="Dismiss"
            onClick={() => setDismissedProblem(state.mediaProblem)}
          >
            ×
          </button>
        </p>
      )}
      {soundBlocked && (
        <p class="banner" role="alert">
          <button type="button" class="banner__action" onClick={() => resumeAudio(setSoundBlocked)}>
            Click to turn on sound
          </button>
        </p>
      )}
      <Stage count={count}>
        <Tile
          peerId="self"
          name={self.name || 'You'}
          stream={self.preview}
          audio={self.audio}
          video={self.video && self.hasCamera}
          isSelf
        />
        {participants.map((participant) => (
          <Tile
            key={participant.info.peerId}
            peerId={participant.info.peerId}
            name={participant.info.name}
            stream={participant.stream}
            audio={participant.info.audio}
            video={participant.info.video}
            isSelf={false}
            link={participant.link}
          />
        ))}
      </Stage>
      <div class="audio-sinks" hidden>
        {participants.map((participant) =>
          participant.stream ? (
            <RemoteAudio key={participant.info.peerId} stream={participant.stream} onBlocked={onBlocked} />
          ) : null,
        )}
      </div>
      <Controls
        audio={self.audio}
        video={self.video}
        hasMicrophone={self.hasMicrophone}
        hasCamera={self.hasCamera}
        onToggleAudio={() => session.setMedia('audio', !self.audio)}
        onToggleVideo={() => session.setMedia('video', !self.video)}
        onLeave={session.leave}
      />
    </main>
  );
}

function resumeAudio(setSoundBlocked: (blocked: boolean) => void): void {
  const sinks = document.querySelectorAll<HTMLAudioElement>('.audio-sinks audio');
  void Promise.all([...sinks].map((sink) => sink.play())).then(() => setSoundBlocked(false));
}

function EndScreen({ title, detail, action }: { title: string; detail: string; action: string }) {
  return (
    <main class="end">
      <h1>{title}</h1>
      <p>{detail}</p>
      <div class="end__actions">
        <button type="button" class="button button--primary" onClick={() => location.reload()}>
          {action}
        </button>
        <a class="button" href="/">
          New meeting
        </a>
      </div>
    </main>
  );
}
