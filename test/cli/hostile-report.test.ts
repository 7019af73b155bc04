/**
 * Hostile report content (issue 12): strings a hostile server, a hostile MCP config or a hostile
 * command line controls must not turn the doctor's own output against its reader, and no secret
 * may come back out in an encoding the doctor itself used; odd token and clock values must not
 * break the run.
 *
 *   A. Markdown injection: server-controlled text (OAuth error_description, an HTML <title>, the
 *      Jamf Pro version, /api/v1/auth's accessLevel) must not become live images, links, raw HTML or
 *      a comment terminator in `--format markdown` — and must stay visible in some escaped form.
 *   B. Terminal injection: entry names with ESC/BEL (and a `-->`) in `--server all` headers, and an
 *      ESC sequence given to `jamfmcp explain`.
 *   C. The client secret, sent form-encoded (Python urlencode rules), echoed back by the server in an
 *      error_description, an HTML <title> and a Location header: not in any form in any output.
 *   D. A mistyped secret flag (`--client-secrt=VALUE` / `--client-secrt VALUE`): usage error that
 *      names the flag but never echoes the value.
 *   E. Token and clock values out of range: huge `expires`, `expires_in`, JWT `exp`; a JWT that
 *      expired in 1970; a past `expires`; a `Date: 0` and a `Date: garbage` header.
 *
 * Black-box: the built CLI against a loopback fake Jamf Pro (HTTPS, test PKI trusted through
 * SSL_CERT_FILE, JamfMCP's port-443 URL sent to the fake with --connect-to). Every run has a
 * timeout and must not be killed by it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CLIENT, DEFAULT_USER, startFakeJamf, type FakeJamf, type FakeJamfOptions, type RouteHandler } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { registerSecret, runCli, type RunCliOptions, type RunCliResult } from '../harness/run-cli.js';
import { assertNoSecretLeaks } from '../harness/secrets-registry.js';
import { htmlPage, jsonAnswer, makeJwt, rewriteJson } from '../harness/token-helpers.js';
import { findCheck, type JsonCheck, type JsonReport } from '../harness/report.js';

// --- settings -------------------------------------------------------------------------------------

const CLIENT_ENV = { JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret };
const BASIC_ENV = { JAMF_USERNAME: DEFAULT_USER.username, JAMF_PASSWORD: DEFAULT_USER.password };
/** JamfMCP 1.0.2's token endpoint; 1.0.1's user-token endpoint. */
const OAUTH_PATH = '/api/oauth/token';
const BASIC_PATH = '/api/v1/auth/token';
/** runCli's kill switch for every run (the doctor's own --timeout is 2 s). */
const RUN_TIMEOUT_MS = 20_000;

const ESC = '\u001b';
const BEL = '\u0007';

let dir: string;
let rootPem: string;

