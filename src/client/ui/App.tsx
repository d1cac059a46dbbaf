import { language, t } from '../i18n/index.js';
import type { RoomSession } from '../room/session.js';
import { PreJoin } from './prejoin/PreJoin.js';
import { Room } from './Room.js';
import { useStore } from './useStore.js';

export function App({ session }: { session: RoomSession }) {
  const state = useStore(session.store);
  // Read so that a change of language re-renders the whole page (every component calls t() as it renders).
  useStore(language);
  const { membership } = state;
  switch (membership.phase) {
    case 'prejoin':
    case 'passcode':
    case 'waiting':
      return <PreJoin state={state} session={session} />;
    case 'left':
      return <EndScreen title={t('end.left')} detail={t('end.leftDetail')} action={t('end.rejoin')} />;
    case 'refused':
      return <EndScreen title={t('end.refused')} detail={t(`error.${membership.code}`)} action={t('end.tryAgain')} />;
    case 'removed':
      return membership.reason === 'meeting-ended' ? (
        <EndScreen title={t('end.ended')} detail={t('end.endedDetail')} action={t('end.rejoin')} />
      ) : membership.reason === 'removed' ? (
        <EndScreen title={t('end.removed')} detail={t('end.removedDetail')} action={t('end.askAgain')} />
      ) : (
        <EndScreen title={t('end.denied')} detail={t('end.deniedDetail')} action={t('end.askAgain')} />
      );
    default:
      return <Room state={state} session={session} />;
  }
}

function EndScreen({ title, detail, action }: { title: string; detail: string; action: string }) {
  return (
    <main class="end">
      <h1>{title}</h1>
      <p>{detail}</p>
      <div class="end__actions">
        <button type="button" class="button button--primary" onClick={() => location.reload()}>
          {action}
        </button>
        <a class="button" href="/">
          {t('end.newMeeting')}
        </a>
      </div>
    </main>
  );
}
