import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatTextProblem } from '../../../shared/chat.js';
import { limits } from '../../../shared/limits.js';
import { t } from '../../i18n/index.js';
import type { ChatRoom } from '../../chat/chatRoom.js';
import type { ChatEntry } from '../../chat/chatState.js';
import { SendIcon } from '../icons.js';
import { useStore } from '../useStore.js';
import { MessageText } from './MessageText.js';

/** The room's chat: messages with sender and time, and a box to write in. Enter sends, Shift+Enter breaks. */
export function ChatPanel({ chat }: { chat: ChatRoom }) {
  const { entries } = useStore(chat.store);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<ChatTextProblem | undefined>();
  const listRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const stickToBottom = useRef(true);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  // Follow new messages, unless the person scrolled up to read older ones.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && stickToBottom.current) list.scrollTop = list.scrollHeight;
  }, [entries]);

  const send = (event?: Event) => {
    event?.preventDefault();
    const refused = chat.send(draft);
    setProblem(refused);
    if (!refused) {
      setDraft('');
      stickToBottom.current = true;
    }
  };

  return (
    <div class="chat">
      <ol
        ref={listRef}
        class="chat__messages"
        aria-label={t('chat.messages')}
        onScroll={(event) => {
          const list = event.currentTarget;
          stickToBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
        }}
      >
        {entries.length === 0 && <li class="chat__empty">{t('chat.empty')}</li>}
        {entries.map((entry) => (
          <Message key={`${entry.peerId}:${entry.clientId}`} entry={entry} onRetry={() => chat.retry(entry.clientId)} />
        ))}
      </ol>
      <form class="chat__form" onSubmit={send}>
        <label for="chat-input" class="visually-hidden">
          {t('chat.input')}
        </label>
        <textarea
          ref={inputRef}
          id="chat-input"
          rows={2}
          dir="auto"
          placeholder={t('chat.input')}
          value={draft}
          maxLength={limits.chatMax * 2}
          aria-invalid={!!problem}
          aria-describedby={problem ? 'chat-problem' : undefined}
          onInput={(event) => {
            setDraft(event.currentTarget.value);
            setProblem(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) send(event);
          }}
        />
        <button type="submit" class="chat__send" aria-label={t('chat.send')} title={t('chat.sendTitle')}>
          <SendIcon />
        </button>
        {problem && (
          <p id="chat-problem" class="field__problem chat__problem" role="alert">
            {problem === 'too-long' ? t('chatText.too-long', { max: limits.chatMax }) : t(`chatText.${problem}`)}
          </p>
        )}
      </form>
    </div>
  );
}

function Message({ entry, onRetry }: { entry: ChatEntry; onRetry: () => void }) {
  const time = new Date(entry.sentAt);
  return (
    <li class={`chat__message${entry.own ? ' chat__message--own' : ''}`} data-status={entry.status}>
      <div class="chat__meta">
        <span class="chat__name">{entry.own ? t('chat.you') : entry.name}</span>
        <time dateTime={time.toISOString()} title={t('chat.dateTime', { time })}>
          {t('chat.time', { time })}
        </time>
      </div>
      <p class="chat__text" dir="auto">
        <MessageText text={entry.text} />
      </p>
      {entry.status === 'sending' && <p class="chat__status">{t('chat.sending')}</p>}
      {entry.status === 'waiting' && <p class="chat__status">{t('chat.waiting')}</p>}
      {entry.status === 'failed' && (
        <p class="chat__status chat__status--failed" role="alert">
          {!entry.error || entry.error === 'no-answer'
            ? t('chat.noAnswer')
            : t('chat.refused', { reason: t(`error.${entry.error}`) })}{' '}
          <button type="button" class="link-button" onClick={onRetry}>
            {t('chat.retry')}
          </button>
        </p>
      )}
    </li>
  );
}