before(async () => {
  const pki = await testPki();
  dir = await mkdtemp(join(tmpdir(), 'doctor-hostile-report-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, pki.root.certPem);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// --- running the doctor ---------------------------------------------------------------------------

/** runCli with the kill switch, asserting the run ended by itself. */
async function run(args: string[], options: RunCliOptions = {}): Promise<RunCliResult> {
  const result = await runCli(args, { timeoutMs: RUN_TIMEOUT_MS, ...options });
  assert.equal(result.timedOut, false, `the CLI was killed at ${RUN_TIMEOUT_MS} ms:\n${result.stderr}`);
  assert.equal(result.signal, null, `the CLI ended by signal ${result.signal}:\n${result.stderr}`);
  return result;
}

interface DoctorRun {
  fake: FakeJamf;
  areas?: string[];
  args?: string[];
  auth?: 'client' | 'basic';
  env?: Record<string, string | undefined>;
  options?: Omit<RunCliOptions, 'env'>;
}

/**
 * `jamfmcp doctor <areas> --url https://localhost --connect-to localhost:443:127.0.0.1:PORT --timeout 2s <args>`
 * with an API client's (or, with auth 'basic', a user's and --jamfmcp-version 1.0.1) credentials.
 */
function doctor({ fake, areas = ['token'], args = [], auth = 'client', env = {}, options = {} }: DoctorRun): Promise<RunCliResult> {
  const version = auth === 'basic' ? ['--jamfmcp-version', '1.0.1'] : [];
  return run(['doctor', ...areas, '--url', fake.jamfUrl, ...fake.connectArgs, ...version, '--timeout', '2s', ...args], {
    ...options,
    env: { ...(auth === 'basic' ? BASIC_ENV : CLIENT_ENV), SSL_CERT_FILE: rootPem, ...env },
  });
}

async function withFake<T>(options: FakeJamfOptions, setup: (fake: FakeJamf) => void, work: (fake: FakeJamf) => Promise<T>): Promise<T> {
  const fake = await startFakeJamf(options);
  try {
    setup(fake);
    return await work(fake);
  } finally {
    await fake.close();
  }
}

function parseReport(result: RunCliResult): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`stdout is not a JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

function summary(report: JsonReport): string {
  return report.checks.map((c) => `${c.id}: ${c.status} ${c.message}`).join('\n');
}

/** The run did not break: no exit 3, no check in status error, no RangeError text anywhere. */
function didNotBreak(result: RunCliResult, report: JsonReport): void {
  const broke = report.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.message}`);
  assert.deepEqual(broke, [], `a check broke (status error):\n${summary(report)}`);
  assert.notEqual(result.code, 3, `exit 3 (internal error):\n${result.stderr}\n${summary(report)}`);
  assert.notEqual(report.exitCode, 3);
  for (const [where, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
    assert.doesNotMatch(text, /Invalid time value|RangeError/, `a date could not be formatted (${where})`);
  }
}

// --- A: Markdown ----------------------------------------------------------------------------------

/**
 * What a Markdown viewer (GitHub, a ticketing system) would turn into something live: an image that
 * loads from the attacker's server, a link to it, raw HTML, or a `-->` that ends an HTML comment.
 * Backslash-escaped brackets (`!\[x\]\(…`, `\](…`) are not live and pass.
 */
function assertInertMarkdown(markdown: string, label: string): void {
  const around = (at: number): string => JSON.stringify(markdown.slice(Math.max(0, at - 60), at + 60));
  const liveImage = /!\[[^\]\n]*\]\(\s*<?https?:/i.exec(markdown);
  assert.ok(liveImage === null, `${label}: a live Markdown image at index ${liveImage?.index}: ${around(liveImage?.index ?? 0)}`);
  const liveLink = /(?<!\\)\]\(\s*<?https?:\/\/evil/i.exec(markdown);
  assert.ok(liveLink === null, `${label}: a live Markdown link to the hostile server at index ${liveLink?.index}: ${around(liveLink?.index ?? 0)}`);
  for (const raw of ['<img', '<script', '-->']) {
    const at = markdown.toLowerCase().indexOf(raw);
    assert.ok(at === -1, `${label}: raw ${JSON.stringify(raw)} in the Markdown at index ${at}: ${around(at)}`);
  }
}

/** The hostile text is still shown (escaped, not dropped): "evil.example" is readable once escapes are undone. */
function assertStillVisible(markdown: string, label: string, words: RegExp[] = []): void {
  const readable = markdown
    .replace(/\\(.)/g, '$1')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  assert.match(readable, /evil\.example/, `${label}: the server's text was dropped instead of escaped`);
  for (const word of words) assert.match(readable, word, `${label}: ${word} no longer visible`);
}

const HOSTILE_DESCRIPTION = '![x](https://evil.example/pixel.png) [click](https://evil.example/phish) <img src=x onerror=alert(1)> <!-- -->';
const HOSTILE_TITLE = 'Sign In [login](https://evil.example/phish) <script>alert(1)</script>';

describe('issue 12 A: server text cannot inject Markdown into --format markdown', () => {
  it('A: a 400 invalid_client error_description with an image, a link, <img> and <!-- --> stays inert', async () => {
    await withFake(
      {},
      (fake) => fake.route('POST', OAUTH_PATH, jsonAnswer(400, { error: 'invalid_client', error_description: HOSTILE_DESCRIPTION })),
      async (fake) => {
        const result = await doctor({ fake, args: ['--format', 'markdown'] });
        assert.equal(result.code, 1, `auth.token fails (stderr: ${result.stderr})`);
        assert.match(result.stdout, /auth\.token/);
        assertInertMarkdown(result.stdout, 'error_description');
        assertStillVisible(result.stdout, 'error_description', [/invalid_client/, /onerror/]);
      },
    );
  });

  it('A: an HTML <title> with a Markdown link and <script> on health-check and startup-status stays inert', async () => {
    await withFake(
      {},
      (fake) => {
        fake.route('GET', '/api/v1/health-check', htmlPage(200, HOSTILE_TITLE));
        fake.route('GET', '/api/startup-status', htmlPage(200, HOSTILE_TITLE));
      },
      async (fake) => {
        const result = await doctor({ fake, args: ['--format', 'markdown'] });
        assert.equal(result.code, 1, `server.jamf fails (stderr: ${result.stderr})`);
        assert.match(result.stdout, /server\.jamf/);
        assertInertMarkdown(result.stdout, 'HTML title');
        assertStillVisible(result.stdout, 'HTML title', [/Sign In/, /script/]);
      },
    );
  });

  it('A: the Jamf Pro version (an image) and the accessLevel (a link) from the API stay inert', async () => {
    await withFake(
      {},
      (fake) => {
        fake.route('GET', '/api/v1/jamf-pro-version', rewriteJson(() => ({ version: '11.0 ![p](https://evil.example/v.png)' })));
        fake.route(
          'GET',
          '/api/v1/auth',
          rewriteJson((body) => {
            const account = (body.account ?? {}) as Record<string, unknown>;
            return { ...body, account: { ...account, accessLevel: 'FullAccess [admin](https://evil.example/admin) <img src=x>' } };
          }),
        );
      },
      async (fake) => {
        const result = await doctor({ fake, args: ['--format', 'markdown'] });
        assert.notEqual(result.code, 3, `internal error: ${result.stderr}`);
        assert.equal(fake.requestsTo('/api/v1/jamf-pro-version', 'GET').length > 0, true, 'the version was asked for');
        assert.equal(fake.requestsTo('/api/v1/auth', 'GET').length > 0, true, '/api/v1/auth was asked for');
        assertInertMarkdown(result.stdout, 'version/accessLevel');
        assertStillVisible(result.stdout, 'version/accessLevel', [/11\.0/]);
      },
    );
  });
});

// --- B: terminal ----------------------------------------------------------------------------------

const HOSTILE_NAMES = [`jamf${ESC}[2J${ESC}]0;pwned${BEL}`, 'x--><script>'];

async function hostileConfig(): Promise<string> {
  const env = { JAMF_URL: 'https://acme.jamfcloud.com', JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret };
  const servers = Object.fromEntries(HOSTILE_NAMES.map((name) => [name, { command: 'uvx', args: ['jamfmcp'], env }]));
  const path = join(dir, `hostile-names-${process.hrtime.bigint()}.json`);
  await writeFile(path, `${JSON.stringify({ mcpServers: servers }, null, 2)}\n`);
  return path;
}

function assertNoControlBytes(text: string, label: string): void {
  for (const [name, byte] of [['ESC', ESC], ['BEL', BEL]] as const) {
    const at = text.indexOf(byte);
    assert.equal(at, -1, `${label}: raw ${name} at index ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`);
  }
}

describe('issue 12 B: names and arguments cannot inject terminal control sequences or end HTML comments', () => {
  it('B: --server all --format text: entry names with ESC/BEL are shown escaped in the per-entry headers', async () => {
    const config = await hostileConfig();
    const result = await run(['doctor', 'config', 'url', '--config', config, '--server', 'all', '--format', 'text', '--no-interactive']);
    assert.equal(result.code, 0, `both entries are fine offline (stderr: ${result.stderr})\n${result.stdout}`);
    assert.equal(result.stdout.match(/^jamfmcp doctor /gm)?.length, 2, `one report per entry:\n${result.stdout}`);
    assertNoControlBytes(result.stdout, 'stdout');
    assertNoControlBytes(result.stderr, 'stderr');
    assert.match(result.stdout, /pwned/, 'the name is still shown (escaped)');
  });

  it('B: --server all --format markdown: a name with "-->" cannot close the HTML comment; no raw ESC/BEL', async () => {
    const config = await hostileConfig();
    const result = await run(['doctor', 'config', 'url', '--config', config, '--server', 'all', '--format', 'markdown', '--no-interactive']);
    assert.equal(result.code, 0, `both entries are fine offline (stderr: ${result.stderr})`);
    const markdown = result.stdout;
    assert.equal(markdown.match(/^# jamfmcp doctor report/gm)?.length, 2, `one report per entry:\n${markdown}`);
    assertNoControlBytes(markdown, 'markdown');
    assertNoControlBytes(result.stderr, 'stderr');
    // Every comment the doctor opens ends where the doctor ends it: one "-->" per "<!--", at the end of its line.
    for (const line of markdown.split('\n').filter((l) => l.includes('<!--'))) {
      assert.ok(line.endsWith('-->'), `an HTML comment line that does not end with its own "-->": ${JSON.stringify(line)}`);
      assert.equal(line.indexOf('-->'), line.length - 3, `a "-->" inside the comment closes it early: ${JSON.stringify(line)}`);
    }
    const opens = markdown.split('<!--').length - 1;
    const closes = markdown.split('-->').length - 1;
    assert.equal(closes, opens, `${closes} "-->" for ${opens} "<!--": a name closes a comment early`);
    assert.equal(markdown.toLowerCase().indexOf('<script'), -1, 'raw <script> in the Markdown');
  });

  it('B: jamfmcp explain with an ESC/BEL sequence does not echo the control bytes', async () => {
    const result = await run(['explain', `${ESC}[31mred${BEL}`]);
    assertNoControlBytes(result.stdout, 'stdout');
    assertNoControlBytes(result.stderr, 'stderr');
  });
});

// --- C: the secret in the encodings the doctor uses -------------------------------------------------

const HOSTILE_SECRET = "S3cr3t (x)~ y*'!";
/** Python's urlencode (quote_plus) of HOSTILE_SECRET, as JamfMCP (and the doctor) send it. */
const FORM_ENCODED_SECRET = 'S3cr3t+%28x%29~+y%2A%27%21';

/** The forms the secret can take in output (never printed by a failure). */
function secretForms(): Array<{ how: string; form: string }> {
  const forms = new Map<string, string>();
  const add = (how: string, form: string): void => {
    if (!forms.has(form)) forms.set(form, how);
  };
  add('raw', HOSTILE_SECRET);
  add('form-encoded (urlencode)', FORM_ENCODED_SECRET);
  add('form-encoded, lower-case hex', FORM_ENCODED_SECRET.toLowerCase());
  add('percent-encoded (encodeURIComponent)', encodeURIComponent(HOSTILE_SECRET));
  add('percent-encoded, + for space', encodeURIComponent(HOSTILE_SECRET).replace(/%20/g, '+'));
  add('percent-encoded (every reserved character)', HOSTILE_SECRET.replace(/[^A-Za-z0-9_.~-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
  add('JSON-escaped', JSON.stringify(HOSTILE_SECRET).slice(1, -1));
  add('HTML-escaped', HOSTILE_SECRET.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
  add('XML-escaped', HOSTILE_SECRET.replace(/'/g, '&apos;'));
  add('Markdown-escaped', HOSTILE_SECRET.replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&'));
  return [...forms].map(([form, how]) => ({ how, form }));
}

/** No form of the secret, whole or by any 8-character slice, in `text`. */
function assertSecretAbsent(text: string, where: string): void {
  const lower = text.toLowerCase();
  for (const { how, form } of secretForms()) {
    const f = form.toLowerCase();
    const whole = lower.indexOf(f);
    assert.equal(whole, -1, `the client secret (${how}) is in ${where} at index ${whole}`);
    for (let i = 0; i + 8 <= f.length; i++) {
      const at = lower.indexOf(f.slice(i, i + 8));
      assert.equal(at, -1, `an 8-character slice (offset ${i}) of the client secret (${how}) is in ${where} at index ${at}`);
    }
  }
}

/** The token endpoint answers with the raw request body (the form with the encoded secret) inside it. */
const ECHOES: Array<{ name: string; handler: RouteHandler }> = [
  { name: 'error_description of a 400 invalid_client', handler: (_req, _res, ctx) => ctx.json(400, { error: 'invalid_client', error_description: `bad request: ${ctx.body}` }) },
  {
    name: 'the <title> of a 500 HTML page',
    handler: (_req, res, ctx) => {
      const body = `<!DOCTYPE html>\n<html><head><title>Error ${ctx.body}</title></head><body><p>${ctx.body}</p></body></html>\n`;
      res.writeHead(500, { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    },
  },
  {
    name: 'the Location header of a 302',
    handler: (_req, res, ctx) => {
      res.writeHead(302, { Location: `https://sso.example.com/login?${ctx.body}`, 'Content-Length': 0 });
      res.end();
    },
  },
];

describe('issue 12 C: a secret the server echoes back in the encoding the doctor sent never reaches the output', () => {
  it('C: the form body really carries the secret as Python urlencode writes it (premise)', async () => {
    registerSecret('hostile client secret (issue 12 C)', HOSTILE_SECRET);
    await withFake(
      {},
      (fake) => fake.route('POST', OAUTH_PATH, ECHOES[0]!.handler),
      async (fake) => {
        // The leak guard is off for this premise run only: the assertions below are the direct ones.
        const result = await doctor({ fake, args: ['--json'], env: { JAMF_CLIENT_SECRET: HOSTILE_SECRET }, options: { leakGuard: false } });
        const [request] = fake.requestsTo(OAUTH_PATH, 'POST');
        assert.ok(request, `no token request (stderr: ${result.stderr})`);
        assert.equal(request.body, `client_id=${DEFAULT_CLIENT.clientId}&client_secret=${FORM_ENCODED_SECRET}&grant_type=client_credentials`);
      },
    );
  });

  for (const echo of ECHOES) {
    for (const format of ['json', 'markdown', 'text'] as const) {
      it(`C: echoed in ${echo.name}, --format ${format} --verbose: no form of the secret in stdout or stderr`, async () => {
        registerSecret('hostile client secret (issue 12 C)', HOSTILE_SECRET);
        await withFake(
          {},
          (fake) => fake.route('POST', OAUTH_PATH, echo.handler),
          async (fake) => {
            // runCli's own leak guard (which knows the form-encoded form too) scans this run as well;
            // the assertions below make the same point directly on the output strings.
            const result = await doctor({ fake, args: ['--format', format, '--verbose'], env: { JAMF_CLIENT_SECRET: HOSTILE_SECRET } });
            assert.equal(fake.requestsTo(OAUTH_PATH, 'POST').length >= 1, true, `the token endpoint was asked (stderr: ${result.stderr})`);
            assert.notEqual(result.code, 3, `internal error: ${result.stderr}`);
            assert.equal(result.code, 1, 'auth.token fails');
            assertSecretAbsent(result.stdout, `stdout (--format ${format})`);
            assertSecretAbsent(result.stderr, `stderr (--format ${format})`);
            assertNoSecretLeaks(
              [
                { where: 'stdout', text: result.stdout },
                { where: 'stderr', text: result.stderr },
              ],
              `issue 12 C, ${echo.name}, --format ${format}`,
              [{ kind: 'hostile client secret', value: HOSTILE_SECRET }],
            );
          },
        );
      });
    }
  }
});

// --- D: a mistyped secret flag ----------------------------------------------------------------------

describe('issue 12 D: a mistyped flag never echoes its value', () => {
  const VALUE = 'TopSecretValue123';
  for (const args of [[`--client-secrt=${VALUE}`], ['--client-secrt', VALUE]]) {
    it(`D: jamfmcp doctor ${args.join(' ')}: exit 2, names the flag, not the value`, async () => {
      registerSecret('value of a mistyped --client-secret flag (issue 12 D)', VALUE);
      // The leak guard does not know this value belongs to a secret flag: asserted directly below.
      const result = await run(['doctor', ...args, '--no-interactive'], { env: { JAMF_URL: 'https://acme.jamfcloud.com' }, leakGuard: false });
      assert.equal(result.code, 2, `usage error (stderr: ${result.stderr})`);
      assert.match(result.stderr, /--client-secrt/, 'stderr names the unknown flag');
      for (const [where, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
        assert.equal(text.includes(VALUE), false, `the mistyped flag's value is echoed on ${where}`);
        assert.equal(text.includes('TopSecret'), false, `part of the mistyped flag's value is echoed on ${where}`);
      }
    });
  }
});

// --- E: token and clock values out of range -----------------------------------------------------

async function tokenRun(setup: (fake: FakeJamf) => void, auth: 'client' | 'basic' = 'client'): Promise<{ result: RunCliResult; report: JsonReport }> {
  return withFake({}, setup, async (fake) => {
    const result = await doctor({ fake, auth, args: ['--json', '--verbose'] });
    return { result, report: parseReport(result) };
  });
}

function lifetimeCheck(report: JsonReport): JsonCheck {
  return findCheck(report, 'auth.token-lifetime');
}

describe('issue 12 E: token and clock values out of range do not break the run or mislead', () => {
  it('E1: a user token whose "expires" is 1e300: no exit 3, no "Invalid time value"', async () => {
    const { result, report } = await tokenRun((fake) => fake.route('POST', BASIC_PATH, rewriteJson((b) => ({ ...b, expires: 1e300 }))), 'basic');
    // auth.token may pass or fail (JamfMCP itself may not read such an answer); the run must not break.
    didNotBreak(result, report);
  });

  it('E2: an OAuth answer with expires_in 1e13: no exit 3', async () => {
    const { result, report } = await tokenRun((fake) => fake.route('POST', OAUTH_PATH, rewriteJson((b) => ({ ...b, expires_in: 1e13 }))));
    didNotBreak(result, report);
  });

  it('E3: a JWT access_token with exp 1e20: no exit 3', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = makeJwt({ sub: DEFAULT_CLIENT.clientId, 'authentication-type': 'CLIENT_CREDENTIALS', scope: ['api-role:2'], iat: now, nbf: now, exp: 1e20 });
    registerSecret('hand-made JWT with exp 1e20 (issue 12 E3)', token);
    const { result, report } = await tokenRun((fake) =>
      fake.route('POST', OAUTH_PATH, jsonAnswer(200, { access_token: token, scope: 'api-role:2', token_type: 'Bearer', expires_in: 1799 })),
    );
    didNotBreak(result, report);
  });

  it('E3: a JWT access_token with exp 1e20 and no iat: no exit 3', async () => {
    const token = makeJwt({ sub: DEFAULT_CLIENT.clientId, 'authentication-type': 'CLIENT_CREDENTIALS', scope: ['api-role:2'], exp: 1e20 });
    registerSecret('hand-made JWT with exp 1e20, no iat (issue 12 E3)', token);
    const { result, report } = await tokenRun((fake) =>
      fake.route('POST', OAUTH_PATH, jsonAnswer(200, { access_token: token, scope: 'api-role:2', token_type: 'Bearer', expires_in: 1799 })),
    );
    didNotBreak(result, report);
  });

  it('E3: a user token (basic) that is a JWT with exp 1e20 and no "expires": no exit 3', async () => {
    const token = makeJwt({ sub: '1', 'authentication-type': 'JSS', 'subject-type': 'JSS_USER_ID', exp: 1e20 });
    registerSecret('hand-made user JWT with exp 1e20 (issue 12 E3)', token);
    const { result, report } = await tokenRun((fake) => fake.route('POST', BASIC_PATH, jsonAnswer(200, { token })), 'basic');
    didNotBreak(result, report);
  });

  it('E3 (beyond the brief): a JWT with exp 1e20 does not make auth.token-lifetime claim an astronomically long lifetime', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = makeJwt({ sub: DEFAULT_CLIENT.clientId, 'authentication-type': 'CLIENT_CREDENTIALS', scope: ['api-role:2'], iat: now, nbf: now, exp: 1e20 });
    registerSecret('hand-made JWT with exp 1e20 (issue 12 E3, lifetime)', token);
    const { result, report } = await tokenRun((fake) =>
      fake.route('POST', OAUTH_PATH, jsonAnswer(200, { access_token: token, scope: 'api-role:2', token_type: 'Bearer', expires_in: 1799 })),
    );
    didNotBreak(result, report);
    const c = lifetimeCheck(report);
    assert.doesNotMatch(c.message, /\d{10,} ?(min|s)\b/, `auth.token-lifetime reports an absurd lifetime: ${c.message}`);
  });

  it('E4: a JWT whose exp is in 1970 while expires_in says 1200: auth.token-lifetime does not pass; it names the past expiry', async () => {
    const token = makeJwt({ sub: DEFAULT_CLIENT.clientId, 'authentication-type': 'CLIENT_CREDENTIALS', scope: ['api-role:2'], exp: 1000 });
    registerSecret('hand-made JWT that expired in 1970 (issue 12 E4)', token);
    const { result, report } = await tokenRun((fake) =>
      fake.route('POST', OAUTH_PATH, jsonAnswer(200, { access_token: token, scope: 'api-role:2', token_type: 'Bearer', expires_in: 1200 })),
    );
    didNotBreak(result, report);
    const c = lifetimeCheck(report);
    assert.ok(c.status === 'warn' || c.status === 'fail', `auth.token-lifetime ${c.status}: ${c.message}`);
    assert.match(c.message, /expired|in the past|1970/i, `auth.token-lifetime names the past expiry: ${c.message}`);
    assert.ok(c.fix && c.fix.steps.length > 0, 'a fix');
  });

  it('E5: a user token whose "expires" is an hour ago: no negative lifetime such as "-60 min"', async () => {
    const { result, report } = await tokenRun(
      (fake) => fake.route('POST', BASIC_PATH, rewriteJson((b) => ({ ...b, expires: new Date(Date.now() - 3_600_000).toISOString() }))),
      'basic',
    );
    didNotBreak(result, report);
    const c = lifetimeCheck(report);
    assert.notEqual(c.status, 'pass', `auth.token-lifetime: ${c.message}`);
    const negative = /(^|[^\w-])-\d+(\.\d+)? ?(min|minutes?|s|sec|seconds?|h|hours?)\b/;
    assert.doesNotMatch(c.message, negative, `a negative lifetime in the message: ${c.message}`);
    for (const step of c.fix?.steps ?? []) assert.doesNotMatch(step, negative, `a negative lifetime in a fix step: ${step}`);
    assert.doesNotMatch(result.stdout, / -\d+ (min|s)\b/, 'a negative lifetime somewhere in the report');
  });

  /** Both unauthenticated probes (server.jamf, whose Date clock.skew compares) carry this Date header. */
  function dateHeader(value: string): (fake: FakeJamf) => void {
    const handler: RouteHandler = async (_req, res, ctx) => {
      res.setHeader('Date', value);
      await ctx.fallthrough();
    };
    return (fake) => {
      fake.route('GET', '/api/v1/health-check', handler);
      fake.route('GET', '/api/startup-status', handler);
    };
  }

  const UNREADABLE = /(could ?n[o']t|cannot|can't|unable to) (be )?(read|parse)|unreadable|unparsable|unparseable|not a valid (HTTP )?date|invalid/i;

  it('E6: "Date: 0" on the health probes: clock.skew says the Date header is unreadable, not a 14-million-minute skew', async () => {
    const { result, report } = await tokenRun(dateHeader('0'));
    didNotBreak(result, report);
    const c = findCheck(report, 'clock.skew');
    assert.doesNotMatch(c.message, /\d{5,} min|\d{7,} s/, `clock.skew reports an absurd skew: ${c.message}`);
    assert.notEqual(c.status, 'pass', `clock.skew: ${c.message}`);
    assert.match(c.message, /Date header/i, `clock.skew names the Date header: ${c.message}`);
    assert.match(c.message, UNREADABLE, `clock.skew says the Date header could not be read: ${c.message}`);
  });

  it('E7: "Date: garbage" on the health probes: clock.skew says the Date header could not be read, not "no Date header"', async () => {
    const { result, report } = await tokenRun(dateHeader('garbage'));
    didNotBreak(result, report);
    const c = findCheck(report, 'clock.skew');
    assert.doesNotMatch(c.message, /\bno Date header/i, `clock.skew claims there was no Date header: ${c.message}`);
    assert.match(c.message, /Date header/i, `clock.skew names the Date header: ${c.message}`);
    assert.match(c.message, UNREADABLE, `clock.skew says the Date header could not be read: ${c.message}`);
  });
});
