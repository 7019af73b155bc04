import type { Status } from '../engine/types.js';

/** Exit codes: a public contract that CI pipelines rely on. Documented in README.md. */
export const EXIT = {
  /** No check failed (warnings allowed unless --strict). */
  ok: 0,
  /** A check failed (or, with --strict, warned). */
  problems: 1,
  /** Bad usage: unknown flag, bad flag value, unknown check id or area. */
  usage: 2,
  /** The doctor itself broke (a check reported `error`, or an unexpected exception). */
  internal: 3,
  /** Interrupted with Ctrl-C. */
  interrupted: 130,
} as const;

/**
 * The one place that turns results into an exit code. A real problem in the user's setup (1)
 * outranks a broken check (3): the problem is actionable whatever else happened.
 */
export function exitCodeFor(summary: Record<Status, number>, strict: boolean): number {
  if (summary.fail > 0) return EXIT.problems;
  if (summary.error > 0) return EXIT.internal;
  if (strict && summary.warn > 0) return EXIT.problems;
  return EXIT.ok;
}
