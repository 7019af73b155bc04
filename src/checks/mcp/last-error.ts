import { homedir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { clientById } from '../../config/clients.js';
import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome, CheckResult } from '../types.js';
import { explainText } from '../../explain/topics.js';
import { readLogTail, serverLogFor } from '../../mcp/client-logs.js';
import { lastSession, scrubLogLine, type LogFinding } from '../../mcp/log-parse.js';

/**
 * What already happened: the MCP client's own log of the chosen server's last session (Claude
 * Desktop's mcp-server-<name>.log), its failure mapped through `jamfmcp explain`'s catalogue to a
 * cause, and tied to today's run — the same cause found again, or every check passing now. Shown
 * first in the report. Runs last (it reads every other result); one bounded read of the log tail.
 */
export const mcpLastError: Check = {
  id: 'mcp.last-error',
  title: "The client's last session",
  area: 'mcp',
  section: GUIDE.debugging,
  needs: [],
  after: ['*'],
  async run({ target, now, results, secrets }): Promise<CheckOutcome> {
    const given = target.spec.flags.clientLog;
    // The server's name: the entry's, else the log file's own (mcp-server-<name>.log).
    const name = target.configFile?.entry?.name ?? (given ? /mcp-server-(.+)\.log$/.exec(basename(given))?.[1] : undefined);
    const client = target.configFile?.client ?? (given ? clientById('claude-desktop') : undefined);
    if (!name) return { status: 'skip', message: 'no MCP client entry (use --config or --client, or --client-log): no client log to read' };
    const entry = { name };
    const location = given ? { dir: dirname(resolve(given)), file: resolve(given) } : serverLogFor(client?.id, entry.name, { home: target.shell.HOME || homedir(), platform: process.platform, env: target.shell });
    if (!location) {
      return { status: 'skip', message: `${client?.name ?? 'this client'} keeps no per-server log the doctor can read${client?.id === 'claude-desktop' ? ' on this platform' : ''} (only Claude Desktop on macOS and Windows does)` };
    }
    const tail = await readLogTail(location);
    const shown = location.file.replace(target.shell.HOME || homedir(), '~');
    if (!tail.ok) {
      const why = { missing: 'no log yet (the server has not been started by the client)', 'not-a-file': 'the log path is not a regular file', outside: 'the log is a link out of the log folder: not followed', unreadable: 'the log cannot be read' }[tail.why];
      return { status: 'skip', message: `${shown}: ${why}`, details: { log: shown } };
    }
    const session = lastSession(tail.text, entry.name);
    const details: Record<string, unknown> = { log: shown, bytesRead: Buffer.byteLength(tail.text), truncated: tail.truncated, startedAt: session.startedAt ?? null };
    const when = session.startedAt ? `${ago(now() - Date.parse(session.startedAt))}, ${session.startedAt.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}` : 'at an unknown time';
    if (session.outcome === 'ok') {
      return { status: 'pass', message: `the last "${entry.name}" session in ${client?.name} (${when}) started and answered without errors (${shown})`, details };
    }
    if (session.outcome === 'unknown' || !session.finding) {
      return { status: 'pass', message: `${shown} holds no failure in the last "${entry.name}" session${session.startedAt ? ` (${when})` : ''}`, details };
    }
    const finding = session.finding;
    const line = scrub(finding.text, secrets.redact.bind(secrets));
    details.finding = { kind: finding.kind, at: finding.at ?? null, text: line };
    details.findings = session.findings.map((f) => ({ kind: f.kind, text: scrub(f.text, secrets.redact.bind(secrets)) }));
    const topic = explainText(finding.text)[0]?.topic;
    if (topic) details.topic = topic.id;
    const today = relateToToday(topic?.checks ?? [], results(), finding);
    return {
      status: 'warn',
      message: `the last "${entry.name}" session in ${client?.name} (${when}) failed: ${line}${topic ? ` — ${topic.title}` : ''}; ${today.text}`,
      fix: {
        steps: [
          ...(topic ? topic.fix.slice(0, 3) : []),
          today.allPass ? `Quit ${client?.name} completely and start it again, so it starts JamfMCP with the settings that work today.` : 'Follow the fixes of the checks named above, then restart the MCP client completely.',
          `The full log: ${shown}`,
        ],
      },
      details,
      headline: true,
    };
  },
};

/** The finding's text, redacted: the run's secrets, then anything that looks like a credential. */
function scrub(text: string, redact: (text: string) => string): string {
  return scrubLogLine(redact(text)).slice(0, 400);
}

function relateToToday(checks: readonly string[], results: readonly CheckResult[], finding: LogFinding): { text: string; allPass: boolean } {
  const others = results.filter((r) => r.id !== 'mcp.last-error');
  const failing = others.filter((r) => r.status === 'fail' || r.status === 'error');
  const same = others.filter((r) => checks.includes(r.id) && (r.status === 'fail' || r.status === 'warn'));
  if (same.length > 0) return { text: `today ${same.map((r) => r.id).join(' and ')} ${same.length === 1 ? 'finds' : 'find'} the same cause`, allPass: false };
  if (others.length > 0 && failing.length === 0) return { text: 'today every check passes: the fix since then works — restart the client to pick it up', allPass: true };
  if (failing.length > 0) return { text: `today ${checks.length > 0 ? `${checks.slice(0, 2).join(' and ')} ${checks.length === 1 ? 'passes' : 'pass'}, but ` : ''}${failing.map((r) => r.id).slice(0, 3).join(', ')} ${failing.length === 1 ? 'fails' : 'fail'}`, allPass: false };
  void finding;
  return { text: "today's run did not check it", allPass: false };
}

/** "2 h ago", "3 days ago", "just now". */
function ago(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'at a time in the future of this clock';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
