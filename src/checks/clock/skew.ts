import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';

const WARN_S = 60;
/** Beyond this, certificates' validity (judged on this clock) is worth a mention. */
const FAIL_S = 300;

/**
 * This computer's clock against the server's Date header. A warning at most: JamfMCP computes an
 * OAuth token's expiry from expires_in on its own clock (v1.0.2 jamfsdk/clients/auth.py:196), so
 * skew cannot break it; a basic (1.0.1) token's expiry is the server's `expires` read on the local
 * clock (jamfsdk/clients/auth.py:117-140), so a clock running behind makes JamfMCP reuse an expired
 * token ("works initially, then fails"). Certificates far out of date are tls.certificate's job.
 */
export const clockSkew: Check = {
  id: 'clock.skew',
  title: 'Clock skew',
  area: 'token',
  section: GUIDE.tokenExpiration,
  needs: ['server.jamf'],
  async run({ facts, target }): Promise<CheckOutcome> {
    // The auth type JamfMCP ends up with for these settings, whichever checks were selected.
    const basic = (jamfmcpOf(target).startup.authType ?? facts.authType) === 'basic';
    const clock = facts.serverClock;
    if (!clock && facts.serverBadDate !== undefined) {
      return {
        status: 'warn',
        message: `the server's Date header (${JSON.stringify(facts.serverBadDate)}) could not be read as an HTTP date, so the clocks cannot be compared: Jamf Pro sends a proper one, so something else (a proxy or gateway) may be answering`,
        fix: { steps: ['Check that JAMF_URL points at Jamf Pro itself, and what answers in between.', 'Keep this computer on automatic (network) time.'] },
        details: { dateHeader: facts.serverBadDate },
      };
    }
    if (!clock) return { status: 'skip', message: 'the server sent no Date header, so the clocks cannot be compared' };
    // The Date header has 1 s resolution (truncated): its true time is on average half a second
    // later. Compare against the middle of the exchange.
    const skewS = Math.round((clock.localMidpoint - (clock.serverDate + 500)) / 1000);
    const abs = Math.abs(skewS);
    const direction = skewS > 0 ? 'ahead of' : 'behind';
    const details = { skewSeconds: skewS, serverDate: new Date(clock.serverDate).toISOString(), localDate: new Date(clock.localMidpoint).toISOString() };
    if (abs <= WARN_S) return { status: 'pass', message: `this computer's clock is within ${abs <= 1 ? '1 s' : `${abs} s`} of the server's`, details };
    const fix = {
      steps: [
        'Turn on automatic date and time (network time) on this computer — macOS: System Settings → General → Date & Time → "Set time and date automatically"; Windows: Settings → Time & language → Date & time → "Set time automatically" and "Sync now"; Linux: timedatectl set-ntp true.',
        'Then run the doctor again. The guide lists clock skew among the causes of failing token refresh.',
      ],
    };
    const amount = abs >= 120 ? `${Math.round(abs / 60)} min` : `${abs} s`;
    const effect = basic
      ? skewS < 0
        ? `JamfMCP 1.0.1 reads a user token's expiry from the server on this clock, so it keeps using each token about ${amount} after the server has expired it: calls fail with 401 near the end of every token's life (the guide's "works initially, then fails")`
        : 'a user token then looks closer to expiry than it is; JamfMCP only renews it early, which works'
      : "JamfMCP takes a client credentials token's expiry from expires_in on its own clock, so the skew does not break its tokens";
    const far = abs > FAIL_S ? '; certificate validity is judged on this clock too (tls.certificate)' : '';
    return { status: 'warn', message: `this computer's clock is ${amount} ${direction} the server's: ${effect}${far}`, fix, details };
  },
};
