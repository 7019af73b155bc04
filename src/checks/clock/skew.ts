import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';

const WARN_S = 60;
const FAIL_S = 300;

/** This computer's clock against the server's Date header: skew breaks certificates and token expiry. */
export const clockSkew: Check = {
  id: 'clock.skew',
  title: 'Clock skew',
  area: 'token',
  section: GUIDE.tokenExpiration,
  needs: ['server.jamf'],
  async run({ facts }): Promise<CheckOutcome> {
    const clock = facts.serverClock;
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
    if (abs > FAIL_S) {
      return { status: 'fail', message: `this computer's clock is ${amount} ${direction} the server's: tokens look expired or not yet valid, and certificates can fail`, fix, details };
    }
    return { status: 'warn', message: `this computer's clock is ${amount} ${direction} the server's`, fix, details };
  },
};
