/**
 * config.auth-type and config.credentials judge the settings as the JamfMCP version in use does,
 * run directly on a hand-made Target, one table per profile. Each case names the JamfMCP source
 * line it encodes (J1 = liquidz00/jamfmcp@v1.0.1, J2 = @v1.0.2).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configAuthType } from '../../src/checks/config/auth-type.js';
import { configCredentials } from '../../src/checks/config/credentials.js';
import type { CheckContext, CheckOutcome } from '../../src/checks/types.js';
import type { Facts } from '../../src/checks/facts.js';
import type { SettingName } from '../../src/config/target.js';
import type { JamfmcpVersion } from '../../src/config/jamfmcp-version.js';
import { Secrets } from '../../src/config/secrets.js';
import { silentLogger } from '../../src/engine/logger.js';
import { fakeTarget, type FakeTargetOptions } from '../harness/target.js';

type Values = Partial<Record<SettingName, string>>;

function context(version: JamfmcpVersion, values: Values, extra: Omit<FakeTargetOptions, 'values' | 'version'> = {}): CheckContext & { facts: Facts } {
  // Cast: only what these two checks read.
  return {
    target: fakeTarget({ ...extra, values, version }),
    facts: {},
    timeoutMs: 1000,
    signal: new AbortController().signal,
    secrets: new Secrets(),
    log: silentLogger,
    now: () => 0,
    http: async () => {
      throw new Error('config checks never use HTTP');
    },
    systemProxies: async () => undefined,
    results: () => [],
  } as CheckContext & { facts: Facts };
}

const UUID = '0d2c6a1e-5b7f-4c1a-9d3e-2f8a6b4c0e91';
const CLIENT = { clientId: UUID, clientSecret: 'a-long-generated-secret' };
const BASIC = { username: 'jdoe', password: 'Tr0ub4dor&3-long' };

interface AuthCase {
  name: string;
  rule: string;
  version: JamfmcpVersion;
  values: Values;
  source?: 'env' | 'flag';
  status: CheckOutcome['status'];
  authType: string | undefined;
  message: RegExp;
}

describe('config.auth-type judges JAMF_AUTH_TYPE as each JamfMCP version does', () => {
  const CASES: AuthCase[] = [
    // 1.0.2: JAMF_AUTH_TYPE is never read; the auth type is always client credentials.
    { name: 'unset', rule: 'J2:src/jamfmcp/auth.py:34-39', version: '1.0.2', values: CLIENT, status: 'pass', authType: 'client_credentials', message: /^client_credentials: JamfMCP 1\.0\.2 supports only API clients/ },
    { name: '"oauth" (a false red before: 1.0.2 ignores it)', rule: 'J2:src/jamfmcp/auth.py:34-39', version: '1.0.2', values: { ...CLIENT, authType: 'oauth' }, status: 'warn', authType: 'client_credentials', message: /ignores JAMF_AUTH_TYPE and always uses client_credentials/ },
    { name: '"basic" with only a user pair', rule: 'J2:src/jamfmcp/auth.py:44-57', version: '1.0.2', values: { ...BASIC, authType: 'basic' }, status: 'warn', authType: 'client_credentials', message: /the guide's basic examples do not work with it/ },
    { name: '--auth-type basic', rule: 'J2:src/jamfmcp/auth.py:44-57', version: '1.0.2', values: { ...BASIC, authType: 'basic' }, source: 'flag', status: 'fail', authType: 'client_credentials', message: /^--auth-type basic cannot describe JamfMCP 1\.0\.2/ },
    // 1.0.1: (JAMF_AUTH_TYPE or "basic").strip().lower(), then basic or client_credentials, else ValueError.
    { name: 'unset with a user pair: basic, the default', rule: 'J1:src/jamfmcp/auth.py:43', version: '1.0.1', values: BASIC, status: 'pass', authType: 'basic', message: /^basic: JAMF_AUTH_TYPE is not set and JamfMCP 1\.0\.1 defaults to basic$/ },
    { name: 'unset with only a client pair: basic is assumed and fails', rule: 'J1:src/jamfmcp/auth.py:43,72-77', version: '1.0.1', values: CLIENT, status: 'fail', authType: 'basic', message: /uses basic \(its default\) — but only client credentials are set/ },
    { name: 'client_credentials', rule: 'J1:src/jamfmcp/auth.py:53', version: '1.0.1', values: { ...CLIENT, authType: 'client_credentials' }, status: 'pass', authType: 'client_credentials', message: /^client_credentials \(from JAMF_AUTH_TYPE \(environment\)\)$/ },
    { name: '" Client_Credentials " is accepted (strip, lower) but off the guide', rule: 'J1:src/jamfmcp/auth.py:43', version: '1.0.1', values: { ...CLIENT, authType: ' Client_Credentials ' }, status: 'warn', authType: 'client_credentials', message: /trims and lower-cases it to "client_credentials", so it works/ },
    { name: '"oauth" (what 1.0.1\'s own CLI writes)', rule: 'J1:src/jamfmcp/auth.py:57-59', version: '1.0.1', values: { ...CLIENT, authType: 'oauth' }, status: 'fail', authType: undefined, message: /stops at start-up with "ValueError: Invalid auth type: oauth\. Must be 'basic' or 'client_credentials'\."/ },
    { name: 'empty', rule: 'J1:src/jamfmcp/auth.py:43,57-59', version: '1.0.1', values: { ...CLIENT, authType: '' }, status: 'fail', authType: undefined, message: /"ValueError: Invalid auth type: \. Must be/ },
    { name: 'client-credentials (dash)', rule: 'J1:src/jamfmcp/auth.py:57-59', version: '1.0.1', values: { ...CLIENT, authType: 'client-credentials' }, status: 'fail', authType: undefined, message: /Invalid auth type: client-credentials\./ },
    { name: '1.0.0 is judged as 1.0.1', rule: 'J0z (238461e) = v1.0.1 code', version: '1.0.0', values: { ...CLIENT, authType: 'oauth' }, status: 'fail', authType: undefined, message: /JamfMCP 1\.0\.0 stops at start-up with "ValueError: Invalid auth type: oauth/ },
  ];
  for (const c of CASES) {
    it(`${c.version}: ${c.name} → ${c.status} (${c.rule})`, async () => {
      const ctx = context(c.version, c.values, c.source ? { source: c.source } : {});
      const outcome = await configAuthType.run(ctx);
      assert.equal(outcome.status, c.status, outcome.message);
      assert.match(outcome.message, c.message);
      assert.equal(ctx.facts.authType, c.authType);
      if (c.status !== 'pass') assert.ok((outcome.fix?.steps.length ?? 0) > 0, 'a fix');
    });
  }
});

interface CredentialCase {
  name: string;
  rule: string;
  version: JamfmcpVersion;
  values: Values;
  secretFlags?: string[];
  notPassed?: string[];
  status: CheckOutcome['status'];
  message: RegExp;
}

describe('config.credentials: present as JamfMCP judges presence (unset or "" is missing, spaces are sent)', () => {
  const CASES: CredentialCase[] = [
    {
      name: 'only JAMF_AUTH_TYPE=basic and a user pair: 1.0.2 refuses to start',
      rule: 'J2:src/jamfmcp/auth.py:52-56',
      version: '1.0.2',
      values: { ...BASIC, authType: 'basic' },
      status: 'fail',
      message: /^JamfMCP 1\.0\.2 stops at start-up with "ValueError: Client credentials not provided\. Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET environment variables\." \(missing: JAMF_CLIENT_ID, JAMF_CLIENT_SECRET\); JamfMCP 1\.0\.2 reads only JAMF_CLIENT_ID and JAMF_CLIENT_SECRET: JAMF_USERNAME and JAMF_PASSWORD \(the guide's basic auth\) are ignored$/,
    },
    { name: 'an empty secret is missing', rule: 'J2:src/jamfmcp/auth.py:52', version: '1.0.2', values: { clientId: UUID, clientSecret: '' }, status: 'fail', message: /\(missing: JAMF_CLIENT_SECRET; JAMF_CLIENT_SECRET is set but empty\)/ },
    { name: 'a whitespace-only secret is present, and sent as is', rule: 'J2:src/jamfmcp/auth.py:52; jamfsdk/clients/auth.py:171-175', version: '1.0.2', values: { clientId: UUID, clientSecret: '   ' }, status: 'warn', message: /JAMF_CLIENT_SECRET \(environment\) has leading or trailing whitespace, which JamfMCP 1\.0\.2 sends as part of the value/ },
    {
      name: 'a secret set only in the shell the client does not pass',
      rule: 'reference §6 (the MCP SDK passes HOME, LOGNAME, PATH, SHELL, TERM, USER)',
      version: '1.0.2',
      values: { clientId: UUID },
      notPassed: ['JAMF_CLIENT_SECRET'],
      status: 'fail',
      message: /JAMF_CLIENT_SECRET is set in your shell, but the MCP client does not pass your shell's environment to JamfMCP/,
    },
    { name: 'client, clean', rule: 'J2:src/jamfmcp/auth.py:38-39', version: '1.0.2', values: CLIENT, status: 'pass', message: /JAMF_CLIENT_ID and JAMF_CLIENT_SECRET are set/ },
    { name: '1.0.1 basic, clean', rule: 'J1:src/jamfmcp/auth.py:50-52', version: '1.0.1', values: { ...BASIC, authType: 'basic' }, status: 'pass', message: /^JAMF_USERNAME and JAMF_PASSWORD are set/ },
    { name: '1.0.1 basic, empty password', rule: 'J1:src/jamfmcp/auth.py:73-77', version: '1.0.1', values: { authType: 'basic', username: 'jdoe', password: '' }, status: 'fail', message: /"ValueError: Basic auth credentials not provided\. Set JAMF_USERNAME and JAMF_PASSWORD environment variables\." \(missing: JAMF_PASSWORD; JAMF_PASSWORD is set but empty\)/ },
    { name: 'quotes', rule: 'copy-paste slip', version: '1.0.1', values: { authType: 'basic', username: 'jdoe', password: '"Tr0ub4dor&3-long"' }, status: 'warn', message: /JAMF_PASSWORD \(environment\) starts or ends with a quote character/ },
    { name: 'guide example values', rule: 'the guide\'s "Missing Environment Variables"', version: '1.0.1', values: { authType: 'basic', username: 'api-user', password: 'secure-password' }, status: 'warn', message: /example value from the documentation/ },
    { name: 'unexpanded placeholder', rule: 'reference mcp-clients.md §1.13', version: '1.0.2', values: { clientId: UUID, clientSecret: '${JAMF_SECRET}' }, status: 'fail', message: /JAMF_CLIENT_SECRET \(environment\) is a placeholder/ },
    { name: 'client id not a UUID', rule: 'Jamf Pro API client ids are UUIDs', version: '1.0.2', values: { clientId: 'My API Client', clientSecret: 'a-long-generated-secret' }, status: 'warn', message: /does not look like a Jamf Pro API client ID/ },
    { name: 'short client secret', rule: 'generated secrets are long', version: '1.0.2', values: { clientId: UUID, clientSecret: 'x9Q7' }, status: 'warn', message: /much shorter than a generated client secret/ },
    { name: 'secret passed as a flag', rule: 'process list', version: '1.0.1', values: { authType: 'basic', ...BASIC }, secretFlags: ['--password'], status: 'warn', message: /--password was given on the command line/ },
  ];
  for (const c of CASES) {
    it(`${c.version}: ${c.name} → ${c.status} (${c.rule})`, async () => {
      const ctx = context(c.version, c.values, c.secretFlags ? { secretFlags: c.secretFlags } : {});
      if (c.notPassed) {
        ctx.target.env.notPassed = c.notPassed;
        ctx.target.env.mode = 'entry';
      }
      await configAuthType.run(ctx);
      const outcome = await configCredentials.run(ctx);
      assert.equal(outcome.status, c.status, outcome.message);
      assert.match(outcome.message, c.message);
      if (c.status !== 'pass') assert.ok((outcome.fix?.steps.length ?? 0) > 0, 'a fix');
      if (c.status === 'fail' && /missing/.test(outcome.message)) {
        assert.ok(outcome.fix?.commands?.some((cmd) => /"env": \{/.test(cmd)), 'the env lines to add');
      }
      // Never the secret values themselves in what the check reports.
      const said = JSON.stringify(outcome);
      for (const name of ['password', 'clientSecret'] as const) {
        const value = c.values[name]?.trim();
        if (value && value.length >= 3) assert.ok(!said.includes(value), `${name} value leaked: ${said}`);
      }
    });
  }

  it('shows at most a fingerprint of the username and client id', async () => {
    const ctx = context('1.0.2', CLIENT);
    await configAuthType.run(ctx);
    const outcome = await configCredentials.run(ctx);
    assert.equal(outcome.details?.JAMF_CLIENT_ID, '0d2c… (env)');
    assert.equal(outcome.details?.JAMF_CLIENT_SECRET, 'set (env)');
    assert.ok(!JSON.stringify(outcome).includes(UUID));
  });
});
