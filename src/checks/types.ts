import type { Target } from '../config/target.js';
import type { Logger } from '../engine/logger.js';
import type { Secrets } from '../config/secrets.js';
import type { Facts } from './facts.js';
import type { JamfHttp } from '../jamf/http.js';
import type { SystemProxies } from '../jamfmcp/proxy.js';
import type { CheckResult as EngineCheckResult, EngineCheck } from '../engine/types.js';

export type { CheckOutcome, CheckResult, Fix, GuideSection, Status } from '../engine/types.js';

/** The areas a user can run on their own: `jamfmcp doctor <area…>`. */
export const AREAS = ['config', 'mcp', 'url', 'network', 'tls', 'token', 'privileges'] as const;
export type Area = (typeof AREAS)[number];

/** Everything a check may touch. All I/O goes through here, so tests can point it at loopback servers. */
export interface CheckContext {
  /**
   * What is diagnosed: the MCP entry, the JamfMCP version, the environment its client gives it
   * (`target.env`), the settings with their provenance; the doctor's own shell is `target.shell`.
   */
  readonly target: Target;
  /** Values checks hand to the checks that need them (the normalised URL, the token…). */
  readonly facts: Facts;
  /** Limit for each network operation, in milliseconds (`--timeout`). */
  readonly timeoutMs: number;
  /** Aborted on Ctrl-C or when the check runs past its time limit. */
  readonly signal: AbortSignal;
  readonly secrets: Secrets;
  readonly log: Logger;
  now(): number;
  /** The run's one HTTP client (created on first use, after the TLS checks have passed). */
  http(): Promise<JamfHttp>;
  /** The macOS System Settings proxies (read once, only on macOS; undefined elsewhere or unreadable). */
  systemProxies(): Promise<SystemProxies | undefined>;
  /** The results of the checks finished so far (a check that waits for every other with after: ['*'] sees them all). */
  results(): readonly EngineCheckResult[];
}

/** A check of the doctor: the engine's contract over the doctor's context, in one of the areas. */
export interface Check extends EngineCheck<CheckContext> {
  area: Area;
}
