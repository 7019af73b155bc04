import type { ResolvedConfig } from '../config/resolve.js';
import type { Logger } from '../engine/logger.js';
import type { Secrets } from '../config/secrets.js';
import type { Facts } from './facts.js';
import type { JamfHttp } from '../jamf/http.js';

/** The five outcomes a check can have. Part of the public JSON contract. */
export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** The areas a user can run on their own: `jamfmcp doctor <area…>`. */
export const AREAS = ['config', 'mcp', 'url', 'network', 'tls', 'token', 'privileges'] as const;
export type Area = (typeof AREAS)[number];

/** A section of the authentication troubleshooting guide that a check walks. */
export interface GuideSection {
  /** The section heading as the guide spells it. */
  title: string;
  /** The top-level (##) heading the section sits under; the text report groups by it. */
  chapter: string;
  /** The heading's anchor (GitHub-style slug). */
  anchor: string;
}

/**
 * What to do about a problem: actions in order, copy-paste commands kept apart from prose.
 * Never contains a secret; commands refer to secrets as `$JAMF_…` variables.
 */
export interface Fix {
  steps: string[];
  commands?: string[];
}

/** What a check's `run` returns. Checks return data; they never print, prompt or exit. */
export interface CheckOutcome {
  /** `skip` here means "not applicable" (e.g. no --config given); dependants still run. */
  status: 'pass' | 'warn' | 'fail' | 'skip';
  message: string;
  fix?: Fix;
  details?: Record<string, unknown>;
  /**
   * A failure that later checks can work around: the check found a real problem but also
   * produced a usable corrected value (e.g. a URL it could normalise), so dependants still run
   * and one run reports every problem. Only meaningful with status `fail`.
   */
  recoverable?: boolean;
}

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

export interface Check {
  /** Stable, dotted, lower-case id; part of the public contract. */
  id: string;
  title: string;
  area: Area;
  section: GuideSection;
  /** Ids of checks that must pass (or warn) before this one can run. */
  needs: string[];
  /** Ids of checks this one must wait for, whatever their outcome (e.g. cleanup runs last). */
  after?: string[];
  /** Scheduled whenever everything it needs is scheduled, even if not asked for (clean-up). */
  followsNeeds?: boolean;
  /** Time limit for the whole check; defaults to a multiple of `--timeout`. */
  timeLimitMs?(ctx: CheckContext): number;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/** One row of the report: a check and what happened to it. */
export interface CheckResult {
  id: string;
  title: string;
  area: Area;
  section: GuideSection;
  status: Status;
  message: string;
  fix?: Fix;
  details?: Record<string, unknown>;
  durationMs: number;
  /** Internal: a fail that dependants may work around. Not rendered. */
  recoverable?: boolean;
  /** Internal: a skip because the check does not apply; dependants still run. Not rendered. */
  notApplicable?: boolean;
}
