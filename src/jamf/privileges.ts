/**
 * The privilege catalogue: each Jamf Pro API privilege the guide lists or JamfMCP's tools use, as
 * Jamf Pro spells it, the name the guide uses where it differs, and the cheap read-only GETs that
 * answer whether a token holds it — newest endpoint first, each with the first Jamf Pro release
 * that serves it. Which tools need each (and whether they work at all) is the JamfMCP model's
 * (src/jamfmcp/tools.ts). Sources: the guide's "Required Minimum Privileges", jamf-api.md §3, and
 * Jamf Pro's own schema for 11.23.2-11.30.2 (shared/reference/data/jamf-pro-api-privileges.json,
 * copied to test/fixtures/, where test/unit/privilege-probes.test.ts checks this table against it).
 */
export interface Probe {
  /** Path with its query (page-size=1 for paged lists). Classic API paths start with /JSSResource. */
  path: string;
  /** The first Jamf Pro release that serves it, when later than the oldest the doctor knows (10.49). */
  since?: string;
  /** Other privileges the schema lists for it (whether any or all are needed, it does not say). */
  alsoListed?: readonly string[];
}

export interface PrivilegeEntry {
  /** Exact API-role privilege name. */
  name: string;
  /** The guide's name, where it differs (e.g. "Read Computer Groups"). */
  guideName?: string;
  set: 'minimum' | 'extended';
  /** GETs that need this privilege, newest first: the first the server's version serves is asked; a 404 falls back to the next. */
  probes: readonly Probe[];
  /** A 404 from the probe says nothing about the privilege (e.g. a per-device path). */
  probeNotFoundInconclusive?: boolean;
  /**
   * The probe also answers 200 for another privilege (the Classic user group list, for smart and
   * static groups alike): a 200 counts only when that other privilege is proven missing.
   */
  ambiguousWith?: string;
}

const paged = (path: string): string => `${path}?page=0&page-size=1`;

export const PRIVILEGES: readonly PrivilegeEntry[] = [
  // The guide's minimum list, with the names Jamf Pro really uses.
  {
    name: 'Read Computers',
    set: 'minimum',
    probes: [{ path: paged('/api/v4/computers-inventory'), since: '11.30.0' }, { path: paged('/api/v3/computers-inventory') }, { path: paged('/api/v1/computers-inventory') }],
  },
  { name: 'Read Computer Inventory Collection', set: 'minimum', probes: [{ path: '/JSSResource/computerinventorycollection' }] },
  {
    name: 'Read Smart Computer Groups',
    guideName: 'Read Computer Groups',
    set: 'minimum',
    probes: [{ path: paged('/api/v3/computer-groups/smart-groups'), since: '11.28.0' }, { path: paged('/api/v2/computer-groups/smart-groups') }],
  },
  {
    name: 'Read Static Computer Groups',
    guideName: 'Read Computer Groups',
    set: 'minimum',
    probes: [{ path: paged('/api/v3/computer-groups/static-groups'), since: '11.28.0' }, { path: paged('/api/v2/computer-groups/static-groups') }],
  },
  { name: 'Read Computer Extension Attributes', set: 'minimum', probes: [{ path: paged('/api/v1/computer-extension-attributes') }] },
  // One small settings object instead of the whole Classic policy list.
  { name: 'Read Policies', set: 'minimum', probes: [{ path: '/api/v1/policy-properties' }, { path: '/JSSResource/policies' }] },
  { name: 'Read macOS Configuration Profiles', set: 'minimum', probes: [{ path: '/JSSResource/osxconfigurationprofiles' }] },
  { name: 'Read Scripts', set: 'minimum', probes: [{ path: paged('/api/v1/scripts') }] },
  { name: 'Read Packages', set: 'minimum', probes: [{ path: paged('/api/v1/packages') }] },
  { name: 'Read Buildings', set: 'minimum', probes: [{ path: paged('/api/v1/buildings') }] },
  { name: 'Read Departments', set: 'minimum', probes: [{ path: paged('/api/v1/departments') }] },
  { name: 'Read Sites', set: 'minimum', probes: [{ path: '/api/v1/sites' }] },
  // What the rest of JamfMCP's tools call (reference section 3.2).
  { name: 'Read User', guideName: 'Read Users', set: 'extended', probes: [{ path: paged('/api/v1/users'), since: '11.26.1' }, { path: '/JSSResource/users' }] },
  { name: 'Read Smart User Groups', guideName: 'Read User Groups', set: 'extended', probes: [{ path: '/JSSResource/usergroups' }], ambiguousWith: 'Read Static User Groups' },
  { name: 'Read Static User Groups', guideName: 'Read User Groups', set: 'extended', probes: [{ path: '/api/v1/static-user-groups' }] },
  {
    name: 'Read Device Compliance Information',
    set: 'extended',
    probes: [{ path: '/api/v1/conditional-access/device-compliance-information/computer/1' }],
    probeNotFoundInconclusive: true,
  },
  { name: 'Read Jamf Cloud Distribution Service Files', set: 'extended', probes: [{ path: '/api/v1/jcds/files' }] },
  { name: 'Read Network Segments', set: 'extended', probes: [{ path: '/JSSResource/networksegments' }] },
  {
    name: 'Read Patch Management Software Titles',
    set: 'extended',
    probes: [{ path: '/api/v3/patch-software-title-configurations', since: '11.30.0' }, { path: '/api/v2/patch-software-title-configurations' }],
  },
  { name: 'Read Patch Policies', set: 'extended', probes: [{ path: paged('/api/v2/patch-policies') }] },
  { name: 'Read Categories', set: 'extended', probes: [{ path: paged('/api/v1/categories'), alsoListed: ['Read Self Service'] }] },
  { name: 'Read Advanced Computer Searches', set: 'extended', probes: [{ path: '/JSSResource/advancedcomputersearches' }] },
  { name: 'Read Restricted Software', set: 'extended', probes: [{ path: '/JSSResource/restrictedsoftware' }] },
  { name: 'Read Licensed Software', set: 'extended', probes: [{ path: '/JSSResource/licensedsoftware' }] },
  { name: 'Read LDAP Servers', set: 'extended', probes: [{ path: '/api/v1/ldap/servers' }] },
  { name: 'Read Directory Bindings', set: 'extended', probes: [{ path: '/JSSResource/directorybindings' }] },
  { name: 'Read Webhooks', set: 'extended', probes: [{ path: '/JSSResource/webhooks' }] },
];

/** Verbs of privileges JamfMCP never needs: it only reads. */
export const WRITE_VERBS = /^(Create|Update|Delete|Send|Flush|Assign|Unassign|Cancel|Enable|Disable|Renew|Rotate|Execute|Allow|Jamf Pro Server Actions)\b/;

/** "11.30.1-t1784555528405" → [11, 30, 1]; undefined when the string holds no version. */
export function parseJamfVersion(text: string | undefined): [number, number, number] | undefined {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(text ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(version: [number, number, number], since: string): boolean {
  const want = parseJamfVersion(since) as [number, number, number];
  for (let i = 0; i < 3; i++) if (version[i] !== want[i]) return (version[i] as number) > (want[i] as number);
  return true;
}

/**
 * The probes to try for `entry` on a server of `version`, in order: those it serves, newest first.
 * With the version unknown, every probe (a 404 falls back to the next).
 */
export function probesFor(entry: PrivilegeEntry, version: string | undefined): readonly Probe[] {
  const parsed = parseJamfVersion(version);
  return parsed ? entry.probes.filter((p) => p.since === undefined || atLeast(parsed, p.since)) : entry.probes;
}
