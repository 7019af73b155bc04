import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { fingerprint } from '../../config/secrets.js';
import { curlCommand, requestToken } from '../../jamf/token.js';

/**
 * Obtain a token exactly as JamfMCP would (basic: /api/v1/auth/token; OAuth: /api/v1/oauth/token,
 * falling back to /api/oauth/token) and explain every outcome. Only runs once configuration, the
 * certificate and the server all check out: credentials never travel before that.
 */
export const authToken: Check = {
  id: 'auth.token',
  title: 'Token request',
  area: 'token',
  section: GUIDE.unauthorized,
  needs: ['config.file', 'config.credentials', 'server.jamf'],
  async run({ config, facts, http, signal, timeoutMs, now, secrets }): Promise<CheckOutcome> {
    const authType = facts.authType ?? 'client_credentials';
    const base = facts.baseUrl as URL;
    const value = (name: 'username' | 'password' | 'clientId' | 'clientSecret'): string | undefined => config.values[name]?.value;
    const outcome = await requestToken(
      await http(),
      { authType, username: value('username'), password: value('password'), clientId: value('clientId'), clientSecret: value('clientSecret') },
      signal,
      { timeoutMs, now, curl: curlCommand(base, authType, config.caFile), register: (secret) => secrets.add(secret) },
    );
    const who = authType === 'basic' ? `user ${fingerprint(value('username') ?? '')}` : `API client ${fingerprint(value('clientId') ?? '')}`;
    if (!outcome.ok) {
      return { status: 'fail', message: outcome.message, fix: outcome.fix, details: { authType, identity: who, ...outcome.details } };
    }
    facts.token = outcome.token;
    const fallback = outcome.attempts.length > 1 ? ` (after ${outcome.attempts[0]} answered 404: an older server)` : '';
    const notes = outcome.notes.length > 0 ? `; ${outcome.notes.join('; ')}` : '';
    return {
      status: outcome.notes.length > 0 ? 'warn' : 'pass',
      message: `${who} got a ${outcome.token.kind === 'user' ? 'user' : 'client credentials'} token from ${outcome.token.path}${fallback}${notes}`,
      ...(outcome.notes.length > 0 ? { fix: { steps: ['The token response is unusual for Jamf Pro: check that nothing between you and the server rewrites responses.'] } } : {}),
      details: { authType, identity: who, path: outcome.token.path, attempts: outcome.attempts, ...(outcome.token.scope ? { scope: outcome.token.scope } : {}) },
    };
  },
};
