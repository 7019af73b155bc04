/**
 * The auth-type and credential rules (issue 2: "auth-type and credential rules"), run directly on a
 * hand-made ResolvedConfig: the guide's messages, inference, and copy-paste slips.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configAuthType } from '../../src/checks/config/auth-type.js';
import { configCredentials } from '../../src/checks/config/credentials.js';
import type { CheckContext, CheckOutcome } from '../../src/checks/types.js';
import type { Facts } from '../../src/checks/facts.js';
import type { ResolvedConfig, SettingName } from '../../src/config/resolve.js';
import { SETTINGS } from '../../src/config/resolve.js';
import { Secrets } from '../../src/config/secrets.js';
import { silentLogger } from '../../src/engine/logger.js';

type Values = Partial<Record<SettingName, string>>;

function context(values: Values, secretFlags: string[] = []): CheckContext & { facts: Facts } {
  const config: ResolvedConfig = { values: {}, secretFlags, shadowed: [] };
  for (const [name, value] of Object.entries(values) as Array<[SettingName, string]>) {
    config.values[name] = { value, source: 'env', where: `${SETTINGS[name].env} (environment)` };
  }
  // Cast: only what these two checks read.
  return {
    config,
    facts: {},
    env: {},
    timeoutMs: 1000,
    signal: new AbortController().signal,
    secrets: new Secrets(),
    log: silentLogger,
    now: () => 0,
    http: async () => {
      throw new Error('config checks never use HTTP');
    },
  } as CheckContext & { facts: Facts };
}

const INVALID = "Invalid JAMF_AUTH_TYPE. Must be 'basic' or 'client_credentials'";
const UUID = '0d2c6a1e-5b7f-4c1a-9d3e-2f8a6b4c0e91';

describe('config.auth-type', () => {
  const CASES: Array<{ name: string; values: Values; status: CheckOutcome['status']; authType: string | undefined; message: RegExp; step?: RegExp }> = [
    { name: 'basic', values: { authType: 'basic' }, status: 'pass', authType: 'basic', message: /^basic \(from JAMF_AUTH_TYPE \(environment\)\)$/ },
    { name: 'client_credentials', values: { authType: 'client_credentials' }, status: 'pass', authType: 'client_credentials', message: /^client_credentials \(from/ },
    { name: 'oauth', values: { authType: 'oauth' }, status: 'fail', authType: undefined, message: /is "oauth"\)$/, step: /"client_credentials" \(an API client; recommended\) or "basic"/ },
    { name: 'Basic (case)', values: { authType: 'Basic' }, status: 'fail', authType: undefined, message: /is "Basic"/, step: /exactly "basic" \(lower case, no spaces\)/ },
    { name: 'client-credentials (dash)', values: { authType: 'client-credentials' }, status: 'fail', authType: undefined, message: /is "client-credentials"/, step: /exactly "client_credentials"/ },
    { name: 'trailing space', values: { authType: 'basic ' }, status: 'fail', authType: undefined, message: /is "basic "/, step: /exactly "basic"/ },
    { name: 'empty', values: { authType: '' }, status: 'fail', authType: undefined, message: /is ""/ },
    {
      name: 'unset, no credentials: client_credentials inferred',
      values: {},
      status: 'pass',
      authType: 'client_credentials',
      message: /^client_credentials, inferred: .*no credentials are set/,
    },
    { name: 'unset, basic pair: basic inferred', values: { username: 'u', password: 'p' }, status: 'pass', authType: 'basic', message: /^basic, inferred: .*JAMF_USERNAME\/JAMF_PASSWORD are set/ },
    { name: 'unset, only a password: basic inferred', values: { password: 'p' }, status: 'pass', authType: 'basic', message: /^basic, inferred/ },
    { name: 'unset, client pair', values: { clientId: UUID, clientSecret: 's' }, status: 'pass', authType: 'client_credentials', message: /JAMF_CLIENT_ID\/JAMF_CLIENT_SECRET are set/ },
    {
      name: 'unset, both pairs: warn and say which is used',
      values: { username: 'u', password: 'p', clientId: UUID, clientSecret: 's' },
      status: 'warn',
      authType: 'client_credentials',
      message: /both credential pairs are present; using client_credentials/,
      step: /Set JAMF_AUTH_TYPE/,
    },
    { name: 'unset, whitespace-only username is no credential', values: { username: '   ' }, status: 'pass', authType: 'client_credentials', message: /no credentials are set/ },
  ];
  for (const c of CASES) {
    it(`${c.name} → ${c.status}`, async () => {
      const ctx = context(c.values);
      const outcome = await configAuthType.run(ctx);
      assert.equal(outcome.status, c.status);
      assert.match(outcome.message, c.message);
      if (c.status === 'fail') {
        assert.ok(outcome.message.startsWith(INVALID), "the guide's message");
        assert.ok(outcome.fix?.commands?.some((cmd) => cmd.includes('"JAMF_AUTH_TYPE"')));
        assert.ok(outcome.fix?.steps.some((s) => /Restart the MCP client/.test(s)));
        assert.notEqual(outcome.recoverable, true, 'an invalid auth type blocks the credential check');
      }
      if (c.step) assert.ok(outcome.fix?.steps.some((s) => c.step?.test(s)), JSON.stringify(outcome.fix));
      assert.equal(ctx.facts.authType, c.authType);
    });
  }
});

describe('config.credentials', () => {
  const CASES: Array<{ name: string; values: Values; secretFlags?: string[]; status: CheckOutcome['status']; message: RegExp; not?: RegExp }> = [
    {
      name: 'basic, nothing set',
      values: { authType: 'basic' },
      status: 'fail',
      message: /^Missing required credentials for basic authentication: JAMF_USERNAME and JAMF_PASSWORD must be provided \(missing: JAMF_USERNAME, JAMF_PASSWORD\)$/,
    },
    {
      name: 'basic, empty password',
      values: { authType: 'basic', username: 'jdoe', password: '' },
      status: 'fail',
      message: /\(missing: JAMF_PASSWORD; JAMF_PASSWORD is set but blank\)$/,
    },
    {
      name: 'client credentials, no secret',
      values: { authType: 'client_credentials', clientId: UUID },
      status: 'fail',
      message: /^Missing required credentials for client credentials \(OAuth\) authentication: JAMF_CLIENT_ID and JAMF_CLIENT_SECRET must be provided \(missing: JAMF_CLIENT_SECRET\)$/,
    },
    { name: 'basic, clean', values: { authType: 'basic', username: 'jdoe', password: 'Tr0ub4dor&3-long' }, status: 'pass', message: /^JAMF_USERNAME and JAMF_PASSWORD are set/ },
    { name: 'client, clean', values: { authType: 'client_credentials', clientId: UUID, clientSecret: 'a-long-generated-secret' }, status: 'pass', message: /JAMF_CLIENT_ID and JAMF_CLIENT_SECRET are set/ },
    { name: 'leading/trailing whitespace', values: { authType: 'basic', username: ' jdoe', password: 'Tr0ub4dor&3-long\n' }, status: 'warn', message: /JAMF_USERNAME \(environment\) has leading or trailing whitespace; JAMF_PASSWORD \(environment\) has leading or trailing whitespace/ },
    { name: 'quotes', values: { authType: 'basic', username: 'jdoe', password: '"Tr0ub4dor&3-long"' }, status: 'warn', message: /JAMF_PASSWORD \(environment\) starts or ends with a quote character/ },
    { name: 'guide example values', values: { authType: 'basic', username: 'api-user', password: 'secure-password' }, status: 'warn', message: /example value from the documentation/ },
    { name: 'unexpanded placeholder', values: { authType: 'client_credentials', clientId: UUID, clientSecret: '${JAMF_SECRET}' }, status: 'fail', message: /JAMF_CLIENT_SECRET \(environment\) is a placeholder/ },
    { name: 'client id not a UUID', values: { authType: 'client_credentials', clientId: 'My API Client', clientSecret: 'a-long-generated-secret' }, status: 'warn', message: /does not look like a Jamf Pro API client ID/ },
    { name: 'short client secret', values: { authType: 'client_credentials', clientId: UUID, clientSecret: 'x9Q7' }, status: 'warn', message: /much shorter than a generated client secret/ },
    {
      name: 'secret passed as a flag',
      values: { authType: 'basic', username: 'jdoe', password: 'Tr0ub4dor&3-long' },
      secretFlags: ['--password'],
      status: 'warn',
      message: /--password was given on the command line/,
    },
  ];
  for (const c of CASES) {
    it(`${c.name} → ${c.status}`, async () => {
      const ctx = context(c.values, c.secretFlags);
      await configAuthType.run(ctx);
      const outcome = await configCredentials.run(ctx);
      assert.equal(outcome.status, c.status, outcome.message);
      assert.match(outcome.message, c.message);
      if (c.status !== 'pass') assert.ok((outcome.fix?.steps.length ?? 0) > 0, 'a fix');
      // Never the secret values themselves in what the check reports.
      const said = JSON.stringify(outcome);
      for (const name of ['password', 'clientSecret'] as const) {
        const value = c.values[name]?.trim();
        if (value && value.length >= 3) assert.ok(!said.includes(value), `${name} value leaked: ${said}`);
      }
    });
  }

  it('shows at most a fingerprint of the username and client id', async () => {
    const ctx = context({ authType: 'client_credentials', clientId: UUID, clientSecret: 'a-long-generated-secret' });
    await configAuthType.run(ctx);
    const outcome = await configCredentials.run(ctx);
    assert.equal(outcome.details?.JAMF_CLIENT_ID, '0d2c… (env)');
    assert.equal(outcome.details?.JAMF_CLIENT_SECRET, 'set (env)');
    assert.ok(!JSON.stringify(outcome).includes(UUID));
  });

  it(
    'treats a whitespace-only password as missing (like config.auth-type does)',
    async () => {
      const ctx = context({ authType: 'basic', username: 'jdoe', password: '   ' });
      await configAuthType.run(ctx);
      const outcome = await configCredentials.run(ctx);
      assert.equal(outcome.status, 'fail');
      assert.match(outcome.message, /JAMF_PASSWORD/);
    },
  );
});
