import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';

const WARN_DAYS = 30;

/** The server certificate is not about to expire (warn within 30 days). */
export const tlsExpiry: Check = {
  id: 'tls.expiry',
  title: 'Certificate expiry',
  area: 'tls',
  section: GUIDE.certificateVerification,
  needs: ['tls.certificate'],
  async run({ facts, now }): Promise<CheckOutcome> {
    const leaf = facts.tls?.chain[0];
    if (!leaf) throw new Error('tls.handshake recorded no certificate');
    const validTo = new Date(leaf.valid_to);
    const days = Math.floor((validTo.getTime() - now()) / 86_400_000);
    const details = { validTo: validTo.toISOString(), daysLeft: days };
    if (days < WARN_DAYS) {
      return {
        status: 'warn',
        message: `the server certificate expires in ${days} day${days === 1 ? '' : 's'} (${validTo.toISOString().slice(0, 10)})`,
        fix: { steps: ['Ask the Jamf Pro administrator to renew the certificate before it expires, or JamfMCP will stop connecting (Jamf Cloud renews its own).'] },
        details,
      };
    }
    return { status: 'pass', message: `valid for ${days} more days (until ${validTo.toISOString().slice(0, 10)})`, details };
  },
};
