import type { ResolvedConfig } from '../config/resolve.js';
import type { Logger } from '../engine/logger.js';
import type { Secrets } from '../config/secrets.js';
import type { Facts } from './facts.js';
import type { JamfHttp } from '../jamf/http.js';
import type { EngineCheck } from '../engine/types.js';

export type { CheckOutcome, CheckResult, Fix, GuideSection, Status } from '../engine/types.js';

/** The areas a user can run on their own: `jamfmcp doctor <area…>`. */
export const AREAS = ['config', 'mcp', 'url', 'network', 'tls', 'token', 'privileges'] as const;
export type Area = (typeof AREAS)[number];

/** Everything a check may touch. All I/O goes through here, so tests can point it at loopback servers. */
export interface CheckContext {
  readonly config: ResolvedConfig;
  /** Values checks hand to the checks that need them (the normalised URL, the token…). */
  readonly facts: Facts;
  /** Environment the doctor runs in (never `process.env` directly inside checks). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Limit for each network operation, in milliseconds (`--timeout`). */
  readonly timeoutMs: number;
  /** Aborted on Ctrl-C or when the check runs past its time limit. */
  readonly signal: AbortSignal;
  readonly secrets: Secrets;
  readonly log: Logger;
  now(): number;
  /** The run's one HTTP client (created on first use, after the TLS checks have passed). */
  http(): Promise<JamfHttp>;
}

/** A check of the doctor: the engine's contract over the doctor's context, in one of the areas. */
export interface Check extends EngineCheck<CheckContext> {
  area: Area;
}
