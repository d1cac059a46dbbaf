import { canChooseSpeaker, type DeviceChoice, type DeviceKind, type DeviceLists } from '../media/devices.js';

const labels: Record<DeviceKind, string> = { camera: 'Camera', microphone: 'Microphone', speaker: 'Speaker' };

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
        return (
          <div class="field" key={kind}>
            <label for={id}>{labels[kind]}</label>
            <select
              id={id}
              value={chosen[kind] ?? options[0]?.id}
              onChange={(event) => onChoose(kind, event.currentTarget.value)}
            >
              {options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );
}
