import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome, Fix } from '../types.js';
import { fingerprint } from '../../config/secrets.js';
import { SETTINGS, type ResolvedConfig, type SettingName } from '../../config/resolve.js';

const PAIRS = {
  basic: ['username', 'password'],
  client_credentials: ['clientId', 'clientSecret'],
} as const satisfies Record<string, readonly [SettingName, SettingName]>;

/** Values copied from the guide or a template instead of the real ones. */
const EXAMPLE_VALUES = new Set(['api-user', 'secure-password', 'your_id', 'your_secret', 'prod-client-id', 'prod-secret', 'dev-user', 'dev-pass', 'username', 'password', 'changeme']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Finding {
  severity: 'fail' | 'warn';
  message: string;
  step: string;
}

/** The chosen auth type's credentials are present and look like real, cleanly pasted values. */
export const configCredentials: Check = {
  id: 'config.credentials',
  title: 'Credentials present',
  area: 'config',
  section: GUIDE.missingVariables,
  needs: ['config.auth-type'],
  async run({ config, facts }): Promise<CheckOutcome> {
    const authType = facts.authType ?? 'client_credentials';
    const pair = PAIRS[authType];
    const missing = pair.filter((name) => (config.values[name]?.value ?? '').trim() === '');
    const [first, second] = pair.map((name) => SETTINGS[name].env);
    const details: Record<string, unknown> = { authType, ...describe(config, pair) };

    if (missing.length > 0) {
      const label = authType === 'basic' ? 'basic authentication' : 'client credentials (OAuth) authentication';
      const empty = missing.filter((name) => config.values[name] !== undefined).map((name) => SETTINGS[name].env);
      return {
        status: 'fail',
        message: `Missing required credentials for ${label}: ${first} and ${second} must be provided (missing: ${missing.map((n) => SETTINGS[n].env).join(', ')}${empty.length > 0 ? `; ${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} set but blank` : ''})`,
        fix: credentialFix(authType, config),
        details: { ...details, missing: missing.map((n) => SETTINGS[n].env) },
      };
    }

    const findings = pair.flatMap((name) => inspect(name, config));
    for (const flag of config.secretFlags) {
      findings.push({
        severity: 'warn',
        message: `${flag} was given on the command line, where other local users can read it in the process list`,
        step: `Pass the secret in the environment (${flag === '--password' ? 'JAMF_PASSWORD' : 'JAMF_CLIENT_SECRET'}) or type it at the prompt instead of ${flag}.`,
      });
    }
    if (findings.length === 0) {
      return { status: 'pass', message: `${first} and ${second} are set (${pair.map((n) => config.values[n]?.where).join('; ')})`, details };
    }
    const status = findings.some((f) => f.severity === 'fail') ? 'fail' : 'warn';
    return {
      status,
      message: findings.map((f) => f.message).join('; '),
      fix: { steps: [...findings.map((f) => f.step), 'Restart the MCP client after changing its configuration.'] },
      details: { ...details, problems: findings.map((f) => f.message) },
    };
  },
};

/** Copy-paste slips in one value. Messages name the variable and where it came from, never the value. */
function inspect(name: SettingName, config: ResolvedConfig): Finding[] {
  const sourced = config.values[name];
  if (!sourced) return [];
  const value = sourced.value;
  const findings: Finding[] = [];
  if (/^\s|\s$/.test(value)) {
    findings.push({
      severity: 'warn',
      message: `${sourced.where} has leading or trailing whitespace`,
      step: `Remove the spaces or line breaks around the value of ${sourced.where}.`,
    });
  }
  if (/^["'`]|["'`]$/.test(value.trim())) {
    findings.push({
      severity: 'warn',
      message: `${sourced.where} starts or ends with a quote character, which becomes part of the value`,
      step: `Remove the extra quote characters around the value of ${sourced.where}.`,
    });
  }
  if (/\$\{[^}]*\}|^\$[A-Z_][A-Z0-9_]*$|^<[^>]*>$/.test(value.trim())) {
    findings.push({
      severity: 'fail',
      message: `${sourced.where} is a placeholder that was never filled in or expanded`,
      step: `Put the real value in ${sourced.where}; many MCP clients do not expand \${…} references.`,
    });
  } else if (EXAMPLE_VALUES.has(value.trim().toLowerCase())) {
    findings.push({
      severity: 'warn',
      message: `${sourced.where} is an example value from the documentation`,
      step: `Replace the example value of ${sourced.where} with the real one from Jamf Pro.`,
    });
  }
  if (name === 'clientId' && !UUID.test(value.trim()) && findings.length === 0) {
    findings.push({
      severity: 'warn',
      message: `${sourced.where} does not look like a Jamf Pro API client ID (a UUID such as 0d2c6a1e-…)`,
      step: 'Copy the Client ID exactly from Jamf Pro: Settings → System → API Roles and Clients → API Clients → your client (not its display name).',
    });
  }
  if (name === 'clientSecret' && findings.length === 0 && value.length < 8) {
    findings.push({
      severity: 'warn',
      message: `${sourced.where} is much shorter than a generated client secret`,
      step: 'Generate a new client secret in Jamf Pro and paste it whole.',
    });
  }
  return findings;
}

function describe(config: ResolvedConfig, pair: readonly SettingName[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of pair) {
    const sourced = config.values[name];
    const { env: variable, secret } = SETTINGS[name];
    if (!sourced) out[variable] = 'not set';
    else if (secret) out[variable] = sourced.value === '' ? 'empty' : `set (${sourced.source})`;
    else out[variable] = sourced.value === '' ? 'empty' : `${fingerprint(sourced.value)} (${sourced.source})`;
  }
  return out;
}

function credentialFix(authType: 'basic' | 'client_credentials', config: ResolvedConfig): Fix {
  const file = config.configFile?.displayPath;
  const target = file ? `the "env" block of the server entry in ${file}` : 'your MCP client configuration ("env" block of the JamfMCP server entry)';
  if (authType === 'basic') {
    return {
      steps: [
        `Add JAMF_USERNAME and JAMF_PASSWORD to ${target} (or pass --username and answer the password prompt).`,
        'Use a Jamf Pro local account (SSO-only accounts cannot use the API); the guide recommends an API client (client_credentials) for production.',
        'Restart the MCP client completely after saving.',
      ],
      commands: ['"env": {\n  "JAMF_URL": "https://your-server.jamfcloud.com",\n  "JAMF_AUTH_TYPE": "basic",\n  "JAMF_USERNAME": "api-user",\n  "JAMF_PASSWORD": "…"\n}'],
    };
  }
  return {
    steps: [
      `Add JAMF_CLIENT_ID and JAMF_CLIENT_SECRET to ${target}.`,
      'Create them in Jamf Pro: Settings → System → API Roles and Clients → API Clients → New, assign an API role, enable it, then "Generate client secret".',
      'Restart the MCP client completely after saving.',
    ],
    commands: ['"env": {\n  "JAMF_URL": "https://your-server.jamfcloud.com",\n  "JAMF_AUTH_TYPE": "client_credentials",\n  "JAMF_CLIENT_ID": "…",\n  "JAMF_CLIENT_SECRET": "…"\n}'],
  };
}
