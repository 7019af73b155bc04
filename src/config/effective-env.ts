/**
 * The environment JamfMCP really runs with. Started by an MCP client, it gets the entry's `env`
 * block plus whatever that client passes on from its own environment (rules per client in
 * clients.ts); run by hand, it gets the shell's. Every setting JamfMCP reads — JAMF_*, proxies,
 * SSL_CERT_FILE/SSL_CERT_DIR — is read from here, never from the doctor's own shell.
 */
import type { ClientSpec, EnvironmentRule, Platform } from './clients.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Where a variable of the effective environment comes from. */
/** `prompt`: typed at the walkthrough's prompt (SSL_CERT_FILE), standing in for the entry's env. */
export type EnvOrigin = 'entry' | 'client' | 'shell' | 'prompt';

export interface EffectiveEnv {
  /** `entry`: an MCP client starts JamfMCP from an entry; `shell`: no entry, as when run by hand. */
  mode: 'entry' | 'shell';
  values: Record<string, string>;
  origin: Record<string, EnvOrigin>;
  /** One sentence for the report: whose environment this is and what it rests on. */
  description: string;
  certainty: EnvironmentRule['certainty'] | 'exact';
  /** Variables JamfMCP reads that are set in this shell but that the client does not pass on. */
  notPassed: string[];
  /** The client whose rule applies, when there is one. */
  client?: { id: string; name: string };
}

/** The PATH a macOS app started from the Dock gets from launchd: not the shell's. */
export const MACOS_GUI_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';

/**
 * The settings some JamfMCP version reads (1.0.1's JamfAuth reads all six, 1.0.2 the first three:
 * liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43-55). Other JAMF_* names are read by nothing.
 */
export const JAMFMCP_SETTINGS = ['JAMF_URL', 'JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET', 'JAMF_AUTH_TYPE', 'JAMF_USERNAME', 'JAMF_PASSWORD'] as const;

/** Variables whose absence or presence changes what JamfMCP does (JamfMCP's settings, httpx's proxies and trust). */
export function jamfmcpRelevant(name: string): boolean {
  return (JAMFMCP_SETTINGS as readonly string[]).includes(name) || /_proxy$/i.test(name) || name === 'SSL_CERT_FILE' || name === 'SSL_CERT_DIR';
}

/**
 * Compute the environment JamfMCP gets. `entryEnv` is the entry's env block as the client hands it
 * (placeholders already expanded by the client's rules).
 */
export function effectiveEnv(
  shell: Env,
  entry: { env: Record<string, string>; inherit?: string[] } | undefined,
  entryEnv: Record<string, string> | undefined,
  client: ClientSpec | undefined,
  platform: Platform,
): EffectiveEnv {
  const values: Record<string, string> = {};
  const origin: Record<string, EnvOrigin> = {};
  if (!entry) {
    for (const [name, value] of Object.entries(shell)) {
      if (value === undefined) continue;
      values[name] = value;
      origin[name] = 'shell';
    }
    return {
      mode: 'shell',
      values,
      origin,
      description: "no MCP client entry: JamfMCP's environment is taken to be this shell's, as when it is run by hand from here",
      certainty: 'exact',
      notPassed: [],
    };
  }

  const rule: EnvironmentRule =
    client?.environment ??
    ({
      inherits: 'names',
      names: (p: Platform) => (p === 'win32' ? ['PATH', 'SYSTEMROOT', 'USERPROFILE'] : ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER']),
      certainty: 'unknown',
      source: "the file's MCP client is not known, so only the entry's env block (and the MCP SDK's default HOME, LOGNAME, PATH, SHELL, TERM, USER) is sure to arrive",
    } satisfies EnvironmentRule);
  const inherited = (name: string): boolean => {
    if (rule.inherits === 'all') return !(rule.except?.test(name) ?? false);
    return (rule.names?.(platform) ?? []).includes(name) || (entry.inherit ?? []).includes(name);
  };
  for (const [name, value] of Object.entries(shell)) {
    if (value === undefined || !inherited(name)) continue;
    values[name] = value;
    origin[name] = 'client';
  }
  // A GUI app on macOS is started by launchd with a minimal PATH, whatever the shell's is.
  if (client?.gui && platform === 'darwin' && rule.inherits === 'names') {
    values.PATH = MACOS_GUI_PATH;
    origin.PATH = 'client';
  }
  for (const [name, value] of Object.entries(entryEnv ?? entry.env)) {
    values[name] = value;
    origin[name] = 'entry';
  }
  const notPassed = Object.keys(shell)
    .filter((name) => jamfmcpRelevant(name) && (shell[name] ?? '') !== '' && !(name in values))
    .sort();
  const passed =
    rule.inherits === 'all'
      ? `everything it has${rule.except ? ` except ${rule.except.why.replace(/^Gemini CLI removes /, '')}` : ''}`
      : `${[...(rule.names?.(platform) ?? []), ...(entry.inherit ?? [])].join(', ')} from its own environment`;
  const who = client?.name ?? 'the MCP client';
  return {
    mode: 'entry',
    values,
    origin,
    description: `${who} starts JamfMCP with the entry's env block plus ${passed} (${rule.certainty}: ${rule.source})`,
    certainty: rule.certainty,
    notPassed,
    ...(client ? { client: { id: client.id, name: client.name } } : {}),
  };
}
