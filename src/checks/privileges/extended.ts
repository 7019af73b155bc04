import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { coverageDetails, coverageOf, grantFix } from './shared.js';

/** Privileges the rest of JamfMCP's tools use, beyond the guide's minimum: warn-only, naming the tools that fail. */
export const privilegesExtended: Check = {
  id: 'privileges.extended',
  title: 'Privileges for the other JamfMCP tools',
  area: 'privileges',
  section: GUIDE.forbidden,
  needs: ['auth.token-valid'],
  async run(ctx): Promise<CheckOutcome> {
    const { entries, coverage } = await coverageOf(ctx, 'extended');
    const byName = new Map(entries.map((e) => [e.name, e]));
    const details = coverageDetails(coverage);
    if (coverage.missing.length > 0) {
      const tools = [...new Set(coverage.missing.flatMap((n) => byName.get(n)?.tools ?? []))];
      return {
        status: 'warn',
        message: `${coverage.missing.length} privileges for other JamfMCP tools are missing (${coverage.missing.join(', ')}); these tools will fail: ${tools.join(', ')}`,
        fix: grantFix(ctx.facts.authType, coverage.missing),
        details: { ...details, failingTools: tools },
      };
    }
    if (coverage.unknown.length > 0 || coverage.notOnServer.length > 0) {
      return {
        status: 'pass',
        message: `${coverage.granted.length} of ${entries.length} granted; ${[...coverage.notOnServer.map((n) => `${n} (not on this server)`), ...coverage.unknown.map((u) => `${u.name} (could not tell)`)].join(', ')}`,
        details,
      };
    }
    return { status: 'pass', message: `all ${entries.length} privileges of the other JamfMCP tools are granted`, details };
  },
};
