/**
 * URL normalisation: the guide's "Server URL Issues" right/wrong examples and the cases of issue 2.
 * Every row pins the exact problem codes (in order), their severity and recoverability, the
 * corrected URL and the overall status.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyseJamfUrl, urlStatus } from '../../src/config/url.js';
import type { UrlProblemCode } from '../../src/config/url.js';

type Sev = 'fail' | 'warn';
interface Row {
  name: string;
  input: string | undefined;
  status: 'pass' | 'warn' | 'fail';
  /** [code, severity, recoverable], in the order the analysis reports them. */
  problems: Array<[UrlProblemCode, Sev, boolean]>;
  corrected: string | undefined;
  /** The "https assumed" note is expected (true) or must be absent (false). */
  assumedHttps?: boolean;
}

const ROWS: Row[] = [
  // --- The guide: "Missing Protocol" ---
  { name: 'guide ✅ bare host (protocol optional)', input: 'your-server.com', status: 'pass', problems: [], corrected: 'https://your-server.com', assumedHttps: true },
  {
    name: 'guide ❌ host:port without protocol',
    input: 'your-server.com:8443',
    status: 'fail',
    problems: [['missing-protocol-with-port', 'fail', true]],
    corrected: 'https://your-server.com:8443',
    assumedHttps: false,
  },
  { name: 'guide ✅ https with custom port', input: 'https://your-server.com:8443', status: 'pass', problems: [], corrected: 'https://your-server.com:8443', assumedHttps: false },
  // --- The guide: "Trailing Slash" ---
  { name: 'guide ❌ trailing slash', input: 'https://your-server.com/', status: 'warn', problems: [['trailing-slash', 'warn', true]], corrected: 'https://your-server.com' },
  { name: 'guide ✅ no trailing slash', input: 'https://your-server.com', status: 'pass', problems: [], corrected: 'https://your-server.com', assumedHttps: false },
  // --- The guide: "Wrong Port" and configuration examples ---
  { name: 'guide ✅ Jamf Cloud bare host', input: 'your-server.jamfcloud.com', status: 'pass', problems: [], corrected: 'https://your-server.jamfcloud.com', assumedHttps: true },
  { name: 'guide ✅ dev.jamfcloud.com', input: 'dev.jamfcloud.com', status: 'pass', problems: [], corrected: 'https://dev.jamfcloud.com' },
  { name: 'guide ✅ prod.jamfcloud.com', input: 'prod.jamfcloud.com', status: 'pass', problems: [], corrected: 'https://prod.jamfcloud.com' },
  // --- Scheme ---
  {
    name: 'http:// fails but is recoverable (tested as https)',
    input: 'http://your-server.com',
    status: 'fail',
    problems: [['http', 'fail', true]],
    corrected: 'https://your-server.com',
  },
  { name: 'HTTP:// in capitals', input: 'HTTP://your-server.com', status: 'fail', problems: [['http', 'fail', true]], corrected: 'https://your-server.com' },
  { name: 'HTTPS:// in capitals, host lower-cased', input: 'HTTPS://YOUR-SERVER.COM', status: 'pass', problems: [], corrected: 'https://your-server.com' },
  { name: 'ftp:// is not recoverable', input: 'ftp://your-server.com', status: 'fail', problems: [['unsupported-scheme', 'fail', false]], corrected: undefined },
  { name: 'https:/host (one slash)', input: 'https:/your-server.com', status: 'fail', problems: [['malformed-scheme', 'fail', true]], corrected: 'https://your-server.com' },
  { name: 'https:host (no slash)', input: 'https:your-server.com', status: 'fail', problems: [['malformed-scheme', 'fail', true]], corrected: 'https://your-server.com' },
  {
    name: 'http:/host is malformed and http',
    input: 'http:/your-server.com',
    status: 'fail',
    problems: [
      ['malformed-scheme', 'fail', true],
      ['http', 'fail', true],
    ],
    corrected: 'https://your-server.com',
  },
  // --- Whitespace, control characters, quotes ---
  { name: 'spaces around', input: '  https://your-server.com  ', status: 'fail', problems: [['whitespace', 'fail', true]], corrected: 'https://your-server.com' },
  { name: 'trailing newline (pasted)', input: 'https://your-server.com\n', status: 'fail', problems: [['whitespace', 'fail', true]], corrected: 'https://your-server.com' },
  { name: 'space inside', input: 'https://your server.com', status: 'fail', problems: [['whitespace', 'fail', false]], corrected: undefined },
  { name: 'space inside the path', input: 'https://your-server.com/ja mf', status: 'fail', problems: [['whitespace', 'fail', false]], corrected: undefined },
  { name: 'NUL', input: 'https://your-server.com\u0000', status: 'fail', problems: [['control-characters', 'fail', false]], corrected: undefined },
  { name: 'tab inside', input: 'https://your\tserver.com', status: 'fail', problems: [['control-characters', 'fail', false]], corrected: undefined },
  { name: 'BEL / DEL', input: 'https://your-server.com\u0007\u007f', status: 'fail', problems: [['control-characters', 'fail', false]], corrected: undefined },
  {
    name: 'whitespace around and NUL inside',
    input: ' https://your\u0000server.com ',
    status: 'fail',
    problems: [
      ['whitespace', 'fail', true],
      ['control-characters', 'fail', false],
    ],
    corrected: undefined,
  },
  { name: 'double quotes', input: '"https://your-server.com"', status: 'fail', problems: [['quoted', 'fail', true]], corrected: 'https://your-server.com' },
  { name: 'single quotes, bare host', input: "'your-server.com'", status: 'fail', problems: [['quoted', 'fail', true]], corrected: 'https://your-server.com', assumedHttps: true },
  // --- Credentials, query, fragment ---
  {
    name: 'user:password@',
    input: 'https://api-user:secure-password@your-server.com',
    status: 'fail',
    problems: [['credentials', 'fail', true]],
    corrected: 'https://your-server.com',
  },
  { name: 'user@ only', input: 'https://api-user@your-server.com', status: 'fail', problems: [['credentials', 'fail', true]], corrected: 'https://your-server.com' },
  { name: 'query string', input: 'https://your-server.com?debug=1', status: 'warn', problems: [['query', 'warn', true]], corrected: 'https://your-server.com' },
  { name: 'empty query', input: 'https://your-server.com?', status: 'warn', problems: [['query', 'warn', true]], corrected: 'https://your-server.com' },
  { name: 'fragment', input: 'https://your-server.com#top', status: 'warn', problems: [['fragment', 'warn', true]], corrected: 'https://your-server.com' },
  {
    name: 'slash, query and fragment',
    input: 'https://your-server.com/?a=1#f',
    status: 'warn',
    problems: [
      ['query', 'warn', true],
      ['fragment', 'warn', true],
      ['trailing-slash', 'warn', true],
    ],
    corrected: 'https://your-server.com',
  },
  // --- Paths ---
  { name: 'token endpoint', input: 'https://your-server.com/api/v1/auth/token', status: 'warn', problems: [['api-path', 'warn', true]], corrected: 'https://your-server.com' },
  { name: 'oauth endpoint', input: 'https://your-server.com/api/oauth/token', status: 'warn', problems: [['api-path', 'warn', true]], corrected: 'https://your-server.com' },
  { name: 'classic API', input: 'https://your-server.com/JSSResource/computers', status: 'warn', problems: [['api-path', 'warn', true]], corrected: 'https://your-server.com' },
  { name: 'web UI page', input: 'https://your-server.com/index.html', status: 'warn', problems: [['api-path', 'warn', true]], corrected: 'https://your-server.com' },
  { name: 'api path with trailing slash', input: 'https://your-server.com/api/', status: 'warn', problems: [['api-path', 'warn', true]], corrected: 'https://your-server.com' },
  { name: 'context path kept', input: 'https://your-server.com:8443/jamf', status: 'warn', problems: [['context-path', 'warn', true]], corrected: 'https://your-server.com:8443/jamf' },
  {
    name: 'context path with trailing slash',
    input: 'https://your-server.com/jamf/',
    status: 'warn',
    problems: [
      ['trailing-slash', 'warn', true],
      ['context-path', 'warn', true],
    ],
    corrected: 'https://your-server.com/jamf',
  },
  {
    name: 'context path then api path: api part dropped, context kept',
    input: 'https://your-server.com/jamf/api/v1/auth/token',
    status: 'warn',
    problems: [
      ['api-path', 'warn', true],
      ['context-path', 'warn', true],
    ],
    corrected: 'https://your-server.com/jamf',
  },
  // --- Ports ---
  {
    name: 'Jamf Cloud on 8443',
    input: 'https://your-server.jamfcloud.com:8443',
    status: 'warn',
    problems: [['jamfcloud-port', 'warn', true]],
    corrected: 'https://your-server.jamfcloud.com:8443',
  },
  { name: 'Jamf Cloud on 443 is fine (port dropped)', input: 'https://your-server.jamfcloud.com:443', status: 'pass', problems: [], corrected: 'https://your-server.jamfcloud.com' },
  {
    name: 'Jamf Cloud host:port without protocol',
    input: 'your-server.jamfcloud.com:8443',
    status: 'fail',
    problems: [
      ['missing-protocol-with-port', 'fail', true],
      ['jamfcloud-port', 'warn', true],
    ],
    corrected: 'https://your-server.jamfcloud.com:8443',
  },
  { name: 'not Jamf Cloud (suffix lookalike)', input: 'https://notjamfcloud.com:8443', status: 'pass', problems: [], corrected: 'https://notjamfcloud.com:8443' },
  { name: 'not Jamf Cloud (jamfcloud.com inside)', input: 'https://x.jamfcloud.com.evil.example:8443', status: 'pass', problems: [], corrected: 'https://x.jamfcloud.com.evil.example:8443' },
  { name: 'port 0 (with protocol)', input: 'https://your-server.com:0', status: 'fail', problems: [['port-out-of-range', 'fail', false]], corrected: undefined },
  {
    name: 'port 0 (without protocol)',
    input: 'your-server.com:0',
    status: 'fail',
    problems: [
      ['missing-protocol-with-port', 'fail', true],
      ['port-out-of-range', 'fail', false],
    ],
    corrected: undefined,
  },
  { name: 'port 65536', input: 'https://your-server.com:65536', status: 'fail', problems: [['port-out-of-range', 'fail', false]], corrected: undefined },
  { name: 'port 65535 is fine', input: 'https://your-server.com:65535', status: 'pass', problems: [], corrected: 'https://your-server.com:65535' },
  { name: 'port 1 is fine', input: 'https://your-server.com:1', status: 'pass', problems: [], corrected: 'https://your-server.com:1' },
  // --- Hosts ---
  { name: 'IPv6 literal with port', input: 'https://[::1]:8443', status: 'pass', problems: [], corrected: 'https://[::1]:8443' },
  { name: 'IPv6 literal host:port without protocol', input: '[::1]:8443', status: 'fail', problems: [['missing-protocol-with-port', 'fail', true]], corrected: 'https://[::1]:8443' },
  { name: 'IPv4 literal', input: 'https://127.0.0.1:8443', status: 'pass', problems: [], corrected: 'https://127.0.0.1:8443' },
  { name: 'IDN host becomes punycode', input: 'https://bücher.example', status: 'pass', problems: [], corrected: 'https://xn--bcher-kva.example' },
  { name: 'IDN bare host', input: 'münchen.example:8443', status: 'fail', problems: [['missing-protocol-with-port', 'fail', true]], corrected: 'https://xn--mnchen-3ya.example:8443' },
  { name: 'unparseable: two ports', input: 'https://your-server.com:8443:9', status: 'fail', problems: [['invalid', 'fail', false]], corrected: undefined },
  // --- Missing ---
  { name: 'undefined', input: undefined, status: 'fail', problems: [['missing', 'fail', false]], corrected: undefined },
  { name: 'empty', input: '', status: 'fail', problems: [['missing', 'fail', false]], corrected: undefined },
  { name: 'blank', input: '   \t ', status: 'fail', problems: [['missing', 'fail', false]], corrected: undefined },
];

