import { useLayoutEffect, useRef } from 'preact/hooks';

export type ShortcutAction =
  | 'microphone'
  | 'camera'
  | 'screen'
  | 'hand'
  | 'chat'
  | 'people'
  | 'settings'
  | 'invite'
  | 'layout'
  | 'fullscreen'
  | 'leave'
  | 'help';

interface Shortcut {
  action: ShortcutAction;
  key: string;
  shift?: boolean;
}

/** The keys, as in Jitsi Meet where it has one; leaving needs Shift so that it never happens by accident. */
export const shortcuts: readonly Shortcut[] = [
  { action: 'microphone', key: 'm' },
  { action: 'camera', key: 'v' },
  { action: 'screen', key: 'd' },
  { action: 'hand', key: 'r' },
  { action: 'chat', key: 'c' },
  { action: 'people', key: 'p' },
  { action: 'settings', key: 's' },
  { action: 'invite', key: 'i' },
  { action: 'layout', key: 'g' },
  { action: 'fullscreen', key: 'f' },
  { action: 'leave', key: 'q', shift: true },
  { action: 'help', key: '?' },
];

/** "M", "Shift+Q": for labels, tooltips and aria-keyshortcuts. */
export function keyOf(action: ShortcutAction): string {
  const shortcut = shortcuts.find((candidate) => candidate.action === action);
  if (!shortcut) return '';
  return `${shortcut.shift ? 'Shift+' : ''}${shortcut.key.toUpperCase()}`;
}

/** The action a key press asks for; none while typing, or with Ctrl, Alt or Meta held (the browser's keys). */
export function actionOf(event: KeyboardEvent): ShortcutAction | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing || event.repeat) return undefined;
  if (isEditable(event.target)) return undefined;
  const key = event.key.toLowerCase();
  return shortcuts.find(
    (shortcut) => shortcut.key === key && (shortcut.key === '?' || !!shortcut.shift === event.shiftKey),
  )?.action;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const storageKey = 'parley:shortcuts';

/** Single-key shortcuts can be turned off (WCAG 2.1.4), e.g. by people who use speech input. */
export function shortcutsEnabled(): boolean {
  try {
    return localStorage.getItem(storageKey) !== 'off';
  } catch {
    return true;
  }
}

export function setShortcutsEnabled(enabled: boolean): void {
  try {
    localStorage.setItem(storageKey, enabled ? 'on' : 'off');
  } catch {
    // Storage disabled: the choice lasts for this visit only.
  }
}

/**
 * Calls the handler of each shortcut pressed while `enabled`. The key listener is in place when the room is
 * drawn (a layout effect), not after the next paint: a key pressed the moment the room appears is not lost
 * (on a busy machine, effects ran long enough after the room was visible for a test's key to fall between).
 */
export function useShortcuts(handlers: Partial<Record<ShortcutAction, () => void>>, enabled: boolean): void {
  const current = useRef(handlers);
  current.current = handlers;
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const action = actionOf(event);
      const handler = action && current.current[action];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
