import { useState } from 'preact/hooks';
import type { RoomControlView, RoomMode } from '../../../shared/events.js';
import { limits } from '../../../shared/limits.js';
import { t } from '../../i18n/index.js';
import type { Hosting } from '../../room/hosting.js';
import { ConfirmButton } from './ConfirmButton.js';

const modes: RoomMode[] = ['open', 'knock', 'locked'];

/** For hosts, at the top of the people panel: who can join, the passcode, mute everyone, end for all. */
export function HostControls({ control, hosting }: { control: RoomControlView; hosting: Hosting }) {
  const [passcode, setPasscode] = useState('');
  return (
    <section class="host-controls" aria-labelledby="host-controls-title">
      <h3 id="host-controls-title">{t('host.controls')}</h3>
      <fieldset class="host-controls__modes">
        <legend>{t('host.access')}</legend>
        {modes.map((mode) => (
          <label key={mode} class="host-controls__mode">
            <input
              type="radio"
              name="room-mode"
              value={mode}
              checked={control.mode === mode}
              onChange={() => void hosting.setMode(mode)}
            />
            {t(`host.mode.${mode}`)}
          </label>
        ))}
      </fieldset>
      <form
        class="host-controls__passcode"
        onSubmit={(event) => {
          event.preventDefault();
          if (passcode.length < 4) return;
          void hosting.setPasscode(passcode);
          setPasscode('');
        }}
      >
        <label for="room-passcode">
          {t('host.passcode')}: {t(control.passcode ? 'host.passcodeIsSet' : 'host.passcodeNone')}
        </label>
        <div class="host-controls__row">
          <input
            id="room-passcode"
            type="text"
            autocomplete="off"
            minLength={4}
            maxLength={limits.passcodeMax}
            placeholder={t('host.passcodeHint')}
            value={passcode}
            onInput={(event) => setPasscode(event.currentTarget.value)}
          />
          <button type="submit" class="button button--small" disabled={passcode.length < 4}>
            {t('host.passcodeSet')}
          </button>
        </div>
        {control.passcode && (
          <button type="button" class="button button--small" onClick={() => void hosting.setPasscode(null)}>
            {t('host.passcodeRemove')}
          </button>
        )}
      </form>
      <div class="host-controls__row">
        <button type="button" class="button button--small" onClick={() => void hosting.muteAll()}>
          {t('host.muteAll')}
        </button>
        <button type="button" class="button button--small" onClick={() => void hosting.stepDown()}>
          {t('host.stepDown')}
        </button>
      </div>
      <ConfirmButton
        label={t('host.endMeeting')}
        question={t('host.endConfirm')}
        danger
        onConfirm={() => void hosting.endMeeting()}
      />
    </section>
  );
}
