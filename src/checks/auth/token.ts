import { release, type } from 'node:os';
import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { fingerprint } from '../../config/secrets.js';
import { trustChoice } from '../../jamfmcp/trust.js';
import { curlCommand, DOCUMENTED_OAUTH_TOKEN_PATH, requestToken, type TokenOutcome } from '../../jamf/token.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';
import { jamfmcpUserAgent, TOKEN_RULES, tokenRequest } from '../../jamfmcp/token.js';
import { testedNote } from '../shared/network.js';
import type { Target } from '../../config/target.js';

/**
 * Obtain a token exactly as the JamfMCP version in use does — the same endpoint (/api/oauth/token,
 * never /api/v1/oauth/token; /api/v1/auth/token for 1.0.1's basic), headers and byte-for-byte body
 * — and require of the answer what it requires. When that endpoint is missing (404), the other
 * OAuth endpoint is tried only to explain. Runs only once configuration, the certificate and the
 * server check out: credentials never travel before that.
 */
export const authToken: Check = {
  id: 'auth.token',
  title: 'Token request',
  area: 'token',
  section: GUIDE.unauthorized,
  needs: ['config.file', 'config.credentials', 'server.jamf'],
  async run(ctx): Promise<CheckOutcome> {
    const { target, facts, http, signal, timeoutMs, now, secrets } = ctx;
    const { profile, label } = jamfmcpOf(target);
    const authType = facts.authType ?? 'client_credentials';
    const base = facts.baseUrl as URL;
    const value = (name: 'username' | 'password' | 'clientId' | 'clientSecret'): string | undefined => target.values[name]?.value;
    const credentials = { username: value('username'), password: value('password'), clientId: value('clientId'), clientSecret: value('clientSecret') };
    const request = tokenRequest(profile, authType, credentials);
    request.headers['user-agent'] = jamfmcpUserAgent(type(), release());
    const client = await http();
    const context = {
      timeoutMs,
      now,
      curl: curlCommand(base, authType, curlTrust(target.env.values), target.connectTo.map((c) => c.text), notInShell(target)),
      register: (secret: string) => secrets.add(secret),
      printedUrl: (path: string) => `${base.origin}${path}`,
    };
    const outcome = await requestToken(client, authType, request, signal, context);
    const who = authType === 'basic' ? `user ${fingerprint(value('username') ?? '')}` : `API client ${fingerprint(value('clientId') ?? '')}`;
    const details: Record<string, unknown> = { authType, identity: who, jamfmcp: profile.version, rule: authType === 'basic' ? TOKEN_RULES.basicRequest : TOKEN_RULES.oauthRequest };
    const note = testedNote(ctx);

    if (!outcome.ok) {
      let message = outcome.message;
      const steps = [...outcome.fix.steps];
      // Only to explain: does the documented endpoint answer where JamfMCP's does not?
      if (outcome.status === 404 && authType === 'client_credentials' && request.path !== DOCUMENTED_OAUTH_TOKEN_PATH) {
        const other: TokenOutcome = await requestToken(client, authType, { ...request, path: DOCUMENTED_OAUTH_TOKEN_PATH }, signal, context);
        details.alsoTried = `POST ${DOCUMENTED_OAUTH_TOKEN_PATH} → ${other.ok ? 'a token' : (other.status ?? 'no answer')}`;
        if (other.ok) {
          message = `this server serves only ${DOCUMENTED_OAUTH_TOKEN_PATH}: ${label} asks only ${request.path} (404), so it cannot get a token from it (the doctor got one from ${DOCUMENTED_OAUTH_TOKEN_PATH}, only to explain)`;
          steps.unshift(
            `${label} hard-codes ${request.path} (${profile.tokenRule}); a gateway or reverse proxy in front of Jamf Pro that exposes only ${DOCUMENTED_OAUTH_TOKEN_PATH} must also pass ${request.path} through.`,
          );
        }
      }
      return {
        status: 'fail',
        message: `${message}${outcome.jamfmcpSees ? `; JamfMCP shows "${outcome.jamfmcpSees.split('\n')[0]}"` : ''}${note}`,
        fix: { ...outcome.fix, steps },
        details: { ...details, ...outcome.details, ...(outcome.jamfmcpSees ? { jamfmcpSees: outcome.jamfmcpSees } : {}) },
      };
    }
    facts.token = outcome.token;
    const notes = outcome.notes.length > 0 ? `; ${outcome.notes.join('; ')}` : '';
    return {
      status: outcome.notes.length > 0 ? 'warn' : 'pass',
      message: `${who} got a ${outcome.token.kind === 'user' ? 'user' : 'client credentials'} token from ${outcome.token.path}, as ${label} asks for it${notes}${note}`,
      ...(outcome.notes.length > 0 ? { fix: { steps: ['The token response is unusual for Jamf Pro: check that nothing between you and the server rewrites responses, and the API client\'s Access Token Lifetime.'] } } : {}),
      details: { ...details, path: outcome.token.path, attempts: outcome.attempts, ...(outcome.token.scope ? { scope: outcome.token.scope } : {}) },
    };
  },
};

/** The credential variables this shell does not hold with the value the run used (the curl command asks for them). */
function notInShell(target: Target): string[] {
  const variables = { username: 'JAMF_USERNAME', password: 'JAMF_PASSWORD', clientId: 'JAMF_CLIENT_ID', clientSecret: 'JAMF_CLIENT_SECRET' } as const;
  return Object.entries(variables)
    .filter(([name, variable]) => {
      const used = target.values[name as keyof typeof variables]?.value;
      return used !== undefined && target.shell[variable] !== used;
    })
    .map(([, variable]) => variable);
}

/** What JamfMCP trusts, for the curl command (never the doctor's own --ca-file: JamfMCP does not read it). */
function curlTrust(env: Readonly<Record<string, string | undefined>>): { file?: string; dir?: string } {
  const choice = trustChoice(env);
  return choice.kind === 'file' ? { file: choice.path } : choice.kind === 'dir' ? { dir: choice.path } : {};
}
