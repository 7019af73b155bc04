import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';

const SHORT_LIFETIME_S = 60;
/** Beyond this a claim is not a time at all (JavaScript dates end at ±8.64e15 ms). */
const MAX_DATE_MS = 8.64e15;

/** An ISO time, or undefined for a number no date can hold (exp: 1e20, expires: 1e300). */
function isoTime(ms: number | undefined): string | undefined {
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : undefined;
}

/** A time for a message, as the other checks write times: "2026-11-27 03:04:05 UTC" (details keep ISO). */
function shownTime(ms: number | undefined): string | undefined {
  return isoTime(ms)?.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

function humanSeconds(seconds: number): string {
  return Math.abs(seconds) >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
}

/**
 * How long the token lives as JamfMCP sees it — an OAuth token by expires_in on JamfMCP's own
 * clock (liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/auth.py:192-198), a user token
 * (1.0.1) by the server's `expires` compared with this clock (v1.0.1 jamfsdk/models/client.py:93-105)
 * — and whether the JWT's own times contradict it.
 */
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
    const received = token.receivedAt;
    const jwtExp = claims?.exp !== undefined ? claims.exp * 1000 : undefined;
    // JamfMCP's expiry: expires_in (OAuth) or expires (user); a JWT exp only when neither exists.
    const expiresAt = token.expiresAt ?? jwtExp;
    const lifetimeS = token.kind === 'oauth' && token.expiresIn !== undefined ? token.expiresIn : expiresAt !== undefined ? Math.round((expiresAt - received) / 1000) : undefined;
    const details: Record<string, unknown> = {
      kind: token.kind,
      expirySource: token.expirySource ?? (jwtExp !== undefined ? 'JWT exp' : null),
      expiresAt: isoTime(expiresAt) ?? null,
      lifetimeSeconds: lifetimeS !== undefined && Number.isFinite(lifetimeS) && Math.abs(lifetimeS) < MAX_DATE_MS ? lifetimeS : null,
      jwt: claims ? { exp: claims.exp ?? null, iat: claims.iat ?? null, nbf: claims.nbf ?? null, authenticationType: claims.authenticationType ?? null, scope: claims.scope ?? null } : null,
    };
    const clockFix = { steps: ['Enable automatic (network) time on this computer (the guide: "Check for clock skew").', 'If the clock is right, the server (or something answering for it) issues malformed tokens: check that JAMF_URL points at Jamf Pro itself.'] };

    if (lifetimeS === undefined || !Number.isFinite(lifetimeS)) {
      return {
        status: 'warn',
        message: 'the token response says nothing usable about expiry (no expires / expires_in, no JWT exp)',
        fix: { steps: ['JamfMCP relies on the expiry to refresh tokens in time; check that JAMF_URL points at Jamf Pro itself.'] },
        details,
      };
    }

    // A user token already expired on arrival: JamfMCP 1.0.1 treats it as expired before every call.
    if (token.kind === 'user' && lifetimeS <= 5) {
      return {
        status: 'warn',
        message: `the token's expires (${shownTime(expiresAt) ?? String(expiresAt)}) is ${lifetimeS <= 0 ? 'already past' : 'only seconds away'} on this computer's clock: JamfMCP 1.0.1 treats it as expired and asks for a new token before every call (see clock.skew)`,
        fix: clockFix,
        details,
      };
    }

    // A JWT that says it has expired (or is not yet valid) while the answer says it is good: the
    // server will judge by the JWT, whatever JamfMCP believes.
    if (jwtExp !== undefined && jwtExp < received - 60_000) {
      return {
        status: 'warn',
        message: `the token's JWT exp (${shownTime(jwtExp) ?? String(claims?.exp)}) is already past on this computer's clock, while ${token.expirySource ?? 'the answer'} says ${humanSeconds(lifetimeS)}: Jamf Pro may reject the token at once, or this computer's clock is far ahead (see clock.skew)`,
        fix: clockFix,
        details,
      };
    }
    if (jwtExp !== undefined && isoTime(jwtExp) === undefined) {
      details.jwtNote = `exp ${claims?.exp} is not a representable time`;
    }

    // A token issued "in the future" by this computer's clock: Jamf Pro's clock and ours disagree.
    const local = received / 1000;
    const ahead = (['iat', 'nbf'] as const).filter((name) => {
      const value = claims?.[name];
      return typeof value === 'number' && value - local > 60;
    });
    const clockNote =
      ahead.length > 0
        ? `the token's ${ahead.join(' and ')} ${ahead.length > 1 ? 'are' : 'is'} ${Math.round((claims?.[ahead[0] as 'iat'] ?? local) - local)} s ahead of this computer's clock`
        : undefined;
    // JamfMCP never reads an OAuth token's JWT, so skewed claims cannot hurt it there. A user token
    // (1.0.1) carries the server's own "expires", compared with this clock: there the skew matters.
    const ignoredByJamfmcp = token.kind === 'oauth';
    if (clockNote && !ignoredByJamfmcp && lifetimeS >= SHORT_LIFETIME_S) {
      return {
        status: 'warn',
        message: `${clockNote} (see clock.skew): the token may look not yet valid, or expire early`,
        fix: { steps: [clockFix.steps[0] as string] },
        details,
      };
    }
    const human = humanSeconds(lifetimeS);
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
    const until = shownTime(expiresAt);
    return {
      status: 'pass',
      message: `${token.kind === 'user' ? 'user' : 'client credentials'} token valid for ${human}${until ? ` (until ${until})` : ''}; ${typical}, and JamfMCP requests new ones automatically${clockNote ? `; ${clockNote}, which JamfMCP ignores (it times the token by expires_in on its own clock)` : ''}`,
      details,
    };
  },
};
