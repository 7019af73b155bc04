import { configAuthType } from './config/auth-type.js';
import { configSecrets } from './config/secrets.js';
import { mcpLastError } from './mcp/last-error.js';
import { configCredentials } from './config/credentials.js';
import { configFile } from './config/file.js';
import type { Area, Check } from './types.js';
import { urlFormat } from './url/format.js';
import { mcpCommand } from './mcp/command.js';
import { mcpEnvNames } from './mcp/env-names.js';
import { mcpHandshakeCheck } from './mcp/handshake.js';
import { mcpKey } from './mcp/key.js';
import { mcpPlaceholders } from './mcp/placeholders.js';
import { mcpServer } from './mcp/server.js';
import { mcpEnvironment } from './mcp/environment.js';
import { networkConnect } from './network/connect.js';
import { networkDns } from './network/dns.js';
import { tlsCertificate } from './tls/certificate.js';
import { tlsExpiry } from './tls/expiry.js';
import { tlsHandshake } from './tls/handshake.js';
import { tlsTrustStore } from './tls/trust-store.js';
import { authCleanup } from './auth/cleanup.js';
import { authToken } from './auth/token.js';
import { authTokenLifetime } from './auth/token-lifetime.js';
import { authTokenValid } from './auth/token-valid.js';
import { clockSkew } from './clock/skew.js';
import { serverJamf } from './server/jamf.js';
import { privilegesExtended } from './privileges/extended.js';
import { privilegesLeast } from './privileges/least.js';
import { privilegesMinimum } from './privileges/minimum.js';

/**
 * Every check, in the order the guide walks them. A check comes after everything it needs.
 * Check ids are a public contract: add new ones, never rename or remove.
 */
export const CHECKS: readonly Check[] = [
  configFile,
  configAuthType,
  configCredentials,
  configSecrets,
  mcpKey,
  mcpEnvNames,
  mcpPlaceholders,
  mcpServer,
  mcpEnvironment,
  mcpCommand,
  mcpHandshakeCheck,
  urlFormat,
  networkDns,
  networkConnect,
  tlsHandshake,
  tlsCertificate,
  tlsTrustStore,
  tlsExpiry,
  serverJamf,
  clockSkew,
  authToken,
  authTokenLifetime,
  authTokenValid,
  privilegesMinimum,
  privilegesExtended,
  privilegesLeast,
  authCleanup,
  // Last: it reads every other result (after: ['*']); the report shows it first (headline).
  mcpLastError,
];

export class SelectionError extends Error {}

export interface Selection {
  /** The checks to schedule, in registry order, including what the chosen ones need. */
  checks: Check[];
  /** Ids to report as skipped (`--skip`). */
  skipped: Set<string>;
}

/**
 * Which checks a run schedules: the named areas (or everything), narrowed by `--only`, always
 * with the checks they need so that every result is trustworthy.
 */
export function selectChecks(
  catalogue: readonly Check[],
  request: { areas?: readonly Area[]; only?: readonly string[]; skip?: readonly string[] },
): Selection {
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const unknown = [...(request.only ?? []), ...(request.skip ?? [])].filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new SelectionError(
      `unknown check id${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')} (see jamfmcp doctor --list-checks)`,
    );
  }
  let wanted = catalogue.filter((c) => !request.areas || request.areas.length === 0 || request.areas.includes(c.area));
  if (request.only && request.only.length > 0) {
    const only = new Set(request.only);
    wanted = wanted.filter((c) => only.has(c.id));
    if (wanted.length === 0) throw new SelectionError('--only names no check in the chosen areas');
  }
  const chosen = new Set<string>();
  const add = (check: Check): void => {
    if (chosen.has(check.id)) return;
    chosen.add(check.id);
    for (const need of check.needs) {
      const dependency = byId.get(need);
      if (dependency) add(dependency);
    }
  };
  wanted.forEach(add);
  // Clean-up follows whatever created something to clean up, even when --only or an area left it out.
  for (const check of catalogue) {
    if (check.followsNeeds && check.needs.every((id) => chosen.has(id)) && !(request.skip ?? []).includes(check.id)) add(check);
  }
  return { checks: catalogue.filter((c) => chosen.has(c.id)), skipped: new Set(request.skip ?? []) };
}
