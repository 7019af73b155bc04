import type { Report } from './model.js';

/** The report model as JSON: nothing else ever goes to stdout in this format. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
