import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { AUTH_TYPES, type AuthType, type ResolvedConfig } from '../../config/resolve.js';

const present = (config: ResolvedConfig, name: 'username' | 'password' | 'clientId' | 'clientSecret'): boolean =>
  (config.values[name]?.value ?? '').trim() !== '';

/** JAMF_AUTH_TYPE is `basic` or `client_credentials`, or can be inferred from the credentials present. */
export const configAuthType: Check = {
  id: 'config.auth-type',
  title: 'Authentication type',
  area: 'config',
  section: GUIDE.invalidAuthType,
  needs: [],
  async run({ config, facts }): Promise<CheckOutcome> {
    const given = config.values.authType;
    const hasBasic = present(config, 'username') || present(config, 'password');
    const hasClient = present(config, 'clientId') || present(config, 'clientSecret');

    if (given !== undefined) {
      if (!(AUTH_TYPES as readonly string[]).includes(given.value)) {
        const close = AUTH_TYPES.find((t) => t === given.value.trim().toLowerCase().replace(/[-\s]/g, '_'));
        return {
          status: 'fail',
          message: `Invalid JAMF_AUTH_TYPE. Must be 'basic' or 'client_credentials' (${given.where} is ${JSON.stringify(given.value)})`,
          fix: {
            steps: [
              close
                ? `Set JAMF_AUTH_TYPE to exactly "${close}" (lower case, no spaces) in ${given.where}.`
                : `Set JAMF_AUTH_TYPE in ${given.where} to "client_credentials" (an API client; recommended) or "basic" (a user account).`,
              'Restart the MCP client after changing its configuration.',
            ],
            commands: ['"env": {\n  "JAMF_AUTH_TYPE": "client_credentials"\n}'],
          },
          details: { source: given.source },
        };
      }
      const authType = given.value as AuthType;
      facts.authType = authType;
      const unused = authType === 'basic' ? hasClient : hasBasic;
      return {
        status: 'pass',
        message: `${authType} (from ${given.where})`,
        details: {
          authType,
          inferred: false,
          source: given.source,
          ...(unused ? { ignored: authType === 'basic' ? 'JAMF_CLIENT_ID/JAMF_CLIENT_SECRET' : 'JAMF_USERNAME/JAMF_PASSWORD' } : {}),
        },
      };
    }

    // JamfMCP from 1.0.2 on speaks only client credentials; the guide prefers OAuth for production.
    const authType: AuthType = hasBasic && !hasClient ? 'basic' : 'client_credentials';
    facts.authType = authType;
    const details = { authType, inferred: true };
    if (hasBasic && hasClient) {
      return {
        status: 'warn',
        message: 'JAMF_AUTH_TYPE is not set and both credential pairs are present; using client_credentials (JAMF_CLIENT_ID/JAMF_CLIENT_SECRET)',
        fix: {
          steps: [
            'Set JAMF_AUTH_TYPE to the type you mean ("client_credentials" or "basic") and remove the other pair, so there is no doubt which credentials JamfMCP uses.',
          ],
        },
        details: { ...details, ignored: 'JAMF_USERNAME/JAMF_PASSWORD' },
      };
    }
    const why =
      authType === 'basic'
        ? 'JAMF_USERNAME/JAMF_PASSWORD are set'
        : hasClient
          ? 'JAMF_CLIENT_ID/JAMF_CLIENT_SECRET are set'
          : 'no credentials are set; client_credentials is what JamfMCP uses by default';
    return { status: 'pass', message: `${authType}, inferred: JAMF_AUTH_TYPE is not set and ${why}`, details };
  },
};
