import type { Secrets } from '../config/secrets.js';

export type LogLevel = 'normal' | 'verbose' | 'debug';

/** Diagnostic lines on stderr (never stdout, which belongs to the report). Always redacted. */
export interface Logger {
  readonly level: LogLevel;
  /** Request lines, timings: shown with --verbose and --debug. */
  verbose(message: string): void;
  /** Internal detail: shown with --debug only. */
  debug(message: string): void;
}

export function createLogger(level: LogLevel, secrets: Secrets, write: (line: string) => void): Logger {
  const emit = (tag: string, message: string): void => {
    write(`${tag} ${secrets.redact(message)}\n`);
  };
  return {
    level,
    verbose(message) {
      if (level !== 'normal') emit('[verbose]', message);
    },
    debug(message) {
      if (level === 'debug') emit('[debug]', message);
    },
  };
}

export const silentLogger: Logger = { level: 'normal', verbose() {}, debug() {} };
