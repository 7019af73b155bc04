/**
 * The target of a run, built in one place: which MCP client entry, which JamfMCP version (profile),
 * the environment that client really gives JamfMCP, and the settings resolved from it with their
 * provenance. `deriveTarget` is the only way to build one; a change of mind (a --fix, an answer at
 * a prompt, an entry chosen in the walkthrough) edits the spec and derives the target again.
 */
import { homedir } from 'node:os';
import { chooseEntry, type McpServerEntry } from './mcp-file.js';
import { clientById, clientForPath, expandFor, type ClientSpec, type Platform } from './clients.js';
import { discover, pathContext, type Candidate } from './discover.js';
import { effectiveEnv, type EffectiveEnv, type Env } from './effective-env.js';
import { detectJamfmcpVersion, diskVersionFiles, type VersionChoice, type VersionFiles } from './jamfmcp-version.js';
import { readClientConfig, type ClientConfigFile } from './read-client.js';
import { fingerprint, urlPasswords, type Secrets } from './secrets.js';
import type { ConnectTo } from '../net/connect-to.js';

export type AuthType = 'basic' | 'client_credentials';
export const AUTH_TYPES: readonly AuthType[] = ['basic', 'client_credentials'];

/** Where a value came from. Part of the JSON report (`target.sources`). */
export type Source = 'flag' | 'env' | 'prompt' | `config:${string}`;

