/**
 * The shapes the engine runs and every layer above reads: a check's contract, its outcome and its
 * result. They live here, below the checks, so that the engine and the domain modules (which build
 * fixes) never import upwards. Part of the public JSON contract where noted.
 */

/** The five outcomes a check can have. Part of the public JSON contract. */
export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

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
  /**
   * Lines of a file around a problem, with a caret under the column (a code frame, as a compiler
   * prints one). Secrets already masked. Rendered as is, monospaced.
   */
  frame?: string;
  /** A finding the report shows before the rest (what already happened, e.g. the client's last error). */
  headline?: boolean;
}

/** A check as the engine sees it, over whatever context the layer above hands it. */
export interface EngineCheck<C> {
  /** Stable, dotted, lower-case id; part of the public contract. */
  id: string;
  title: string;
  area: string;
  section: GuideSection;
  /** Ids of checks that must pass (or warn) before this one can run. */
  needs: string[];
  /** Ids of checks this one must wait for, whatever their outcome (e.g. cleanup runs last); '*': every check scheduled before it. */
  after?: string[];
  /** Scheduled whenever everything it needs is scheduled, even if not asked for (clean-up). */
  followsNeeds?: boolean;
  /** Time limit for the whole check; defaults to a multiple of `--timeout`. */
  timeLimitMs?(ctx: C): number;
  run(ctx: C): Promise<CheckOutcome>;
}

/** One row of the report: a check and what happened to it. */
export interface CheckResult {
  id: string;
  title: string;
  area: string;
  section: GuideSection;
  status: Status;
  message: string;
  fix?: Fix;
  details?: Record<string, unknown>;
  /** A code frame (see CheckOutcome.frame). */
  frame?: string;
  /** Shown before the rest of the report (see CheckOutcome.headline). */
  headline?: boolean;
  durationMs: number;
  /** Internal: a fail that dependants may work around. Not rendered. */
  recoverable?: boolean;
  /** Internal: a skip because the check does not apply; dependants still run. Not rendered. */
  notApplicable?: boolean;
}
