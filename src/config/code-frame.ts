/**
 * A code frame, as a compiler prints one: the lines of a file around a problem, numbered, with a
 * caret under the column. Values that look secret (a JAMF_CLIENT_SECRET, a password, a token, a
 * password inside a URL) are masked: the file is the user's own, but the frame goes into reports.
 */
const CONTEXT_LINES = 2;
const MAX_WIDTH = 100;

/** Mask the values of secret-looking keys (JSON `"KEY": "v"`, TOML `KEY = "v"`) and URL passwords. */
export function maskSecrets(line: string): string {
  return line
    .replace(/("[^"]*(?:SECRET|PASSWORD|TOKEN|KEY|AUTH)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"…"')
    .replace(/(\b\w*(?:SECRET|PASSWORD|TOKEN|KEY|AUTH)\w*\s*=\s*)(["'])(?:(?!\2).)*\2/gi, '$1$2…$2')
    .replace(/(\/\/[^\s/:@"']*:)[^\s/@"']+@/g, '$1***@');
}

/** The frame around `line`:`column` (1-based) of `text`. */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const gutter = String(last).length;
  // A long line is shown as a window around the column.
  const start = Math.max(0, Math.min(column - 1 - Math.floor(MAX_WIDTH / 2), (lines[line - 1]?.length ?? 0) - MAX_WIDTH));
  const window = (text: string): string => {
    const cut = text.slice(start, start + MAX_WIDTH);
    return `${start > 0 ? '…' : ''}${cut}${start + MAX_WIDTH < text.length ? '…' : ''}`;
  };
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const source = maskSecrets((lines[n - 1] ?? '').replace(/\t/g, ' '));
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(gutter)} | ${window(source)}`);
    if (n === line) out.push(`  ${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, column - 1 - start) + (start > 0 ? 1 : 0))}^`);
  }
  return out.join('\n');
}
