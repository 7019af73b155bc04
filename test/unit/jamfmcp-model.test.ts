/**
 * The JamfMCP model below the checks: start-up settings, the token exchange, trust and proxies.
 * Each table row names the JamfMCP (or httpx / CPython) source line it encodes; expected texts were
 * produced by running that code (CPython's datetime and urlencode, httpx 0.28.1's
 * get_environment_proxies and URLPattern) on the same input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_PROFILES, PROFILES } from '../../src/jamfmcp/profiles.js';
import { environmentProxies, jamfmcpProxy } from '../../src/jamfmcp/proxy.js';
import { BASIC_MISSING, CLIENT_MISSING, invalidAuthType, normaliseAuthType, startJamfmcp, URL_MISSING } from '../../src/jamfmcp/settings.js';
import { readTokenAnswer, statusErrorText, tokenRequest } from '../../src/jamfmcp/token.js';
import { IGNORED_TRUST_VARIABLES, trustChoice } from '../../src/jamfmcp/trust.js';

const URL = 'https://jamf.example.com';
const CLIENT = { clientId: 'id', clientSecret: 'secret' };
const BASIC = { username: 'admin', password: 'pw' };

describe('start-up settings (JamfAuth.__init__)', () => {
  const rows: Array<{ name: string; version: '1.0.0' | '1.0.1' | '1.0.2'; values: Parameters<typeof startJamfmcp>[1]; error?: string; authType?: string; rule: string }> = [
    // v1.0.2 reads only JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET (auth.py:34-39) and is always client_credentials (auth.py:44-57).
    { name: 'basic pair only: refuses to start', version: '1.0.2', values: { url: URL, authType: 'basic', ...BASIC }, error: CLIENT_MISSING, rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:34-39' },
    { name: 'JAMF_AUTH_TYPE=oauth is ignored', version: '1.0.2', values: { url: URL, authType: 'oauth', ...CLIENT }, authType: 'client_credentials', rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:44-57' },
    { name: 'basic and client pairs: the client pair is used', version: '1.0.2', values: { url: URL, authType: 'basic', ...BASIC, ...CLIENT }, authType: 'client_credentials', rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:44-57' },
    { name: 'URL checked before credentials', version: '1.0.2', values: { url: '' }, error: URL_MISSING, rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:34-39' },
    { name: 'a secret of one space is present (Python truthiness)', version: '1.0.2', values: { url: URL, clientId: 'id', clientSecret: ' ' }, authType: 'client_credentials', rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:34-39' },
    // v1.0.1: JAMF_AUTH_TYPE defaults to basic, strip().lower() (auth.py:43,50-59).
    { name: 'no JAMF_AUTH_TYPE: basic by default', version: '1.0.1', values: { url: URL, ...CLIENT }, error: BASIC_MISSING, authType: 'basic', rule: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43,50-59' },
    { name: '" Client_Credentials " is trimmed and lower-cased', version: '1.0.1', values: { url: URL, authType: ' Client_Credentials ', ...CLIENT }, authType: 'client_credentials', rule: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43,50-59' },
    { name: 'JAMF_AUTH_TYPE=oauth: ValueError', version: '1.0.1', values: { url: URL, authType: 'oauth', ...CLIENT }, error: invalidAuthType('oauth'), rule: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43,50-59' },
    { name: 'JAMF_AUTH_TYPE set but empty: ValueError for ""', version: '1.0.1', values: { url: URL, authType: '', ...CLIENT }, error: invalidAuthType(''), rule: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43,50-59' },
    { name: 'basic with its pair', version: '1.0.1', values: { url: URL, authType: 'basic', ...BASIC }, authType: 'basic', rule: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43-55' },
    { name: '1.0.0 is judged as 1.0.1', version: '1.0.0', values: { url: URL, ...CLIENT }, error: BASIC_MISSING, authType: 'basic', rule: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43,50-59' },
  ];
  for (const row of rows) {
    it(`${row.version} ${row.name} (${row.rule})`, () => {
      const startup = startJamfmcp(PROFILES[row.version], row.values);
      assert.equal(startup.error?.text, row.error);
      if (row.authType) assert.equal(startup.authType ?? normaliseAuthType(PROFILES[row.version], row.values.authType), row.authType);
    });
  }
  it('the error texts are word for word what JamfAuth raises', () => {
    assert.equal(CLIENT_MISSING, 'ValueError: Client credentials not provided. Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET environment variables.');
    assert.equal(invalidAuthType('oauth'), "ValueError: Invalid auth type: oauth. Must be 'basic' or 'client_credentials'.");
  });
  it('every profile cites its source at its own tag', () => {
    for (const profile of ALL_PROFILES) {
      for (const rule of [profile.readsRule, profile.authType.rule, profile.stripRule, profile.scriptsRule, profile.tokenRule]) {
        assert.match(rule, /^liquidz00\/jamfmcp@v1\.0\.[12]:[\w/.-]+:\d+/, `${profile.version}: ${rule}`);
      }
    }
  });
});

describe('token request (jamfsdk/clients/auth.py)', () => {
  it('OAuth: /api/oauth/token, form body in client_id, client_secret, grant_type order, quote_plus, values verbatim (v1.0.2 auth.py:165-182)', () => {
    const request = tokenRequest(PROFILES['1.0.2'], 'client_credentials', { clientId: ' id with space ', clientSecret: 's&e=c+r/t%ü~*' });
    assert.equal(request.path, '/api/oauth/token');
    // urllib.parse.urlencode({...}) on CPython: the expected string was produced by running it.
    assert.equal(request.body, 'client_id=+id+with+space+&client_secret=s%26e%3Dc%2Br%2Ft%25%C3%BC~%2A&grant_type=client_credentials');
    assert.deepEqual(request.headers, { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(request.basic, undefined);
  });
  it('basic (1.0.1 only): /api/v1/auth/token with HTTP Basic, no body (v1.0.1 auth.py:224-234)', () => {
    const request = tokenRequest(PROFILES['1.0.1'], 'basic', { username: 'admin', password: 'pässword' });
    assert.equal(request.path, '/api/v1/auth/token');
    assert.equal(request.body, undefined);
    assert.equal(request.basic, `Basic ${Buffer.from('admin:pässword', 'utf8').toString('base64')}`);
  });
  it('no profile asks /api/v1/oauth/token, and 1.0.2 has no basic path', () => {
    for (const profile of ALL_PROFILES) assert.equal(profile.tokenPath.client_credentials, '/api/oauth/token');
    assert.equal(PROFILES['1.0.2'].tokenPath.basic, undefined);
  });
  it("raise_for_status() texts (encode/httpx@0.28.1:httpx/_models.py:794-829)", () => {
    assert.equal(statusErrorText(200, 'x'), undefined);
    assert.equal(
      statusErrorText(401, 'https://jamf.example.com/api/oauth/token'),
      "Client error '401 Unauthorized' for url 'https://jamf.example.com/api/oauth/token'\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401",
    );
    assert.match(statusErrorText(503, 'u') ?? '', /^Server error '503 Service Unavailable' for url 'u'/);
    assert.equal(
      statusErrorText(302, 'u', 'https://sso.example.com/login'),
      "Redirect response '302 Found' for url 'u'\nRedirect location: 'https://sso.example.com/login'\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/302",
    );
  });
});

describe('token answer as JamfMCP reads it (v1.0.2 jamfsdk/clients/auth.py:183-198)', () => {
  const now = Date.UTC(2026, 10, 27);
  const good = { access_token: 't', token_type: 'Bearer', expires_in: 1199, scope: 'api-role:1 api-role:2' };
  const rows: Array<{ name: string; body: string; error?: string; field?: string; warnings?: string[] }> = [
    { name: 'a good answer', body: JSON.stringify(good), warnings: [] },
    { name: 'HTML, not JSON', body: '<html>Timeout</html>', error: 'JSONDecodeError: Expecting value: line 1 column 1 (char 0)', field: 'body' },
    { name: 'a list', body: '[]', error: 'TypeError: list indices must be integers or slices, not str', field: 'body' },
    { name: 'no access_token', body: JSON.stringify({ ...good, access_token: undefined }), error: "KeyError: 'access_token'", field: 'access_token' },
    // Evaluated in order: access_token, expires_in, scope — so a missing scope is found last.
    { name: 'no expires_in', body: JSON.stringify({ access_token: 't', scope: 's' }), error: "KeyError: 'expires_in'", field: 'expires_in' },
    { name: 'no scope (Jamf requires it; JamfMCP too)', body: JSON.stringify({ access_token: 't', expires_in: 60 }), error: "KeyError: 'scope'", field: 'scope' },
    { name: 'scope null', body: JSON.stringify({ ...good, scope: null }), error: "AttributeError: 'NoneType' object has no attribute 'split'", field: 'scope' },
    { name: 'expires_in a string', body: JSON.stringify({ ...good, expires_in: '1199' }), error: 'TypeError: unsupported type for timedelta seconds component: str', field: 'expires_in' },
    { name: 'expires_in past timedelta\'s range', body: JSON.stringify({ ...good, expires_in: 1e14 }), error: 'OverflowError: days=1157407407; must have magnitude <= 999999999', field: 'expires_in' },
    { name: 'expires_in past a C int of days', body: JSON.stringify({ ...good, expires_in: 1e15 }), error: 'OverflowError: Python int too large to convert to C int', field: 'expires_in' },
    { name: 'expires_in in range, the date not', body: JSON.stringify({ ...good, expires_in: 86399999999999 }), error: 'OverflowError: date value out of range', field: 'expires_in' },
    { name: 'expires_in 1e400 (a float infinity)', body: '{"access_token":"t","expires_in":1e400,"scope":"s"}', error: 'OverflowError: cannot convert float infinity to integer', field: 'expires_in' },
    { name: 'token a number (pydantic str)', body: JSON.stringify({ ...good, access_token: 5 }), error: 'ValidationError: 1 validation error for AccessToken\ntoken\n  Input should be a valid string [type=string_type, input_value=5, input_type=int]', field: 'access_token' },
    { name: 'expires_in 3: JamfMCP asks again at once', body: JSON.stringify({ ...good, expires_in: 3 }), warnings: ['expires-at-once'] },
    { name: 'a UTF-8 BOM is accepted (Response.json decodes first)', body: `\ufeff${JSON.stringify(good)}`, warnings: [] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const reading = readTokenAnswer('client_credentials', row.body, now);
      if (row.error) {
        assert.equal(reading.ok, false, JSON.stringify(reading));
        if (!reading.ok) {
          assert.equal(reading.error, row.error);
          assert.equal(reading.field, row.field);
          assert.match(reading.rule, /^liquidz00\/jamfmcp@v1\.0\.2:src\/jamfmcp\/jamfsdk\//);
        }
      } else {
        assert.equal(reading.ok, true, JSON.stringify(reading));
        if (reading.ok) assert.deepEqual(reading.warnings, row.warnings);
      }
    });
  }
  it('basic (1.0.1): AccessToken(type="user", **resp.json()) — a "type" field collides, a missing token leaves ""', () => {
    const collide = readTokenAnswer('basic', JSON.stringify({ token: 't', expires: 'x', type: 'y' }), now);
    assert.equal(collide.ok, false);
    if (!collide.ok) assert.match(collide.error, /got multiple values for keyword argument 'type'/);
    const empty = readTokenAnswer('basic', JSON.stringify({ expires: '2026-11-27T00:30:00.000Z' }), now);
    assert.ok(empty.ok);
    if (empty.ok) assert.deepEqual(empty.warnings, ['empty-token']);
  });
  // expires: datetime = EPOCH_DATETIME, validated by pydantic 2 (v1.0.1 jamfsdk/models/client.py:85-88).
  for (const [expires, error] of [
    [1e300, 'ValidationError: 1 validation error for AccessToken\nexpires\n  Input should be a valid datetime, dates after 9999 are not supported as unix timestamps [input_value=1e+300, input_type=float]'],
    ['tomorrow', 'ValidationError: 1 validation error for AccessToken\nexpires\n  Input should be a valid datetime or date, invalid date format [input_value=\'tomorrow\', input_type=str]'],
    ['2026-11-27T00:30:00', "TypeError: can't compare offset-naive and offset-aware datetimes"],
  ] as const) {
    it(`basic (1.0.1): expires ${JSON.stringify(expires)} → ${error.split('\n')[0]}`, () => {
      const reading = readTokenAnswer('basic', JSON.stringify({ token: 't', expires }), now);
      assert.equal(reading.ok, false);
      if (!reading.ok) assert.equal(reading.error, error);
    });
  }
  it('basic (1.0.1): no expires leaves EPOCH_DATETIME: a token JamfMCP renews before every call', () => {
    const reading = readTokenAnswer('basic', JSON.stringify({ token: 't' }), now);
    assert.ok(reading.ok);
    if (reading.ok) assert.deepEqual(reading.warnings, ['no-expiry']);
  });
});

describe('trust (encode/httpx@0.28.1:httpx/_config.py:33-40)', () => {
  it('certifi unless SSL_CERT_FILE (non-empty) or SSL_CERT_DIR; the file beats the dir', () => {
    assert.equal(trustChoice({}).kind, 'certifi');
    assert.equal(trustChoice({ SSL_CERT_FILE: '' }).kind, 'certifi');
    assert.deepEqual(trustChoice({ SSL_CERT_FILE: '/ca.pem', SSL_CERT_DIR: '/certs' }), { kind: 'file', variable: 'SSL_CERT_FILE', path: '/ca.pem', rule: 'encode/httpx@0.28.1:httpx/_config.py:33-40' });
    assert.equal(trustChoice({ SSL_CERT_DIR: '/certs' }).kind, 'dir');
  });
  it('the variables people set that JamfMCP never reads', () => {
    for (const name of IGNORED_TRUST_VARIABLES) assert.equal(trustChoice({ [name]: '/ca.pem' }).kind, 'certifi', name);
    assert.ok(IGNORED_TRUST_VARIABLES.includes('NODE_EXTRA_CA_CERTS'));
  });
});

describe('proxies (CPython getproxies_environment + encode/httpx@0.28.1:httpx/_utils.py:30-76,120-217)', () => {
  const P = 'http://a.invalid:1';
  const rows: Array<{ env: Record<string, string>; host?: string; expect: string }> = [
    { env: { HTTPS_PROXY: 'http://p.invalid:3128' }, expect: 'http://p.invalid:3128' },
    { env: { HTTP_PROXY: 'http://p.invalid:3128' }, expect: 'direct' },
    { env: { ALL_PROXY: 'p.invalid:3128' }, expect: 'http://p.invalid:3128' },
    { env: { HTTPS_PROXY: P, https_proxy: 'http://b.invalid:2' }, expect: 'http://b.invalid:2' },
    { env: { HTTPS_PROXY: P, https_proxy: '' }, expect: 'direct' },
    { env: { HTTPS_PROXY: P, ALL_PROXY: 'http://b.invalid:2' }, expect: P },
    { env: { HTTPS_PROXY: P, NO_PROXY: '*' }, expect: 'direct' },
    { env: { HTTPS_PROXY: P, NO_PROXY: 'example.com' }, expect: 'direct' },
    { env: { HTTPS_PROXY: P, NO_PROXY: 'example.com' }, host: 'notexample.com', expect: P },
    { env: { HTTPS_PROXY: P, NO_PROXY: '.example.com' }, host: 'example.com', expect: P },
    { env: { HTTPS_PROXY: P, NO_PROXY: '.example.com' }, expect: 'direct' },
    { env: { HTTPS_PROXY: P, NO_PROXY: '*.example.com' }, expect: P },
    { env: { HTTPS_PROXY: P, NO_PROXY: 'jamf.example.com:443' }, expect: P },
    { env: { HTTPS_PROXY: P, NO_PROXY: 'https://jamf.example.com' }, expect: 'direct' },
    { env: { HTTPS_PROXY: P, NO_PROXY: '10.0.0.0/8' }, host: '10.1.2.3', expect: P },
    { env: { HTTPS_PROXY: P, NO_PROXY: '10.1.2.3' }, host: '10.1.2.3', expect: 'direct' },
    { env: { HTTPS_PROXY: P, NO_PROXY: 'localhost' }, host: '127.0.0.1', expect: P },
    { env: { HTTPS_PROXY: P, NO_PROXY: ' other.com , JAMF.example.com ' }, expect: 'direct' },
    { env: { HTTPS_PROXY: 'socks5://a.invalid:1' }, expect: "ImportError: Using SOCKS proxy, but the 'socksio' package is not installed. Make sure to install httpx using `pip install httpx[socks]`." },
    { env: { HTTPS_PROXY: 'socks4://a.invalid:1' }, expect: "ValueError: Unknown scheme for proxy URL URL('socks4://a.invalid:1')" },
    { env: { HTTPS_PROXY: 'http://a.invalid:99999x' }, expect: "httpx.InvalidURL: Invalid port: '99999x'" },
    { env: { npm_config_proxy: P, npm_config_https_proxy: 'http://b.invalid:2' }, expect: 'direct' },
    { env: { REQUEST_METHOD: 'GET', HTTP_PROXY: P, ALL_PROXY: 'http://c.invalid:3' }, expect: 'http://c.invalid:3' },
  ];
  for (const { env, host = 'jamf.example.com', expect } of rows) {
    it(`${JSON.stringify(env)} → https://${host}: ${expect}`, () => {
      const decision = jamfmcpProxy(env, host, 'linux');
      const got = decision.kind === 'direct' ? 'direct' : decision.kind === 'proxy' ? decision.url : decision.error;
      assert.equal(got, expect, decision.why);
    });
  }
  it('macOS: System Settings proxies apply only when no *_proxy variable is set (CPython Lib/urllib/request.py:2642-2673)', () => {
    const system = { https: 'http://sys.invalid:8080', source: 'scutil --proxy' };
    const viaSystem = jamfmcpProxy({}, 'jamf.example.com', 'darwin', system);
    assert.equal(viaSystem.kind === 'proxy' ? viaSystem.url : viaSystem.kind, 'http://sys.invalid:8080');
    // Even a NO_PROXY alone counts as "the environment has proxies": System Settings are skipped.
    assert.equal(jamfmcpProxy({ NO_PROXY: 'other.com' }, 'jamf.example.com', 'darwin', system).kind, 'direct');
    assert.equal(jamfmcpProxy({}, 'jamf.example.com', 'linux', system).kind, 'direct', 'not on Linux');
  });
  it('environmentProxies: lower-case names win, and name the variable that set each key', () => {
    const settings = environmentProxies({ HTTPS_PROXY: 'http://a.invalid:1', https_proxy: 'http://b.invalid:2', NO_PROXY: 'x' });
    assert.deepEqual(settings.get('https'), { key: 'https', value: 'http://b.invalid:2', variable: 'https_proxy' });
    assert.equal(settings.get('no')?.variable, 'NO_PROXY');
  });
});
