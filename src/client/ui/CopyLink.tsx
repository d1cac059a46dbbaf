import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { LinkIcon } from './icons.js';
import { copyInviteLink } from './invite.js';
import { keyOf } from './shortcuts.js';

/** Copies the room's address and says that it did (or where to find it when the page may not). */
export function CopyLink() {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (copied === 'idle') return;
    const timer = setTimeout(() => setCopied('idle'), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () => void copyInviteLink().then((done) => setCopied(done ? 'copied' : 'failed'));

  return (
    <span class="copy-link">
      <span class="copy-link__status" role="status" aria-live="polite">
        {copied === 'copied' ? t('invite.copied') : copied === 'failed' ? t('invite.copyByHand') : ''}
      </span>
      <button
        type="button"
        class="button button--small"
        onClick={copy}
        aria-keyshortcuts={keyOf('invite')}
        title={t('withShortcut', { label: t('invite.copy'), key: keyOf('invite') })}
      >
        <LinkIcon />
        <span class="copy-link__text">{t('invite.copy')}</span>
      </button>
    </span>
  );
}
