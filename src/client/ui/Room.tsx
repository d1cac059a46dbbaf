import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { phrase, t } from '../i18n/index.js';
import type { RoomSession } from '../room/session.js';
import type { RoomState } from '../room/state.js';
import { ChatPanel } from './chat/ChatPanel.js';
import { Controls, type Panel } from './Controls.js';
import { CopyLink } from './CopyLink.js';
import { CloseIcon, GridIcon, SpotlightIcon } from './icons.js';
import { controlButton, useReturnFocus } from './focus.js';
import { handQueue } from '../room/hands.js';
import { copyInviteLink } from './invite.js';
import { InviteCard } from './InviteCard.js';
import { LobbyCard } from './hosting/LobbyCard.js';
import { UnmutePrompt } from './hosting/UnmutePrompt.js';
import { PeoplePanel } from './PeoplePanel.js';
import { RemoteAudio } from './RemoteAudio.js';
import { RoomBanners } from './RoomBanners.js';
import { SettingsDialog } from './SettingsDialog.js';
import { keyOf, setShortcutsEnabled, shortcutsEnabled, useShortcuts, type ShortcutAction } from './shortcuts.js';
import { Stage } from './Stage.js';
import { presentationKey, stageItems } from './stageItems.js';
import { Toasts } from './Toasts.js';
import { useStore } from './useStore.js';

