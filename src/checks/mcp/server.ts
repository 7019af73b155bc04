import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { NO_ENTRY } from './shared.js';
import { analyseJamfUrl } from '../../config/url.js';

/** Which Jamf MCP server an entry runs, and which JamfMCP version (from a pin in args, else the latest). */
export function jamfmcpVersion(args: string[]): { flavour: 'jamfmcp' | 'jamf-mcp-server' | 'unknown'; version?: string } {
  for (const arg of args) {
    const pinned = /^jamfmcp(?:==|@)(\d+\.\d+\.\d+)/.exec(arg);
    if (pinned) return { flavour: 'jamfmcp', version: pinned[1] as string };
  }
  if (args.some((a) => /^jamfmcp\b|src\/jamfmcp\//.test(a))) return { flavour: 'jamfmcp' };
  if (args.some((a) => /jamf-mcp-server/.test(a))) return { flavour: 'jamf-mcp-server' };
  return { flavour: 'unknown' };
}

const olderThan102 = (version: string): boolean => {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return major < 1 || (major === 1 && minor === 0 && patch < 2);
};

/** Variables and URL forms the JamfMCP version in use ignores or mishandles. */
export const mcpServer: Check = {
  id: 'mcp.server',
  title: 'What the server reads',
  area: 'mcp',
  section: GUIDE.configuration,
  needs: [],
  async run({ config }): Promise<CheckOutcome> {
    const entry = config.configFile?.entry;
    if (!entry) return NO_ENTRY;
    const { flavour, version } = jamfmcpVersion([entry.command ?? '', ...entry.args]);
    const env = entry.env;
    const details = { flavour, version: version ?? (flavour === 'jamfmcp' ? 'unpinned (latest)' : null) };
    if (flavour === 'jamf-mcp-server') {
      if ('JAMF_AUTH_TYPE' in env) {
        return { status: 'warn', message: 'dbankscard/jamf-mcp-server does not read JAMF_AUTH_TYPE: it uses whichever credential pair is complete', fix: { steps: ['Remove JAMF_AUTH_TYPE; set one complete pair (JAMF_CLIENT_ID/JAMF_CLIENT_SECRET preferred).'] }, details };
      }
      return { status: 'pass', message: 'runs dbankscard/jamf-mcp-server', details };
    }
    if (flavour === 'unknown') return { status: 'skip', message: `"${entry.name}" does not run JamfMCP (uvx jamfmcp); nothing version-specific to check`, details };

    const label = version ? `JamfMCP ${version}` : 'JamfMCP (unpinned: the latest, 1.0.2 or later)';
    const findings: Array<{ severity: 'fail' | 'warn'; message: string; step: string }> = [];
    if (version && olderThan102(version)) {
      if (!('JAMF_AUTH_TYPE' in env) && ('JAMF_CLIENT_ID' in env || 'JAMF_CLIENT_SECRET' in env) && !('JAMF_USERNAME' in env)) {
        findings.push({ severity: 'fail', message: `${label} defaults JAMF_AUTH_TYPE to basic, but only client credentials are set`, step: 'Add "JAMF_AUTH_TYPE": "client_credentials", or upgrade to JamfMCP 1.0.2 or later.' });
      }
    } else {
      const ignored = ['JAMF_AUTH_TYPE', 'JAMF_USERNAME', 'JAMF_PASSWORD', 'LOG_LEVEL'].filter((v) => v in env);
      const basicOnly = ('JAMF_USERNAME' in env || 'JAMF_PASSWORD' in env) && !('JAMF_CLIENT_ID' in env);
      if (basicOnly) {
        findings.push({ severity: 'fail', message: `${label} supports only API clients: JAMF_USERNAME/JAMF_PASSWORD are ignored, so it starts without credentials`, step: 'Create an API client in Jamf Pro (Settings → System → API Roles and Clients) and set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET.' });
      } else if (ignored.length > 0) {
        findings.push({ severity: 'warn', message: `${label} ignores ${ignored.join(', ')}: it reads only JAMF_URL, JAMF_CLIENT_ID and JAMF_CLIENT_SECRET`, step: `Remove ${ignored.join(', ')} from the entry to avoid confusion (the doctor still tests what they describe).` });
      }
      const url = env.JAMF_URL !== undefined ? analyseJamfUrl(env.JAMF_URL).url : undefined;
      if (url && url.port !== '' && url.port !== '443') {
        findings.push({ severity: 'warn', message: `${label} keeps only the host of JAMF_URL and always uses port 443, so port ${url.port} is lost`, step: 'A server on another port cannot be reached by this JamfMCP version: serve Jamf Pro on 443 (or put a reverse proxy in front), or use a JamfMCP version that honours ports.' });
      }
      if (url && url.pathname !== '/' && url.pathname !== '') {
        findings.push({ severity: 'warn', message: `${label} drops the path of JAMF_URL (${url.pathname}), so a context path is lost`, step: 'JamfMCP cannot reach a Jamf Pro under a context path; serve it at the root of a host name.' });
      }
    }
    if (findings.length === 0) return { status: 'pass', message: `${label}: the entry sets what it reads`, details };
    return {
      status: findings.some((f) => f.severity === 'fail') ? 'fail' : 'warn',
      message: findings.map((f) => f.message).join('; '),
      fix: { steps: [...findings.map((f) => f.step), 'Pin a version to be sure which one runs: "args": ["jamfmcp@latest"] or an explicit version.'] },
      details,
    };
  },
};
