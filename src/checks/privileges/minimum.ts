import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { coverageDetails, coverageOf, probeTimeLimit, displayName, grantFix, toolImpact } from './shared.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';

/**
 * The guide's "Required Minimum Privileges", judged by what the JamfMCP version in use really does
 * with them: a missing privilege that a working tool needs fails; one that no tool uses, or only
 * tools that fail whatever the privileges, is a warning (the guide lists it, JamfMCP does not need it).
 */
export const privilegesMinimum: Check = {
  id: 'privileges',
  title: 'Required minimum privileges',
  area: 'privileges',
  section: GUIDE.forbidden,
  needs: ['auth.token-valid'],
  timeLimitMs: probeTimeLimit,
  async run(ctx): Promise<CheckOutcome> {
    const { entries, coverage } = await coverageOf(ctx, 'minimum');
    const { profile, label } = jamfmcpOf(ctx.target);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const details: Record<string, unknown> = { ...coverageDetails(coverage), jamfmcp: profile.version };
    if (coverage.missing.length > 0) {
      const impact = toolImpact(profile.version, coverage.missing);
      details.failingTools = impact.failingTools;
      details.notNeeded = impact.notNeeded;
      const fix = grantFix(ctx.facts.authType, coverage.missing);
      const unneeded = impact.notNeeded.length > 0 ? `; the guide also lists ${impact.notNeeded.map((n) => `${displayName(byName.get(n.name), n.name)} (${n.why})`).join(', ')}, which ${label} does not need` : '';
      if (impact.needed.length > 0) {
        return {
          status: 'fail',
          message: `missing ${impact.needed.length} of the ${entries.length} required privileges that ${label}'s tools use: ${impact.needed.map((n) => displayName(byName.get(n), n)).join(', ')} — these tools will fail (403, or 401 on the Classic API): ${impact.failingTools.join(', ')}${unneeded}`,
          fix,
          details,
        };
      }
      return {
        status: 'warn',
        message: `missing ${coverage.missing.length} privilege${coverage.missing.length === 1 ? '' : 's'} of the guide's minimum list that ${label} does not need: ${impact.notNeeded.map((n) => `${displayName(byName.get(n.name), n.name)} (${n.why})`).join(', ')}`,
        fix: { steps: [`Nothing breaks in ${label} without ${coverage.missing.length === 1 ? 'it' : 'them'}; grant ${coverage.missing.length === 1 ? 'it' : 'them'} only if you want the role to match the guide's list.`, ...fix.steps.slice(0, 1)] },
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
