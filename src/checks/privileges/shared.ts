import type { CheckContext, CheckOutcome, Fix } from '../types.js';
import { assessCoverage, listedPrivileges, MAX_IN_FLIGHT, PrivilegeProber, type Coverage } from '../../jamf/coverage.js';
import { PRIVILEGES, type PrivilegeEntry } from '../../jamf/privileges.js';
import type { JamfmcpVersion } from '../../config/jamfmcp-version.js';
import { toolsNeeding } from '../../jamfmcp/tools.js';

/**
 * A privilege check's time budget: the probes run at most 5 at a time (shared by both checks), so
 * a healthy but slow server that answers each within --timeout needs one timeout per wave, plus
 * the listing and a margin. Each request still has its own --timeout deadline.
 */
export function probeTimeLimit(ctx: CheckContext): number {
  // Every candidate endpoint may be asked (a 404 falls back to the next): count them all.
  const waves = Math.ceil(new Set(PRIVILEGES.flatMap((p) => p.probes.map((probe) => probe.path))).size / MAX_IN_FLIGHT);
  return (waves + 2) * ctx.timeoutMs + 1000;
}

/** The run's prober (created by whichever privilege check starts first). */
export function proberFor(ctx: CheckContext): Promise<PrivilegeProber> {
  const token = ctx.facts.token;
  if (!token) throw new Error('auth.token recorded no token');
  // Set synchronously: the privilege checks start together and must share one prober (one limit of 5).
  ctx.facts.prober ??= ctx.http().then((http) => new PrivilegeProber(http, token.value, ctx.signal, ctx.timeoutMs, ctx.facts.jamfVersion));
  return ctx.facts.prober;
}

/**
 * Whether GET /api/v1/auth's privilege list is complete: a full-access account's is, so what it
 * omits is missing; a site-scoped or group-based account's may not be, so omissions are probed.
 */
function listingIsComplete(authInfo: Record<string, unknown> | undefined): boolean {
  const account = authInfo?.account as Record<string, unknown> | undefined;
  return account?.accessLevel === 'FullAccess';
}

export async function coverageOf(ctx: CheckContext, set: PrivilegeEntry['set']): Promise<{ entries: PrivilegeEntry[]; coverage: Coverage }> {
  const entries = PRIVILEGES.filter((p) => p.set === set);
  const prober = await proberFor(ctx);
  const listed = listedPrivileges(ctx.facts.authInfo);
  const coverage = await assessCoverage(entries, listed, prober, {
    authoritative: listingIsComplete(ctx.facts.authInfo),
    // A privilege an ambiguous probe also answers for, judged the same way (listed, or its own probe).
    others: async (name) => {
      if (listed.has(name)) return 'listed';
      const other = PRIVILEGES.find((p) => p.name === name);
      return other ? prober.probe(other) : undefined;
    },
  });
  return { entries, coverage };
}

/**
 * What missing privileges mean for a JamfMCP version: those a working tool needs (and the tools that
 * will then fail), and those no tool needs — or only tools that fail whatever the privileges.
 */
export function toolImpact(version: JamfmcpVersion, missing: readonly string[]): { needed: string[]; failingTools: string[]; notNeeded: Array<{ name: string; why: string }> } {
  const needed: string[] = [];
  const failing = new Set<string>();
  const notNeeded: Array<{ name: string; why: string }> = [];
  for (const name of missing) {
    const { working, broken } = toolsNeeding(version, name);
    if (working.length > 0) {
      needed.push(name);
      for (const tool of working) failing.add(tool.name);
    } else {
      notNeeded.push({ name, why: broken.length > 0 ? `only ${broken.map((t) => t.name).join(', ')} use${broken.length === 1 ? 's' : ''} it, and fail${broken.length === 1 ? 's' : ''} whatever the privileges` : `no JamfMCP ${version} tool uses it` });
    }
  }
  return { needed, failingTools: [...failing], notNeeded };
}

/** "Read Smart Computer Groups (the guide's "Read Computer Groups")" */
export function displayName(entry: PrivilegeEntry | undefined, name: string): string {
  return entry?.guideName ? `${name} (the guide's "${entry.guideName}")` : name;
}

/** The guide's steps for granting privileges, per auth type, naming what is missing. */
export function grantFix(authType: string | undefined, missing: string[]): Fix {
  const list = missing.join(', ');
  if (authType === 'basic') {
    return {
      steps: [
        `In Jamf Pro, open Settings → System → User accounts and groups, select the account JamfMCP uses, and on its Privileges tab grant: ${list}.`,
        'Ensure all the read privileges JamfMCP needs are granted (the guide: "Check user account privileges"); or move to an API client, which the guide recommends for production.',
        'Save; the next token the account obtains carries the new privileges.',
      ],
    };
  }
  return {
    steps: [
      `In Jamf Pro, open Settings → System → API Roles and Clients → API Roles, find the role assigned to JamfMCP's API client, and add: ${list}.`,
      'Privileges changed inside a role apply at once (to the next token). If instead you assign a different or additional role to the API client, generate a new client secret and update JAMF_CLIENT_SECRET: role changes on a client only apply with a new secret.',
      'Keep to read privileges only (the guide: "Use least privilege").',
    ],
  };
}

/** Shared details for both privilege checks. */
export function coverageDetails(coverage: Coverage): Record<string, unknown> {
  return {
    missing: coverage.missing,
    granted: coverage.granted,
    notOnServer: coverage.notOnServer,
    unknown: coverage.unknown,
    determinedBy: coverage.determinedBy,
    evidence: coverage.evidence,
    listedByServer: coverage.listed,
  };
}

export type { CheckOutcome };
