import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { NO_ENTRY } from './shared.js';

/** Every JAMF_* variable a Jamf MCP server reads (JamfMCP, and dbankscard/jamf-mcp-server's extras). */
export const KNOWN_JAMF_VARIABLES = [
  'JAMF_URL',
  'JAMF_AUTH_TYPE',
  'JAMF_USERNAME',
  'JAMF_PASSWORD',
  'JAMF_CLIENT_ID',
  'JAMF_CLIENT_SECRET',
  'JAMF_READ_ONLY',
  'JAMF_ALLOW_INSECURE',
  'JAMF_USE_ENHANCED_MODE',
  'JAMF_ENABLE_RETRY',
  'JAMF_ENABLE_RATE_LIMITING',
  'JAMF_ENABLE_CIRCUIT_BREAKER',
  'JAMF_MAX_RETRIES',
  'JAMF_RETRY_DELAY',
  'JAMF_RETRY_MAX_DELAY',
  'JAMF_RETRY_BACKOFF_MULTIPLIER',
  'JAMF_DEBUG_MODE',
  'JAMF_MAX_CONCURRENCY',
  'JAMF_CODE_MODE',
];
const CORE = KNOWN_JAMF_VARIABLES.slice(0, 6);

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** The known variable a name most likely meant, if any is close enough. */
export function closestVariable(name: string): string | undefined {
  const normal = name.trim().toUpperCase().replace(/[-\s.]/g, '_');
  if (KNOWN_JAMF_VARIABLES.includes(normal) && normal !== name) return normal;
  // A truncated name (JAMF_USER) means the longer one it starts, not a near neighbour (JAMF_URL).
  const extended = normal.length >= 7 ? CORE.find((known) => known.startsWith(normal) && known !== normal) : undefined;
  if (extended) return extended;
  let best: { name: string; distance: number } | undefined;
  for (const known of CORE) {
    const distance = Math.min(editDistance(normal, known), editDistance(normal.replace(/_/g, ''), known.replace(/_/g, '')));
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: known, distance };
  }
  return best?.name;
}

/** env keys that look like misspelt Jamf variables (JAMF_CLIENTID, "JAMF_URL " with a space), with the right name. */
export const mcpEnvNames: Check = {
  id: 'mcp.env-names',
  title: 'Variable names in "env"',
  area: 'mcp',
  section: GUIDE.missingVariables,
  needs: [],
  async run({ target }): Promise<CheckOutcome> {
    const entry = target.configFile?.entry;
    if (!entry) return NO_ENTRY;
    const where = target.configFile?.displayPath ?? '';
    const findings: Array<{ severity: 'fail' | 'warn'; message: string; step: string }> = [];
    const names = Object.keys(entry.env);
    for (const name of names) {
      if (KNOWN_JAMF_VARIABLES.includes(name)) continue;
      if (!/jamf|^\s|\s$/i.test(name)) continue;
      const meant = closestVariable(name);
      if (!meant) {
        if (/^JAMF_/.test(name)) {
          findings.push({ severity: 'warn', message: `"${name}" is not a variable any Jamf MCP server reads`, step: `Remove "${name}" from the "env" block of "${entry.name}" in ${where}, or correct its name.` });
        }
        continue;
      }
      const line = entry.envPositions[name]?.line;
      const missing = !names.includes(meant);
      findings.push({
        severity: missing ? 'fail' : 'warn',
        message: `"${name}"${line ? ` (line ${line})` : ''} looks like a misspelling of ${meant}${missing ? `, so ${meant} is not set for the server` : ''}`,
        step: `Rename "${name}" to "${meant}" in the "env" block of "${entry.name}" in ${where}.`,
      });
    }
    if (entry.env.JAMF_ALLOW_INSECURE === 'true') {
      findings.push({ severity: 'warn', message: 'JAMF_ALLOW_INSECURE=true turns certificate verification off in the server', step: 'Remove JAMF_ALLOW_INSECURE and fix trust instead (see the tls.* checks).' });
    }
    if (findings.length === 0) return { status: 'pass', message: `the JAMF_* names in "${entry.name}" are all known (${names.filter((n) => n.startsWith('JAMF_')).join(', ') || 'none'})` };
    return {
      status: findings.some((f) => f.severity === 'fail') ? 'fail' : 'warn',
      message: findings.map((f) => f.message).join('; '),
      fix: { steps: [...findings.map((f) => f.step), 'Restart the MCP client completely after saving.'] },
      details: { server: entry.name, names },
    };
  },
};
