import type { Report, ReportCheck } from './model.js';

/** XML 1.0 cannot carry most control characters, even escaped: drop them. */
function xml(text: string): string {
  return text
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function body(check: ReportCheck): string {
  const parts = [check.message];
  if (check.frame) parts.push('', check.frame);
  if (check.fix) {
    parts.push('', 'Fix:', ...check.fix.steps.map((s, i) => `${i + 1}. ${s}`), ...(check.fix.commands ?? []));
  }
  parts.push('', `Guide: ${check.section}`);
  return xml(parts.join('\n'));
}

/** JUnit XML for CI systems: one testcase per check; warnings fail only with --strict. */
export function renderJunit(report: Report): string {
  const { summary } = report;
  const failures = summary.fail + (report.strict ? summary.warn : 0);
  const time = (ms: number): string => (ms / 1000).toFixed(3);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const counts = `tests="${report.checks.length}" failures="${failures}" errors="${summary.error}" skipped="${summary.skip}" time="${time(report.durationMs)}"`;
  out.push(`<testsuites name="${xml(report.tool.name)}" ${counts}>`);
  out.push(`  <testsuite name="${xml(report.tool.name)}" ${counts} timestamp="${xml(report.startedAt)}">`);
  out.push('    <properties>');
  out.push(`      <property name="version" value="${xml(report.tool.version)}"/>`);
  out.push(`      <property name="url" value="${xml(report.target.url ?? '')}"/>`);
  out.push(`      <property name="authType" value="${xml(report.target.authType ?? '')}"/>`);
  out.push(`      <property name="jamfmcpVersion" value="${xml(report.target.jamfmcp.version)}"/>`);
  out.push('    </properties>');
  for (const check of report.checks) {
    const open = `    <testcase classname="jamfmcp.doctor.${xml(check.area)}" name="${xml(`${check.id}: ${check.title}`)}" time="${time(check.durationMs)}"`;
    const message = xml(check.message);
    switch (check.status) {
      case 'pass':
        out.push(`${open}>\n      <system-out>${message}</system-out>\n    </testcase>`);
        break;
      case 'warn':
        out.push(
          report.strict
            ? `${open}>\n      <failure type="warn" message="${message}">${body(check)}</failure>\n    </testcase>`
            : `${open}>\n      <system-out>WARNING: ${body(check)}</system-out>\n    </testcase>`,
        );
        break;
      case 'fail':
        out.push(`${open}>\n      <failure type="fail" message="${message}">${body(check)}</failure>\n    </testcase>`);
        break;
      case 'skip':
        out.push(`${open}>\n      <skipped message="${message}"/>\n    </testcase>`);
        break;
      case 'error':
        out.push(`${open}>\n      <error type="internal" message="${message}">${body(check)}</error>\n    </testcase>`);
        break;
    }
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}
