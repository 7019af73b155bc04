import type { SettingName, Target } from '../../config/target.js';

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

/**
 * The last step of a configuration fix, speaking of where the values really came from: a config
 * file (save it, restart the client), or this shell, a flag or the prompt — which JamfMCP never
 * sees: the corrected value belongs in the MCP client's entry, then the client is restarted.
 */
export function afterChangingStep(target: Target, names: readonly SettingName[]): string {
  const sources = new Set(names.map((name) => target.values[name]?.source).filter((s): s is NonNullable<typeof s> => s !== undefined));
  const fromHere = [...sources].filter((s) => s === 'flag' || s === 'prompt' || (s === 'env' && target.env.mode === 'shell'));
  if (fromHere.length === 0) return target.configFile ? `Save ${target.configFile.displayPath}, then restart the MCP client completely.` : 'Restart the MCP client after changing its configuration.';
  const where = fromHere.map((s) => (s === 'flag' ? 'a flag' : s === 'prompt' ? 'the prompt' : "this shell's environment")).join(' and ');
  const entry = target.configFile?.entry ? `"${target.configFile.entry.name}" in ${target.configFile.displayPath}` : "your MCP client's JamfMCP entry";
  return `The doctor tested the value from ${where}; JamfMCP reads only its MCP client's entry: put the corrected value in the "env" block of ${entry}, then restart the client.`;
}
