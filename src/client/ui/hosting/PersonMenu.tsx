import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import type { Hosting } from '../../room/hosting.js';
import { ConfirmButton } from './ConfirmButton.js';

export interface MenuTarget {
  peerId: string;
  name: string;
  audio: boolean;
  screen: boolean;
  host: boolean;
}

/**
 * A host's actions on one participant, behind one button: mute (or ask to unmute: a host never turns a
 * microphone on), stop their presentation, make them host, remove them (asked first). Esc closes it and
 * gives the focus back to the button.
 */
export function PersonMenu({ person, hosting }: { person: MenuTarget; hosting: Hosting }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const run = (action: (peerId: string) => Promise<unknown>) => () => {
    void action(person.peerId);
    close();
  };
  return (
    <div class="person-menu">
      <button
        ref={button}
        type="button"
        class="icon-button person-menu__button"
        aria-label={t('host.menu', { name: person.name })}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">⋮</span>
      </button>
      {open && (
        <div
          ref={menu}
          class="person-menu__items"
          role="group"
          aria-label={t('host.menu', { name: person.name })}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          {person.audio ? (
            <button type="button" class="button button--small" onClick={run(hosting.mute)}>
              {t('host.mute')}
            </button>
          ) : (
            <button type="button" class="button button--small" onClick={run(hosting.askUnmute)}>
              {t('host.askUnmute')}
            </button>
          )}
          {person.screen && (
            <button type="button" class="button button--small" onClick={run(hosting.stopShare)}>
              {t('host.stopShare')}
            </button>
          )}
          {!person.host && (
            <button type="button" class="button button--small" onClick={run(hosting.makeHost)}>
              {t('host.makeHost')}
            </button>
          )}
          <ConfirmButton
            label={t('host.remove')}
            question={t('host.removeConfirm', { name: person.name })}
            danger
            onConfirm={() => {
              void hosting.remove(person.peerId);
              close();
            }}
          />
        </div>
      )}
    </div>
  );
}
