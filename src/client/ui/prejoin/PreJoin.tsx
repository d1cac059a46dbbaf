import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomPreview } from '../../../shared/events.js';
import { limits } from '../../../shared/limits.js';
import { nameProblemOf, normalizeName, type NameProblem } from '../../../shared/names.js';
import { phrase, say, t, type Phrase } from '../../i18n/index.js';
import type { RoomSession } from '../../room/session.js';
import type { RoomState } from '../../room/state.js';
import { DeviceSelects } from '../DeviceSelect.js';
import { CamIcon, CamOffIcon, MicIcon, MicOffIcon } from '../icons.js';
import { LanguageSelect } from '../LanguageSelect.js';
import { LevelMeter } from '../LevelMeter.js';
import { Say } from '../Say.js';

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
  const problem = normalized ? nameProblemOf(normalized) : undefined;

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
      <section class="prejoin__preview" aria-label={t('prejoin.preview')}>
        <div class="prejoin__video">
          <video ref={videoRef} autoplay playsInline muted hidden={!showVideo} />
          {!showVideo && (
            <p class="prejoin__camera-note">
              {t(
                !self.mediaReady ? 'prejoin.startingCamera' : self.hasCamera ? 'prejoin.cameraOff' : 'prejoin.noCamera',
              )}
            </p>
          )}
          <div class="prejoin__toggles">
            <DeviceToggle
              on={self.audio}
              missing={self.mediaReady && !self.hasMicrophone}
              device="microphone"
              icons={[<MicIcon key="on" />, <MicOffIcon key="off" />]}
              onToggle={() => session.controls.setMedia('audio', !self.audio)}
            />
            <DeviceToggle
              on={self.video}
              missing={self.mediaReady && !self.hasCamera}
              device="camera"
              icons={[<CamIcon key="on" />, <CamOffIcon key="off" />]}
              onToggle={() => session.controls.setMedia('video', !self.video)}
            />
          </div>
        </div>
        <LevelMeter track={self.microphone} enabled={self.audio} />
      </section>

      <section class="prejoin__panel">
        <h1>{t('prejoin.title')}</h1>
        <p class="prejoin__room">{state.roomId}</p>
        <p class="prejoin__who" aria-live="polite">
          <Say phrase={whoIsHere(state.preview)} />
        </p>
        {state.connectionProblem && (
          <p class="notice notice--warning" role="alert">
            {say(state.connectionProblem)}
          </p>
        )}
        {state.mediaProblem && (
          <p class="notice notice--warning" role="alert">
            {say(state.mediaProblem)}
          </p>
        )}
        <form class="prejoin__form" onSubmit={join} noValidate>
          <div class="field">
            <label for="display-name">{t('prejoin.name')}</label>
            <input
              id="display-name"
              type="text"
              autocomplete="name"
              dir="auto"
              maxLength={limits.nameMax * 2}
              placeholder={t('prejoin.namePlaceholder')}
              value={name}
              aria-invalid={touched && !!problem}
              aria-describedby={problem ? 'name-problem' : undefined}
              onInput={(event) => setName(event.currentTarget.value)}
            />
            {problem && (
              <p id="name-problem" class="field__problem">
                {nameProblemText(problem)}
              </p>
            )}
          </div>
          <button type="submit" class="button button--primary prejoin__join" disabled={!!problem || !!full}>
            {t('prejoin.join')}
          </button>
        </form>
      </section>

      {/* Below the preview (after the form on phones): the device lists arrive late and must not move "Join now". */}
      <section class="prejoin__devices" aria-label={t('prejoin.devices')}>
        <DeviceSelects
          devices={state.devices}
          chosen={state.chosenDevices}
          onChoose={(kind, id) => void session.controls.chooseDevice(kind, id)}
        />
        <LanguageSelect id="prejoin-language" />
      </section>
    </main>
  );
}

/** Microphone or camera on or off before joining, named for what a press will do. */
function DeviceToggle(props: {
  on: boolean;
  missing: boolean;
  device: 'microphone' | 'camera';
  icons: [JSX.Element, JSX.Element];
  onToggle: () => void;
}) {
  const label = t(`${props.device}.${props.missing ? 'none' : props.on ? 'turnOff' : 'turnOn'}`);
  return (
    <button
      type="button"
      class={`control${props.on ? '' : ' control--off'}`}
      aria-label={label}
      disabled={props.missing}
      onClick={props.onToggle}
    >
      {props.on ? props.icons[0] : props.icons[1]}
    </button>
  );
}

function whoIsHere(preview: RoomPreview | undefined): Phrase {
  if (!preview) return phrase('prejoin.connecting');
  const { names, capacity } = preview;
  const [first = '', second = ''] = names;
  if (names.length >= capacity) return phrase('prejoin.full', { capacity });
  if (names.length === 0) return phrase('prejoin.nobody');
  if (names.length === 1) return phrase('prejoin.one', { name: first });
  if (names.length === 2) return phrase('prejoin.two', { first, second });
  return phrase('prejoin.many', { first, second, more: names.length - 2 });
}

function nameProblemText(problem: NameProblem): string {
  return problem === 'too-long' ? t('name.too-long', { max: limits.nameMax }) : t(`name.${problem}`);
}
