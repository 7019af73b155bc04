import type { ChalkInstance } from 'chalk';
import type { Status } from '../engine/types.js';
import wrapAnsi from 'wrap-ansi';
import { arrange, countsText, notRunText, printable, problems, type Report, type ReportCheck } from './model.js';

export interface TextOptions {
  /** Colour level: 0 for none (NO_COLOR, --no-color, not a terminal). */
  colorLevel: 0 | 1 | 2 | 3;
  verbose: boolean;
  /** Columns to wrap to (the terminal's; 80 when not a terminal). */
  width?: number;
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

/** The human report: the checks in run order, grouped by area, the fix under every problem, wrapped to `width`. */
export function renderText(report: Report, options: TextOptions): string {
  const chalk = painter(options.chalk, options.colorLevel);
  const width = Math.max(40, options.width ?? 80);
  const lines: string[] = [];
  const target = [report.target.url ?? 'no server URL', report.target.authType].filter(Boolean).join(' · ');
  lines.push(...wrap(chalk.bold(`${report.tool.name} ${report.tool.version}`) + chalk.dim(` · ${target}`), width, '', '  '));
  lines.push(...wrap(chalk.dim(targetLine(report)), width, '', '  '), '');

  const { headlines, groups } = arrange(report.checks);
  // What already happened (the client's last error) opens the report, before the guide's walk.
  if (headlines.length > 0) {
    lines.push(chalk.heading('What happened last time'));
    for (const check of headlines) lines.push(...renderCheck(chalk, check, width, options.verbose));
    lines.push('');
  }
  for (const group of groups) {
    const guide = group.sections.length > 0 ? chalk.dim(` · guide: ${group.sections.join('; ')}`) : '';
    lines.push(...wrap(chalk.heading(group.title) + guide, width, '', '  '));
    for (const row of group.rows) {
      if (row.kind === 'check') lines.push(...renderCheck(chalk, row.check, width, options.verbose));
      else lines.push(...wrap(chalk.dim(`${MARKS.skip} ${notRunText(row)}`), width, '    ', '      '));
    }
    lines.push('');
  }
  lines.pop();

  const { summary } = report;
  const counts = countsText(summary)
    .split(', ')
    .map((part) => {
      if (part.endsWith('passed')) return chalk.green(part);
      if (/warnings?$/.test(part)) return chalk.yellow(part);
      if (part.endsWith('failed')) return chalk.red(part);
      if (part.endsWith('broke')) return chalk.magenta(part);
      return chalk.dim(part);
    });
  lines.push('', ...wrap(`${chalk.bold('Summary:')} ${counts.join(', ')} ${chalk.dim(`(${report.durationMs} ms)`)}`, width, '', '  '));
  lines.push(...wrap(verdict(chalk, report), width, '', ''));
  return `${lines.join('\n')}\n`;
}

/**
 * Wrap `text` to `width` columns (ANSI-aware; words are never split) with `first` before the first
 * line and `rest` before the others: a hanging indent.
 */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const room = Math.max(20, width - rest.length);
  const firstRoom = Math.max(20, width - first.length);
  // Wrap the first line to its own room, then the remainder to the continuation room.
  const [head = '', ...tail] = wrapAnsi(text, firstRoom, { hard: false, trim: true }).split('\n');
  if (tail.length === 0 || firstRoom === room) return [first + head, ...tail.map((line) => rest + line)];
  const remainder = wrapAnsi(tail.join(' '), room, { hard: false, trim: true }).split('\n');
  return [first + head, ...remainder.map((line) => rest + line)];
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

/**
 * One check: its line (wrapped, continuation under the title), then for a problem the fix — numbered
 * steps with a hanging indent, commands on lines of their own, never wrapped (to copy as they are).
 */
function renderCheck(chalk: Painter, check: ReportCheck, width: number, verbose: boolean): string[] {
  const mark = paint(chalk, check.status, MARKS[check.status]);
  // A no-break space: "[12 ms]" never splits over two lines.
  const time = verbose ? chalk.dim(` [${check.durationMs}\u00a0ms]`) : '';
  const indent = '    ';
  const out = wrap(`${mark} ${chalk.bold(check.id)}  ${check.title}: ${check.message}${time}`, width, '  ', indent);
  if (check.frame) out.push(...check.frame.split('\n').map((line) => `${indent}${chalk.dim(line)}`));
  if (check.fix && check.status !== 'pass') {
    out.push(`${indent}${chalk.bold('Fix:')}`);
    check.fix.steps.forEach((step, i) => {
      const number = `${i + 1}. `;
      out.push(...wrap(step, width, `${indent}${number}`, `${indent}${' '.repeat(number.length)}`));
    });
    // Snippets apart from the steps, under a label of their own, never wrapped: they copy as they are.
    if ((check.fix.commands ?? []).length > 0) out.push(`${indent}${chalk.bold('Copy:')}`);
    for (const command of check.fix.commands ?? []) {
      out.push(...command.split('\n').map((line) => `${indent}  ${chalk.cyan(line)}`));
    }
    out.push(...wrap(chalk.dim(`Guide: "${check.section}"`), width, indent, indent));
  }
  if (verbose && check.details) {
    for (const [key, value] of Object.entries(check.details)) {
      out.push(...wrap(chalk.dim(printable(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)), width, indent, `${indent}  `));
    }
  }
  return out;
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

/**
 * Wrap each line of plain text wider than `width`, keeping its indentation and hanging list items
 * ("- ", "1. ") under their text. Lines `keep` picks (commands) are never wrapped.
 */
export function wrapLines(text: string, width: number, keep: (line: string) => boolean = () => false): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width || keep(line)) return line;
      const indent = /^ */.exec(line)?.[0] ?? '';
      const marker = /^(- |\d+\. )/.exec(line.slice(indent.length))?.[0] ?? '';
      return wrap(line.slice(indent.length), width, indent, indent + ' '.repeat(marker.length)).join('\n');
    })
    .join('\n');
}
