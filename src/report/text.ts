import type { ChalkInstance } from 'chalk';
import type { Status } from '../engine/types.js';
import { printable, problems, type Report, type ReportCheck } from './model.js';

export interface TextOptions {
  /** Colour level: 0 for none (NO_COLOR, --no-color, not a terminal). */
  colorLevel: 0 | 1 | 2 | 3;
  verbose: boolean;
  /** A chalk instance for colour (loaded only when colour is wanted); plain text without it. */
  chalk?: ChalkInstance;
}

type Paint = (text: string) => string;
interface Painter {
  green: Paint;
  yellow: Paint;
  red: Paint;
  magenta: Paint;
  cyan: Paint;
  dim: Paint;
  bold: Paint;
  heading: Paint;
}

function painter(chalk: ChalkInstance | undefined, level: number): Painter {
  if (!chalk || level === 0) {
    const plain: Paint = (text) => text;
    return { green: plain, yellow: plain, red: plain, magenta: plain, cyan: plain, dim: plain, bold: plain, heading: plain };
  }
  return {
    green: (t) => chalk.green(t),
    yellow: (t) => chalk.yellow(t),
    red: (t) => chalk.red(t),
    magenta: (t) => chalk.magenta(t),
    cyan: (t) => chalk.cyan(t),
    dim: (t) => chalk.dim(t),
    bold: (t) => chalk.bold(t),
    heading: (t) => chalk.bold.underline(t),
  };
}

const MARKS: Record<Status, string> = { pass: '✔', warn: '!', fail: '✖', skip: '○', error: '‼' };

function paint(chalk: Painter, status: Status, text: string): string {
  switch (status) {
    case 'pass':
      return chalk.green(text);
    case 'warn':
      return chalk.yellow(text);
    case 'fail':
      return chalk.red(text);
    case 'error':
      return chalk.magenta(text);
    case 'skip':
      return chalk.dim(text);
  }
}

/** The human report: grouped by guide section, a mark per check, the fix under every problem. */
export function renderText(report: Report, options: TextOptions): string {
  const chalk = painter(options.chalk, options.colorLevel);
  const lines: string[] = [];
  const target = [report.target.url ?? 'no server URL', report.target.authType].filter(Boolean).join(' · ');
  lines.push(chalk.bold(`${report.tool.name} ${report.tool.version}`) + chalk.dim(` · ${target}`));
  lines.push(chalk.dim(targetLine(report)), '');

  const width = Math.max(...report.checks.map((c) => c.id.length), 0);
  // What already happened (the client's last error) opens the report, before the guide's walk.
  const headlines = report.checks.filter((c) => c.headline);
  if (headlines.length > 0) {
    lines.push(chalk.heading('What happened last time'));
    for (const check of headlines) lines.push(renderCheck(chalk, check, width, options.verbose));
    lines.push('');
  }
  const chapters = new Map<string, ReportCheck[]>();
  for (const check of report.checks) if (!check.headline) chapters.set(check.chapter, [...(chapters.get(check.chapter) ?? []), check]);
  for (const [chapter, checks] of chapters) {
    lines.push(chalk.heading(chapter));
    for (const check of checks) lines.push(renderCheck(chalk, check, width, options.verbose));
    lines.push('');
  }
  lines.pop();

  const { summary } = report;
  const counts = [
    chalk.green(`${summary.pass} passed`),
    chalk.yellow(`${summary.warn} ${summary.warn === 1 ? 'warning' : 'warnings'}`),
    chalk.red(`${summary.fail} failed`),
    chalk.dim(`${summary.skip} skipped`),
    ...(summary.error > 0 ? [chalk.magenta(`${summary.error} broke`)] : []),
  ];
  lines.push('', `${chalk.bold('Summary:')} ${counts.join(', ')} ${chalk.dim(`(${report.durationMs} ms)`)}`);
  lines.push(verdict(chalk, report));
  return `${lines.join('\n')}\n`;
}

/** Which JamfMCP, in which environment, at which URL: the target the verdicts are about. */
export function targetLine(report: Report): string {
  const { jamfmcp, environment, urlRole, connectTo } = report.target;
  const parts = [
    `judged as JamfMCP ${jamfmcp.version} (${jamfmcp.reason})`,
    environment.mode === 'entry' ? `environment: what ${environment.client ?? 'the MCP client'} passes (${environment.certainty})` : "environment: this shell's (no MCP entry)",
  ];
  if (urlRole === 'intended') parts.push('testing what JAMF_URL was meant to be: JamfMCP cannot use it as written');
  if (connectTo.length > 0) parts.push(`--connect-to ${connectTo.join(', ')}`);
  return printable(parts.join(' · '));
}

function renderCheck(chalk: Painter, check: ReportCheck, width: number, verbose: boolean): string {
  const mark = paint(chalk, check.status, MARKS[check.status]);
  const time = verbose ? chalk.dim(` [${check.durationMs} ms]`) : '';
  const head = `  ${mark} ${chalk.bold(check.id.padEnd(width))}  ${check.title}: ${check.message}${time}`;
  const out = [head];
  const indent = ' '.repeat(width + 6);
  if (check.frame) out.push(...check.frame.split('\n').map((line) => `${indent}${chalk.dim(line)}`));
  if (check.fix && check.status !== 'pass') {
    out.push(`${indent}${chalk.bold('Fix:')}`);
    check.fix.steps.forEach((step, i) => out.push(`${indent}  ${i + 1}. ${step}`));
    for (const command of check.fix.commands ?? []) {
      out.push(...command.split('\n').map((line) => `${indent}     ${chalk.cyan(line)}`));
    }
    out.push(`${indent}${chalk.dim(`Guide: "${check.section}"`)}`);
  }
  if (verbose && check.details) {
    for (const [key, value] of Object.entries(check.details)) {
      out.push(`${indent}${chalk.dim(printable(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`))}`);
    }
  }
  return out.join('\n');
}

function verdict(chalk: Painter, report: Report): string {
  const found = problems(report).length;
  if (report.exitCode === 0) {
    return report.summary.warn > 0
      ? chalk.yellow(`No failures; ${report.summary.warn} warning${report.summary.warn === 1 ? '' : 's'} worth a look.`)
      : chalk.green('No problems found.');
  }
  if (report.exitCode === 3 && report.summary.fail === 0) {
    return chalk.magenta('A check broke (a bug in the doctor); the results above are incomplete.');
  }
  return chalk.red(`${found} problem${found === 1 ? '' : 's'} found: follow the fixes above, in order.`);
}