export interface Sourced {
  value: string;
  source: Source;
  /** Human pointer to where the value sits, e.g. `JAMF_URL in ~/…/claude_desktop_config.json line 7` or `--url`. */
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

export type FlagValues = Partial<Record<SettingName, string>> & {
  /** A file path, or `auto` to discover the MCP clients' configs. */
  config?: string;
  server?: string;
  /** Read this MCP client's configuration (`--client`). */
  client?: string;
  caFile?: string;
  /** `--client-log`: the MCP client's log of the server to read (default: where the client writes it). */
  clientLog?: string;
  /** `--jamfmcp-version`: judge this JamfMCP version instead of the one the entry names. */
  jamfmcpVersion?: string;
  /** `--connect-to HOST:PORT:ADDR:PORT2` mappings, already parsed. */
  connectTo?: ConnectTo[];
};

/** What the user asked for; the target is derived from it, and derived again when it changes. */
export interface TargetSpec {
  flags: FlagValues;
  /** Values typed at a prompt (they stand in for a flag: JamfMCP itself never sees them). */
  prompted: Partial<Record<SettingName, string>>;
  /** JamfMCP's own variables typed at the walkthrough's prompt (the CA bundle), standing in for the entry's env. */
  promptedEnv?: Partial<Record<'SSL_CERT_FILE', string>>;
  /** --mcp: start the entry's server and do the MCP handshake. */
  mcpHandshake: boolean;
  /** --fix: what was repaired in the config file before this run. */
  fixed?: string[];
}

export interface Target {
  spec: TargetSpec;
  /** The doctor's own environment. JamfMCP's is `env`. */
  shell: Env;
  /** The settings to test: flag, else prompt, else JamfMCP's environment. */
  values: Partial<Record<SettingName, Sourced>>;
  configFile?: ConfigFileState;
  /** The JamfMCP version judged, and why. */
  jamfmcp: VersionChoice;
  /** The environment JamfMCP runs with. */
  env: EffectiveEnv;
  caFile?: string;
  connectTo: ConnectTo[];
  /** Flags that carried secrets (visible to other local users in the process list). */
  secretFlags: string[];
  shadowed: Shadowed[];
  mcpHandshake: boolean;
  fixed?: string[];
}

export interface DeriveOptions {
  cwd?: string;
  platform?: Platform;
  versionFiles?: VersionFiles;
}

export function emptySpec(flags: FlagValues = {}): TargetSpec {
  return { flags, prompted: {}, mcpHandshake: false };
}

/**
 * Derive the target from the spec. Every secret of the run is registered here, as its value is
 * resolved — passwords, client secrets, passwords inside JAMF_URL and proxy URLs, from every source
 * (flag, file, JamfMCP's environment, this shell) — so that nothing printed later can carry one.
 */
export async function deriveTarget(spec: TargetSpec, shell: Env, secrets: Secrets, options: DeriveOptions = {}): Promise<Target> {
  const flags = spec.flags;
  const cwd = options.cwd ?? pathContext(shell).cwd;
  const platform = options.platform ?? pathContext(shell).platform;
  let configFile: ConfigFileState | undefined;
  if (flags.config !== undefined || flags.client !== undefined) configFile = await configFileState(flags, shell, cwd);
  const entry = configFile?.entry;
  const client = configFile?.client;

  // What the client hands to the server: its own placeholder expansion applied (Claude Code's ${VAR}…).
  const entryEnv = entry ? Object.fromEntries(Object.entries(entry.env).map(([k, v]) => [k, client ? expandFor(client.placeholders, v, shell) : v])) : undefined;
  const env = effectiveEnv(shell, entry, entryEnv, client, platform);
  for (const [variable, value] of Object.entries(spec.promptedEnv ?? {})) {
    if (value === undefined) continue;
    env.values[variable] = value;
    env.origin[variable] = 'prompt';
  }
  const jamfmcp = await detectJamfmcpVersion(entry, flags.jamfmcpVersion, options.versionFiles ?? diskVersionFiles, cwd);

  const target: Target = {
    spec,
    shell,
    values: {},
    jamfmcp,
    env,
    connectTo: flags.connectTo ?? [],
    secretFlags: [],
    shadowed: [],
    mcpHandshake: spec.mcpHandshake,
    ...(configFile ? { configFile } : {}),
    ...(flags.caFile !== undefined ? { caFile: flags.caFile } : {}),
    ...(spec.fixed ? { fixed: spec.fixed } : {}),
  };

  for (const name of SETTING_NAMES) {
    const { flag, env: variable, secret } = SETTINGS[name];
    const fromFlag = flags[name];
    const fromPrompt = spec.prompted[name];
    const fromEnv = env.values[variable];
    const fromShell = shell[variable];
    const literal = entry?.env[variable];
    if (secret) for (const value of [fromFlag, fromPrompt, fromEnv, fromShell, literal]) secrets.add(value);
    if (name === 'url') for (const value of [fromFlag, fromPrompt, fromEnv, fromShell, literal]) for (const p of urlPasswords(value)) secrets.add(p);

    if (fromFlag !== undefined) {
      target.values[name] = { value: fromFlag, source: 'flag', where: flag };
      if (secret) target.secretFlags.push(flag);
    } else if (fromPrompt !== undefined) {
      target.values[name] = { value: fromPrompt, source: 'prompt', where: `${variable} (typed at the prompt)` };
    } else if (fromEnv !== undefined) {
      const origin = env.origin[variable];
      if (origin === 'entry' && configFile) {
        const position = entry?.envPositions[variable];
        const expanded = literal !== undefined && literal !== fromEnv;
        const where = `${variable} in ${configFile.displayPath}${position ? ` line ${position.line}` : ''}${expanded ? ` (expanded by ${client?.name})` : ''}`;
        target.values[name] = { value: fromEnv, source: `config:${configFile.displayPath}`, where };
        if (fromShell !== undefined && fromShell !== fromEnv) {
          const shows = (value: string): string => (secret ? 'a different value' : name === 'url' ? value : fingerprint(value));
          target.shadowed.push({ setting: name, variable, used: `config:${configFile.displayPath}`, fileShows: shows(fromEnv), shellShows: shows(fromShell) });
        }
      } else {
        const passedBy = origin === 'client' && env.client ? `, passed on by ${env.client.name}` : '';
        target.values[name] = { value: fromEnv, source: 'env', where: `${variable} (environment${passedBy})` };
      }
    }
  }
  registerProxySecrets(env.values, secrets);
  registerProxySecrets(shell, secrets);
  registerCompositeSecrets(target, secrets);
  return target;
}

/** Passwords inside *_proxy URLs, from wherever they are set. */
function registerProxySecrets(env: Env, secrets: Secrets): void {
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && /_proxy$/i.test(name)) for (const p of urlPasswords(value)) secrets.add(p);
  }
}

