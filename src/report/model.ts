import { arch, platform, release } from 'node:os';
import type { CheckResult, Fix, Status } from '../engine/types.js';
import type { SettingName, Source, Target } from '../config/target.js';
import { exitCodeFor } from './exit-code.js';

export type Summary = Record<Status, number>;

/** One check as every renderer sees it; `section` is the guide heading it walks. */
export interface ReportCheck {
  id: string;
  title: string;
  area: string;
  section: string;
  /** The guide's top-level heading above `section`. */
  chapter: string;
  status: Status;
  message: string;
  fix?: Fix;
  details?: Record<string, unknown>;
  /** Lines of a file around the problem, a caret under the column (added with issue 16). */
  frame?: string;
  /** Shown before the rest: what already happened (added with issue 16). */
  headline?: boolean;
  /** A skip because the check does not apply here (dependants still ran); left out of text and Markdown. Added in 0.3. */
  notApplicable?: boolean;
  durationMs: number;
}

/**
 * The report: one model, rendered by one renderer per format. The JSON renderer prints it as is,
 * so its shape is the public JSON schema (schemaVersion 1; later versions only add fields).
 */
export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  startedAt: string;
  durationMs: number;
  target: {
    url: string | null;
    authType: string | null;
    sources: Partial<Record<SettingName, Source | 'inferred'>>;
    /** Whether `url` is what JamfMCP requests, or only what JAMF_URL was meant to be (JamfMCP cannot use it). Added in 0.2. */
    urlRole: 'jamfmcp' | 'intended' | null;
    /** The JamfMCP version the run judges by, and why. Added in 0.2. */
    jamfmcp: {
      version: string;
      requested: string | null;
      source: string;
      reason: string;
      warning: string | null;
      entryPoint: string;
    };
    /** Where JamfMCP's environment comes from. Added in 0.2. */
    environment: {
      mode: 'entry' | 'shell';
      client: string | null;
      certainty: string;
      description: string;
      /** Variables JamfMCP reads that are set in this shell but not passed on by the client. */
      notPassed: string[];
    };
    /** --connect-to mappings in force. Added in 0.2. */
    connectTo: string[];
  };
  environment: { node: string; platform: string; arch: string; osRelease: string };
  summary: Summary;
  ok: boolean;
  strict: boolean;
  exitCode: number;
  checks: ReportCheck[];
}

export interface ReportMeta {
  version: string;
  startedAt: Date;
  durationMs: number;
  strict: boolean;
  target: Target;
  /** The URL the run tested (normalised) and the auth type it used, when known. */
  url: string | undefined;
  urlRole: 'jamfmcp' | 'intended' | undefined;
  authType: string | undefined;
  authTypeInferred: boolean;
}

export const TOOL_NAME = 'jamfmcp doctor';

export function summarise(results: readonly { status: Status }[]): Summary {
  const summary: Summary = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const r of results) summary[r.status] += 1;
  return summary;
}

export function buildReport(results: readonly CheckResult[], meta: ReportMeta): Report {
  const summary = summarise(results);
  const exitCode = exitCodeFor(summary, meta.strict);
  const sources: Report['target']['sources'] = {};
  for (const [name, sourced] of Object.entries(meta.target.values)) {
    if (sourced) sources[name as SettingName] = sourced.source;
  }
  const { jamfmcp, env } = meta.target;
  if (meta.authTypeInferred && meta.authType) sources.authType = 'inferred';
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: meta.version },
    startedAt: meta.startedAt.toISOString(),
    durationMs: Math.round(meta.durationMs),
    target: {
      url: meta.url ?? null,
      authType: meta.authType ?? null,
      sources,
      urlRole: meta.urlRole ?? null,
      jamfmcp: {
        version: jamfmcp.profile,
        requested: jamfmcp.requested ?? null,
        source: jamfmcp.source,
        reason: jamfmcp.reason,
        warning: jamfmcp.warning ?? null,
        entryPoint: jamfmcp.entryPoint,
      },
      environment: { mode: env.mode, client: env.client?.id ?? null, certainty: env.certainty, description: env.description, notPassed: env.notPassed },
      connectTo: meta.target.connectTo.map((c) => c.text),
    },
    environment: { node: process.version, platform: platform(), arch: arch(), osRelease: release() },
    summary,
    ok: exitCode === 0,
    strict: meta.strict,
    exitCode,
    checks: results.map((r) => {
      const check: ReportCheck = {
        id: r.id,
        title: r.title,
        area: r.area,
        section: r.section.title,
        chapter: r.section.chapter,
        status: r.status,
        message: printable(r.message),
        durationMs: r.durationMs,
      };
      if (r.fix) {
        check.fix = { steps: r.fix.steps.map((step) => printable(step)) };
        if (r.fix.commands) check.fix.commands = r.fix.commands.map((command) => printable(command, true));
      }
      if (r.details) check.details = r.details;
      if (r.frame !== undefined) check.frame = printable(r.frame, true);
      if (r.headline) check.headline = true;
      if (r.notApplicable) check.notApplicable = true;
      return check;
    }),
  };
}

/**
 * Text safe for a terminal: control characters (an ESC sequence in a value from the environment or
 * a server) are shown escaped, never passed through. Line breaks stay only where asked.
 */
