import { t } from '../i18n/index.js';
import { canChooseSpeaker, type DeviceChoice, type DeviceKind, type DeviceLists } from '../media/devices.js';

const labels = {
  camera: 'device.camera',
  microphone: 'device.microphone',
  speaker: 'device.speaker',
} as const satisfies Record<DeviceKind, string>;

/** Pickers for camera, microphone and (where the browser can route sound) speaker. */
export function DeviceSelects({
  devices,
  chosen,
  onChoose,
}: {
  devices: DeviceLists;
  chosen: DeviceChoice;
  onChoose: (kind: DeviceKind, deviceId: string) => void;
}) {
  const kinds: DeviceKind[] = canChooseSpeaker ? ['camera', 'microphone', 'speaker'] : ['camera', 'microphone'];
  return (
    <div class="devices">
      {kinds.map((kind) => {
        const options = devices[kind];
        if (options.length === 0) return null;
        const id = `device-${kind}`;
        const label = t(labels[kind]);
        return (
          <div class="field" key={kind}>
            <label for={id}>{label}</label>
            <select
              id={id}
              value={chosen[kind] ?? options[0]?.id}
              onChange={(event) => onChoose(kind, event.currentTarget.value)}
            >
              {options.map((option, index) => (
                <option key={option.id} value={option.id}>
                  {option.label || t('device.numbered', { kind: label, number: index + 1 })}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );
}