/** Read the config file the flags name, or discover one (--config auto, --client). */
async function configFileState(flags: FlagValues, env: Env, cwd: string): Promise<ConfigFileState> {
  const client: ClientSpec | undefined = flags.client !== undefined ? clientById(flags.client) : undefined;
  if (flags.config !== undefined && flags.config !== 'auto') {
    const file = await readClientConfig(flags.config, client ?? clientForPath(flags.config), cwd);
    const state: ConfigFileState = { ...file, displayPath: displayPath(flags.config) };
    if (!file.fatal) chooseInto(state, file.entries, flags.server);
    return state;
  }
  const found = await discover({ ...pathContext(env), cwd }, client);
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
        : `found no Jamf server entry in ${where} (${lookedIn(found.searched, client !== undefined)})${found.broken.length > 0 ? ` (unreadable: ${summary.broken.join('; ')})` : ''}; the other checks test this shell's settings instead, which is not what the MCP client gives JamfMCP`
      : `found ${candidates.length} Jamf server entries: ${candidates.map(describeCandidate).join('; ')} — choose one with --server <name>${client ? '' : ' (and --client <id>)'}`;
  return {
    path: client ? client.id : 'auto',
    // Named as the user asked: --client alone is not "--config auto".
    displayPath: flags.config === 'auto' ? `--config auto${client ? ` --client ${client.id}` : ''}` : client ? `--client ${client.id}` : '--config auto',
    jsonc: false,
    syntaxProblems: [],
    entries: [],
    ignored: [],
    stray: [],
    entryProblem: problem,
    discovery: summary,
  };
}

/**
 * Where discovery looked: for one client every location; for all of them the files that exist, and
 * how many other known locations do not (fourteen paths would bury the message).
 */
function lookedIn(searched: Awaited<ReturnType<typeof discover>>['searched'], oneClient: boolean): string {
  const line = (s: (typeof searched)[number]): string => `${s.client.name} (${s.location.scope}): ${displayPath(s.location.path)}${s.exists ? '' : ' — not found'}`;
  if (searched.length === 0) return 'no known location on this platform';
  if (oneClient) return `looked in: ${searched.map(line).join('; ')}`;
  const existing = searched.filter((s) => s.exists);
  const missing = searched.length - existing.length;
  const read = existing.length > 0 ? `read: ${existing.map(line).join('; ')}` : 'none of the known config files exists';
  return missing > 0 && existing.length > 0 ? `${read}; ${missing} other known locations do not exist` : read;
}

export function describeCandidate(c: Candidate): string {
  return `"${c.entry.name}" in ${c.client.name} (${c.location.scope}, ${displayPath(c.file.path)})`;
}

function chooseInto(state: ConfigFileState, entries: McpServerEntry[], server: string | undefined): void {
  const choice = chooseEntry(entries, server);
  if ('entry' in choice) state.entry = choice.entry;
  else state.entryProblem = choice.problem;
}

/** The HTTP Basic header carries base64(user:password): that is a secret too. */
function registerCompositeSecrets(target: Target, secrets: Secrets): void {
  const user = target.values.username?.value;
  const password = target.values.password?.value;
  if (password !== undefined) {
    secrets.add(Buffer.from(`${user ?? ''}:${password}`).toString('base64'));
  }
  const id = target.values.clientId?.value;
  const secret = target.values.clientSecret?.value;
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
