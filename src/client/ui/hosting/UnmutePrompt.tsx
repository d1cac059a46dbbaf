import { t } from '../../i18n/index.js';
import type { Hosting } from '../../room/hosting.js';

/** A host asked this person to unmute: only they can, so they are asked. */
export function UnmutePrompt({ by, hosting }: { by: string | undefined; hosting: Hosting }) {
  if (by === undefined) return null;
  return (
    <p class="banner banner--ask" role="alert">
      <span>{t('host.asksUnmute', { name: by })}</span>
      <button type="button" class="button button--small button--primary" onClick={() => hosting.answerUnmute(true)}>
        {t('host.unmute')}
      </button>
      <button type="button" class="button button--small" onClick={() => hosting.answerUnmute(false)}>
        {t('host.notNow')}
      </button>
    </p>
  );
}
