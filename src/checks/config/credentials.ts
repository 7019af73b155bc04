import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome, Fix } from '../types.js';
import { fingerprint } from '../../config/secrets.js';
import { SETTINGS, type SettingName, type Target } from '../../config/target.js';
import { jamfmcpOf } from '../../jamfmcp/index.js';
import { BASIC_MISSING, CLIENT_MISSING } from '../../jamfmcp/settings.js';
import { afterChangingStep, envLine, notPassedNote } from '../shared/env.js';

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

/**
 * The credentials the JamfMCP version in use reads are present, as it judges presence (unset or ""
 * is missing; spaces are sent as they are), and look like real, cleanly pasted values.
 */
export const configCredentials: Check = {
  id: 'config.credentials',
  title: 'Credentials present',
  area: 'config',
  section: GUIDE.missingVariables,
  needs: ['config.auth-type'],
  async run({ target, facts }): Promise<CheckOutcome> {
    const { profile, label } = jamfmcpOf(target);
    const authType = facts.authType ?? 'client_credentials';
    const pair = PAIRS[authType];
    // JamfAuth: `if not self.client_id or not self.client_secret` — unset or "" is missing, "  " is present.
    const missing = pair.filter((name) => (target.values[name]?.value ?? '') === '');
    const [first, second] = pair.map((name) => SETTINGS[name].env);
    const details: Record<string, unknown> = { authType, jamfmcp: profile.version, rule: profile.readsRule, ...describe(target, pair) };

    if (missing.length > 0) {
      const variables: string[] = missing.map((n) => SETTINGS[n].env);
      const empty = missing.filter((name) => target.values[name] !== undefined).map((name) => SETTINGS[name].env);
      const error = authType === 'basic' ? BASIC_MISSING : CLIENT_MISSING;
      const basicIgnored = authType === 'client_credentials' && profile.authType.kind === 'fixed' && ((target.values.username?.value ?? '') !== '' || (target.values.password?.value ?? '') !== '');
      const shell = notPassedNote(target, variables);
      const parts = [
        `${label} stops at start-up with "${error}" (missing: ${variables.join(', ')}${empty.length > 0 ? `; ${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} set but empty` : ''})`,
        ...(basicIgnored ? [`${label} reads only JAMF_CLIENT_ID and JAMF_CLIENT_SECRET: JAMF_USERNAME and JAMF_PASSWORD (the guide's basic auth) are ignored`] : []),
        ...(shell ? [shell] : []),
      ];
      return {
        status: 'fail',
        message: parts.join('; '),
        fix: credentialFix(authType, target, basicIgnored, variables),
        details: { ...details, missing: variables, notPassed: target.env.notPassed.filter((v) => variables.includes(v)) },
      };
    }

    const findings = pair.flatMap((name) => inspect(name, target, label));
    if (authType === 'client_credentials' && profile.authType.kind === 'fixed') {
      const ignored = (['username', 'password'] as const).filter((n) => target.values[n] !== undefined).map((n) => SETTINGS[n].env);
      if (ignored.length > 0) details.ignored = ignored;
    }
    for (const flag of target.secretFlags) {
      findings.push({
        severity: 'warn',
        message: `${flag} was given on the command line, where other local users can read it in the process list`,
        step: `Pass the secret in the environment (${flag === '--password' ? 'JAMF_PASSWORD' : 'JAMF_CLIENT_SECRET'}) or type it at the prompt instead of ${flag}.`,
      });
    }
    if (findings.length === 0) {
      return { status: 'pass', message: `${first} and ${second} are set (${pair.map((n) => target.values[n]?.where).join('; ')})`, details };
    }
    const status = findings.some((f) => f.severity === 'fail') ? 'fail' : 'warn';
    return {
      status,
      message: findings.map((f) => f.message).join('; '),
      fix: { steps: [...findings.map((f) => f.step), afterChangingStep(target, pair)] },
      details: { ...details, problems: findings.map((f) => f.message) },
    };
  },
};

/** Copy-paste slips in one value. Messages name the variable and where it came from, never the value. */
function inspect(name: SettingName, target: Target, label: string): Finding[] {
  const sourced = target.values[name];
  if (!sourced) return [];
  const value = sourced.value;
  const findings: Finding[] = [];
  if (/^\s|\s$/.test(value)) {
    findings.push({
      severity: 'warn',
      message: `${sourced.where} has leading or trailing whitespace, which ${label} sends as part of the value (Jamf Pro then rejects it)`,
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

function describe(target: Target, pair: readonly SettingName[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of pair) {
    const sourced = target.values[name];
    const { env: variable, secret } = SETTINGS[name];
    if (!sourced) out[variable] = 'not set';
    else if (secret) out[variable] = sourced.value === '' ? 'empty' : `set (${sourced.source})`;
    else out[variable] = sourced.value === '' ? 'empty' : `${fingerprint(sourced.value)} (${sourced.source})`;
  }
  return out;
}

function credentialFix(authType: 'basic' | 'client_credentials', target: Target, basicIgnored: boolean, missing: readonly string[]): Fix {
  const file = target.configFile?.displayPath;
  const where = file ? `the "env" block of the server entry in ${file}` : 'your MCP client configuration ("env" block of the JamfMCP server entry)';
  const url = target.values.url?.value && !/\s/.test(target.values.url.value) ? target.values.url.value : 'https://your-server.jamfcloud.com';
  // In an entry, show only the lines to add (the rest is there already); by hand, the whole block.
  const only = (values: Record<string, string>): Record<string, string> =>
    target.env.mode === 'entry' ? Object.fromEntries(Object.entries(values).filter(([k]) => missing.includes(k))) : values;
  const names = missing.join(' and ');
  const fromShell = missing.length > 0 && missing.every((v) => target.env.notPassed.includes(v));
  if (authType === 'basic') {
    return {
      steps: [
        `Add ${names} to ${where} (or pass --username and answer the password prompt).`,
        'Use a Jamf Pro local account (SSO-only accounts cannot use the API); the guide recommends an API client (client_credentials) for production.',
        'Restart the MCP client completely after saving.',
      ],
      commands: [envLine(target, only({ JAMF_URL: url, JAMF_AUTH_TYPE: 'basic', JAMF_USERNAME: 'api-user', JAMF_PASSWORD: '…' }))],
    };
  }
  return {
    steps: [
      ...(basicIgnored ? ['Switch to an API client: JamfMCP 1.0.2 has no basic authentication (to keep a user account, pin JamfMCP 1.0.1 with JAMF_AUTH_TYPE=basic).'] : []),
      `Add ${names} to ${where}.`,
      fromShell
        ? `Use the value${missing.length === 1 ? '' : 's'} you already have in your shell: ${target.env.client?.name ?? 'the MCP client'} does not read your shell's environment, only the entry's "env" block.`
        : 'Create them in Jamf Pro: Settings → System → API Roles and Clients → API Clients → New, assign an API role, enable it, then "Generate client secret".',
      'Restart the MCP client completely after saving.',
    ],
    commands: [envLine(target, only({ JAMF_URL: url, JAMF_CLIENT_ID: '…', JAMF_CLIENT_SECRET: '…' }))],
  };
}
