import { t } from '../i18n/index.js';
import type { RemoteParticipant, RoomState } from '../room/state.js';
import { ScreenShare } from './ScreenShare.js';
import type { StageItem } from './Stage.js';
import { Tile } from './Tile.js';

/** The stage key of someone's shared screen (their tile's key is their peer id). */
export const screenKey = (peerId: string) => `screen:${peerId}`;

/**
 * What is shown large when nothing is pinned: the latest presenter's screen, or their tile when their
 * screen comes on their camera's track (a page that sends a single video).
 */
export function presentationKey(remotes: readonly RemoteParticipant[]): string | undefined {
  const presenter = remotes.findLast((remote) => remote.info.screen);
  if (!presenter) return undefined;
  return presenter.screenStream ? screenKey(presenter.info.peerId) : presenter.info.peerId;
}

/**
 * Everyone's tile, one's own first, and each presenter's screen right after their tile: the presenter's
 * face stays in its tile while the screen takes the large place.
 */
export function stageItems({
  state,
  hands,
  pinned,
  onTogglePin,
}: {
  state: RoomState;
  hands: ReadonlyMap<string, number>;
  pinned: string | undefined;
  onTogglePin: (peerId: string) => void;
}): StageItem[] {
  const { self } = state;
  const items: StageItem[] = [
    {
      key: 'self',
      node: (
        <Tile
          peerId="self"
          name={self.name || t('self.name')}
          stream={self.preview}
          audio={self.audio}
          video={self.video && self.hasCamera}
          screen={self.screen}
          hand={self.hand}
          handPlace={hands.get('self')}
          speaking={state.speaking.has('self')}
          isSelf
          pinned={pinned === 'self'}
          onTogglePin={onTogglePin}
        />
      ),
    },
  ];
  for (const remote of state.participants.values()) {
    const { info } = remote;
    const screen = info.screen ? remote.screenStream : null;
    items.push({
      key: info.peerId,
      node: (
        <Tile
          peerId={info.peerId}
          name={info.name}
          stream={remote.stream}
          audio={info.audio}
          video={info.video}
          screen={info.screen}
          videoIsScreen={info.screen && !remote.screenStream}
          hand={info.hand}
          handPlace={hands.get(info.peerId)}
          speaking={state.speaking.has(info.peerId)}
          isSelf={false}
          link={remote.link}
          quality={remote.quality}
          pinned={pinned === info.peerId}
          onTogglePin={onTogglePin}
        />
      ),
    });
    if (screen) {
      const key = screenKey(info.peerId);
      items.push({
        key,
        whole: true,
        node: (
          <ScreenShare
            peerId={info.peerId}
            name={info.name}
            stream={screen}
            pinned={pinned === key}
            onTogglePin={() => onTogglePin(key)}
          />
        ),
      });
    }
  }
  return items;
}
