import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';

const SHORT_LIFETIME_S = 60;

/** How long the token lives (expires / expires_in / JWT exp), and whether its claims make sense for this clock. */
export const authTokenLifetime: Check = {
  id: 'auth.token-lifetime',
  title: 'Token lifetime',
  area: 'token',
  section: GUIDE.tokenExpiration,
  needs: ['auth.token'],
  async run({ facts }): Promise<CheckOutcome> {
    const token = facts.token;
    if (!token) throw new Error('auth.token recorded no token');
    const claims = token.claims;
    const expiresAt = token.expiresAt ?? (claims?.exp !== undefined ? claims.exp * 1000 : undefined);
    // What the administrator configured: exp - iat when the JWT says (expires_in is one second short).
    const lifetimeS =
      claims?.exp !== undefined && claims.iat !== undefined
        ? claims.exp - claims.iat
        : (token.expiresIn ?? (expiresAt !== undefined ? Math.round((expiresAt - token.receivedAt) / 1000) : undefined));
    const details: Record<string, unknown> = {
      kind: token.kind,
      expirySource: token.expirySource ?? (claims?.exp !== undefined ? 'JWT exp' : null),
      expiresAt: expiresAt !== undefined ? new Date(expiresAt).toISOString() : null,
      lifetimeSeconds: lifetimeS ?? null,
      jwt: claims ? { exp: claims.exp ?? null, iat: claims.iat ?? null, nbf: claims.nbf ?? null, authenticationType: claims.authenticationType ?? null, scope: claims.scope ?? null } : null,
    };

    // A token issued "in the future" by this computer's clock: Jamf Pro's clock and ours disagree.
    const local = token.receivedAt / 1000;
    const ahead = (['iat', 'nbf'] as const).filter((name) => {
      const value = claims?.[name];
      return typeof value === 'number' && value - local > 60;
    });
    const clockNote =
      ahead.length > 0
        ? `the token's ${ahead.join(' and ')} ${ahead.length > 1 ? 'are' : 'is'} ${Math.round((claims?.[ahead[0] as 'iat'] ?? local) - local)} s ahead of this computer's clock`
        : undefined;
    // JamfMCP never reads an OAuth token's JWT: it times the token by expires_in on its own clock
    // (liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/auth.py:192-198), so skewed claims
    // cannot hurt it. A user token (1.0.1) carries the server's own "expires", which it compares
    // with this clock (v1.0.1 jamfsdk/models/client.py:100-105): there the skew matters.
    const ignoredByJamfmcp = token.kind === 'oauth';
    if (clockNote && !ignoredByJamfmcp && (lifetimeS === undefined || lifetimeS >= SHORT_LIFETIME_S)) {
      return {
        status: 'warn',
        message: `${clockNote} (see clock.skew): the token may look not yet valid, or expire early`,
        fix: { steps: ['Enable automatic (network) time on this computer (the guide: "Check for clock skew").'] },
        details,
      };
    }
    if (lifetimeS === undefined) {
      return {
        status: 'warn',
        message: 'the token response says nothing about expiry (no expires / expires_in, no JWT exp)',
        fix: { steps: ['JamfMCP relies on the expiry to refresh tokens in time; check that JAMF_URL points at Jamf Pro itself.'] },
        details,
      };
    }
    const human = lifetimeS >= 120 ? `${Math.round(lifetimeS / 60)} min` : `${lifetimeS} s`;
    if (lifetimeS < SHORT_LIFETIME_S) {
      return {
        status: 'warn',
        message: `the token lives only ${human}: JamfMCP must fetch a new one almost every call, and long requests can fail mid-way with 401${clockNote && !ignoredByJamfmcp ? `; also ${clockNote}` : ''}`,
        fix: {
          steps: [
            token.kind === 'oauth'
              ? 'Raise the API client\'s "Access Token Lifetime" in Jamf Pro (Settings → System → API Roles and Clients → API Clients), e.g. to 1800 seconds.'
              : 'User tokens normally live 30 minutes: check the Jamf Pro token settings.',
            'The guide: tokens auto-refresh in JamfMCP; if refresh fails, check connectivity, that the credentials are still valid, restart the MCP client, and check for clock skew.',
          ],
        },
        details,
      };
    }
    const typical = token.kind === 'user' ? 'user tokens default to 30 minutes' : 'OAuth tokens typically live 60 minutes, set per API client';
    return {
      status: 'pass',
      message: `${token.kind === 'user' ? 'user' : 'client credentials'} token valid for ${human}${expiresAt !== undefined ? ` (until ${new Date(expiresAt).toISOString()})` : ''}; ${typical}, and JamfMCP requests new ones automatically${clockNote ? `; ${clockNote}, which JamfMCP ignores (it times the token by expires_in on its own clock)` : ''}`,
      details,
    };
  },
};
