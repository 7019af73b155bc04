/**
 * Reading a Claude Desktop server log (`mcp-server-<name>.log`): its most recent session and what
 * went wrong in it. Lines look like
 *
 *   2025-04-07T07:49:40.581Z [jamfmcp] [info] Initializing server...
 *   2025-04-07T07:49:40.581Z [jamfmcp] [info] Message from client: {"method":"initialize",…}
 *   ValueError: Client credentials not provided. Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET …
 *   2025-04-07T07:49:40.590Z [jamfmcp] [info] Server transport closed unexpectedly, this is likely …
 *   2025-04-07T07:49:40.590Z [jamfmcp] [error] Server disconnected. For troubleshooting guidance…
 *
 * (the server's stderr appears as bare lines). Pure: no I/O.
 */

export type FindingKind = 'exception' | 'tool-error' | 'spawn' | 'timeout' | 'closed-unexpectedly' | 'disconnected' | 'error';

export interface LogFinding {
  kind: FindingKind;
  /** The line (or the error text inside a JSON-RPC message) as it is in the log, unredacted. */
  text: string;
  /** ISO time of the line, or of the last timestamped line before it. */
  at?: string;
}

export interface LogSession {
  startedAt?: string;
  /** The last timestamp seen in the session. */
  lastAt?: string;
  outcome: 'failed' | 'ok' | 'unknown';
  /** The finding that best explains the failure (an exception beats "disconnected"). */
  finding?: LogFinding;
  /** Every finding, in order (at most 20). */
  findings: LogFinding[];
}

const STAMPED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) \[([^\]]*)\] \[(\w+)\] (.*)$/;
const EXCEPTION = /^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt|Timeout)(?::\s.*)?$/;
const PRIORITY: readonly FindingKind[] = ['exception', 'tool-error', 'spawn', 'timeout', 'error', 'closed-unexpectedly', 'disconnected'];

/** The most recent session of `server` in the log text. */
export function lastSession(text: string, server: string): LogSession {
  const lines = text.split(/\r?\n/);
  // The last start of this server: "Initializing server", else its last initialize request.
  let start = -1;
  for (let i = lines.length - 1; i >= 0 && start < 0; i--) {
    const m = STAMPED.exec(lines[i] as string);
    if (m && m[2] === server && /^Initializing server/.test(m[4] as string)) start = i;
  }
  if (start < 0) {
    for (let i = lines.length - 1; i >= 0 && start < 0; i--) {
      const m = STAMPED.exec(lines[i] as string);
      if (m && m[2] === server && /Message from client: .*"method"\s*:\s*"initialize"/.test(m[4] as string)) start = i;
    }
  }
  const session: LogSession = { outcome: 'unknown', findings: [] };
  if (start < 0) return session;
  let at: string | undefined;
  let answered = false;
  const add = (kind: FindingKind, found: string): void => {
    if (session.findings.length < 20) session.findings.push({ kind, text: found.slice(0, 2000), ...(at ? { at } : {}) });
  };
  for (const line of lines.slice(start)) {
    const m = STAMPED.exec(line);
    if (!m) {
      // The server's stderr: a traceback's last line names the exception.
      const bare = line.trim();
      if (EXCEPTION.test(bare) && !/^Traceback\b/.test(bare)) add('exception', bare);
      continue;
    }
    if (m[2] !== server) continue;
    at = m[1];
    session.startedAt ??= at;
    session.lastAt = at;
    const level = m[3] as string;
    const message = m[4] as string;
    if (/^Message from server: /.test(message)) {
      const error = jsonRpcError(message.slice('Message from server: '.length));
      if (error) add('tool-error', error);
      else answered = true;
    } else if (/spawn .* ENOENT/.test(message)) add('spawn', message);
    else if (/-32001|Request timed out/i.test(message)) add('timeout', message);
    else if (/Server transport closed unexpectedly/.test(message)) add('closed-unexpectedly', message);
    else if (/Server disconnected/.test(message)) add('disconnected', message);
    else if (level === 'error' && !/^Message from client/.test(message)) add('error', message);
  }
  session.outcome = session.findings.length > 0 ? 'failed' : answered ? 'ok' : 'unknown';
  const best = [...session.findings].sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind))[0];
  if (best) session.finding = best;
  return session;
}

/**
 * The error a JSON-RPC message from the server carries: a JSON-RPC error, a tool result marked
 * isError, or JamfMCP's own {"error": …, "message": …} dictionary returned as a tool's text.
 */
function jsonRpcError(json: string): string | undefined {
  let message: unknown;
  try {
    message = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!message || typeof message !== 'object') return undefined;
  const record = message as { error?: { message?: unknown }; result?: { isError?: unknown; content?: unknown } };
  if (record.error && typeof record.error.message === 'string') return record.error.message;
  const content = Array.isArray(record.result?.content) ? (record.result?.content as Array<{ type?: unknown; text?: unknown }>) : [];
  for (const part of content) {
    if (typeof part.text !== 'string') continue;
    const inner = jamfmcpError(part.text);
    if (inner) return inner;
    if (record.result?.isError === true) return part.text;
  }
  return undefined;
}

/** JamfMCP's tools return {"error": "...", "message": "..."} (or a Python repr of it) on failure. */
function jamfmcpError(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (parsed && typeof parsed === 'object' && (parsed.error !== undefined || parsed.message !== undefined) && (typeof parsed.message === 'string' || typeof parsed.error === 'string')) {
      return typeof parsed.message === 'string' ? parsed.message : String(parsed.error);
    }
  } catch {
    const m = /['"]message['"]\s*:\s*(['"])(.*?)\1/.exec(text);
    if (m && /['"]error['"]\s*:/.test(text)) return m[2];
  }
  return undefined;
}

/** A log line with what may be secret in it replaced: bearer tokens, JWTs, client_secret=, passwords in URLs, token fields. */
export function scrubLogLine(line: string): string {
  return line
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [REDACTED]')
    .replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[REDACTED JWT]')
    .replace(/\b(client_secret|password|access_token|refresh_token|token)=[^&\s"']+/gi, '$1=[REDACTED]')
    .replace(/("(?:client_secret|password|access_token|token|JAMF_CLIENT_SECRET|JAMF_PASSWORD)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"[REDACTED]"')
    .replace(/(\/\/[^\s/:@"']*:)[^\s/@"']+@/g, '$1***@');
}
