import type { Target } from '../../config/target.js';

/**
 * The `env` lines that make JamfMCP receive `values`, as a snippet for the entry's config file
 * (TOML for Codex, JSON elsewhere). Secret values are never passed in: callers use "…".
 */
export function envLine(target: Target, values: Record<string, string>): string {
  const entries = Object.entries(values);
  if (target.configFile?.client?.format === 'toml') {
    return [`[mcp_servers.${target.configFile.entry?.name ?? 'jamfmcp'}.env]`, ...entries.map(([k, v]) => `${k} = ${JSON.stringify(v)}`)].join('\n');
  }
  return ['"env": {', entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n'), '}'].join('\n');
}

/**
 * When a variable JamfMCP needs is set in the doctor's shell but the MCP client does not pass it:
 * the sentence that says so (undefined otherwise).
 */
export function notPassedNote(target: Target, variables: readonly string[]): string | undefined {
  const names = variables.filter((v) => target.env.notPassed.includes(v));
  if (names.length === 0) return undefined;
  const client = target.env.client?.name ?? 'the MCP client';
  const sure = target.env.certainty === 'unknown' ? ` (${client} does not document what it passes, so only the entry's "env" block is sure to arrive)` : '';
  return `${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} set in your shell, but ${client} does not pass your shell's environment to JamfMCP${sure}: ${names.length === 1 ? 'it has' : 'they have'} to be in the entry's "env" block`;
}

/** Where JamfMCP's environment comes from, for messages: "JamfMCP's environment (Claude Desktop's entry)". */
export function envLabel(target: Target): string {
  return target.env.mode === 'entry' ? `the environment ${target.env.client?.name ?? 'the MCP client'} gives JamfMCP` : 'this shell\'s environment';
}