const canShareScreen = typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/** The call: top bar, tiles, side panel (chat or people), controls, and what goes with them. */
export function Room({ state, session }: { state: RoomState; session: RoomSession }) {
  const chat = useStore(session.chat.store);
  const [panel, setPanel] = useState<Panel | undefined>();
  const [pinned, setPinned] = useState<string | undefined>();
  const [layout, setLayout] = useState<'grid' | 'speaker'>('grid');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [shortcutsOn, setShortcutsOn] = useState(shortcutsEnabled);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const lastSpeaker = useRef<string | undefined>(undefined);
  const onBlocked = useCallback(() => setSoundBlocked(true), []);

  const { self } = state;
  const remotes = [...state.participants.values()];
  const count = remotes.length + 1;
  for (const remote of remotes) if (state.speaking.has(remote.info.peerId)) lastSpeaker.current = remote.info.peerId;
  if (lastSpeaker.current && !state.participants.has(lastSpeaker.current)) lastSpeaker.current = undefined;

  useEffect(() => session.chat.setOpen(panel === 'chat'), [panel, session]);

  // The large tile: a pinned one, else a presenter's screen, else (speaker layout) who spoke last.
  const featured =
    pinned ??
    presentationKey(remotes) ??
    (layout === 'speaker' ? (lastSpeaker.current ?? remotes[0]?.info.peerId) : undefined);

  const togglePanel = (which: Panel) => setPanel((open) => (open === which ? undefined : which));
  const openedPanel = useRef<Panel | undefined>(undefined);
  if (panel) openedPanel.current = panel;
  useReturnFocus(
    panel !== undefined,
    useCallback(() => controlButton(openedPanel.current ?? 'chat'), []),
  );
  useReturnFocus(
    settingsOpen,
    useCallback(() => controlButton('settings'), []),
  );
  // Once in the call, the keyboard starts on the call controls (not on the page's body).
  useEffect(() => {
    const first = document.querySelector<HTMLElement>('.controls button:not([disabled])');
    if (!document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected)
      first?.focus();
  }, []);
  // Esc closes the open panel (a menu inside it closes first: it stops the key).
  useEffect(() => {
    if (!panel || settingsOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) setPanel(undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [panel, settingsOpen]);
  const actions: Record<ShortcutAction, () => void> = {
    microphone: () => self.hasMicrophone && session.controls.setMedia('audio', !self.audio),
    camera: () => self.hasCamera && session.controls.setMedia('video', !self.video),
    screen: () => canShareScreen && void session.controls.toggleScreenShare(),
    hand: () => session.controls.setHand(!self.hand),
    chat: () => togglePanel('chat'),
    people: () => togglePanel('people'),
    settings: () => setSettingsOpen(true),
    help: () => setSettingsOpen(true),
    invite: () =>
      void copyInviteLink().then((done) =>
        session.notices.show(phrase(done ? 'invite.copiedNotice' : 'invite.copyByHand')),
      ),
    layout: () => setLayout((current) => (current === 'grid' ? 'speaker' : 'grid')),
    fullscreen: () => {
      const tile = document.querySelector<HTMLElement>('.stage__cell--main > *');
      if (document.fullscreenElement) void document.exitFullscreen();
      else void tile?.requestFullscreen().catch(() => undefined);
    },
    leave: session.leave,
  };
  useShortcuts(actions, shortcutsOn && !settingsOpen);

  const hands = handQueue([
    { peerId: 'self', hand: self.hand, handOrder: self.handOrder },
    ...remotes.map((remote) => remote.info),
  ]);
  const layoutLabel = t(layout === 'grid' ? 'layout.speaker' : 'layout.grid');
  const togglePin = (peerId: string) => setPinned((current) => (current === peerId ? undefined : peerId));
  const items = stageItems({ state, hands, pinned, onTogglePin: togglePin });
  // A pinned tile or screen that is gone (they left, their share ended) is unpinned.
  const shown = items.map((item) => item.key).join(' ');
  useEffect(() => {
    if (pinned && !shown.split(' ').includes(pinned)) setPinned(undefined);
  }, [pinned, shown]);
  const people = [
    {
      peerId: 'self',
      name: self.name || t('self.name'),
      isSelf: true,
      audio: self.audio,
      video: self.video && self.hasCamera,
      screen: self.screen,
      hand: self.hand,
      host: self.host,
    },
    ...remotes.map((remote) => ({ ...remote.info, isSelf: false })),
  ].map((person) => ({ ...person, handPlace: hands.get(person.peerId), speaking: state.speaking.has(person.peerId) }));

  return (
    <main
      class={`room${panel ? ' room--panel' : ''}`}
      onClick={soundBlocked ? () => resumeSound(setSoundBlocked) : undefined}
    >
      <header class="topbar">
        <h1 class="topbar__room" title={state.roomId}>
          {state.roomId}
        </h1>
        <button
          type="button"
          class="topbar__count"
          aria-expanded={panel === 'people'}
          onClick={() => togglePanel('people')}
          title={t('withShortcut', { label: t('people.button'), key: keyOf('people') })}
        >
          {t('topbar.count', { count })}
        </button>
        <button
          type="button"
          class="icon-button topbar__layout"
          aria-label={layoutLabel}
          aria-keyshortcuts={keyOf('layout')}
          title={t('withShortcut', { label: layoutLabel, key: keyOf('layout') })}
          onClick={actions.layout}
        >
          {layout === 'grid' ? <SpotlightIcon /> : <GridIcon />}
        </button>
        {state.control.mode !== 'open' && (
          <span class={`room-mode room-mode--${state.control.mode}`} role="note">
            {t(`room.mode.${state.control.mode}`)}
          </span>
        )}
        <CopyLink />
      </header>
      <RoomBanners state={state} session={session} onStopPresenting={() => actions.screen()} />
      <UnmutePrompt by={state.unmuteAsked} hosting={session.hosting} />
      {soundBlocked && (
        <p class="banner" role="alert">
          <button type="button" class="banner__action" onClick={() => resumeSound(setSoundBlocked)}>
            {t('banner.turnOnSound')}
          </button>
        </p>
      )}
      {/* First in the tab order after the top bar, shown at the bottom (CSS order). */}
      <Controls
        audio={self.audio}
        video={self.video}
        screen={self.screen}
        hand={self.hand}
        hasMicrophone={self.hasMicrophone}
        hasCamera={self.hasCamera}
        canShareScreen={canShareScreen}
        panel={panel}
        unread={chat.unread}
        onAction={(action) => actions[action]()}
      />
      <div class="room__body">
        <Stage items={items} featured={featured} />
        {self.host && <LobbyCard lobby={state.lobby} hosting={session.hosting} />}
        {remotes.length === 0 && state.lobby.length === 0 && <InviteCard roomId={state.roomId} />}
        {panel && (
          <aside class="panel" aria-labelledby="panel-title">
            <header class="panel__header">
              <h2 id="panel-title">{panel === 'chat' ? t('panel.chat') : t('panel.people', { count })}</h2>
              <button
                type="button"
                class="icon-button"
                aria-label={t(panel === 'chat' ? 'panel.closeChat' : 'panel.closePeople')}
                onClick={() => setPanel(undefined)}
              >
                <CloseIcon />
              </button>
            </header>
            {panel === 'chat' ? (
              <ChatPanel chat={session.chat} />
            ) : (
              <PeoplePanel people={people} hosting={session.hosting} isHost={self.host} control={state.control} />
            )}
          </aside>
        )}
      </div>
      <div class="audio-sinks" hidden>
        {remotes.map((remote) =>
          remote.stream ? (
            <RemoteAudio
              key={remote.info.peerId}
              stream={remote.stream}
              sinkId={state.chosenDevices.speaker}
              onBlocked={onBlocked}
            />
          ) : null,
        )}
      </div>
      <Toasts notices={session.notices} />
      <SettingsDialog
        open={settingsOpen}
        devices={state.devices}
        chosen={state.chosenDevices}
        onChoose={(kind, id) => void session.controls.chooseDevice(kind, id)}
        shortcutsOn={shortcutsOn}
        onShortcutsChange={(on) => {
          setShortcutsEnabled(on);
          setShortcutsOn(on);
        }}
        onClose={() => setSettingsOpen(false)}
      />
    </main>
  );
}

function resumeSound(setSoundBlocked: (blocked: boolean) => void): void {
  const sinks = document.querySelectorAll<HTMLAudioElement>('.audio-sinks audio');
  void Promise.all([...sinks].map((sink) => sink.play())).then(() => setSoundBlocked(false));
}
