/**
 * The privilege catalogue: each Jamf Pro API privilege the guide lists or JamfMCP's tools use, as
 * Jamf Pro spells it, the name the guide uses where it differs, and one cheap read-only probe.
 * Which tools need each (and whether they work at all) is the JamfMCP model's (src/jamfmcp/tools.ts).
 * Sources: the guide's "Required Minimum Privileges" and jamf-api.md sections 3.1-3.3.
 */
export interface PrivilegeEntry {
  /** Exact API-role privilege name. */
  name: string;
  /** The guide's name, where it differs (e.g. "Read Computer Groups"). */
  guideName?: string;
  set: 'minimum' | 'extended';
  /** One cheap GET that needs exactly this privilege. Classic API paths start with /JSSResource. */
  probe?: string;
  /** A 404 from the probe says nothing about the privilege (e.g. a per-device path). */
  probeNotFoundInconclusive?: boolean;
}

export const PRIVILEGES: readonly PrivilegeEntry[] = [
  // The guide's minimum list, with the names Jamf Pro really uses.
  { name: 'Read Computers', set: 'minimum', probe: '/api/v1/computers-inventory?page=0&page-size=1&section=GENERAL' },
  { name: 'Read Computer Inventory Collection', set: 'minimum', probe: '/JSSResource/computerinventorycollection' },
  { name: 'Read Smart Computer Groups', guideName: 'Read Computer Groups', set: 'minimum', probe: '/api/v3/computer-groups/smart-groups?page=0&page-size=1' },
  { name: 'Read Static Computer Groups', guideName: 'Read Computer Groups', set: 'minimum', probe: '/api/v3/computer-groups/static-groups?page=0&page-size=1' },
  { name: 'Read Computer Extension Attributes', set: 'minimum', probe: '/api/v1/computer-extension-attributes?page=0&page-size=1' },
  { name: 'Read Policies', set: 'minimum', probe: '/JSSResource/policies' },
  { name: 'Read macOS Configuration Profiles', set: 'minimum', probe: '/JSSResource/osxconfigurationprofiles' },
  { name: 'Read Scripts', set: 'minimum', probe: '/api/v1/scripts?page=0&page-size=1' },
  { name: 'Read Packages', set: 'minimum', probe: '/api/v1/packages?page=0&page-size=1' },
  { name: 'Read Buildings', set: 'minimum', probe: '/api/v1/buildings?page=0&page-size=1' },
  { name: 'Read Departments', set: 'minimum', probe: '/api/v1/departments?page=0&page-size=1' },
  { name: 'Read Sites', set: 'minimum', probe: '/api/v1/sites' },
  // What the rest of JamfMCP's tools call (reference section 3.2).
  { name: 'Read User', guideName: 'Read Users', set: 'extended', probe: '/JSSResource/users' },
  { name: 'Read Smart User Groups', guideName: 'Read User Groups', set: 'extended', probe: '/JSSResource/usergroups' },
  { name: 'Read Static User Groups', guideName: 'Read User Groups', set: 'extended', probe: '/JSSResource/usergroups' },
  { name: 'Read Device Compliance Information', set: 'extended', probe: '/api/v1/conditional-access/device-compliance-information/computer/1', probeNotFoundInconclusive: true },
  { name: 'Read Jamf Cloud Distribution Service Files', set: 'extended', probe: '/api/v1/jcds/files' },
  { name: 'Read Network Segments', set: 'extended', probe: '/JSSResource/networksegments' },
  { name: 'Read Patch Management Software Titles', set: 'extended', probe: '/api/v2/patch-software-title-configurations' },
  { name: 'Read Patch Policies', set: 'extended', probe: '/api/v2/patch-policies?page=0&page-size=1' },
  { name: 'Read Categories', set: 'extended', probe: '/api/v1/categories?page=0&page-size=1' },
  { name: 'Read Advanced Computer Searches', set: 'extended', probe: '/JSSResource/advancedcomputersearches' },
  { name: 'Read Restricted Software', set: 'extended', probe: '/JSSResource/restrictedsoftware' },
  { name: 'Read Licensed Software', set: 'extended', probe: '/JSSResource/licensedsoftware' },
  { name: 'Read LDAP Servers', set: 'extended', probe: '/api/v1/ldap/servers' },
  { name: 'Read Directory Bindings', set: 'extended', probe: '/JSSResource/directorybindings' },
  { name: 'Read Webhooks', set: 'extended', probe: '/JSSResource/webhooks' },
];

/** Verbs of privileges JamfMCP never needs: it only reads. */
export const WRITE_VERBS = /^(Create|Update|Delete|Send|Flush|Assign|Unassign|Cancel|Enable|Disable|Renew|Rotate|Execute|Allow|Jamf Pro Server Actions)\b/;