export function printable(text: string, keepLineBreaks = false): string {
  return text.replace(keepLineBreaks ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Problems worth a fix: failures, warnings and internal errors, in report order. */
export function problems(report: Report): ReportCheck[] {
  return report.checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error');
}

/** The areas in the order a run walks them (the guide's order for a failing setup), with their titles. */
export const AREAS: ReadonlyArray<{ area: string; title: string }> = [
  { area: 'config', title: 'Configuration' },
  { area: 'mcp', title: 'MCP client entry' },
  { area: 'url', title: 'Server URL' },
  { area: 'network', title: 'Network' },
  { area: 'tls', title: 'TLS certificate' },
  { area: 'token', title: 'Token' },
  { area: 'privileges', title: 'API privileges' },
];

/**
 * The counts, in the same order and words in every format and in the walkthrough:
 * "5 passed, 1 warning, 1 failed, 23 skipped" (", 1 broke" only when something broke).
 */
export function countsText(summary: Summary): string {
  const parts = [`${summary.pass} passed`, `${summary.warn} ${summary.warn === 1 ? 'warning' : 'warnings'}`, `${summary.fail} failed`, `${summary.skip} skipped`];
  if (summary.error > 0) parts.push(`${summary.error} broke`);
  return parts.join(', ');
}

/** One line of a laid-out report: a check, or the checks that did not run because of the one above. */
export type Row = { kind: 'check'; check: ReportCheck } | { kind: 'not-run'; count: number; need: string | undefined; reason: string };

export interface Group {
  area: string;
  title: string;
  /** The guide sections the group's visible checks walk, in order. */
  sections: string[];
  rows: Row[];
}

/** Which check a skipped one waited for (directly or through other skipped checks), if any. */
function rootBlocker(check: ReportCheck, byId: ReadonlyMap<string, ReportCheck>): ReportCheck | undefined {
  let current = check;
  for (let hops = 0; hops < 64; hops++) {
    const next = current.details?.blockedBy;
    if (current.status !== 'skip' || typeof next !== 'string') return current === check ? undefined : current;
    const found = byId.get(next);
    if (!found) return current === check ? undefined : current;
    current = found;
  }
  return current;
}

/**
 * The report as text and Markdown lay it out: the checks in the order the run walks them, grouped
 * by area; a check that did not run because another failed is not listed on its own but counted
 * in one line under that check ("17 checks not run: they need tls.certificate"); not-applicable
 * checks are left out (JSON keeps every check). Headline checks come first, on their own.
 */
export function arrange(checks: readonly ReportCheck[]): { headlines: ReportCheck[]; groups: Group[] } {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const blockedBy = new Map<string, number>();
  const interrupted: ReportCheck[] = [];
  const visible: ReportCheck[] = [];
  for (const check of checks) {
    if (check.notApplicable) continue;
    if (check.status === 'skip' && /^not (run|finished): the run was interrupted/.test(check.message)) {
      interrupted.push(check);
      continue;
    }
    const root = rootBlocker(check, byId);
    if (root) {
      blockedBy.set(root.id, (blockedBy.get(root.id) ?? 0) + 1);
      continue;
    }
    visible.push(check);
  }
  const order = (area: string): number => {
    const i = AREAS.findIndex((a) => a.area === area);
    return i < 0 ? AREAS.length : i;
  };
  const sorted = visible.filter((c) => !c.headline).sort((a, b) => order(a.area) - order(b.area));
  const groups: Group[] = [];
  const shown = new Set<string>();
  for (const check of sorted) {
    let group = groups.at(-1);
    if (!group || group.area !== check.area) {
      group = { area: check.area, title: AREAS.find((a) => a.area === check.area)?.title ?? check.area, sections: [], rows: [] };
      groups.push(group);
    }
    if (!group.sections.includes(check.section)) group.sections.push(check.section);
    group.rows.push({ kind: 'check', check });
    shown.add(check.id);
    const count = blockedBy.get(check.id);
    if (count) group.rows.push({ kind: 'not-run', count, need: check.id, reason: `they need ${check.id}` });
  }
  // Checks blocked by one that is not listed here (a partial report, e.g. one walkthrough step).
  const elsewhere = [...blockedBy].filter(([id]) => !shown.has(id));
  const tail: Row[] = elsewhere.map(([id, count]) => ({ kind: 'not-run', count, need: id, reason: `they need ${id}` }));
  if (interrupted.length > 0) tail.push({ kind: 'not-run', count: interrupted.length, need: undefined, reason: 'the run was interrupted' });
  if (tail.length > 0) {
    const last = groups.at(-1);
    if (last) last.rows.push(...tail);
    else groups.push({ area: '', title: 'Not run', sections: [], rows: tail });
  }
  return { headlines: visible.filter((c) => c.headline), groups };
}

/** "1 check not run" / "17 checks not run", with the reason. */
export function notRunText(row: Extract<Row, { kind: 'not-run' }>): string {
  return `${row.count} ${row.count === 1 ? 'check' : 'checks'} not run: ${row.count === 1 ? row.reason.replace(/^they need/, 'it needs') : row.reason}`;
}
