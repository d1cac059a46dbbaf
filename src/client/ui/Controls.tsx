import type { JSX } from 'preact';
import { CamIcon, CamOffIcon, LeaveIcon, MicIcon, MicOffIcon } from './icons.js';

export interface ControlsProps {
  audio: boolean;
  video: boolean;
  hasMicrophone: boolean;
  hasCamera: boolean;
  onToggleAudio: () => void;
  onToggleVideo: () => void;
  onLeave: () => void;
}

export function Controls(props: ControlsProps) {
  return (
    <nav class="controls" aria-label="Call controls">
      <Toggle
        on={props.audio}
        available={props.hasMicrophone}
        onLabel="Turn off microphone"
        offLabel="Turn on microphone"
        missingLabel="No microphone available"
        onIcon={<MicIcon />}
        offIcon={<MicOffIcon />}
        onClick={props.onToggleAudio}
      />
      <Toggle
        on={props.video}
        available={props.hasCamera}
        onLabel="Turn off camera"
        offLabel="Turn on camera"
        missingLabel="No camera available"
        onIcon={<CamIcon />}
        offIcon={<CamOffIcon />}
        onClick={props.onToggleVideo}
      />
      <button
        type="button"
        class="control control--leave"
        aria-label="Leave the call"
        title="Leave the call"
        onClick={props.onLeave}
      >
        <LeaveIcon />
      </button>
    </nav>
  );
}

interface ToggleProps {
  on: boolean;
  available: boolean;
  onLabel: string;
  offLabel: string;
  missingLabel: string;
  onIcon: JSX.Element;
  offIcon: JSX.Element;
  onClick: () => void;
}

function Toggle({ on, available, onLabel, offLabel, missingLabel, onIcon, offIcon, onClick }: ToggleProps) {
  const label = !available ? missingLabel : on ? onLabel : offLabel;
  return (
    <button
      type="button"
      class={`control${on ? '' : ' control--off'}`}
      aria-label={label}
      aria-pressed={!on}
      title={label}
      disabled={!available}
      onClick={onClick}
    >
      {on ? onIcon : offIcon}
    </button>
  );
}
