import type { Notices } from '../room/notices.js';
import { Say } from './Say.js';
import { useStore } from './useStore.js';

/** Who came, who left, hands raised, messages while the chat is closed: read out politely. */
export function Toasts({ notices }: { notices: Notices }) {
  const shown = useStore(notices.store);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {shown.map((notice) => (
        <p key={notice.id} class="toast">
          <Say phrase={notice.text} />
        </p>
      ))}
    </div>
  );
}
