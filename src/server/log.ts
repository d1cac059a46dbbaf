import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Structured JSON logs on stdout: `log.info({ roomId, peerId }, 'participant joined')`. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'parley' } });
}
