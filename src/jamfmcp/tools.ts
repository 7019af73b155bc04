/**
 * JamfMCP's MCP tools, the Jamf Pro privileges each one needs, and the defects that stop some of
 * them working whatever the privileges. Transcribed from shared/reference/data/jamfmcp-tools.json
 * (extract-jamfmcp-tools.py over liquidz00/jamfmcp v1.0.1 99a106f, v1.0.2 a2473ac; a copy with
 * its provenance is in test/fixtures/, and test/unit/jamfmcp-tools.test.ts checks this table
 * against it). Privilege names are Jamf Pro's API-role names; for Classic API calls the reference
 * marks them UNCONFIRMED (Jamf's swagger names none) and they follow Jamf's endpoint mapping page.
 */
import type { JamfmcpVersion } from '../config/jamfmcp-version.js';

export type ToolDefect =
  | 'pagination-bug'
  | 'filter-field-rejected-by-sdk'
  | 'await-sync-json'
  | 'dict-annotation-returns-list'
  | 'pro-path-sent-to-classic-api'
  | 'missing-method';

export interface JamfmcpTool {
  name: string;
  /** yes: no defect found; conditional: fails only in the cases its defects name; no: fails on every call. */
  canWork: 'yes' | 'conditional' | 'no';
  defects: ToolDefect[];
  /** Privileges its requests need; `anyOf` when one of them is enough (group details: smart or static). */
  privileges: string[];
  anyOf?: boolean;
  /** Where the tool is defined (v1.0.2). */
  at: string;
}

/** What each defect means, for the report; `at` is the source line (v1.0.2). */
export const DEFECTS: Readonly<Record<ToolDefect, { why: string; at: string }>> = {
  'pagination-bug': {
    why: 'fails with TypeError whenever the results span more than one page (100 records): the paginator awaits an async generator',
    at: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/pro_api/pagination.py:266',
  },
  'filter-field-rejected-by-sdk': {
    why: "builds a filter on 'hardware.SerialNumber', which the SDK's own field list rejects (ValueError) before any request",
    at: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/server.py:201',
  },
  'await-sync-json': {
    why: 'awaits httpx\'s synchronous Response.json(), so every successful response ends in TypeError',
    at: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/pro_api/__init__.py:283',
  },
  'dict-annotation-returns-list': {
    why: "returns a list where its annotation promises a dict; FastMCP rejects it ('structured_content must be a dict or None') after the Jamf request",
    at: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/server.py:617 (jlowin/fastmcp@v2.13.0.2:src/fastmcp/tools/tool.py:89-94)',
  },
  'pro-path-sent-to-classic-api': {
    why: 'sends the Jamf Pro API path v2/patch-software-title-configurations/{id} to the Classic API (/JSSResource/…), which has no such endpoint',
    at: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/api.py:650',
  },
  'missing-method': {
    why: 'calls JamfApi.get_device_lock_pin(), which does not exist (AttributeError), before any request',
    at: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/server.py:2457',
  },
};

const t = (name: string, canWork: JamfmcpTool['canWork'], privileges: string[], defects: ToolDefect[], at: number, anyOf = false): JamfmcpTool => ({
  name,
  canWork,
  defects,
  privileges,
  ...(anyOf ? { anyOf } : {}),
  at: `liquidz00/jamfmcp@v1.0.2:src/jamfmcp/server.py:${at}`,
});

const COMPUTERS = ['Read Computers'];
const GROUPS = ['Read Smart Computer Groups', 'Read Static Computer Groups'];
const USER_GROUPS = ['Read Smart User Groups', 'Read Static User Groups'];

