import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { coverageDetails, coverageOf, probeTimeLimit, grantFix, toolImpact } from './shared.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';
import { brokenTools, DEFECTS } from '../../jamfmcp/tools.js';

/**
 * Privileges the rest of JamfMCP's tools use, beyond the guide's minimum: warn-only, naming the
 * tools that will fail. Also lists the tools that fail whatever the privileges (defects in JamfMCP).
 */
export const privilegesExtended: Check = {
  id: 'privileges.extended',
  title: 'Privileges for the other JamfMCP tools',
  area: 'privileges',
  section: GUIDE.forbidden,
  needs: ['auth.token-valid'],
  timeLimitMs: probeTimeLimit,
  async run(ctx): Promise<CheckOutcome> {
    const { entries, coverage } = await coverageOf(ctx, 'extended');
    const { profile, label } = jamfmcpOf(ctx.target);
    const broken = brokenTools(profile.version);
    const details: Record<string, unknown> = {
      ...coverageDetails(coverage),
      jamfmcp: profile.version,
      brokenTools: broken.map((t) => ({ tool: t.name, why: t.defects.map((d) => DEFECTS[d].why), at: t.defects.map((d) => DEFECTS[d].at) })),
    };
    const brokenNote = `${broken.length} ${label} tools fail on every call whatever the privileges (defects in JamfMCP itself, listed in details): ${broken.map((t) => t.name).join(', ')}`;
    if (coverage.missing.length > 0) {
      const impact = toolImpact(profile.version, coverage.missing);
      details.failingTools = impact.failingTools;
      details.notNeeded = impact.notNeeded;
      if (impact.needed.length > 0) {
        return {
          status: 'warn',
          message: `${impact.needed.length} privilege${impact.needed.length === 1 ? '' : 's'} for other ${label} tools ${impact.needed.length === 1 ? 'is' : 'are'} missing (${impact.needed.join(', ')}); these tools will fail: ${impact.failingTools.join(', ')}. ${brokenNote}`,
          fix: grantFix(ctx.facts.authType, impact.needed),
          details,
        };
      }
    }
    const gaps = [...coverage.notOnServer.map((n) => `${n} (not on this server)`), ...coverage.unknown.map((u) => `${u.name} (could not tell)`)];
    const missingButUnneeded = coverage.missing.length > 0 ? `; missing but needed by no working tool: ${coverage.missing.join(', ')}` : '';
    return {
      status: 'pass',
      message: `${coverage.granted.length} of ${entries.length} privileges of the other tools granted${gaps.length > 0 ? `; ${gaps.join(', ')}` : ''}${missingButUnneeded}. ${brokenNote}`,
      details,
    };
  },
};
