import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { coverageDetails, coverageOf, displayName, grantFix } from './shared.js';

/** The guide's "Required Minimum Privileges": which ones the account or API role is missing. */
export const privilegesMinimum: Check = {
  id: 'privileges',
  title: 'Required minimum privileges',
  area: 'privileges',
  section: GUIDE.forbidden,
  needs: ['auth.token-valid'],
  async run(ctx): Promise<CheckOutcome> {
    const { entries, coverage } = await coverageOf(ctx, 'minimum');
    const byName = new Map(entries.map((e) => [e.name, e]));
    const details = coverageDetails(coverage);
    if (coverage.missing.length > 0) {
      const tools = [...new Set(coverage.missing.flatMap((n) => byName.get(n)?.tools ?? []))];
      const fix = grantFix(ctx.facts.authType, coverage.missing);
      return {
        status: 'fail',
        message: `missing ${coverage.missing.length} of the ${entries.length} required privileges: ${coverage.missing.map((n) => displayName(byName.get(n), n)).join(', ')}${tools.length > 0 ? ` — JamfMCP tools that will fail with 403: ${tools.join(', ')}` : ''}`,
        fix,
        details,
      };
    }
    const notes: string[] = [];
    if (coverage.notOnServer.length > 0) notes.push(`not on this Jamf Pro version (endpoint 404, not a permission problem): ${coverage.notOnServer.join(', ')}`);
    if (coverage.unknown.length > 0) notes.push(`could not tell: ${coverage.unknown.map((u) => `${u.name} (${u.why})`).join(', ')}`);
    if (notes.length > 0) {
      return {
        status: 'warn',
        message: `${coverage.granted.length} of ${entries.length} required privileges confirmed; ${notes.join('; ')}`,
        fix: { steps: ['Run the doctor again later for the privileges it could not check; a 5xx or timeout is a server problem, not a missing privilege.', 'Compare the role or account privileges in Jamf Pro with the guide\'s "Required Minimum Privileges" list.'] },
        details,
      };
    }
    const how = Object.values(coverage.determinedBy).every((h) => h === 'listed') ? 'as listed by GET /api/v1/auth' : 'from GET /api/v1/auth and probes';
    return { status: 'pass', message: `all ${entries.length} required privileges are granted (${how})`, details };
  },
};
