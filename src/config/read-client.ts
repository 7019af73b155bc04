import { parse as parseToml, TomlError } from 'smol-toml';
import { isRecord } from './json.js';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { parseMcpConfigText, readConfigText, readMcpConfigFile, withoutBom, type McpConfigFile, type McpServerEntry } from './mcp-file.js';
import type { ClientSpec } from './clients.js';

const KNOWN_KEYS = ['mcpServers', 'servers', 'context_servers'] as const;

/** A config file read the way one client reads it. */
export interface ClientConfigFile extends McpConfigFile {
  client?: ClientSpec;
  /** Servers under a key this client never reads (e.g. "mcpServers" in VS Code's mcp.json). */
  ignored: Array<{ key: string; names: string[] }>;
  /** Top-level keys that look like a server entry pasted without its "mcpServers" wrapper. */
  stray: string[];
}

/**
 * Read an MCP client config as `client` would: its syntax rules (strict JSON, JSONC, TOML), its key.
 * Without a client, JSON is judged strictly (most clients are strict) and every known key is read.
 */
export async function readClientConfig(path: string, client: ClientSpec | undefined, projectPath?: string): Promise<ClientConfigFile> {
  if (!client) return { ...(await readMcpConfigFile(path)), ignored: [], stray: [] };
  const base: ClientConfigFile = { path, jsonc: client.syntax.comments && client.syntax.trailingCommas, syntaxProblems: [], entries: [], ignored: [], stray: [], client };
  const read = await readConfigText(path);
  if ('fatal' in read) return { ...base, fatal: read.fatal };
  if (client.format === 'toml') return { ...base, ...parseCodexToml(read.text), text: read.text };

  const parsed = parseMcpConfigText(read.text, client.syntax, client.id === 'claude-code' && projectPath ? { projectPath } : {});
  const result: ClientConfigFile = { ...base, syntaxProblems: parsed.syntaxProblems, entries: parsed.entries, text: withoutBom(read.text) };
  if (parsed.fatal) result.fatal = parsed.fatal;
  if (!parsed.root) return result;

  // Judge the keys as this client does: only its own key counts. Entries under other keys stay in
  // the list (so they can be diagnosed), and mcp.key says the client never sees them.
  result.ignored = KNOWN_KEYS.filter((k) => k !== client.key)
    .map((key) => ({ key, names: parsed.entries.filter((e) => e.key === key).map((e) => e.name) }))
    .filter((i) => i.names.length > 0);
  result.stray = strayServers(parsed.root);
  return result;
}

/** `{"jamfmcp": {"command": …}}` pasted at the top level: JamfMCP's CLI prints exactly that. */
function strayServers(root: Node): string[] {
  const names: string[] = [];
  for (const property of root.children ?? []) {
    const [nameNode, valueNode] = property.children ?? [];
    if (!nameNode || !valueNode || valueNode.type !== 'object') continue;
    const name = String(nameNode.value);
    if ((KNOWN_KEYS as readonly string[]).includes(name) || name === 'projects') continue;
    // A launch spec (a command) or a Jamf env block; settings such as Zed's "terminal": {"env": …} are not servers.
    const env = findNodeAtLocation(valueNode, ['env']);
    const jamfEnv = env?.type === 'object' && (env.children ?? []).some((p) => /^JAMF_/.test(String(p.children?.[0]?.value ?? '')));
    if (findNodeAtLocation(valueNode, ['command'])?.type === 'string' || jamfEnv) names.push(name);
  }
  return names;
}

/** Codex's config.toml: `[mcp_servers.<name>]` with `command`, `args`, and an `env` table. */
export function parseCodexToml(text: string): Pick<McpConfigFile, 'fatal' | 'syntaxProblems' | 'entries'> {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      return { fatal: { message: error.message.split('\n')[0] ?? 'invalid TOML', line: error.line, column: error.column }, syntaxProblems: [], entries: [] };
    }
    return { fatal: { message: `invalid TOML (${(error as Error).message})` }, syntaxProblems: [], entries: [] };
  }
  const lines = text.split(/\r?\n/);
  const servers = isRecord(data.mcp_servers) ? data.mcp_servers : {};
  const entries: McpServerEntry[] = [];
  for (const [name, value] of Object.entries(servers)) {
    if (!isRecord(value)) continue;
    const entry: McpServerEntry = { name, key: 'mcp_servers', args: [], env: {}, envPositions: {} };
    if (typeof value.command === 'string') entry.command = value.command;
    if (Array.isArray(value.args)) entry.args = value.args.filter((a): a is string => typeof a === 'string');
    // env_vars: names (or {name = …} tables in newer builds) Codex passes on from its own environment.
    if (Array.isArray(value.env_vars)) {
      entry.inherit = value.env_vars.flatMap((v) => (typeof v === 'string' ? [v] : isRecord(v) && typeof v.name === 'string' ? [v.name] : []));
    }
    const env = isRecord(value.env) ? value.env : {};
    // Positions: search this server's own env table (or inline table) for the key.
    const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const header = new RegExp(`^\\s*\\[\\s*mcp_servers\\.("?)${escape(name)}\\1\\s*(\\.\\s*env\\s*)?\\]`);
    const start = Math.max(0, lines.findIndex((l) => header.test(l)));
    for (const [variable, raw] of Object.entries(env)) {
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') continue;
      entry.env[variable] = String(raw);
      const keyPattern = new RegExp(`^(\\s*"?${escape(variable)}"?\\s*=\\s*)`);
      const offset = lines.slice(start).findIndex((l) => keyPattern.test(l));
      if (offset >= 0) {
        const line = start + offset;
        entry.envPositions[variable] = { line: line + 1, column: (keyPattern.exec(lines[line] ?? '')?.[1]?.length ?? 0) + 1 };
      }
    }
    entries.push(entry);
  }
  return { syntaxProblems: [], entries };
}

