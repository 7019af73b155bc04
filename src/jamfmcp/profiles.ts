/**
 * One profile per released JamfMCP version: what it reads, how it chooses its auth type, what its
 * console scripts start, where it asks for a token. Each rule names the source line it copies
 * (liquidz00/jamfmcp at the tag; reference: shared/reference/jamfmcp-behaviour.md §1).
 */
import { JAMFMCP_VERSIONS, type JamfmcpVersion } from '../config/jamfmcp-version.js';

export type AuthType = 'basic' | 'client_credentials';

export interface Profile {
  version: JamfmcpVersion;
  /** The git ref the rules were read at. */
  ref: string;
  /** The environment variables JamfAuth reads. */
  reads: readonly string[];
  readsRule: string;
  /** How the auth type is chosen: fixed (1.0.2), or JAMF_AUTH_TYPE with a default (1.0.1). */
  authType: { kind: 'fixed'; value: 'client_credentials'; rule: string } | { kind: 'env'; default: 'basic'; accepted: readonly AuthType[]; rule: string };
  /** Whether JAMF_URL is strip()ped before use. */
  stripsUrl: boolean;
  stripRule: string;
  /** What each console script starts. */
  scripts: { jamfmcp: 'server' | 'setup-cli'; 'jamfmcp-cli': 'setup-cli' | 'absent' };
  scriptsRule: string;
  /** The token endpoint per auth type (never /api/v1/oauth/token). */
  tokenPath: { client_credentials: string; basic?: string };
  tokenRule: string;
  /** Something worth saying about this profile in the report. */
  note?: string;
}

const J1 = 'liquidz00/jamfmcp@v1.0.1';
const J2 = 'liquidz00/jamfmcp@v1.0.2';

const V101: Omit<Profile, 'version' | 'ref'> = {
  reads: ['JAMF_AUTH_TYPE', 'JAMF_URL', 'JAMF_USERNAME', 'JAMF_PASSWORD', 'JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET'],
  readsRule: `${J1}:src/jamfmcp/auth.py:43-55`,
  authType: { kind: 'env', default: 'basic', accepted: ['basic', 'client_credentials'], rule: `${J1}:src/jamfmcp/auth.py:43,50-59` },
  stripsUrl: true,
  stripRule: `${J1}:src/jamfmcp/auth.py:107`,
  scripts: { jamfmcp: 'setup-cli', 'jamfmcp-cli': 'absent' },
  scriptsRule: `${J1}:pyproject.toml:29-30`,
  tokenPath: { client_credentials: '/api/oauth/token', basic: '/api/v1/auth/token' },
  tokenRule: `${J1}:src/jamfmcp/jamfsdk/clients/auth.py:166,225`,
};

export const PROFILES: Readonly<Record<JamfmcpVersion, Profile>> = {
  '1.0.0': {
    ...V101,
    version: '1.0.0',
    ref: '238461e',
    note:
      'there is no v1.0.0 tag: a 1.0.0 package could only have been built after the release workflow arrived (996c4ee), when the code already equalled v1.0.1 (its last 1.0.0 commit, 238461e, has v1.0.1\'s code), so 1.0.0 is judged as 1.0.1',
  },
  '1.0.1': { ...V101, version: '1.0.1', ref: 'v1.0.1' },
  '1.0.2': {
    version: '1.0.2',
    ref: 'v1.0.2',
    reads: ['JAMF_URL', 'JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET'],
    readsRule: `${J2}:src/jamfmcp/auth.py:34-39`,
    authType: { kind: 'fixed', value: 'client_credentials', rule: `${J2}:src/jamfmcp/auth.py:44-57` },
    stripsUrl: true,
    stripRule: `${J2}:src/jamfmcp/auth.py:75`,
    scripts: { jamfmcp: 'server', 'jamfmcp-cli': 'setup-cli' },
    scriptsRule: `${J2}:pyproject.toml:29-31`,
    tokenPath: { client_credentials: '/api/oauth/token' },
    tokenRule: `${J2}:src/jamfmcp/jamfsdk/clients/auth.py:166`,
  },
};

export function profile(version: JamfmcpVersion): Profile {
  return PROFILES[version];
}

/** Every profile, oldest first (for tests and the README). */
export const ALL_PROFILES: readonly Profile[] = JAMFMCP_VERSIONS.map((v) => PROFILES[v]);
