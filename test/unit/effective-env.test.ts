/**
 * The environment JamfMCP gets from each MCP client (reference: jamfmcp-behaviour.md §6,
 * mcp-clients.md §1.12): the entry's env block on top of what the client passes on. A setting in
 * the shell only reaches JamfMCP when the client passes it — otherwise it is "not passed".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientById, type ClientId, type Platform } from '../../src/config/clients.js';
import { effectiveEnv, jamfmcpRelevant } from '../../src/config/effective-env.js';

const SHELL = {
  HOME: '/Users/me',
  PATH: '/opt/homebrew/bin:/usr/bin:/bin',
  JAMF_URL: 'https://jamf.example.com',
  JAMF_CLIENT_ID: 'id',
  JAMF_CLIENT_SECRET: 'secret',
  HTTPS_PROXY: 'http://proxy.invalid:3128',
  SSL_CERT_FILE: '/etc/ca.pem',
  EDITOR: 'vi',
};

function run(id: ClientId | undefined, entryEnv: Record<string, string>, platform: Platform = 'darwin', inherit?: string[]) {
  const client = id ? clientById(id) : undefined;
  return effectiveEnv(SHELL, { env: entryEnv, ...(inherit ? { inherit } : {}) }, undefined, client, platform);
}

describe('effective environment per MCP client', () => {
  // The MCP TypeScript SDK's StdioClientTransport default (typescript-sdk src/client/stdio.ts:45-85):
  // HOME LOGNAME PATH SHELL TERM USER — so JAMF_*, proxies and SSL_CERT_FILE arrive only through env.
  for (const id of ['claude-desktop', 'cursor', 'windsurf', 'zed'] as const) {
    it(`${id}: only the SDK's defaults and the entry's env block; shell settings are "not passed"`, () => {
      const env = run(id, { JAMF_URL: 'https://jamf.example.com' });
      assert.equal(env.mode, 'entry');
      assert.equal(env.values.HOME, '/Users/me');
      assert.equal(env.values.JAMF_URL, 'https://jamf.example.com');
      assert.equal(env.origin.JAMF_URL, 'entry');
      for (const name of ['JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET', 'HTTPS_PROXY', 'SSL_CERT_FILE', 'EDITOR']) assert.equal(env.values[name], undefined, name);
      assert.deepEqual(env.notPassed, ['HTTPS_PROXY', 'JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET', 'SSL_CERT_FILE']);
      assert.equal(env.client?.id, id);
    });
  }
  it('claude-desktop is "documented"; the closed-source GUI clients say the rule is unknown', () => {
    assert.equal(run('claude-desktop', {}).certainty, 'documented');
    for (const id of ['cursor', 'windsurf', 'zed'] as const) assert.equal(run(id, {}).certainty, 'unknown', id);
  });
  it('claude-code and vscode pass their whole environment: nothing is "not passed"', () => {
    for (const id of ['claude-code', 'vscode'] as const) {
      const env = run(id, {});
      assert.equal(env.values.JAMF_CLIENT_SECRET, 'secret', id);
      assert.equal(env.values.HTTPS_PROXY, 'http://proxy.invalid:3128', id);
      assert.equal(env.origin.HTTPS_PROXY, 'client', id);
      assert.deepEqual(env.notPassed, [], id);
    }
  });
  it('gemini drops secret-looking names (SECRET, CLIENT_ID, CERT) but passes the proxy', () => {
    const env = run('gemini', {});
    assert.equal(env.values.JAMF_URL, 'https://jamf.example.com');
    assert.equal(env.values.HTTPS_PROXY, 'http://proxy.invalid:3128');
    assert.deepEqual(env.notPassed, ['JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET', 'SSL_CERT_FILE']);
  });
  it('codex: a fixed allow-list plus the names in env_vars', () => {
    const env = run('codex', {}, 'linux', ['JAMF_CLIENT_SECRET']);
    assert.equal(env.values.JAMF_CLIENT_SECRET, 'secret');
    assert.equal(env.values.JAMF_URL, undefined);
    assert.ok(env.notPassed.includes('JAMF_URL') && !env.notPassed.includes('JAMF_CLIENT_SECRET'));
  });
  it("the entry's env block wins over what the client passes", () => {
    const env = run('claude-code', { HTTPS_PROXY: 'http://other.invalid:1' });
    assert.equal(env.values.HTTPS_PROXY, 'http://other.invalid:1');
    assert.equal(env.origin.HTTPS_PROXY, 'entry');
  });
  it('a client the doctor does not know: the SDK default, certainty unknown', () => {
    const env = run(undefined, {});
    assert.equal(env.certainty, 'unknown');
    assert.equal(env.values.JAMF_URL, undefined);
    assert.ok(env.notPassed.includes('JAMF_URL'));
  });
  it('no entry: the shell is the environment, and the description says so', () => {
    const env = effectiveEnv(SHELL, undefined, undefined, undefined, 'linux');
    assert.equal(env.mode, 'shell');
    assert.equal(env.certainty, 'exact');
    assert.equal(env.values.JAMF_CLIENT_SECRET, 'secret');
    assert.deepEqual(env.notPassed, []);
    assert.match(env.description, /this shell's, as when it is run by hand/);
  });
  it('what counts as a JamfMCP setting: JAMF_*, any *_proxy (any case), SSL_CERT_FILE/DIR', () => {
    for (const name of ['JAMF_URL', 'https_proxy', 'NO_PROXY', 'npm_config_proxy', 'SSL_CERT_DIR']) assert.ok(jamfmcpRelevant(name), name);
    for (const name of ['NODE_EXTRA_CA_CERTS', 'REQUESTS_CA_BUNDLE', 'PATH', 'HOME']) assert.ok(!jamfmcpRelevant(name), name);
  });
});
