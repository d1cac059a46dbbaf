import type { RoomSession } from '../room/session.js';
import { PreJoin } from './prejoin/PreJoin.js';
import { Room } from './Room.js';
import { useStore } from './useStore.js';

export function App({ session }: { session: RoomSession }) {
  const state = useStore(session.store);
  const { membership } = state;
  switch (membership.phase) {
    case 'prejoin':
      return <PreJoin state={state} session={session} />;
    case 'left':
      return <EndScreen title="You left the meeting" detail="The others can carry on without you." action="Rejoin" />;
    case 'refused':
      return <EndScreen title="You could not join" detail={membership.message} action="Try again" />;
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
          New meeting
        </a>
      </div>
    </main>
  );
}
