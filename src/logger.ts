import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** `destination` defaults to stdout; tests pass their own to read what would be logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'line-city-hall-bot' },
      // Belt and braces: even if a caller passes a raw event, these paths never reach the log.
      redact: {
        paths: [
          'text',
          '*.text',
          'message.text',
          'event.message.text',
          'userId',
          '*.userId',
          'replyToken',
          '*.replyToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
