import type { CheckResult } from '../checks/types.js';
import type { Facts } from '../checks/facts.js';

/**
 * One run of a selection of checks, as the doctor command and the walkthrough both see it. Its own
 * module, so that the walkthrough (loaded by doctor.ts) does not import doctor.ts back.
 */
export interface RunOutcome {
  results: CheckResult[];
  facts: Facts;
  startedAt: Date;
  durationMs: number;
  interrupted: boolean;
  /** The signal that interrupted the run (SIGINT, SIGTERM, SIGHUP). */
  signal?: InterruptSignal;
}

/** The signals that stop a run. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
