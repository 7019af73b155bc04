/**
 * What the MCP client already recorded about a server: where its log is, and its tail, read
 * safely. Claude Desktop writes each server's stderr and every JSON-RPC message to
 * `mcp-server-<name>.log` (macOS ~/Library/Logs/Claude; Windows %APPDATA%\Claude\logs, which its
 * MSIX package does not virtualise — reference mcp-clients.md §1.1). No other client documents a
 * per-server log the doctor could read (Cursor and VS Code keep theirs in the app's own output
 * panels; Claude Code, Gemini CLI and Codex print to their terminal).
 */
import { lstat, open, realpath } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute } from 'node:path';

/** At most this much of the end of a log is read. */
export const LOG_TAIL_BYTES = 512 * 1024;

export interface LogLocation {
  /** The folder the client writes logs into; the log must stay inside it. */
  dir: string;
  file: string;
}

/** Where `client` logs server `name`, on this platform; undefined when it keeps no such log. */
export function serverLogFor(client: string | undefined, name: string, context: { home: string; platform: NodeJS.Platform; env: Readonly<Record<string, string | undefined>> }): LogLocation | undefined {
  if (client !== 'claude-desktop' || /[/\\]|^\.\.?$/.test(name)) return undefined;
  const dir =
    context.platform === 'darwin'
      ? join(context.home, 'Library', 'Logs', 'Claude')
      : context.platform === 'win32'
        ? join(context.env.APPDATA || join(context.home, 'AppData', 'Roaming'), 'Claude', 'logs')
        : undefined;
  return dir ? { dir, file: join(dir, `mcp-server-${name}.log`) } : undefined;
}

export type LogTail = { ok: true; text: string; size: number; truncated: boolean; modifiedAt: number } | { ok: false; why: 'missing' | 'not-a-file' | 'outside' | 'unreadable' };

/**
 * The last LOG_TAIL_BYTES of the log, starting at a whole line. Never follows a symlink out of
 * the log folder; reads only a regular file; one read.
 */
export async function readLogTail(location: LogLocation): Promise<LogTail> {
  let info;
  try {
    info = await lstat(location.file);
  } catch {
    return { ok: false, why: 'missing' };
  }
  let path = location.file;
  if (info.isSymbolicLink()) {
    try {
      path = await realpath(location.file);
      const folder = await realpath(location.dir);
      const inside = relative(folder, path);
      if (inside.startsWith('..') || isAbsolute(inside) || dirname(path) === path) return { ok: false, why: 'outside' };
      info = await lstat(path);
    } catch {
      return { ok: false, why: 'unreadable' };
    }
  }
  if (!info.isFile()) return { ok: false, why: 'not-a-file' };
  let handle;
  try {
    handle = await open(path, 'r');
    const size = info.size;
    const start = Math.max(0, size - LOG_TAIL_BYTES);
    const buffer = Buffer.alloc(Math.min(size, LOG_TAIL_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    // A tail starts mid-line: drop the partial first line.
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return { ok: true, text, size, truncated: start > 0, modifiedAt: info.mtimeMs };
  } catch {
    return { ok: false, why: 'unreadable' };
  } finally {
    await handle?.close();
  }
}