describe('analyseJamfUrl: table of the guide and the spec', () => {
  for (const row of ROWS) {
    it(`${row.name}: ${JSON.stringify(row.input)} → ${row.status}`, () => {
      const analysis = analyseJamfUrl(row.input);
      assert.deepEqual(
        analysis.problems.map((p) => [p.code, p.severity, p.recoverable]),
        row.problems,
        'problem codes, severities and recoverability',
      );
      assert.equal(urlStatus(analysis), row.status);
      assert.equal(analysis.corrected, row.corrected);
      if (row.corrected === undefined) {
        assert.equal(analysis.url, undefined, 'no usable URL when it cannot be corrected');
      } else {
        assert.ok(analysis.url, 'a usable URL accompanies the corrected string');
        assert.equal(analysis.url.protocol, 'https:');
        assert.equal(analysis.url.username, '');
        assert.equal(analysis.url.password, '');
        assert.equal(analysis.url.search, '');
        assert.equal(analysis.url.hash, '');
        assert.ok(!analysis.corrected?.endsWith('/'), 'corrected never ends with a slash');
      }
      if (row.assumedHttps === true) assert.deepEqual(analysis.notes, ['no protocol given: https:// assumed']);
      if (row.assumedHttps === false) assert.deepEqual(analysis.notes, []);
      for (const p of analysis.problems) assert.ok(p.message.length > 10, `${p.code} has a message`);
    });
  }
});

