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
