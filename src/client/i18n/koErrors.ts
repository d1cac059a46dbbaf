import type { ErrorCode } from '../../shared/errors.js';

/** What the client says in Korean for each error code of the server (see enErrors.ts). */
export const errors: Record<`error.${ErrorCode}`, string> = {
  'error.invalid-room': '회의 주소가 올바르지 않아요. 회의 이름은 영문자, 숫자, “-”, “_”로 된 3~64자여야 해요.',
  'error.invalid-peer-id': '이 페이지의 연결 정보가 올바르지 않아요. 페이지를 새로고침한 뒤 다시 시도해 주세요.',
  'error.invalid-name': '이 이름은 쓸 수 없어요. 다른 이름을 입력해 주세요.',
  'error.invalid-message': '서버가 메시지를 받지 않았어요.',
  'error.invalid-payload': '서버가 이 페이지의 요청을 이해하지 못했어요. 페이지를 새로고침한 뒤 다시 시도해 주세요.',
  'error.room-full': '회의 인원이 가득 찼어요. 잠시 후 다시 시도해 주세요.',
  'error.peer-id-taken': '이 연결을 다른 참가자가 쓰고 있어요. 페이지를 새로고침한 뒤 다시 시도해 주세요.',
  'error.peer-not-connected': '통화 연결이 아직 준비되지 않았어요. 잠시 후 다시 시도해 주세요.',
  'error.already-joined': '이 페이지는 이미 회의에 참가해 있어요.',
  'error.not-joined': '지금은 회의에 참가해 있지 않아요.',
  'error.shutting-down': '서버가 다시 시작하고 있어요. 잠시 후 다시 시도해 주세요.',
  'error.room-elsewhere': '이 회의는 이 사이트의 다른 서버에 있어요. 페이지를 새로 고쳐 주세요.',
  'error.rate-limited': '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
  'error.unknown-event': '서버가 이 페이지의 요청을 알아듣지 못했어요. 페이지를 새로고침해 주세요.',
  'error.too-many-errors': '거부된 요청이 너무 많아 서버가 이 페이지의 연결을 끊었어요. 페이지를 새로고침해 주세요.',
  'error.too-many-seats': '같은 네트워크에서 이미 너무 많은 사람이 회의에 참가하고 있어요. 한 곳에서 먼저 나가 주세요.',
  'error.knock-required': '이 회의는 한 사람씩 입장을 허락해요. 참가를 요청해 주세요.',
  'error.room-locked': '이 회의는 잠겨 있어요. 새로 들어올 수 없어요.',
  'error.passcode-required': '이 회의에는 비밀번호가 필요해요.',
  'error.wrong-passcode': '비밀번호가 맞지 않아요.',
  'error.invalid-host-key': '이 브라우저의 호스트 키로는 더 이상 이 회의를 열 수 없어요.',
  'error.not-host': '호스트만 할 수 있어요.',
  'error.not-in-room': '그 참가자는 이제 회의에 없어요.',
};
