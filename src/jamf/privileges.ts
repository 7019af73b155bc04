/**
 * The privilege catalogue: each Jamf Pro API privilege JamfMCP relies on, as Jamf Pro spells it,
 * the name the guide uses where it differs, one cheap read-only probe, and the JamfMCP tools that
 * need it. Sources: the guide's "Required Minimum Privileges" and jamf-api.md sections 3.1-3.3.
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
  /** JamfMCP tools that fail without it. */
  tools: string[];
}

export const PRIVILEGES: readonly PrivilegeEntry[] = [
  // The guide's minimum list, with the names Jamf Pro really uses.
  { name: 'Read Computers', set: 'minimum', probe: '/api/v1/computers-inventory?page=0&page-size=1&section=GENERAL', tools: ['get_computer_inventory', 'search_computers', 'get_computer_history', 'get_health_scorecard', 'get_basic_diagnostics', 'get_cves'] },
  { name: 'Read Computer Inventory Collection', set: 'minimum', probe: '/JSSResource/computerinventorycollection', tools: [] },
  { name: 'Read Smart Computer Groups', guideName: 'Read Computer Groups', set: 'minimum', probe: '/api/v3/computer-groups/smart-groups?page=0&page-size=1', tools: ['get_smart_groups', 'get_group_details'] },
  { name: 'Read Static Computer Groups', guideName: 'Read Computer Groups', set: 'minimum', probe: '/api/v3/computer-groups/static-groups?page=0&page-size=1', tools: ['get_group_details'] },
  { name: 'Read Computer Extension Attributes', set: 'minimum', probe: '/api/v1/computer-extension-attributes?page=0&page-size=1', tools: ['get_extension_attributes'] },
  { name: 'Read Policies', set: 'minimum', probe: '/JSSResource/policies', tools: ['get_policies', 'get_policy_details'] },
  { name: 'Read macOS Configuration Profiles', set: 'minimum', probe: '/JSSResource/osxconfigurationprofiles', tools: ['get_configuration_profiles', 'get_profile_details'] },
  { name: 'Read Scripts', set: 'minimum', probe: '/api/v1/scripts?page=0&page-size=1', tools: ['get_scripts', 'get_script_details'] },
  { name: 'Read Packages', set: 'minimum', probe: '/api/v1/packages?page=0&page-size=1', tools: ['get_packages', 'get_package_details'] },
  { name: 'Read Buildings', set: 'minimum', probe: '/api/v1/buildings?page=0&page-size=1', tools: ['get_buildings', 'get_building_details'] },
  { name: 'Read Departments', set: 'minimum', probe: '/api/v1/departments?page=0&page-size=1', tools: ['get_departments', 'get_department_details'] },
  { name: 'Read Sites', set: 'minimum', probe: '/api/v1/sites', tools: ['get_sites', 'get_site_details'] },
  // What the rest of JamfMCP's tools call (reference section 3.2).
  { name: 'Read User', guideName: 'Read Users', set: 'extended', probe: '/JSSResource/users', tools: ['get_users', 'get_user_details', 'get_health_scorecard (by email)'] },
  { name: 'Read Smart User Groups', guideName: 'Read User Groups', set: 'extended', probe: '/JSSResource/usergroups', tools: ['get_user_group_details'] },
  { name: 'Read Static User Groups', guideName: 'Read User Groups', set: 'extended', probe: '/JSSResource/usergroups', tools: ['get_user_group_details'] },
  { name: 'Read Device Compliance Information', set: 'extended', probe: '/api/v1/conditional-access/device-compliance-information/computer/1', probeNotFoundInconclusive: true, tools: ['get_compliance_status'] },
  { name: 'Read Jamf Cloud Distribution Service Files', set: 'extended', probe: '/api/v1/jcds/files', tools: ['get_jcds_files'] },
  { name: 'Read Network Segments', set: 'extended', probe: '/JSSResource/networksegments', tools: ['get_network_segments', 'get_network_segment_details'] },
  { name: 'Read Patch Management Software Titles', set: 'extended', probe: '/api/v2/patch-software-title-configurations', tools: ['get_patch_software_titles', 'get_patch_software_title_details'] },
  { name: 'Read Patch Policies', set: 'extended', probe: '/api/v2/patch-policies?page=0&page-size=1', tools: ['get_patch_policies'] },
  { name: 'Read Categories', set: 'extended', probe: '/api/v1/categories?page=0&page-size=1', tools: ['get_categories', 'get_category_details'] },
  { name: 'Read Advanced Computer Searches', set: 'extended', probe: '/JSSResource/advancedcomputersearches', tools: ['get_advanced_computer_searches', 'get_advanced_computer_search_details'] },
  { name: 'Read Restricted Software', set: 'extended', probe: '/JSSResource/restrictedsoftware', tools: ['get_restricted_software', 'get_restricted_software_details'] },
  { name: 'Read Licensed Software', set: 'extended', probe: '/JSSResource/licensedsoftware', tools: ['get_licensed_software', 'get_licensed_software_details'] },
  { name: 'Read LDAP Servers', set: 'extended', probe: '/api/v1/ldap/servers', tools: ['get_ldap_servers', 'get_ldap_server_details'] },
  { name: 'Read Directory Bindings', set: 'extended', probe: '/JSSResource/directorybindings', tools: ['get_directory_bindings', 'get_directory_binding_details'] },
  { name: 'Read Webhooks', set: 'extended', probe: '/JSSResource/webhooks', tools: ['get_webhooks', 'get_webhook_details'] },
];

/** Verbs of privileges JamfMCP never needs: it only reads. */
export const WRITE_VERBS = /^(Create|Update|Delete|Send|Flush|Assign|Unassign|Cancel|Enable|Disable|Renew|Rotate|Execute|Allow|Jamf Pro Server Actions)\b/;
