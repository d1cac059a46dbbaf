import type { Messages } from './en.js';

type QualityKey = Extract<keyof Messages, `quality.${string}`>;

/** The connection indicator, its numbers and the low-bandwidth switch, in Korean. */
export const quality: Pick<Messages, QualityKey> = {
  'quality.good': '연결 상태 좋음',
  'quality.poor': '연결 상태 나쁨',
  'quality.lost': '연결 끊김',
  'quality.details': ({ name }) => `${name}님과의 연결 정보`,
  'quality.receiving': '받는 중',
  'quality.sending': '보내는 중',
  'quality.resolution': '해상도',
  'quality.frameRate': '프레임 속도',
  'quality.bitrate': '비트레이트',
  'quality.codec': '코덱',
  'quality.roundTrip': '왕복 시간',
  'quality.loss': '패킷 손실',
  'quality.route': '경로',
  'quality.relay': '릴레이(TURN)',
  'quality.direct': '직접 연결',
  'quality.freezes': '멈춤',
  'quality.concealment': '보정된 오디오',
  'quality.limit': '제한 원인',
  'quality.settings': '영상 품질',
  'quality.lowBandwidth': '저대역폭: 말하거나 발표하는 사람의 영상만 받기',
};
