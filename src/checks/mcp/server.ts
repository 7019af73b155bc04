import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { NO_ENTRY } from './shared.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';

/** The Jamf MCP server an entry runs, from its command and args. */
export function serverFlavour(entry: { command?: string; args: readonly string[] }): 'jamfmcp' | 'jamf-mcp-server' | 'unknown' {
  const words = [entry.command ?? '', ...entry.args];
  if (words.some((a) => /(^|[\\/])jamfmcp(-cli)?(\.exe)?$|^jamfmcp([@=<>~!\s[]|$)|jamfmcp\.server|src[\\/]jamfmcp[\\/]|liquidz00\/jamfmcp/i.test(a))) return 'jamfmcp';
  if (words.some((a) => /jamf-mcp-server/.test(a))) return 'jamf-mcp-server';
  return 'unknown';
}

/**
 * Which JamfMCP version the entry runs (the profile the whole run judges by) and whether its
 * command starts the MCP server at all: 1.0.1's `jamfmcp` script is its setup CLI (pyproject.toml
 * scripts), so `uvx jamfmcp@1.0.1` never answers the MCP handshake.
 */
export const mcpServer: Check = {
  id: 'mcp.server',
  title: 'JamfMCP version and entry point',
  area: 'mcp',
  section: GUIDE.configuration,
  needs: [],
  async run({ target }): Promise<CheckOutcome> {
    const entry = target.configFile?.entry;
    if (!entry) return NO_ENTRY;
    const choice = target.jamfmcp;
    const { profile, label } = jamfmcpOf(target);
    const flavour = serverFlavour(entry);
    const details: Record<string, unknown> = {
      flavour,
      version: profile.version,
      requested: choice.requested ?? null,
      source: choice.source,
      reason: choice.reason,
      entryPoint: choice.entryPoint,
      rule: profile.scriptsRule,
    };
    if (flavour === 'jamf-mcp-server') {
      if ('JAMF_AUTH_TYPE' in entry.env) {
        return { status: 'warn', message: 'dbankscard/jamf-mcp-server does not read JAMF_AUTH_TYPE: it uses whichever credential pair is complete', fix: { steps: ['Remove JAMF_AUTH_TYPE; set one complete pair (JAMF_CLIENT_ID/JAMF_CLIENT_SECRET preferred).'] }, details };
      }
      return { status: 'pass', message: 'runs dbankscard/jamf-mcp-server, not JamfMCP: the JamfMCP-specific rules below may not apply', details };
    }
    if (flavour === 'unknown') {
      return { status: 'skip', message: `"${entry.name}" does not run JamfMCP (uvx jamfmcp); it is judged as ${label} anyway (${choice.reason})`, details };
    }

    const findings: Array<{ severity: 'fail' | 'warn'; message: string; step: string }> = [];
    const script = choice.entryPoint === 'script:jamfmcp' ? 'jamfmcp' : choice.entryPoint === 'script:jamfmcp-cli' ? 'jamfmcp-cli' : undefined;
    if (script && profile.scripts[script] !== 'server') {
      findings.push({
        severity: 'fail',
        message: `the entry runs the "${script}" command, which in ${label} is ${profile.scripts[script] === 'absent' ? 'not installed' : 'the setup CLI, not the MCP server'}: it prints its usage on stderr and exits, and the client shows "connection closed"`,
        step:
          profile.version === '1.0.2'
            ? 'Run the server command: "command": "uvx", "args": ["jamfmcp"] (jamfmcp-cli is only for writing the configuration).'
            : `Start ${label}'s server as a module — "command": "uv", "args": ["run", "--with", "jamfmcp==${profile.version}", "python", "-m", "jamfmcp.server"] — or move to JamfMCP 1.0.2, whose "jamfmcp" command is the server ("args": ["jamfmcp@1.0.2"]).`,
      });
    }
    if (choice.entryPoint === 'module:jamfmcp') {
      findings.push({
        severity: 'fail',
        message: `"python -m jamfmcp" starts nothing: the package has no __main__.py (liquidz00/jamfmcp@${profile.ref}:src/jamfmcp/), so Python exits with "No module named jamfmcp.__main__; 'jamfmcp' is a package and cannot be directly executed" and the client shows "connection closed"`,
        step: 'Start the server module instead: "python", "-m", "jamfmcp.server" (or, with JamfMCP 1.0.2, the "jamfmcp" command: "command": "uvx", "args": ["jamfmcp"]).',
      });
    }
    if (choice.warning) findings.push({ severity: 'warn', message: choice.warning, step: 'Pin a release the doctor knows (e.g. "args": ["jamfmcp@1.0.2"]) or pass --jamfmcp-version to judge another.' });
    if ('LOG_LEVEL' in entry.env) {
      findings.push({
        severity: 'warn',
        message: `${label} never reads LOG_LEVEL (the guide's "Enable Debug Logging" has no effect): its log level is fixed at INFO, on stderr`,
        step: 'Remove LOG_LEVEL; the server\'s stderr (INFO) is in the MCP client\'s log, or run jamfmcp doctor --mcp to see it.',
      });
    }
    const summary = `${label} (${choice.reason})${choice.launch ? `, started with "${choice.launch}"` : ''}${profile.note ? `; ${profile.note}` : ''}`;
    if (findings.length === 0) {
      const unpinned = choice.source === 'unpinned' ? '; uvx runs whatever it resolves or has cached, so pin a version (e.g. jamfmcp@1.0.2) to know which one runs' : '';
      return { status: 'pass', message: `${summary}${unpinned}`, details };
    }
    return {
      status: findings.some((f) => f.severity === 'fail') ? 'fail' : 'warn',
      message: `${summary}: ${findings.map((f) => f.message).join('; ')}`,
      fix: { steps: [...findings.map((f) => f.step), 'Restart the MCP client completely after saving.'] },
      details,
    };
  },
};
