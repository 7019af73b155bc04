import { homedir } from 'node:os';
import { chooseEntry, type McpServerEntry } from './mcp-file.js';
import { clientById, clientForPath, expandFor, type ClientSpec } from './clients.js';
import { discover, pathContext, type Candidate } from './discover.js';
import { readClientConfig, type ClientConfigFile } from './read-client.js';
import { fingerprint, type Secrets } from './secrets.js';

export type AuthType = 'basic' | 'client_credentials';
export const AUTH_TYPES: readonly AuthType[] = ['basic', 'client_credentials'];

/** Where a value came from. Part of the JSON report (`target.sources`). */
export type Source = 'flag' | 'env' | 'prompt' | `config:${string}`;

export interface Sourced {
  value: string;
  source: Source;
  /** Human pointer to where the value sits, e.g. `~/…/claude_desktop_config.json line 7` or `--url`. */
  where: string;
}

/** The settings JamfMCP reads, with the flag and variable that carry each. */
export const SETTINGS = {
  url: { flag: '--url', env: 'JAMF_URL', secret: false },
  authType: { flag: '--auth-type', env: 'JAMF_AUTH_TYPE', secret: false },
  username: { flag: '--username', env: 'JAMF_USERNAME', secret: false },
  password: { flag: '--password', env: 'JAMF_PASSWORD', secret: true },
  clientId: { flag: '--client-id', env: 'JAMF_CLIENT_ID', secret: false },
  clientSecret: { flag: '--client-secret', env: 'JAMF_CLIENT_SECRET', secret: true },
} as const;
export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

export interface ConfigFileState extends ClientConfigFile {
  /** The path as shown to the user (home directory as `~`). */
  displayPath: string;
  /** The server entry in use, when one could be chosen. */
  entry?: McpServerEntry;
  /** Why no entry could be chosen. */
  entryProblem?: string;
  /** With --config auto / --client: every Jamf entry found, and every file looked at. */
  discovery?: { candidates: Candidate[]; searched: string[]; broken: string[] };
}

/** A value set in the shell that the MCP config file overrides (what the client passes wins). */
export interface Shadowed {
  setting: SettingName;
  variable: string;
  /** Which source won. */
  used: Source;
  /** How the two values differ, safe to show: URLs whole, identifiers as fingerprints, secrets not at all. */
  fileShows: string;
  shellShows: string;
}

export interface ResolvedConfig {
  values: Partial<Record<SettingName, Sourced>>;
  configFile?: ConfigFileState;
  caFile?: string;
  /** Flags that carried secrets (visible to other local users in the process list). */
  secretFlags: string[];
  shadowed: Shadowed[];
  /** --mcp: start the entry's server and do the MCP handshake. */
  mcpHandshake?: boolean;
  /** --fix: what was repaired in the config file before this run. */
  fixed?: string[];
}

export type FlagValues = Partial<Record<SettingName, string>> & {
  /** A file path, or `auto` to discover the MCP clients' configs. */
  config?: string;
  server?: string;
  /** Read this MCP client's configuration (`--client`). */
  client?: string;
  caFile?: string;
};

/**
 * Work out every setting and where it came from. Precedence: flag, then the MCP client config
 * file (it is what the client hands to JamfMCP), then the environment. Prompts fill gaps later.
 */
export async function resolveConfig(
  flags: FlagValues,
  env: Readonly<Record<string, string | undefined>>,
  secrets: Secrets,
): Promise<ResolvedConfig> {
  const resolved: ResolvedConfig = { values: {}, secretFlags: [], shadowed: [] };
  if (flags.caFile !== undefined) resolved.caFile = flags.caFile;

  let entry: McpServerEntry | undefined;
  if (flags.config !== undefined || flags.client !== undefined) {
    resolved.configFile = await configFileState(flags, env);
    entry = resolved.configFile.entry;
  }

  for (const name of SETTING_NAMES) {
    const { flag, env: variable, secret } = SETTINGS[name];
    const fromFlag = flags[name];
    const literal = entry?.env[variable];
    // What the client really passes: its own placeholder expansion applied (Claude Code's ${VAR}…).
    const client = resolved.configFile?.client;
    const fromFile = literal !== undefined && client ? expandFor(client.placeholders, literal, env) : literal;
    const expanded = fromFile !== literal;
    const fromEnv = env[variable];
    if (secret) {
      secrets.add(fromFlag);
      secrets.add(fromFile);
      secrets.add(fromEnv);
    }
    if (fromFlag !== undefined) {
      resolved.values[name] = { value: fromFlag, source: 'flag', where: flag };
      if (secret) resolved.secretFlags.push(flag);
    } else if (fromFile !== undefined && resolved.configFile) {
      const position = entry?.envPositions[variable];
      const where = `${variable} in ${resolved.configFile.displayPath}${position ? ` line ${position.line}` : ''}${expanded ? ` (expanded by ${client?.name})` : ''}`;
      resolved.values[name] = { value: fromFile, source: `config:${resolved.configFile.displayPath}`, where };
      if (fromEnv !== undefined && fromEnv !== fromFile) {
        const shows = (value: string): string => (secret ? 'a different value' : name === 'url' ? value : fingerprint(value));
        resolved.shadowed.push({ setting: name, variable, used: `config:${resolved.configFile.displayPath}`, fileShows: shows(fromFile), shellShows: shows(fromEnv) });
      }
    } else if (fromEnv !== undefined) {
      resolved.values[name] = { value: fromEnv, source: 'env', where: `${variable} (environment)` };
    }
  }
  registerCompositeSecrets(resolved, secrets);
  return resolved;
}

