import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { listedPrivileges } from '../../jamf/coverage.js';
import { WRITE_VERBS } from '../../jamf/privileges.js';

/** The guide's best practice "use least privilege": JamfMCP only reads, so write privileges are a risk. */
export const privilegesLeast: Check = {
  id: 'privileges.least',
  title: 'Least privilege',
  area: 'privileges',
  section: GUIDE.leastPrivilege,
  needs: ['auth.token-valid'],
  async run({ facts }): Promise<CheckOutcome> {
    const info = facts.authInfo;
    const account = (info?.account ?? {}) as Record<string, unknown>;
    const privilegeSet = typeof account.privilegeSet === 'string' ? account.privilegeSet : undefined;
    const listed = [...listedPrivileges(info)];
    const writes = listed.filter((p) => WRITE_VERBS.test(p)).sort();
    const details = { privilegeSet: privilegeSet ?? null, writePrivileges: writes.length, examples: writes.slice(0, 5) };
    const fix = {
      steps: [
        'Give JamfMCP its own API client with a role that holds only the read privileges it needs (the guide\'s minimum list), not an administrator account.',
        'Rotate credentials regularly and never commit them to version control (the guide\'s credential security practices).',
      ],
    };
    if (privilegeSet === 'ADMINISTRATOR') {
      return { status: 'warn', message: `the account is a Jamf Pro administrator${writes.length > 0 ? ` (${writes.length} create/update/delete privileges)` : ''}; JamfMCP only reads`, fix, details };
    }
    if (writes.length > 0) {
      return {
        status: 'warn',
        message: `the token holds ${writes.length} privileges JamfMCP never needs, e.g. ${writes.slice(0, 3).join(', ')}`,
        fix,
        details,
      };
    }
    if (listed.length === 0) return { status: 'skip', message: 'GET /api/v1/auth listed no privileges to judge' };
    return { status: 'pass', message: 'only read privileges: least privilege, as the guide recommends', details };
  },
};
