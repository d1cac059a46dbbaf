import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomPreview } from '../../../shared/events.js';
import { limits } from '../../../shared/limits.js';
import { nameProblemOf, normalizeName, type NameProblem } from '../../../shared/names.js';
import { phrase, say, t, type Phrase } from '../../i18n/index.js';
import { hostKeyFor } from '../../room/identity.js';
import type { RoomSession } from '../../room/session.js';
import type { RoomState } from '../../room/state.js';
import { DeviceSelects } from '../DeviceSelect.js';
import { CamIcon, CamOffIcon, MicIcon, MicOffIcon } from '../icons.js';
import { LanguageSelect } from '../LanguageSelect.js';
import { LevelMeter } from '../LevelMeter.js';
import { Say } from '../Say.js';

/**
 * Before joining: see yourself, check the microphone moves the meter, pick devices and a name, and join
 * with microphone or camera already off. The connections open meanwhile, so joining is quick. The same
 * screen asks for a passcode when the room wants one, and shows the wait while a host decides (the preview
 * stays, and so does the way out).
 */
export function PreJoin({ state, session }: { state: RoomState; session: RoomSession }) {
  const { self, membership } = state;
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
  const full = state.preview && state.preview.count >= state.preview.capacity;
  // A browser holding the room's host key goes straight in, whatever the mode (the server checks the key).
  const hosting = hostKeyFor(state.roomId) !== undefined;
  const locked = !hosting && state.preview?.mode === 'locked';
  const knocking = !hosting && state.preview?.mode === 'knock';
  const showVideo = self.video && self.hasCamera;

  return (
    <main class="prejoin">
      <section class="prejoin__preview" aria-label={t('prejoin.preview')}>
        <div class="prejoin__video">
          <video ref={videoRef} autoplay playsInline muted hidden={!showVideo} />
          {!showVideo && (
            <p class="prejoin__camera-note">
              {t(
                !self.mediaReady
                  ? 'prejoin.startingCamera'
                  : self.hasCamera
                    ? 'prejoin.cameraOff'
                    : self.mediaBlocked
                      ? 'prejoin.cameraBlocked'
                      : 'prejoin.noCamera',
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
        {membership.phase === 'waiting' ? (
          <Waiting hostPresent={membership.hostPresent} asking={membership.pending} onLeave={session.leave} />
        ) : membership.phase === 'passcode' ? (
          <PasscodeForm wrong={membership.wrong} onSubmit={(passcode) => session.submitPasscode(passcode)} />
        ) : (
          <>
            <h1>{t('prejoin.title')}</h1>
            <p class="prejoin__room">{state.roomId}</p>
            <p class="prejoin__who" aria-live="polite">
              <Say phrase={whoIsHere(state.preview, hosting)} />
            </p>
            {state.connectionProblem && (
              <p class="notice notice--warning" role="alert">
                {say(state.connectionProblem)}
              </p>
            )}
            {state.mediaProblem && (
              <div class="notice notice--warning" role="alert">
                <p>{say(state.mediaProblem)}</p>
                {self.mediaBlocked && (
                  <button type="button" class="button button--small" onClick={() => void session.controls.retryMedia()}>
                    {t('media.allow')}
                  </button>
                )}
              </div>
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
              <button
                type="submit"
                class="button button--primary prejoin__join"
                disabled={!!problem || !!full || locked}
              >
                {t(knocking ? 'prejoin.askToJoin' : 'prejoin.join')}
              </button>
            </form>
          </>
        )}
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

/** Waiting for a host to let us in: what is happening, and the way out. */
function Waiting({ hostPresent, asking, onLeave }: { hostPresent: boolean; asking: boolean; onLeave: () => void }) {
  return (
    <div class="prejoin__waiting" role="status" aria-live="polite">
      <h1>{t(asking ? 'waiting.asking' : 'waiting.title')}</h1>
      <p>{t(hostPresent ? 'waiting.hostPresent' : 'waiting.noHost')}</p>
      <span class="spinner" aria-hidden="true" />
      <button type="button" class="button" onClick={onLeave}>
        {t('waiting.leave')}
      </button>
    </div>
  );
}

/** The room wants a passcode. */
function PasscodeForm({ wrong, onSubmit }: { wrong: boolean; onSubmit: (passcode: string) => void }) {
  const [passcode, setPasscode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), [wrong]);
  return (
    <form
      class="prejoin__form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (passcode) onSubmit(passcode);
      }}
    >
      <h1>{t('passcode.title')}</h1>
      <div class="field">
        <label for="passcode">{t('passcode.label')}</label>
        <input
          id="passcode"
          ref={input}
          type="password"
          autocomplete="off"
          maxLength={limits.passcodeMax}
          value={passcode}
          aria-invalid={wrong}
          aria-describedby={wrong ? 'passcode-problem' : undefined}
          onInput={(event) => setPasscode(event.currentTarget.value)}
        />
        {wrong && (
          <p id="passcode-problem" class="field__problem" role="alert">
            {t('passcode.wrong')}
          </p>
        )}
      </div>
      <button type="submit" class="button button--primary prejoin__join" disabled={!passcode}>
        {t('passcode.join')}
      </button>
    </form>
  );
}

function whoIsHere(preview: RoomPreview | undefined, hosting: boolean): Phrase {
  if (!preview) return phrase('prejoin.connecting');
  if (hosting && preview.mode !== 'open') return phrase('prejoin.yourRoom');
  if (preview.mode === 'locked') return phrase('prejoin.locked');
  if (preview.mode === 'knock') return phrase('prejoin.knock');
  if (preview.passcode) return phrase('prejoin.passcode');
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
