/**
 * What JamfAuth.__init__ makes of the settings, in its order, with its exact error texts. It runs
 * in the FastMCP lifespan before the MCP handshake (v1.0.2 src/jamfmcp/server.py:36-43), so any
 * error here means the server exits at start-up and the client shows "connection closed".
 */
import { pyStrip } from './python.js';
import { parseServerUrl } from './url.js';
import type { AuthType, Profile } from './profiles.js';

export interface SettingValues {
  url?: string;
  authType?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface Startup {
  /** The auth type JamfMCP uses (when it gets that far). */
  authType?: AuthType;
  /** JamfAuth's server string (what _parse_server_url made of JAMF_URL). */
  server?: string;
  /** The ValueError JamfMCP stops with, word for word, and which setting causes it. */
  error?: { text: string; setting: 'url' | 'authType' | 'credentials'; rule: string };
  /** Which credential pair JamfMCP requires (and reads). */
  pair: readonly ['username', 'password'] | readonly ['clientId', 'clientSecret'];
}

export const URL_MISSING = 'ValueError: Jamf Pro server URL not provided. Set JAMF_URL environment variable.';
export const CLIENT_MISSING = 'ValueError: Client credentials not provided. Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET environment variables.';
export const BASIC_MISSING = 'ValueError: Basic auth credentials not provided. Set JAMF_USERNAME and JAMF_PASSWORD environment variables.';
export const invalidAuthType = (value: string): string => `ValueError: Invalid auth type: ${value}. Must be 'basic' or 'client_credentials'.`;

/** Python truthiness of an environment value: unset and "" are false; whitespace is true. */
const truthy = (value: string | undefined): value is string => value !== undefined && value !== '';

/** The auth type a profile ends up with for a JAMF_AUTH_TYPE value, before it is validated. */
export function normaliseAuthType(profile: Profile, value: string | undefined): string {
  if (profile.authType.kind === 'fixed') return profile.authType.value;
  // (auth_type or os.getenv("JAMF_AUTH_TYPE", "basic")).strip().lower(): set-but-empty stays "".
  return pyStrip(value ?? profile.authType.default).toLowerCase();
}

/** Emulate JamfAuth.__init__ and _create_provider for this profile. */
export function startJamfmcp(profile: Profile, values: SettingValues): Startup {
  const clientPair = ['clientId', 'clientSecret'] as const;
  const basicPair = ['username', 'password'] as const;
  const auth = normaliseAuthType(profile, values.authType);
  const pair = auth === 'basic' ? basicPair : clientPair;
  const base: Startup = { pair };

  // raw_server = server or os.getenv("JAMF_URL"); if not raw_server: raise ValueError(...)
  if (!truthy(values.url)) return { ...base, error: { text: URL_MISSING, setting: 'url', rule: profile.readsRule } };
  const server = parseServerUrl(values.url, profile.stripsUrl);
  if (!server.ok) return { ...base, error: { text: server.error, setting: 'url', rule: server.rule } };
  const started: Startup = { ...base, server: server.server };

  if (profile.authType.kind === 'env' && auth !== 'basic' && auth !== 'client_credentials') {
    return { ...started, error: { text: invalidAuthType(auth), setting: 'authType', rule: profile.authType.rule } };
  }
  const authType = auth as AuthType;
  const [first, second] = pair;
  if (!truthy(values[first]) || !truthy(values[second])) {
    return { ...started, authType, error: { text: authType === 'basic' ? BASIC_MISSING : CLIENT_MISSING, setting: 'credentials', rule: profile.readsRule } };
  }
  return { ...started, authType };
}
