import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { fingerprint } from '../../config/secrets.js';
import { describeHttpFailure, type JamfResponse } from '../../jamf/http.js';

/** Use the token as JamfMCP would: the guide's manual token test (jamf-pro-version) plus GET /api/v1/auth. */
export const authTokenValid: Check = {
  id: 'auth.token-valid',
  title: 'Token accepted',
  area: 'token',
  section: GUIDE.manualTokenTest,
  needs: ['auth.token'],
  async run({ facts, http, signal, timeoutMs }): Promise<CheckOutcome> {
    const token = facts.token;
    if (!token) throw new Error('auth.token recorded no token');
    const client = await http();
    const headers = { authorization: `Bearer ${token.value}` };
    let version: JamfResponse;
    let auth: JamfResponse;
    try {
      [version, auth] = await Promise.all([
        client.request({ method: 'GET', path: '/api/v1/jamf-pro-version', credentialed: true, headers }, signal),
        client.request({ method: 'GET', path: '/api/v1/auth', credentialed: true, headers }, signal),
      ]);
    } catch (error) {
      const failure = describeHttpFailure(error, timeoutMs);
      return { status: 'fail', message: `using the token: the request ${failure.what}`, fix: { steps: failure.steps }, details: { code: failure.code } };
    }
    const rejected = [version, auth].find((r) => r.status === 401);
    if (rejected) {
      const invalidToken = /INVALID_TOKEN/.test(rejected.text);
      return {
        status: 'fail',
        message: `the server rejected the token it had just issued (${new URL(rejected.url).pathname} → 401${invalidToken ? ' INVALID_TOKEN' : ''})`,
        fix: {
          steps: [
            "Check this computer's clock (see clock.skew): a clock far off makes a fresh token look expired.",
            'A load balancer or proxy may route requests to different servers, or strip the Authorization header: try without the proxy, or ask IT.',
            'The guide\'s manual token test reproduces this with curl: get a token, then call /api/v1/jamf-pro-version with "Authorization: Bearer $TOKEN".',
          ],
        },
        details: { versionStatus: version.status, authStatus: auth.status },
      };
    }
    const versionBody = version.json as { version?: unknown } | undefined;
    const jamfVersion = version.status === 200 && typeof versionBody?.version === 'string' ? versionBody.version : undefined;
    if (jamfVersion) facts.jamfVersion = jamfVersion;
    const info = auth.status === 200 && auth.json && typeof auth.json === 'object' ? (auth.json as Record<string, unknown>) : undefined;
    if (info) facts.authInfo = info;
    if (!jamfVersion && !info) {
      return {
        status: 'fail',
        message: `the token works for neither GET /api/v1/jamf-pro-version (${version.status}) nor GET /api/v1/auth (${auth.status})`,
        fix: { steps: ['Check that JAMF_URL points at Jamf Pro itself; a proxy may be answering these requests.'] },
        details: { versionStatus: version.status, authStatus: auth.status },
      };
    }
    const account = (info?.account ?? {}) as Record<string, unknown>;
    const accessLevel = typeof account.accessLevel === 'string' ? account.accessLevel : undefined;
    const username = typeof account.username === 'string' && account.username !== '' ? fingerprint(account.username) : undefined;
    const details = {
      jamfProVersion: jamfVersion ?? null,
      accessLevel: accessLevel ?? null,
      privilegeSet: typeof account.privilegeSet === 'string' ? account.privilegeSet : null,
      authenticationType: typeof info?.authenticationType === 'string' ? info.authenticationType : null,
      account: username ?? null,
    };
    const who = `${username ? `as ${username}` : 'authenticated'}${accessLevel ? ` (${accessLevel})` : ''}`;
    const summary = `the token works: Jamf Pro ${jamfVersion ?? '(version not readable)'}, ${who}`;
    if (accessLevel && accessLevel !== 'FullAccess') {
      return {
        status: 'warn',
        message: `${summary}; the account has ${accessLevel === 'SiteAccess' ? 'site access only' : accessLevel}: lists outside its site(s) will look empty`,
        fix: { steps: ['If JamfMCP should see the whole Jamf Pro instance, give the account Full Access (the guide\'s "Site restrictions" cause of 403 Forbidden and empty results).'] },
        details,
      };
    }
    return { status: 'pass', message: summary, details };
  },
};
