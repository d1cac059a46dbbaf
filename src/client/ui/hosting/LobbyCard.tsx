import type { Knocking } from '../../../shared/events.js';
import { t } from '../../i18n/index.js';
import type { Hosting } from '../../room/hosting.js';

/** For hosts: who waits at the door, each with Admit and Deny, and Admit all when several do. */
export function LobbyCard({ lobby, hosting }: { lobby: readonly Knocking[]; hosting: Hosting }) {
  if (lobby.length === 0) return null;
  return (
    <section class="lobby-card" aria-labelledby="lobby-card-title" aria-live="polite">
      <h2 id="lobby-card-title">{t('lobby.title', { count: lobby.length })}</h2>
      <ul>
        {lobby.map((knocker) => (
          <li key={knocker.peerId} class="lobby-card__row">
            <span class="lobby-card__name">{knocker.name}</span>
            <button
              type="button"
              class="button button--small"
              aria-label={t('lobby.denyNamed', { name: knocker.name })}
              onClick={() => void hosting.deny(knocker.peerId)}
            >
              {t('lobby.deny')}
            </button>
            <button
              type="button"
              class="button button--small button--primary"
              aria-label={t('lobby.admitNamed', { name: knocker.name })}
              onClick={() => void hosting.admit(knocker.peerId)}
            >
              {t('lobby.admit')}
            </button>
          </li>
        ))}
      </ul>
      {lobby.length > 1 && (
        <button type="button" class="button button--small lobby-card__all" onClick={() => void hosting.admitAll()}>
          {t('lobby.admitAll')}
        </button>
      )}
    </section>
  );
}