/** The 49 tools of v1.0.1 and v1.0.2 (the same set in both; server.py line numbers are v1.0.2's). */
const TOOLS: readonly JamfmcpTool[] = [
  t('get_computer_inventory', 'conditional', COMPUTERS, ['pagination-bug'], 51),
  t('get_computer_history', 'yes', COMPUTERS, [], 104),
  t('search_computers', 'conditional', COMPUTERS, ['pagination-bug', 'filter-field-rejected-by-sdk'], 172),
  t('get_health_scorecard', 'conditional', ['Read Computers', 'Read User'], ['pagination-bug'], 227),
  t('get_basic_diagnostics', 'conditional', COMPUTERS, ['pagination-bug'], 345),
  t('get_cves', 'conditional', COMPUTERS, ['pagination-bug'], 400),
  t('get_compliance_status', 'yes', ['Read Device Compliance Information'], [], 523),
  t('get_jcds_files', 'no', ['Read Jamf Cloud Distribution Service Files'], ['await-sync-json'], 588),
  t('get_policies', 'no', ['Read Policies'], ['dict-annotation-returns-list'], 617),
  t('get_policy_details', 'yes', ['Read Policies'], [], 648),
  t('get_configuration_profiles', 'no', ['Read macOS Configuration Profiles'], ['dict-annotation-returns-list'], 711),
  t('get_profile_details', 'yes', ['Read macOS Configuration Profiles'], [], 744),
  t('get_extension_attributes', 'no', ['Read Computer Extension Attributes'], ['dict-annotation-returns-list'], 807),
  t('get_smart_groups', 'no', GROUPS, ['dict-annotation-returns-list'], 840, true),
  t('get_group_details', 'yes', GROUPS, [], 871, true),
  t('get_scripts', 'no', ['Read Scripts'], ['dict-annotation-returns-list'], 932),
  t('get_script_details', 'yes', ['Read Scripts'], [], 963),
  t('get_packages', 'no', ['Read Packages'], ['pagination-bug', 'dict-annotation-returns-list'], 1024),
  t('get_package_details', 'yes', ['Read Packages'], [], 1055),
  t('get_users', 'no', ['Read User'], ['dict-annotation-returns-list'], 1116),
  t('get_user_details', 'yes', ['Read User'], [], 1145),
  t('get_user_group_details', 'yes', USER_GROUPS, [], 1205, true),
  t('get_buildings', 'yes', ['Read Buildings'], [], 1266),
  t('get_building_details', 'yes', ['Read Buildings'], [], 1297),
  t('get_departments', 'yes', ['Read Departments'], [], 1360),
  t('get_department_details', 'yes', ['Read Departments'], [], 1392),
  t('get_network_segments', 'yes', ['Read Network Segments'], [], 1455),
  t('get_network_segment_details', 'yes', ['Read Network Segments'], [], 1488),
  t('get_patch_software_titles', 'yes', ['Read Patch Management Software Titles'], [], 1551),
  t('get_patch_software_title_details', 'no', [], ['pro-path-sent-to-classic-api'], 1583),
  t('get_patch_policies', 'yes', ['Read Patch Policies'], [], 1646),
  t('get_categories', 'yes', ['Read Categories'], [], 1678),
  t('get_category_details', 'yes', ['Read Categories'], [], 1709),
  t('get_sites', 'yes', ['Read Sites'], [], 1770),
  t('get_site_details', 'yes', ['Read Sites'], [], 1799),
  t('get_advanced_computer_searches', 'yes', ['Read Advanced Computer Searches'], [], 1859),
  t('get_advanced_computer_search_details', 'yes', ['Read Advanced Computer Searches'], [], 1897),
  t('get_restricted_software', 'yes', ['Read Restricted Software'], [], 1963),
  t('get_restricted_software_details', 'yes', ['Read Restricted Software'], [], 1996),
  t('get_licensed_software', 'yes', ['Read Licensed Software'], [], 2059),
  t('get_licensed_software_details', 'yes', ['Read Licensed Software'], [], 2092),
  t('get_ldap_servers', 'yes', ['Read LDAP Servers'], [], 2155),
  t('get_ldap_server_details', 'yes', ['Read LDAP Servers'], [], 2186),
  t('get_directory_bindings', 'yes', ['Read Directory Bindings'], [], 2247),
  t('get_directory_binding_details', 'yes', ['Read Directory Bindings'], [], 2280),
  t('get_webhooks', 'yes', ['Read Webhooks'], [], 2343),
  t('get_webhook_details', 'yes', ['Read Webhooks'], [], 2374),
  t('get_device_lock_pin', 'no', [], ['missing-method'], 2436),
  t('ping', 'yes', [], [], 2521),
];

/** The tools a version registers. */
export function toolsOf(version: JamfmcpVersion): readonly JamfmcpTool[] {
  // v1.0.1 and v1.0.2 register the same 49 tools; 1.0.0 is judged as 1.0.1.
  void version;
  return TOOLS;
}

/** For one privilege: the tools that need it and work, and those that need it but fail anyway. */
export function toolsNeeding(version: JamfmcpVersion, privilege: string): { working: JamfmcpTool[]; broken: JamfmcpTool[] } {
  const users = toolsOf(version).filter((tool) => tool.privileges.includes(privilege));
  return { working: users.filter((tool) => tool.canWork !== 'no'), broken: users.filter((tool) => tool.canWork === 'no') };
}

/** Tools that cannot work whatever the privileges. */
export function brokenTools(version: JamfmcpVersion): readonly JamfmcpTool[] {
  return toolsOf(version).filter((tool) => tool.canWork === 'no');
}
