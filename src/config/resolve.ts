import { homedir } from 'node:os';
import { chooseEntry, readMcpConfigFile, type McpConfigFile, type McpServerEntry } from './mcp-file.js';
import type { Secrets } from './secrets.js';

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

export interface ConfigFileState extends McpConfigFile {
  /** The path as shown to the user (home directory as `~`). */
  displayPath: string;
  /** The server entry in use, when one could be chosen. */
  entry?: McpServerEntry;
  /** Why no entry could be chosen. */
  entryProblem?: string;
}

/** A value set in the shell that the MCP config file overrides (what the client passes wins). */
export interface Shadowed {
  setting: SettingName;
  variable: string;
  /** Which source won. */
  used: Source;
}

export interface ResolvedConfig {
  values: Partial<Record<SettingName, Sourced>>;
  configFile?: ConfigFileState;
  caFile?: string;
  /** Flags that carried secrets (visible to other local users in the process list). */
  secretFlags: string[];
  shadowed: Shadowed[];
}

export type FlagValues = Partial<Record<SettingName, string>> & {
  config?: string;
  server?: string;
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
  if (flags.config !== undefined) {
    const file = await readMcpConfigFile(flags.config);
    const state: ConfigFileState = { ...file, displayPath: displayPath(flags.config) };
    if (!file.fatal) {
      const choice = chooseEntry(file.entries, flags.server);
      if ('entry' in choice) {
        state.entry = choice.entry;
        entry = choice.entry;
      } else {
        state.entryProblem = choice.problem;
      }
    }
    resolved.configFile = state;
  }

  for (const name of SETTING_NAMES) {
    const { flag, env: variable, secret } = SETTINGS[name];
    const fromFlag = flags[name];
    const fromFile = entry?.env[variable];
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
      const where = `${variable} in ${resolved.configFile.displayPath}${position ? ` line ${position.line}` : ''}`;
      resolved.values[name] = { value: fromFile, source: `config:${resolved.configFile.displayPath}`, where };
      if (fromEnv !== undefined && fromEnv !== fromFile) {
        resolved.shadowed.push({ setting: name, variable, used: `config:${resolved.configFile.displayPath}` });
      }
    } else if (fromEnv !== undefined) {
      resolved.values[name] = { value: fromEnv, source: 'env', where: `${variable} (environment)` };
    }
  }
  registerCompositeSecrets(resolved, secrets);
  return resolved;
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
