/** Signaling frames as peerjs 1.5 sends them, addressed to `dst`. */
const sdp = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };

export const peerFrames = {
  offer: (dst: string) => ({
    type: 'OFFER',
    dst,
    payload: { sdp, type: 'media', connectionId: 'mc_test', metadata: null },
  }),
  answer: (dst: string) => ({
    type: 'ANSWER',
    dst,
    payload: { sdp: { ...sdp, type: 'answer' }, type: 'media', connectionId: 'mc_test' },
  }),
  candidate: (dst: string) => ({
    type: 'CANDIDATE',
    dst,
    payload: {
      candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
      type: 'media',
      connectionId: 'mc_test',
    },
  }),
  leave: (dst: string) => ({ type: 'LEAVE', dst }),
};
