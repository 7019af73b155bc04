import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { NO_ENTRY } from './shared.js';
import type { Placeholders } from '../../config/clients.js';

const FORMS: Record<Placeholder['form'], string> = {
  braces: '${VAR} form',
  envColon: '${env:VAR} form',
  dollar: '$VAR form',
  'vscode-input': '${input:…} form',
  tilde: '~',
};

interface Placeholder {
  token: string;
  variable: string;
  form: keyof Placeholders | 'vscode-input' | 'tilde';
}

/** The placeholders in one value (never the value itself: it may hold a secret). */
export function placeholdersIn(value: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of value.matchAll(/\$\{(env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}/g)) {
    found.push({ token: match[0], variable: match[2] ?? '', form: match[1] ? 'envColon' : 'braces' });
  }
  for (const match of value.matchAll(/\$\{input:([A-Za-z0-9_.-]+)\}/g)) found.push({ token: match[0], variable: match[1] ?? '', form: 'vscode-input' });
  for (const match of value.matchAll(/(?<![{\w])\$([A-Za-z_][A-Za-z0-9_]*)/g)) found.push({ token: match[0], variable: match[1] ?? '', form: 'dollar' });
  if (/^~[/\\]/.test(value)) found.push({ token: '~', variable: 'HOME', form: 'tilde' });
  return found;
}

/** Placeholders this client passes to the server literally (`${JAMF_CLIENT_SECRET}` reaching JamfMCP as text). */
export const mcpPlaceholders: Check = {
  id: 'mcp.placeholders',
  title: 'Placeholders the client expands',
  area: 'mcp',
  section: GUIDE.configuration,
  needs: [],
  async run({ target }): Promise<CheckOutcome> {
    const file = target.configFile;
    const entry = file?.entry;
    if (!entry) return NO_ENTRY;
    const client = file?.client;
    const clientName = client?.name ?? 'this MCP client';
    const values: Array<[string, string]> = [...Object.entries(entry.env), ...(entry.command ? [['command', entry.command] as [string, string]] : []), ...entry.args.map((a, i) => [`args[${i}]`, a] as [string, string])];
    const literal: string[] = [];
    const unset: string[] = [];
    for (const [name, value] of values) {
      for (const p of placeholdersIn(value)) {
        // Name the variable, not the token: the value itself is treated as a secret and redacted.
        const what = `a placeholder for ${p.variable} (${FORMS[p.form]})`;
        if (p.form === 'vscode-input') {
          if (client?.id !== 'vscode') literal.push(`${name} holds ${what}, which only VS Code fills in`);
          continue;
        }
        if (p.form === 'tilde') {
          literal.push(`${name} starts with "~", which no MCP client expands (servers are started without a shell)`);
          continue;
        }
        const expands = client ? client.placeholders[p.form] : false;
        if (!expands) literal.push(`${name} holds ${what}, which ${clientName} does not expand: the server receives it literally`);
        else if (target.shell[p.variable] === undefined) unset.push(`${name} holds ${what}, but ${p.variable} is not set in this shell (the client must have it in its own environment)`);
      }
    }
    const details = { client: client?.id ?? null, placeholderForms: client ? client.placeholders : null };
    if (literal.length > 0) {
      return {
        status: 'fail',
        message: literal.join('; '),
        fix: {
          steps: [
            `Write the real values into the "env" block of "${entry.name}" in ${file?.displayPath} (${clientName} ${client && Object.values(client.placeholders).some(Boolean) ? `expands only ${describe(client.placeholders)}` : 'expands no placeholders'}).`,
            'Use absolute paths instead of "~".',
            'Restart the MCP client completely after saving.',
          ],
        },
        details,
      };
    }
    if (unset.length > 0) {
      return {
        status: 'warn',
        message: unset.join('; '),
        fix: { steps: ['Set the variable in the environment the MCP client starts from (for a GUI app: not your shell profile), or write the value into "env".'] },
        details,
      };
    }
    return { status: 'pass', message: `no placeholders that ${clientName} would pass literally`, details };
  },
};

function describe(p: Placeholders): string {
  return [p.braces ? '${VAR}' : '', p.envColon ? '${env:VAR}' : '', p.dollar ? '$VAR' : ''].filter(Boolean).join(' and ');
}
