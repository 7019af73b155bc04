import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { describeHttpFailure } from '../../jamf/http.js';

/** Leave nothing behind: invalidate the user token the doctor obtained (OAuth tokens cannot be revoked). */
export const authCleanup: Check = {
  id: 'auth.cleanup',
  title: 'Token clean-up',
  area: 'token',
  section: GUIDE.tokenCaching,
  needs: ['auth.token'],
  followsNeeds: true,
  // Every check that uses the token must finish first.
  after: ['auth.token-lifetime', 'auth.token-valid', 'privileges', 'privileges.extended', 'privileges.least'],
  async run({ facts, http, signal, timeoutMs }): Promise<CheckOutcome> {
    const token = facts.token;
    if (!token) throw new Error('auth.token recorded no token');
    if (token.kind === 'oauth') {
      const minutes = token.expiresIn !== undefined ? Math.max(1, Math.round(token.expiresIn / 60)) : undefined;
      return {
        status: 'pass',
        message: `client credentials tokens cannot be revoked; the doctor's token expires by itself${minutes !== undefined ? ` in about ${minutes} min` : ''}`,
      };
    }
    try {
      const response = await (await http()).request(
        { method: 'POST', path: '/api/v1/auth/invalidate-token', credentialed: true, headers: { authorization: `Bearer ${token.value}` } },
        signal,
      );
      if (response.status === 204 || response.status === 200) return { status: 'pass', message: "the doctor's user token was invalidated (POST /api/v1/auth/invalidate-token)" };
      return {
        status: 'warn',
        message: `invalidating the doctor's token answered ${response.status}; it expires by itself`,
        fix: { steps: ['Nothing to do: the token stops working when it expires (30 minutes by default).'] },
      };
    } catch (error) {
      return {
        status: 'warn',
        message: `POST /api/v1/auth/invalidate-token ${describeHttpFailure(error, timeoutMs).what}; the doctor's token expires by itself`,
        fix: { steps: ['Nothing to do: the token stops working when it expires.'] },
      };
    }
  },
};
