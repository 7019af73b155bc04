import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';
import { invalidAuthType, normaliseAuthType } from '../../jamfmcp/settings.js';
import type { AuthType } from '../../jamfmcp/profiles.js';
import { afterChangingStep, envLine } from '../shared/env.js';

/**
 * The auth type the JamfMCP version in use ends up with. 1.0.2 has only client credentials and
 * ignores JAMF_AUTH_TYPE; 1.0.1 reads it (default basic), trimmed and lower-cased, and accepts only
 * basic and client_credentials. The guide's "Invalid Authentication Type" section describes 1.0.1.
 */
export const configAuthType: Check = {
  id: 'config.auth-type',
  title: 'Authentication type',
  area: 'config',
  section: GUIDE.invalidAuthType,
  needs: [],
  async run({ target, facts }): Promise<CheckOutcome> {
    const { profile, label } = jamfmcpOf(target);
    const given = target.values.authType;
    const has = (name: 'username' | 'password' | 'clientId' | 'clientSecret'): boolean => (target.values[name]?.value ?? '') !== '';
    const details: Record<string, unknown> = { jamfmcp: profile.version, rule: profile.authType.rule, source: given?.source ?? null };

    if (profile.authType.kind === 'fixed') {
      facts.authType = 'client_credentials';
      details.authType = 'client_credentials';
      if (!given) {
        return { status: 'pass', message: `client_credentials: ${label} supports only API clients and does not read JAMF_AUTH_TYPE`, details };
      }
      const meant = normaliseAuthType({ ...profile, authType: { kind: 'env', default: 'basic', accepted: ['basic', 'client_credentials'], rule: '' } }, given.value);
      if (given.source === 'flag' && meant === 'basic') {
        return {
          status: 'fail',
          message: `--auth-type basic cannot describe ${label}: it has no basic authentication, only API clients (client_credentials)`,
          fix: { steps: ['To judge an older JamfMCP that still offers basic auth, add --jamfmcp-version 1.0.1; otherwise create an API client and test it with --client-id and --client-secret.'] },
          details,
        };
      }
      return {
        status: 'warn',
        message: `${given.where} is ${JSON.stringify(given.value)}, but ${label} ignores JAMF_AUTH_TYPE and always uses client_credentials${meant === 'basic' ? ' — the guide\'s basic examples do not work with it (see config.credentials)' : ''}`,
        fix: { steps: [`Remove JAMF_AUTH_TYPE from ${given.source === 'env' ? 'your environment' : given.where.replace(/^JAMF_AUTH_TYPE (in )?/, '') || 'the configuration'}: ${label} reads only JAMF_URL, JAMF_CLIENT_ID and JAMF_CLIENT_SECRET.`] },
        details,
      };
    }

    // 1.0.0 / 1.0.1: (JAMF_AUTH_TYPE or "basic").strip().lower(), then basic or client_credentials.
    const normalised = normaliseAuthType(profile, given?.value);
    details.authType = normalised;
    if (normalised !== 'basic' && normalised !== 'client_credentials') {
      const close = normalised.replace(/[-\s]/g, '_');
      const suggestion = close === 'client_credentials' || close === 'basic' ? close : normalised === 'oauth' ? 'client_credentials' : undefined;
      return {
        status: 'fail',
        message: `${given?.where ?? 'JAMF_AUTH_TYPE'} is ${JSON.stringify(given?.value ?? '')}: ${label} stops at start-up with "${invalidAuthType(normalised)}" (the guide: Invalid JAMF_AUTH_TYPE)${normalised === 'oauth' ? '; JamfMCP 1.0.1\'s own setup CLI writes "oauth", which its server rejects' : ''}`,
        fix: {
          steps: [
            suggestion
              ? `Set JAMF_AUTH_TYPE to "${suggestion}" in ${given?.where ?? 'the entry\'s env block'}.`
              : `Set JAMF_AUTH_TYPE to "client_credentials" (an API client; recommended) or "basic" (a user account).`,
            'Or upgrade to JamfMCP 1.0.2, which supports API clients only and ignores JAMF_AUTH_TYPE.',
            afterChangingStep(target, ['authType']),
          ],
          commands: [envLine(target, { JAMF_AUTH_TYPE: suggestion ?? 'client_credentials' })],
        },
        details,
      };
    }
    const authType = normalised as AuthType;
    facts.authType = authType;
    if (!given) {
      const onlyClient = has('clientId') && has('clientSecret') && !has('username') && !has('password');
      if (onlyClient) {
        return {
          status: 'fail',
          message: `JAMF_AUTH_TYPE is not set, so ${label} uses basic (its default) — but only client credentials are set: it stops at start-up with "Basic auth credentials not provided…"`,
          fix: { steps: [`Add "JAMF_AUTH_TYPE": "client_credentials" to the entry's env block, or upgrade to JamfMCP 1.0.2 (API clients only).`], commands: [envLine(target, { JAMF_AUTH_TYPE: 'client_credentials' })] },
          details,
        };
      }
      return { status: 'pass', message: `basic: JAMF_AUTH_TYPE is not set and ${label} defaults to basic`, details };
    }
    if (given.value !== normalised) {
      return {
        status: 'warn',
        message: `${given.where} is ${JSON.stringify(given.value)}: ${label} trims and lower-cases it to "${normalised}", so it works, but write it exactly`,
        fix: { steps: [`Set JAMF_AUTH_TYPE to exactly "${normalised}" (lower case, no spaces).`] },
        details,
      };
    }
    return { status: 'pass', message: `${authType} (from ${given.where})`, details };
  },
};
