/** The parts of the doctor's JSON report that black-box tests read, and finding a check in it. */
import assert from 'node:assert/strict';

export interface JsonCheck {
  id: string;
  status: string;
  message: string;
  fix?: { steps: string[]; commands?: string[] };
  details?: Record<string, unknown>;
}

export interface JsonReport {
  exitCode: number;
  checks: JsonCheck[];
}

/** The check with this id; fails the test, listing the ids present, when there is none. */
export function findCheck<C extends { id: string }>(report: { checks: readonly C[] }, id: string): C {
  const found = report.checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}
