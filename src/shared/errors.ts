/** Every error the server can answer with. Clients switch on `code`; `message` is for people. */
export const errorCodes = [
  'invalid-room',
  'invalid-peer-id',
  'invalid-name',
  'invalid-message',
  'invalid-payload',
  'room-full',
  'too-many-seats',
  'knock-required',
  'room-locked',
  'passcode-required',
  'wrong-passcode',
  'invalid-host-key',
  'not-host',
  'not-in-room',
  'peer-id-taken',
  'peer-not-connected',
  'already-joined',
  'not-joined',
  'shutting-down',
  'room-elsewhere',
  'rate-limited',
  'unknown-event',
  'too-many-errors',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });

export const fail = (code: ErrorCode, message: string): { ok: false; error: ErrorBody } => ({
  ok: false,
  error: { code, message },
});

/** An error carrying a protocol code, for code paths that throw. */
export class ParleyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ParleyError';
  }
}