describe('analyseJamfUrl: messages', () => {
  const messageOf = (input: string | undefined, code: UrlProblemCode): string => {
    const found = analyseJamfUrl(input).problems.find((p) => p.code === code);
    assert.ok(found, `${code} reported for ${JSON.stringify(input)}`);
    return found.message;
  };
  const CASES: Array<[string | undefined, UrlProblemCode, RegExp]> = [
    [undefined, 'missing', /no server URL was given/],
    ['', 'missing', /the server URL is empty/],
    ['http://your-server.com', 'http', /unencrypted/],
    ['http://your-server.com', 'http', /https/],
    ['ftp://your-server.com', 'unsupported-scheme', /ftp:\/\//],
    ['https:/your-server.com', 'malformed-scheme', /"https:\/" instead of "https:\/\/"/],
    ['your-server.com:8443', 'missing-protocol-with-port', /protocol/],
    ['https://your-server.com:0', 'port-out-of-range', /port 0 .*1-65535/],
    ['https://your-server.com:65536', 'port-out-of-range', /port 65536/],
    ['https://your-server.com/api/v1/auth/token', 'api-path', /"\/api\/v1\/auth\/token"/],
    ['https://your-server.com/jamf/index.html', 'api-path', /"\/index\.html"/],
    ['https://your-server.com/jamf', 'context-path', /\(\/jamf\)/],
    ['https://t.jamfcloud.com:8443', 'jamfcloud-port', /port 8443/],
    ['https://t.jamfcloud.com:8443', 'jamfcloud-port', /443/],
    ['https://u:p@your-server.com', 'credentials', /JAMF_CLIENT_ID\/JAMF_CLIENT_SECRET/],
    ['https://your-server.com/', 'trailing-slash', /slash/],
    ['"your-server.com"', 'quoted', /quote/],
    ['https://your-server.com\u0000', 'control-characters', /control characters/],
  ];
  for (const [input, code, pattern] of CASES) {
    it(`${code} for ${JSON.stringify(input)} says ${pattern}`, () => {
      assert.match(messageOf(input, code), pattern);
    });
  }
});

describe('analyseJamfUrl: credentials inside the URL', () => {
  const CASES: Array<[string, string | undefined]> = [
    ['https://api-user:secure-password@your-server.com', 'secure-password'],
    ['https://api-user:p%40ss%20word@your-server.com:8443/jamf', 'p@ss word'],
    ['https://:only-password@your-server.com', 'only-password'],
    ['api-user:hunter22@your-server.com', 'hunter22'],
    ['https://api-user@your-server.com', undefined],
  ];
  for (const [input, password] of CASES) {
    it(`strips the credentials of ${input} and hands back the password ${JSON.stringify(password)}`, () => {
      const analysis = analyseJamfUrl(input);
      assert.ok(analysis.problems.some((p) => p.code === 'credentials' && p.severity === 'fail' && p.recoverable));
      assert.equal(analysis.embeddedPassword, password);
      assert.ok(analysis.corrected, 'corrected URL present');
      assert.ok(!analysis.corrected.includes('@'), 'no userinfo in corrected');
      assert.ok(!analysis.corrected.includes('api-user'), 'no user name in corrected');
      assert.ok(analysis.url && !analysis.url.href.includes('@'), 'no userinfo in url.href');
      if (password !== undefined) {
        assert.ok(!analysis.corrected.includes(password), 'password not in corrected');
        assert.ok(!analysis.corrected.includes(encodeURIComponent(password)), 'encoded password not in corrected');
        for (const p of analysis.problems) assert.ok(!p.message.includes(password), `${p.code} message free of the password`);
      }
    });
  }

  it('puts no password into any message or note for any row of the table', () => {
    for (const row of ROWS) {
      const a = analyseJamfUrl(row.input);
      for (const text of [...a.problems.map((p) => p.message), ...a.notes]) {
        assert.ok(!text.includes('secure-password'), `${row.name}: ${text}`);
      }
    }
  });
});

describe('urlStatus', () => {
  it('is fail when any problem fails, even with warnings', () => {
    assert.equal(
      urlStatus({ problems: [{ code: 'query', severity: 'warn', message: 'q', recoverable: true }, { code: 'http', severity: 'fail', message: 'h', recoverable: true }], notes: [] }),
      'fail',
    );
  });
  it('is warn with only warnings', () => {
    assert.equal(urlStatus({ problems: [{ code: 'query', severity: 'warn', message: 'q', recoverable: true }], notes: [] }), 'warn');
  });
  it('is pass with no problems, notes notwithstanding', () => {
    assert.equal(urlStatus({ problems: [], notes: ['no protocol given: https:// assumed'] }), 'pass');
  });
});

describe('analyseJamfUrl: known bugs', () => {
  it(
    'a stray closing quote is caught (not pass with a quote inside the host name)',
    () => {
      const a = analyseJamfUrl('https://your-server.com"');
      assert.equal(urlStatus(a), 'fail');
      assert.ok(!(a.corrected ?? '').includes('"'));
    },
  );
  it(
    'a stray opening quote is reported as a quote, not as host:port',
    () => {
      const a = analyseJamfUrl('"https://your-server.com');
      assert.ok(a.problems.some((p) => p.code === 'quoted'));
      assert.ok(!a.problems.some((p) => p.code === 'missing-protocol-with-port'));
    },
  );
  const unusableWithPassword = [
    'https://api-user:hunter22@your-server.com:0',
    'ftp://api-user:hunter22@your-server.com',
    'https://api-user:hunter22@your server.com',
  ];
  for (const input of unusableWithPassword) {
    it(
      `hands back the embedded password of an unusable URL (${input}) so it can be redacted`,
      () => {
        assert.equal(analyseJamfUrl(input).embeddedPassword, 'hunter22');
      },
    );
  }
});
