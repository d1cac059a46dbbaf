import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';

/** A button whose action asks first: the question replaces it, with Confirm and Cancel. */
export function ConfirmButton(props: { label: string; question: string; danger?: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        ref={opener}
        type="button"
        class={`button button--small${props.danger ? ' button--danger' : ''}`}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <div class="confirm" role="group" aria-label={props.label}>
      <p>{props.question}</p>
      <button
        ref={confirm}
        type="button"
        class={`button button--small${props.danger ? ' button--danger' : ' button--primary'}`}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {t('host.confirm')}
      </button>
      <button type="button" class="button button--small" onClick={() => setAsking(false)}>
        {t('host.cancel')}
      </button>
    </div>
  );
}
