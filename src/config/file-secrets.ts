/**
 * Secrets written in plain text in an MCP client config file, and whether the file lets other
 * users read them — what config.secrets judges and --fix repairs (mode 0600).
 */
import { stat } from 'node:fs/promises';
import { urlPasswords } from './secrets.js';
import type { McpServerEntry } from './mcp-file.js';

/** A value the client expands from its environment (`${VAR}`, `${env:VAR}`, `${input:id}`, `$VAR`): not a secret on disk. */
export function isPlaceholder(value: string): boolean {
  return /\$\{[^}]*\}/.test(value) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value.trim());
}

/** Where a file holds a secret in plain text: "JAMF_CLIENT_SECRET in "jamfmcp"", a password inside JAMF_URL. */
export function plainSecrets(entries: readonly McpServerEntry[]): string[] {
  const found: string[] = [];
  for (const entry of entries) {
    for (const [name, value] of Object.entries(entry.env)) {
      if (value.trim() === '' || isPlaceholder(value)) continue;
      if (/SECRET|PASSWORD|TOKEN/i.test(name)) found.push(`${name} in "${entry.name}"`);
      else if (/_URL$|_proxy$/i.test(name) && urlPasswords(value).length > 0) found.push(`a password inside ${name} in "${entry.name}"`);
    }
  }
  return found;
}

/** The file's permission bits when group or other may read or write it (POSIX); undefined otherwise. */
export async function looseMode(path: string, platform: NodeJS.Platform = process.platform): Promise<number | undefined> {
  if (platform === 'win32') return undefined;
  try {
    const mode = (await stat(path)).mode & 0o777;
    return (mode & 0o077) !== 0 ? mode : undefined;
  } catch {
    return undefined;
  }
}

export const octal = (mode: number): string => `0${mode.toString(8).padStart(3, '0')}`;
