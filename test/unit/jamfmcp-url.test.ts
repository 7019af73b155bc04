/**
 * The URL JamfMCP really requests, per profile: every worked example of
 * shared/reference/jamfmcp-behaviour.md §2 and a few more. Expected values were produced by
 * running JamfMCP's own _parse_server_url (liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:72-82)
 * and httpx 0.28.1's urlparse (encode/httpx@0.28.1:httpx/_urlparse.py) on each input; the
 * request URL is built as jamfsdk does (…/jamfsdk/clients/__init__.py:66-75): https:// + server + :443.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_PROFILES } from '../../src/jamfmcp/profiles.js';
import { startJamfmcp } from '../../src/jamfmcp/settings.js';
import { parseServerUrl, requestUrl, URL_RULES } from '../../src/jamfmcp/url.js';

const TOKEN = '/api/oauth/token';
const UNSUPPORTED = "httpx.UnsupportedProtocol: Request URL is missing an 'http://' or 'https://' protocol.";

type Expect =
  | { printed: string; host: string; userinfo?: string; target?: string; intact?: boolean }
  | { error: string; kind: string }
  | { startup: string };

const ROWS: Array<{ row: string; input: string; expect: Expect }> = [
  { row: '§2.1', input: 'https://jamf.example.com', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com', target: TOKEN } },
  { row: '§2.2 trailing slash', input: 'https://jamf.example.com/', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com' } },
  { row: '§2.2 path dropped', input: 'https://jamf.example.com/index.html', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com' } },
  { row: '§2.2 query dropped', input: 'https://jamf.example.com?x=1', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com' } },
  { row: '§2.3 bare host', input: 'jamf.example.com', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com' } },
  { row: '§2.4 bare host with slash', input: 'jamf.example.com/', expect: { printed: 'https://jamf.example.com/:443/api/oauth/token', host: 'jamf.example.com', target: '/:443/api/oauth/token' } },
  { row: '§2.5 bare host with context path', input: 'jamf.example.com/jamf', expect: { printed: 'https://jamf.example.com/jamf:443/api/oauth/token', host: 'jamf.example.com', target: '/jamf:443/api/oauth/token' } },
  { row: '§2.6 context path dropped', input: 'https://jamf.example.com/jamf', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com', target: TOKEN } },
  { row: '§2.7 port 8443', input: 'https://jamf.example.com:8443', expect: { error: "httpx.InvalidURL: Invalid port: '8443:443'", kind: 'invalid-port' } },
  { row: '§2.7 bare host:8443', input: 'jamf.example.com:8443', expect: { error: "httpx.InvalidURL: Invalid port: '8443:443'", kind: 'invalid-port' } },
  { row: '§2.7 port and path', input: 'https://jamf.example.com:8443/jamf', expect: { error: "httpx.InvalidURL: Invalid port: '8443:443'", kind: 'invalid-port' } },
  { row: '§2.8 even :443', input: 'https://jamf.example.com:443', expect: { error: "httpx.InvalidURL: Invalid port: '443:443'", kind: 'invalid-port' } },
  { row: '§2.9 http:// becomes https', input: 'http://jamf.example.com', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com' } },
  { row: '§2.10 upper-case scheme', input: 'HTTPS://jamf.example.com', expect: { printed: 'https://https//jamf.example.com:443/api/oauth/token', host: 'https', intact: true } },
  { row: '§2.11 one slash', input: 'https:/jamf.example.com', expect: { printed: 'https://https/jamf.example.com:443/api/oauth/token', host: 'https' } },
  { row: '§2.12 quotes inside', input: '"https://jamf.example.com"', expect: { printed: 'https://"https//jamf.example.com%22:443/api/oauth/token', host: '"https' } },
  { row: '§2.13 userinfo kept', input: 'https://user:pass@jamf.example.com', expect: { printed: 'https://user:pass@jamf.example.com/api/oauth/token', host: 'jamf.example.com', userinfo: 'user:pass' } },
  { row: '§2.14 whitespace stripped', input: '  https://jamf.example.com \n', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com' } },
  { row: '§2.15 leading space', input: ' jamf.example.com', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com' } },
  { row: '§2.16 space in host', input: 'https://jamf example.com', expect: { printed: 'https://jamf%20example.com/api/oauth/token', host: 'jamf%20example.com' } },
  { row: '§2.17 IPv6 in brackets', input: 'https://[2001:db8::1]', expect: { printed: 'https://[2001:db8::1]/api/oauth/token', host: '2001:db8::1' } },
  { row: '§2.17 bare bracketed IPv6', input: '[2001:db8::1]', expect: { printed: 'https://[2001:db8::1]/api/oauth/token', host: '2001:db8::1' } },
  { row: '§2.18 IPv6 without brackets', input: '2001:db8::1', expect: { error: "httpx.InvalidURL: Invalid port: 'db8::1:443'", kind: 'invalid-port' } },
  { row: '§2.19 scheme only', input: 'https://', expect: { error: UNSUPPORTED, kind: 'empty-host' } },
  { row: '§2.19 whitespace only', input: '   ', expect: { error: UNSUPPORTED, kind: 'empty-host' } },
  { row: 'upper-case host lower-cased', input: 'https://JAMF.Example.COM', expect: { printed: 'https://jamf.example.com/api/oauth/token', host: 'jamf.example.com' } },
  { row: '"?" in a bare host eats the API path', input: 'jamf.example.com?x', expect: { printed: 'https://jamf.example.com?x:443/api/oauth/token', host: 'jamf.example.com', intact: false } },
  { row: '"#" in a bare host eats the API path', input: 'jamf.example.com#frag', expect: { printed: 'https://jamf.example.com#frag:443/api/oauth/token', host: 'jamf.example.com', intact: false } },
  { row: 'IDNA host', input: 'https://bücher.example', expect: { printed: 'https://xn--bcher-kva.example/api/oauth/token', host: 'xn--bcher-kva.example' } },
  { row: 'bad IPv4', input: 'https://999.1.1.1', expect: { error: "httpx.InvalidURL: Invalid IPv4 address: '999.1.1.1'", kind: 'invalid-host' } },
  { row: 'unclosed bracket: urlparse raises at start-up', input: 'https://[::1', expect: { startup: 'ValueError: Invalid IPv6 URL' } },
];

describe('JamfMCP request URL (reference §2, every profile)', () => {
  for (const profile of ALL_PROFILES) {
    for (const { row, input, expect } of ROWS) {
      it(`${profile.version} ${row}: ${JSON.stringify(input)}`, () => {
        const server = parseServerUrl(input, profile.stripsUrl);
        if ('startup' in expect) {
          assert.deepEqual(server, { ok: false, error: expect.startup, rule: URL_RULES.parseServerUrl });
          // JamfAuth raises it in __init__: start-up fails, before the MCP handshake.
          assert.equal(startJamfmcp(profile, { url: input, clientId: 'i', clientSecret: 's', authType: 'client_credentials' }).error?.text, expect.startup);
          return;
        }
        assert.ok(server.ok);
        const url = requestUrl(server.server, TOKEN);
        if ('error' in expect) {
          assert.equal(url.ok, false, JSON.stringify(url));
          if (url.ok) return;
          assert.equal(url.error, expect.error);
          assert.equal(url.kind, expect.kind);
          assert.ok(url.rule.startsWith('encode/httpx@0.28.1:') || url.rule.startsWith('encode/httpcore@'), url.rule);
          return;
        }
        assert.equal(url.ok, true, JSON.stringify(url));
        if (!url.ok) return;
        assert.equal(url.printed, expect.printed);
        assert.equal(url.host, expect.host);
        assert.equal(url.userinfo, expect.userinfo ?? '');
        if (expect.target) assert.equal(url.requestTarget, expect.target);
        assert.equal(url.apiPathIntact, expect.intact ?? true);
      });
    }
  }
});

describe('JAMF_URL before 31a5fd5 (no strip; early 1.0.0 development builds only)', () => {
  it('§2.14 a trailing newline reaches httpx: non-printable character error', () => {
    const server = parseServerUrl('  https://jamf.example.com \n', false);
    assert.ok(server.ok);
    // Unstripped, the value does not start with "http", so it is kept verbatim.
    assert.equal(server.server, '  https://jamf.example.com \n');
    const url = requestUrl(server.server, TOKEN);
    assert.equal(url.ok, false);
    if (!url.ok) assert.equal(url.error, "httpx.InvalidURL: Invalid non-printable ASCII character in URL, '\\n' at position 35.");
  });
  it('§2.15 a leading space is percent-encoded into the host', () => {
    const server = parseServerUrl(' jamf.example.com', false);
    assert.ok(server.ok);
    const url = requestUrl(server.server, TOKEN);
    assert.ok(url.ok);
    if (url.ok) assert.equal(url.host, '%20jamf.example.com');
  });
});

describe('§2.20 JAMF_URL unset or empty: start-up ValueError (every profile)', () => {
  for (const profile of ALL_PROFILES) {
    for (const url of [undefined, '']) {
      it(`${profile.version} ${JSON.stringify(url)}`, () => {
        const startup = startJamfmcp(profile, { url, clientId: 'i', clientSecret: 's', authType: 'client_credentials' });
        assert.equal(startup.error?.text, 'ValueError: Jamf Pro server URL not provided. Set JAMF_URL environment variable.');
        assert.equal(startup.error?.setting, 'url');
      });
    }
    it(`${profile.version} whitespace only is truthy: JamfMCP starts and fails at the first request`, () => {
      const startup = startJamfmcp(profile, { url: '   ', clientId: 'i', clientSecret: 's', authType: 'client_credentials' });
      assert.equal(startup.error, undefined);
      assert.equal(startup.server, '');
    });
  }
});
