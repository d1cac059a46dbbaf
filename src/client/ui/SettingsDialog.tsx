import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.js';
import type { DeviceChoice, DeviceKind, DeviceLists } from '../media/devices.js';
import { DeviceSelects } from './DeviceSelect.js';
import { CloseIcon } from './icons.js';
import { LanguageSelect } from './LanguageSelect.js';
import { LowBandwidthSwitch } from './quality/LowBandwidthSwitch.js';
import { keyOf, shortcuts } from './shortcuts.js';

export interface SettingsDialogProps {
  open: boolean;
  devices: DeviceLists;
  chosen: DeviceChoice;
  onChoose: (kind: DeviceKind, deviceId: string) => void;
  shortcutsOn: boolean;
  onShortcutsChange: (on: boolean) => void;
  onClose: () => void;
}

/** Devices to switch to during the call, the page's language, and the keyboard shortcuts (which can be turned off). */
export function SettingsDialog(props: SettingsDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="settings-title" onClose={props.onClose}>
      {props.open && <SettingsContent {...props} />}
    </dialog>
  );
}

/**
 * What the dialog shows, drawn only while it is open: the room redraws often (someone speaks, a hand goes
 * up), and its first drawing comes as the first call connects.
 */
function SettingsContent(props: SettingsDialogProps) {
  return (
    <>
      <header class="dialog__header">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <button type="button" class="icon-button" aria-label={t('settings.close')} onClick={props.onClose}>
          <CloseIcon />
        </button>
      </header>
      <section aria-labelledby="devices-title">
        <h3 id="devices-title">{t('settings.devices')}</h3>
        <DeviceSelects devices={props.devices} chosen={props.chosen} onChoose={props.onChoose} />
        {props.devices.camera.length + props.devices.microphone.length === 0 && (
          <p class="muted">{t('settings.noDevices')}</p>
        )}
      </section>
      <section aria-labelledby="language-title">
        <h3 id="language-title">{t('language.label')}</h3>
        <LanguageSelect id="settings-language" labelledBy="language-title" />
      </section>
      <LowBandwidthSwitch />
      <section aria-labelledby="shortcuts-title">
        <h3 id="shortcuts-title">{t('settings.shortcuts')}</h3>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={props.shortcutsOn}
            onChange={(event) => props.onShortcutsChange(event.currentTarget.checked)}
          />
          {t('settings.singleKey')}
        </label>
        <dl class="shortcuts">
          {shortcuts.map((shortcut) => (
            <div key={shortcut.action} class="shortcuts__row">
              <dt>
                <kbd>{keyOf(shortcut.action)}</kbd>
              </dt>
              <dd>{t(`shortcut.${shortcut.action}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
