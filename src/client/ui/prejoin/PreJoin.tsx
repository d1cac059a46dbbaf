import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomPreview } from '../../../shared/events.js';
import { limits } from '../../../shared/limits.js';
import { nameProblem, normalizeName } from '../../../shared/names.js';
import type { RoomSession } from '../../room/session.js';
import type { RoomState } from '../../room/state.js';
import { DeviceSelects } from '../DeviceSelect.js';
import { CamIcon, CamOffIcon, MicIcon, MicOffIcon } from '../icons.js';
import { LevelMeter } from '../LevelMeter.js';

/**
 * Before joining: see yourself, check the microphone moves the meter, pick devices and a name, and join
 * with microphone or camera already off. The connections open meanwhile, so joining is quick.
 */
export function PreJoin({ state, session }: { state: RoomState; session: RoomSession }) {
  const { self } = state;
  const [name, setName] = useState(self.name);
  const [touched, setTouched] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const normalized = normalizeName(name);
  const problem = normalized ? nameProblem(normalized) : undefined;

  useEffect(() => {
    const element = videoRef.current;
    if (element && element.srcObject !== self.preview) element.srcObject = self.preview;
  }, [self.preview, self.video]);

  const join = (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    session.join(normalized);
  };
  const full = state.preview && state.preview.names.length >= state.preview.capacity;
  const showVideo = self.video && self.hasCamera;

  return (
    <main class="prejoin">
      <section class="prejoin__preview" aria-label="Your camera and microphone">
        <div class="prejoin__video">
          <video ref={videoRef} autoplay playsInline muted hidden={!showVideo} />
          {!showVideo && (
            <p class="prejoin__camera-note">
              {!self.mediaReady ? 'Starting camera…' : self.hasCamera ? 'Camera is off' : 'No camera'}
            </p>
          )}
          <div class="prejoin__toggles">
            <button
              type="button"
              class={`control${self.audio ? '' : ' control--off'}`}
              aria-label={
                self.mediaReady && !self.hasMicrophone
                  ? 'No microphone available'
                  : self.audio
                    ? 'Turn off microphone'
                    : 'Turn on microphone'
              }
              disabled={self.mediaReady && !self.hasMicrophone}
              onClick={() => session.controls.setMedia('audio', !self.audio)}
            >
              {self.audio ? <MicIcon /> : <MicOffIcon />}
            </button>
            <button
              type="button"
              class={`control${self.video ? '' : ' control--off'}`}
              aria-label={
                self.mediaReady && !self.hasCamera
                  ? 'No camera available'
                  : self.video
                    ? 'Turn off camera'
                    : 'Turn on camera'
              }
              disabled={self.mediaReady && !self.hasCamera}
              onClick={() => session.controls.setMedia('video', !self.video)}
            >
              {self.video ? <CamIcon /> : <CamOffIcon />}
            </button>
          </div>
        </div>
        <LevelMeter track={self.microphone} enabled={self.audio} />
      </section>

      <section class="prejoin__panel">
        <h1>Ready to join?</h1>
        <p class="prejoin__room">{state.roomId}</p>
        <p class="prejoin__who" aria-live="polite">
          {whoIsHere(state.preview)}
        </p>
        {state.connectionProblem && (
          <p class="notice notice--warning" role="alert">
            {state.connectionProblem}
          </p>
        )}
        {state.mediaProblem && (
          <p class="notice notice--warning" role="alert">
            {state.mediaProblem}
          </p>
        )}
        <form class="prejoin__form" onSubmit={join} noValidate>
          <div class="field">
            <label for="display-name">Your name</label>
            <input
              id="display-name"
              type="text"
              autocomplete="name"
              maxLength={limits.nameMax * 2}
              placeholder="How others will see you"
              value={name}
              aria-invalid={touched && !!problem}
              aria-describedby={problem ? 'name-problem' : undefined}
              onInput={(event) => setName(event.currentTarget.value)}
            />
            {problem && (
              <p id="name-problem" class="field__problem">
                {problem.charAt(0).toUpperCase() + problem.slice(1)}.
              </p>
            )}
          </div>
          <button type="submit" class="button button--primary prejoin__join" disabled={!!problem || !!full}>
            Join now
          </button>
        </form>
      </section>

      {/* Below the preview (after the form on phones): the device lists arrive late and must not move "Join now". */}
      <section class="prejoin__devices" aria-label="Devices">
        <DeviceSelects
          devices={state.devices}
          chosen={state.chosenDevices}
          onChoose={(kind, id) => void session.controls.chooseDevice(kind, id)}
        />
      </section>
    </main>
  );
}

function whoIsHere(preview: RoomPreview | undefined): string {
  if (!preview) return 'Connecting…';
  const { names, capacity } = preview;
  if (names.length >= capacity) return `This meeting is full (${capacity} people). Try again later.`;
  if (names.length === 0) return 'No one else is here yet.';
  if (names.length === 1) return `${names[0]} is in this meeting.`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are in this meeting.`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more are in this meeting.`;
}