/** Read the config file the flags name, or discover one (--config auto, --client). */
async function configFileState(flags: FlagValues, env: Readonly<Record<string, string | undefined>>): Promise<ConfigFileState> {
  const client: ClientSpec | undefined = flags.client !== undefined ? clientById(flags.client) : undefined;
  if (flags.config !== undefined && flags.config !== 'auto') {
    const file = await readClientConfig(flags.config, client ?? clientForPath(flags.config), pathContext(env).cwd);
    const state: ConfigFileState = { ...file, displayPath: displayPath(flags.config) };
    if (!file.fatal) chooseInto(state, file.entries, flags.server);
    return state;
  }
  const found = await discover(pathContext(env), client);
  let candidates = found.candidates;
  if (flags.server !== undefined) candidates = candidates.filter((c) => c.entry.name === flags.server);
  const summary = {
    candidates: found.candidates,
    searched: found.searched.map((s) => `${s.client.name} (${s.location.scope}): ${displayPath(s.location.path)}${s.exists ? '' : ' — not found'}`),
    broken: found.broken.map((b) => `${displayPath(b.path)}: ${b.fatal?.message ?? 'unreadable'}`),
  };
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only) {
    return { ...only.file, displayPath: displayPath(only.file.path), entry: only.entry, discovery: summary };
  }
  const where = client ? `${client.name}'s configuration` : 'any MCP client configuration';
  const problem =
    candidates.length === 0
      ? flags.server !== undefined && found.candidates.length > 0
        ? `has no Jamf server entry named "${flags.server}" (found: ${found.candidates.map(describeCandidate).join('; ')})`
        : `found no Jamf server entry in ${where}${found.broken.length > 0 ? ` (unreadable: ${summary.broken.join('; ')})` : ''}`
      : `found ${candidates.length} Jamf server entries: ${candidates.map(describeCandidate).join('; ')} — choose one with --server <name>${client ? '' : ' (and --client <id>)'}`;
  return {
    path: client ? client.id : 'auto',
    displayPath: flags.config === 'auto' || flags.config === undefined ? `--config auto${client ? ` --client ${client.id}` : ''}` : flags.config,
    jsonc: false,
    syntaxProblems: [],
    entries: [],
    ignored: [],
    stray: [],
    entryProblem: problem,
    discovery: summary,
  };
}

export function describeCandidate(c: Candidate): string {
  return `"${c.entry.name}" in ${c.client.name} (${c.location.scope}, ${displayPath(c.file.path)})`;
}

function chooseInto(state: ConfigFileState, entries: McpServerEntry[], server: string | undefined): void {
  const choice = chooseEntry(entries, server);
  if ('entry' in choice) state.entry = choice.entry;
  else state.entryProblem = choice.problem;
}

/** Set a value the user typed at a prompt. */
export function setPrompted(resolved: ResolvedConfig, name: SettingName, value: string, secrets: Secrets): void {
  if (SETTINGS[name].secret) secrets.add(value);
  resolved.values[name] = { value, source: 'prompt', where: `${SETTINGS[name].env} (typed at the prompt)` };
  registerCompositeSecrets(resolved, secrets);
}

/** The HTTP Basic header carries base64(user:password): that is a secret too. */
function registerCompositeSecrets(resolved: ResolvedConfig, secrets: Secrets): void {
  const user = resolved.values.username?.value;
  const password = resolved.values.password?.value;
  if (password !== undefined) {
    secrets.add(Buffer.from(`${user ?? ''}:${password}`).toString('base64'));
  }
  const id = resolved.values.clientId?.value;
  const secret = resolved.values.clientSecret?.value;
  if (secret !== undefined) {
    secrets.add(Buffer.from(`${id ?? ''}:${secret}`).toString('base64'));
  }
}

/** A path with the home directory shown as `~`, so reports don't reveal the user's account name. */
export function displayPath(path: string): string {
  const home = homedir();
  if (home && home !== '/' && (path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}\\`))) {
    return `~${path.slice(home.length)}`;
  }
  return path;
}
