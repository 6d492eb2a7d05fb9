import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The structured logger. Customer text and tokens are never logged; the redact list is a
 * second line of defence for fields that might carry them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'parley' },
      redact: {
        paths: ['text', '*.text', 'token', '*.token', 'password', '*.password', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
