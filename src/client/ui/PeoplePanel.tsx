import type { RoomControlView } from '../../shared/events.js';
import { phrase, t } from '../i18n/index.js';
import type { Hosting } from '../room/hosting.js';
import { HostControls } from './hosting/HostControls.js';
import { PersonMenu } from './hosting/PersonMenu.js';
import { CamOffIcon, HandIcon, MicOffIcon, ScreenShareIcon } from './icons.js';
import { Say } from './Say.js';

export interface PersonRow {
  peerId: string;
  name: string;
  isSelf: boolean;
  audio: boolean;
  video: boolean;
  screen: boolean;
  hand: boolean;
  /** With the hand up: its place in the room's queue of raised hands. */
  handPlace?: number | undefined;
  host: boolean;
  speaking: boolean;
}

/**
 * Everyone in the call with what they show: raised hands first, in the order they went up, then everyone
 * else in the order they joined. For a host, the
 * room's controls on top and a menu of actions on everyone else.
 */
export function PeoplePanel(props: {
  people: PersonRow[];
  hosting: Hosting;
  isHost: boolean;
  control: RoomControlView;
}) {
  const { people, hosting, isHost } = props;
  const place = (person: PersonRow) => (person.hand ? (person.handPlace ?? Number.MAX_SAFE_INTEGER) : Infinity);
  const ordered = [...people].sort((a, b) => place(a) - place(b));
  return (
    <div class="people-panel">
      {isHost && <HostControls control={props.control} hosting={hosting} />}
      <ul class="people" aria-label={t('people.list', { count: people.length })}>
        {ordered.map((person) => {
          const states = [
            person.host && t('host.badge'),
            person.hand && (person.handPlace ? t('state.handPlace', { place: person.handPlace }) : t('state.hand')),
            person.screen && t('state.presenting'),
            !person.audio && t('state.microphoneOff'),
            !person.video && t('state.cameraOff'),
          ].filter(Boolean);
          return (
            <li
              key={person.peerId}
              class={`people__row${person.speaking ? ' people__row--speaking' : ''}`}
              data-peer-id={person.peerId}
              data-speaking={person.speaking ? 'true' : undefined}
            >
              <span class="people__avatar" aria-hidden="true">
                {[...person.name.trim()][0]?.toLocaleUpperCase() ?? '?'}
              </span>
              <span class="people__name">
                {person.isSelf ? <Say phrase={phrase('person.self', { name: person.name })} /> : person.name}
              </span>
              {person.host && (
                <span class="people__host" aria-hidden="true">
                  {t('host.badge')}
                </span>
              )}
              <span class="visually-hidden">{states.length > 0 ? `: ${states.join(', ')}` : ''}</span>
              <span class="people__icons" aria-hidden="true">
                {person.hand && (
                  <span class="people__icon people__icon--hand" title={t('badge.hand')}>
                    <HandIcon />
                    {person.handPlace && <span class="people__hand-place">{person.handPlace}</span>}
                  </span>
                )}
                {person.screen && (
                  <span class="people__icon" title={t('badge.presenting')}>
                    <ScreenShareIcon />
                  </span>
                )}
                {!person.audio && (
                  <span class="people__icon people__icon--off" title={t('badge.microphoneOff')}>
                    <MicOffIcon />
                  </span>
                )}
                {!person.video && (
                  <span class="people__icon people__icon--off" title={t('badge.cameraOff')}>
                    <CamOffIcon />
                  </span>
                )}
              </span>
              {isHost && !person.isSelf && <PersonMenu person={person} hosting={hosting} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
