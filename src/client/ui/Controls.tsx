import type { JSX } from 'preact';
import { t } from '../i18n/index.js';
import {
  CamIcon,
  CamOffIcon,
  ChatIcon,
  HandIcon,
  LeaveIcon,
  MicIcon,
  MicOffIcon,
  PeopleIcon,
  ScreenShareIcon,
  SettingsIcon,
  StopShareIcon,
} from './icons.js';
import { keyOf, type ShortcutAction } from './shortcuts.js';

export type Panel = 'chat' | 'people';

export interface ControlsProps {
  audio: boolean;
  video: boolean;
  screen: boolean;
  hand: boolean;
  hasMicrophone: boolean;
  hasCamera: boolean;
  canShareScreen: boolean;
  panel: Panel | undefined;
  unread: number;
  onAction: (action: ShortcutAction) => void;
}

/** The call's controls: each a button with a name for screen readers, a tooltip and a keyboard shortcut. */
export function Controls(props: ControlsProps) {
  const { onAction } = props;
  return (
    <nav class="controls" aria-label={t('controls.label')}>
      <Control
        action="microphone"
        label={t(!props.hasMicrophone ? 'microphone.none' : props.audio ? 'microphone.turnOff' : 'microphone.turnOn')}
        warn={!props.audio}
        disabled={!props.hasMicrophone}
        icon={props.audio ? <MicIcon /> : <MicOffIcon />}
        onAction={onAction}
      />
      <Control
        action="camera"
        label={t(!props.hasCamera ? 'camera.none' : props.video ? 'camera.turnOff' : 'camera.turnOn')}
        warn={!props.video}
        disabled={!props.hasCamera}
        icon={props.video ? <CamIcon /> : <CamOffIcon />}
        onAction={onAction}
      />
      {props.canShareScreen && (
        <Control
          action="screen"
          label={t(props.screen ? 'screen.stop' : 'screen.start')}
          active={props.screen}
          icon={props.screen ? <StopShareIcon /> : <ScreenShareIcon />}
          onAction={onAction}
        />
      )}
      <Control
        action="hand"
        label={t(props.hand ? 'hand.lower' : 'hand.raise')}
        active={props.hand}
        icon={<HandIcon />}
        onAction={onAction}
      />
      <Control
        action="chat"
        label={props.unread > 0 ? t('chat.buttonUnread', { count: props.unread }) : t('chat.button')}
        expanded={props.panel === 'chat'}
        active={props.panel === 'chat'}
        icon={<ChatIcon />}
        badge={props.unread}
        onAction={onAction}
      />
      <Control
        action="people"
        label={t('people.button')}
        expanded={props.panel === 'people'}
        active={props.panel === 'people'}
        icon={<PeopleIcon />}
        onAction={onAction}
        wideOnly
      />
      <Control action="settings" label={t('settings.button')} icon={<SettingsIcon />} onAction={onAction} />
      <Control action="leave" label={t('leave.button')} icon={<LeaveIcon />} leave onAction={onAction} />
    </nav>
  );
}

interface ControlProps {
  action: ShortcutAction;
  label: string;
  icon: JSX.Element;
  onAction: (action: ShortcutAction) => void;
  /** For buttons that open a panel. (The others change their label instead: "Turn on/off ...".) */
  expanded?: boolean;
  /** Shown red: something the person switched off. */
  warn?: boolean;
  /** Shown highlighted: something on (sharing, hand up, panel open). */
  active?: boolean;
  disabled?: boolean;
  badge?: number;
  leave?: boolean;
  /** Hidden on narrow screens, where the top bar's people count opens the list. */
  wideOnly?: boolean;
}

function Control({
  action,
  label,
  icon,
  onAction,
  expanded,
  warn,
  active,
  disabled,
  badge,
  leave,
  wideOnly,
}: ControlProps) {
  const key = keyOf(action);
  const classes = [
    'control',
    warn && 'control--off',
    active && 'control--active',
    leave && 'control--leave',
    wideOnly && 'control--wide-only',
  ].filter(Boolean);
  return (
    <button
      type="button"
      class={classes.join(' ')}
      aria-label={label}
      data-action={action}
      aria-expanded={expanded}
      aria-haspopup={action === 'settings' ? 'dialog' : undefined}
      aria-keyshortcuts={key}
      title={t('withShortcut', { label, key })}
      disabled={disabled}
      onClick={() => onAction(action)}
    >
      {icon}
      {!!badge && (
        <span class="control__badge" aria-hidden="true">
          {badge > 99 ? '99+' : badge}
        </span>
      )}
    </button>
  );
}
