import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { CloseIcon } from './icons.js';
import { copyInviteLink, inviteLink } from './invite.js';

/**
 * Alone in the room: the link to send, with Copy, and the room's name to read out. Closes by itself when
 * someone comes; the person can close it too.
 */
export function InviteCard({ roomId }: { roomId: string }) {
  const [closed, setClosed] = useState(false);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  if (closed) return null;
  const link = inviteLink();
  return (
    <section class="invite-card" aria-labelledby="invite-card-title">
      <header class="invite-card__header">
        <h2 id="invite-card-title">{t('inviteCard.title')}</h2>
        <button type="button" class="icon-button" aria-label={t('inviteCard.close')} onClick={() => setClosed(true)}>
          <CloseIcon />
        </button>
      </header>
      <p>{t('inviteCard.detail')}</p>
      <div class="invite-card__link">
        <input
          type="text"
          readOnly
          value={link}
          aria-label={t('inviteCard.link')}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          class="button button--primary"
          onClick={() => void copyInviteLink().then((done) => setCopied(done ? 'copied' : 'failed'))}
        >
          {t('inviteCard.copy')}
        </button>
      </div>
      <p class="invite-card__status" role="status" aria-live="polite">
        {copied === 'copied' ? t('invite.copied') : copied === 'failed' ? t('invite.copyByHand') : ''}
      </p>
      <p class="invite-card__name">{t('inviteCard.name', { room: roomId })}</p>
    </section>
  );
}
