/**
 * Black-box tests of the token checks (issue 4): server.jamf, auth.token, auth.token-lifetime,
 * clock.skew, auth.token-valid and auth.cleanup. The built CLI runs against a loopback fake Jamf
 * Pro over HTTPS (test PKI made during the run), one scenario per outcome of the guide; each test
 * asserts the status, the key words of the message, a fix step, the details and the exit code.
 *
 * Every run of every scenario is also a leak test: no output may contain the client secret, the
 * password, the Basic header value, any token the fake (or a test) issued, nor any 8-character
 * slice of those, and no request carrying credentials may have reached a server over plain http.
 * Each scenario's own run uses --json --verbose; the "leak scan" suite replays every scenario once
 * more at --debug, the text, markdown and junit formats taking turns.
 *
 * Runs select the `token` area (and what it needs), so the privilege checks other issues add do not
 * change these results; the two healthy end-to-end scenarios run every area. Each run gets its own
 * fake (request counters are per run). At most 4 CLI processes run at a time (runCli's limit); every suite
 * runs its tests concurrently.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BODY_401_INVALID_TOKEN,
  DEFAULT_CLIENT,
  DEFAULT_USER,
  DEFAULT_VERSION,
  startFakeJamf,
  type FakeJamf,
  type FakeJamfOptions,
} from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { startPlainHttpServer } from '../harness/raw-servers.js';
import { runCli, type RunCliResult } from '../harness/run-cli.js';
import {
  carriesCredentials,
  credentialsOverHttp,
  findLeaks,
  bigJsonBody,
  htmlPage,
  issueAhead,
  jsonAnswer,
  makeJwt,
  neverAnswer,
  redirectTo,
  resetConnection,
  rewriteJson,
  type Secret,
} from '../harness/token-helpers.js';
import { findCheck, type JsonCheck, type JsonReport as BaseJsonReport } from '../harness/report.js';

// --- the report -----------------------------------------------------------------------------------

interface JsonReport extends BaseJsonReport {
  summary: Record<string, number>;
}

// --- credentials ----------------------------------------------------------------------------------

const CLIENT_ID = '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee';
const CLIENT_SECRET = 'cl1ent-Secret-Value-XYZ';
const USERNAME = 'api-user';
const PASSWORD = 'Sup3r-Secret-Pass!';
const CLIENT_ENV = { JAMF_CLIENT_ID: CLIENT_ID, JAMF_CLIENT_SECRET: CLIENT_SECRET };
const BASIC_ENV = { JAMF_USERNAME: USERNAME, JAMF_PASSWORD: PASSWORD };
/** Secrets every run is scanned for, besides the tokens. */
const FIXED_SECRETS: readonly Secret[] = [
  { name: 'client secret', value: CLIENT_SECRET },
  { name: 'password', value: PASSWORD },
  { name: 'Basic header value', value: Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64') },
];

const TOKEN_PATHS = ['/api/v1/auth/token', '/api/v1/oauth/token', '/api/oauth/token'];
const DOWNSTREAM = ['auth.token-lifetime', 'auth.token-valid', 'auth.cleanup'];
/** Bound for the hung-endpoint run with --timeout 500ms. */
const HANG_BOUND_MS = 6000;


// --- scenarios ----------------------------------------------------------------------------------

type Auth = 'basic' | 'client';

/** What a scenario's setup can do besides installing routes. */
interface SetupContext {
  /** Extra token values to scan the outputs for (tokens made by the test, not the fake). */
  scan(name: string, value: string): void;
  /** Another server to close after the run. */
  onClose(close: () => Promise<void>): void;
}

interface Scenario<S> {
  name: string;
  /** A known src bug makes this scenario's own test fail (sometimes): report it as todo with the reason. */
  todo?: string;
  auth: Auth;
  fake?: FakeJamfOptions;
  /** Arguments after the URL and --connect-to (default: --timeout 2s). */
  args?: string[];
  /** Run every area (default: only the token area and what it needs, so other areas' work cannot interfere). */
  full?: boolean;
  /** The URL to test (default: the fake's, as JamfMCP uses it: https://localhost). */
  url?: (fake: FakeJamf) => string;
  /** The --connect-to arguments (default: the fake's). */
  connect?: (fake: FakeJamf) => string[];
  setup?: (fake: FakeJamf, ctx: SetupContext) => S | Promise<S>;
  exit: 0 | 1;
  verify(run: ScenarioRun<S>): void;
}

interface ScenarioRun<S> {
  result: RunCliResult;
  report: JsonReport;
  fake: FakeJamf;
  state: S;
}

type AnyScenario = Scenario<unknown>;
const define = <S>(scenario: Scenario<S>): AnyScenario => scenario as unknown as AnyScenario;

let dir: string;
let rootPem: string;

before(async () => {
  const pki = await testPki();
  dir = await mkdtemp(join(tmpdir(), 'doctor-token-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, pki.root.certPem);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Play one scenario: a fresh fake (plus whatever setup starts), the CLI with `variant` arguments,
 * then the leak scan (always) and `inspect` (with the servers still open), then close everything.
 */
async function play<S>(
  scenario: Scenario<S>,
  variant: string[],
  inspect: (run: { result: RunCliResult; fake: FakeJamf; state: S }) => void,
): Promise<void> {
  const closers: Array<() => Promise<void>> = [];
  const extra: Secret[] = [];
  const fakes: FakeJamf[] = [];
  const fake = await startFakeJamf(scenario.fake ?? {});
  fakes.push(fake);
  closers.push(() => fake.close());
  try {
    const ctx: SetupContext = {
      scan: (name, value) => extra.push({ name, value }),
      onClose: (close) => closers.push(close),
    };
    const state = await scenario.setup?.(fake, ctx);
    const url = scenario.url?.(fake) ?? fake.jamfUrl;
    // JamfMCP's URL (https://localhost, port 443) reaches the fake through --connect-to; JamfMCP trusts
    // the test CA through SSL_CERT_FILE, as it can be made to. Basic auth exists only up to 1.0.1.
    const version = scenario.auth === 'basic' ? ['--jamfmcp-version', '1.0.1'] : [];
    const args = ['doctor', ...(scenario.full ? [] : ['token']), ...variant, '--url', url, ...(scenario.connect?.(fake) ?? fake.connectArgs), ...version, ...(scenario.args ?? ['--timeout', '2s'])];
    const env = { ...(scenario.auth === 'basic' ? BASIC_ENV : CLIENT_ENV), SSL_CERT_FILE: rootPem };
    const result = await runCli(args, { env, timeoutMs: 15_000 });
    assert.equal(result.signal, null, `killed (timed out: ${result.timedOut}): ${result.stderr}`);

    // The leak scan: every byte of output, against every secret and every token.
    const secrets: Secret[] = [...FIXED_SECRETS, ...extra, ...fake.issuedTokens.map((value, i) => ({ name: `issued token #${i + 1}`, value }))];
    const leaks = [...findLeaks(result.stdout, `stdout (${variant.join(' ')})`, secrets), ...findLeaks(result.stderr, `stderr (${variant.join(' ')})`, secrets)];
    assert.deepEqual(leaks, [], `${scenario.name}: secrets in the output`);
    assert.deepEqual(credentialsOverHttp(fake), [], `${scenario.name}: credentials sent over plain http`);

    inspect({ result, fake, state: state as S });
  } finally {
    await Promise.all(closers.map((close) => close()));
  }
}

function parseReport(result: RunCliResult): JsonReport {
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  assert.equal(report.exitCode, result.code, 'the report and the process agree on the exit code');
  return report;
}

/** The scenario's own test: the JSON run (with --verbose, so that its log lines are scanned too), fully verified. */
function runScenario(scenario: AnyScenario): Promise<void> {
  return play(scenario, ['--json', '--verbose'], ({ result, fake, state }) => {
    const report = parseReport(result);
    scenario.verify({ result, report, fake, state });
    const problems = report.checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => `${c.id}: ${c.status} ${c.message}`);
    assert.equal(result.code, scenario.exit, `exit code; problems: ${problems.join(' | ') || 'none'}`);
  });
}

// --- assertions ---------------------------------------------------------------------------------

const check = findCheck;

/** Find `id`, assert its status and message, and that a problem carries a matching fix step. */
function expectCheck(report: JsonReport, id: string, status: string, message: RegExp[], fix: RegExp[] = []): JsonCheck {
  const c = check(report, id);
  assert.equal(c.status, status, `${id}: ${c.message}`);
  for (const m of message) assert.match(c.message, m, `${id} message`);
  if (status === 'fail' || status === 'warn') assert.ok(c.fix && c.fix.steps.length > 0, `${id} ${status} without a fix`);
  for (const f of fix) assert.ok(c.fix?.steps.some((s) => f.test(s)), `${id}: no fix step matches ${f}: ${JSON.stringify(c.fix)}`);
  return c;
}

function details(c: JsonCheck): Record<string, unknown> {
  assert.ok(c.details, `${c.id} has no details`);
  return c.details;
}

function statuses(report: JsonReport, expected: Record<string, string>): void {
  const actual = Object.fromEntries(Object.keys(expected).map((id) => [id, check(report, id).status]));
  assert.deepEqual(actual, expected, report.checks.map((c) => `${c.id}: ${c.status} ${c.message}`).join('\n'));
}

/**
 * auth.token failed with this message and fix; the fix carries the guide's "test outside JamfMCP"
 * curl command for this server and auth type with `$JAMF_…` references, never the secret; nothing
 * that needs the token ran.
 */
function expectTokenFail(run: ScenarioRun<unknown>, auth: Auth, message: RegExp[], fix: RegExp[] = []): JsonCheck {
  const c = expectCheck(run.report, 'auth.token', 'fail', message, [...fix, /[Tt]est outside JamfMCP/]);
  const curl = c.fix?.commands?.find((cmd) => cmd.includes('curl -sS'));
  assert.ok(curl, `auth.token fix has no curl command: ${JSON.stringify(c.fix)}`);
  assert.ok(curl.includes(` ${run.fake.jamfUrl}/`), `the curl command targets JamfMCP's URL: ${curl}`);
  assert.ok(curl.includes(`--cacert ${rootPem}`), `the curl command trusts what JamfMCP trusts (SSL_CERT_FILE): ${curl}`);
  assert.ok(curl.includes(`--connect-to ${run.fake.connectArgs[1]}`), `the curl command goes where the doctor went: ${curl}`);
  if (auth === 'basic') {
    assert.ok(curl.includes('$JAMF_USERNAME:$JAMF_PASSWORD') && curl.includes('/api/v1/auth/token'), curl);
  } else {
    assert.ok(curl.includes('client_secret=$JAMF_CLIENT_SECRET') && curl.includes('client_id=$JAMF_CLIENT_ID') && curl.includes('grant_type=client_credentials') && /\/api\/oauth\/token \\/.test(curl), curl);
  }
  for (const secret of [CLIENT_SECRET, PASSWORD]) assert.ok(!curl.includes(secret), 'a secret value in the curl command');
  for (const id of DOWNSTREAM) assert.equal(check(run.report, id).status, 'skip', `${id} runs only with a token`);
  return c;
}

/** Credentials (Authorization header or client_secret) never reached the server. */
function noCredentialsSent(fake: FakeJamf): void {
  const sent = fake.requests.filter(carriesCredentials).map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(sent, [], 'credentials were sent');
  for (const path of TOKEN_PATHS) assert.equal(fake.requestsTo(path).length, 0, `a request to ${path}`);
}

function tokenRequests(fake: FakeJamf): string[] {
  return fake.requests.filter((r) => TOKEN_PATHS.includes(r.path.split('?')[0] ?? '')).map((r) => `${r.method} ${r.path}`);
}

// --- the scenarios --------------------------------------------------------------------------------

const HEALTHY: AnyScenario[] = [
  define({
    name: 'client_credentials: every token check passes; one token request; the token is not revoked',
    auth: 'client',
    exit: 0,
    full: true,
    verify({ report, fake }) {
      statuses(report, { 'server.jamf': 'pass', 'clock.skew': 'pass', 'auth.token': 'pass', 'auth.token-lifetime': 'pass', 'auth.token-valid': 'pass', 'auth.cleanup': 'pass' });
      assert.deepEqual({ fail: report.summary.fail, error: report.summary.error }, { fail: 0, error: 0 });
      expectCheck(report, 'server.jamf', 'pass', [/health-check → 204/, /SERVER_INIT_COMPLETE/]);
      const token = expectCheck(report, 'auth.token', 'pass', [/API client 0d2c…/, /client credentials token from \/api\/oauth\/token, as JamfMCP 1\.0\.2 asks for it/]);
      assert.deepEqual(details(token).attempts, ['POST /api/oauth/token']);
      assert.equal(details(token).scope, 'api-role:2');
      const lifetime = expectCheck(report, 'auth.token-lifetime', 'pass', [/client credentials token valid for 30 min/, /JamfMCP requests new ones automatically/]);
      assert.equal(details(lifetime).expirySource, 'expires_in');
      assert.equal(details(lifetime).lifetimeSeconds, 1799, 'expires_in: what JamfMCP times the token by (exp - iat is 1800)');
      assert.deepEqual((details(lifetime).jwt as Record<string, unknown>).authenticationType, 'CLIENT_CREDENTIALS');
      const valid = expectCheck(report, 'auth.token-valid', 'pass', [new RegExp(`Jamf Pro ${DEFAULT_VERSION}`), /FullAccess/]);
      assert.equal(details(valid).jamfProVersion, DEFAULT_VERSION);
      assert.equal(details(valid).authenticationType, 'CLIENT_CREDENTIALS');
      expectCheck(report, 'auth.cleanup', 'pass', [/cannot be revoked/, /expires by itself in about 30 min/]);

      // The token was requested exactly once, exactly as JamfMCP does (J2:src/jamfmcp/jamfsdk/clients/auth.py:165-182),
      // and used as a Bearer token.
      assert.deepEqual(tokenRequests(fake), ['POST /api/oauth/token']);
      const [request] = fake.requestsTo('/api/oauth/token', 'POST');
      assert.ok(request);
      assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(request.headers.accept, 'application/json');
      assert.match(String(request.headers['user-agent']), /^JamfProSDK\/0\.2\.0 \S+\/\S+ Python\/3\.13$/);
      assert.equal(request.headers.host, 'localhost', 'the Host header is the URL\'s, whatever --connect-to did');
      assert.equal(request.body, `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&grant_type=client_credentials`, 'the form, field order included');
      assert.equal(fake.issuedTokens.length, 1);
      const issued = fake.issuedTokens[0] as string;
      for (const path of ['/api/v1/jamf-pro-version', '/api/v1/auth']) {
        assert.deepEqual(fake.requestsTo(path, 'GET').map((r) => r.headers.authorization), [`Bearer ${issued}`], path);
      }
      assert.equal(fake.requestsTo('/api/v1/auth/invalidate-token').length, 0, 'client tokens are not invalidated');
    },
  }),
  define({
    name: 'basic: every token check passes; the user token is invalidated at the end',
    auth: 'basic',
    exit: 0,
    full: true,
    verify({ report, fake }) {
      statuses(report, { 'server.jamf': 'pass', 'clock.skew': 'pass', 'auth.token': 'pass', 'auth.token-lifetime': 'pass', 'auth.token-valid': 'pass', 'auth.cleanup': 'pass' });
      assert.deepEqual({ fail: report.summary.fail, error: report.summary.error }, { fail: 0, error: 0 });
      expectCheck(report, 'auth.token', 'pass', [/user api-… got a user token from \/api\/v1\/auth\/token, as JamfMCP 1\.0\.1 asks for it/]);
      const lifetime = expectCheck(report, 'auth.token-lifetime', 'pass', [/user token valid for 30 min/, /user tokens default to 30 minutes/]);
      assert.equal(details(lifetime).expirySource, 'expires');
      assert.equal((details(lifetime).jwt as Record<string, unknown>).authenticationType, 'JSS');
      expectCheck(report, 'auth.token-valid', 'pass', [new RegExp(`Jamf Pro ${DEFAULT_VERSION}`), /FullAccess/]);
      expectCheck(report, 'auth.cleanup', 'pass', [/user token was invalidated/, /invalidate-token/]);

      assert.deepEqual(tokenRequests(fake), ['POST /api/v1/auth/token']);
      const [login] = fake.requestsTo('/api/v1/auth/token', 'POST');
      assert.equal(login?.headers.authorization, `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`);
      assert.equal(fake.issuedTokens.length, 1);
      const issued = fake.issuedTokens[0] as string;
      const invalidations = fake.requestsTo('/api/v1/auth/invalidate-token', 'POST');
      assert.deepEqual(invalidations.map((r) => r.headers.authorization), [`Bearer ${issued}`]);
      assert.equal(fake.isTokenValid(issued), false, 'the token no longer works');
      assert.equal(fake.tokens[0]?.invalidated, true);
      // Invalidated only after every check that uses it.
      const last = (path: string): number => fake.requests.findIndex((r) => r.path === path);
      assert.ok(last('/api/v1/auth/invalidate-token') > last('/api/v1/jamf-pro-version'));
      assert.ok(last('/api/v1/auth/invalidate-token') > last('/api/v1/auth'));
    },
  }),
];

const SERVER: AnyScenario[] = [
  define({
    name: 'an HTML login page on both probes: fail naming the page; no credentials are sent',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('GET', '/api/v1/health-check', htmlPage(200, 'Sign In'));
      fake.route('GET', '/api/startup-status', htmlPage(200, 'Sign In'));
    },
    verify({ report, fake }) {
      const c = expectCheck(report, 'server.jamf', 'fail', [/HTML page/, /"Sign In"/, /login page or captive portal/], [/portal/, /JAMF_URL/]);
      assert.equal(details(c).page, 'Sign In');
      assert.equal(check(report, 'auth.token').status, 'skip');
      noCredentialsSent(fake);
      assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`).sort(), ['GET /api/startup-status', 'GET /api/v1/health-check']);
    },
  }),
  define<{ target: FakeJamf }>({
    name: 'a redirect (302 to an SSO login): fail "redirects", not followed',
    auth: 'client',
    exit: 1,
    async setup(fake, ctx) {
      const target = await startFakeJamf();
      ctx.onClose(() => target.close());
      fake.route('GET', '/api/v1/health-check', redirectTo(302, 'https://sso.example.com/login'));
      fake.route('GET', '/api/startup-status', redirectTo(302, `${target.url}/login`));
      return { target };
    },
    verify({ report, fake, state }) {
      const c = expectCheck(report, 'server.jamf', 'fail', [/redirects \(302\)/, /https:\/\/sso\.example\.com\/login/, /not the API endpoint/], [/single sign-on/]);
      assert.equal(details(c).location, 'https://sso.example.com/login');
      noCredentialsSent(fake);
      assert.equal(fake.requests.length, 2, 'one request per probe, no redirect followed');
      assert.equal(state.target.connections, 0, 'the redirect target was never contacted');
    },
  }),
  define({
    name: 'still starting up (DATABASE_INIT, 40%, health-check 503): fail "still starting up"',
    auth: 'client',
    exit: 1,
    fake: { healthStatus: 503, startupStatus: { step: 'Initializing database', stepCode: 'DATABASE_INIT', stepParam: '', percentage: 40, warning: '' } },
    verify({ report, fake }) {
      const c = expectCheck(report, 'server.jamf', 'fail', [/still starting up/, /DATABASE_INIT/, /40%/], [/[Ww]ait until Jamf Pro has finished starting/]);
      assert.equal(details(c).healthCheck, 503);
      assert.equal(details(c).startupStatus, 'DATABASE_INIT');
      noCredentialsSent(fake);
    },
  }),
  define({
    name: 'a "Service Unavailable" HTML page (503): fail with the port-8443 hint',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('GET', '/api/v1/health-check', htmlPage(503, 'Service Unavailable'));
      fake.route('GET', '/api/startup-status', htmlPage(503, 'Service Unavailable'));
    },
    verify({ report, fake }) {
      const c = expectCheck(report, 'server.jamf', 'fail', [/"Service Unavailable"/, /503/], [/8443/]);
      assert.equal(details(c).page, 'Service Unavailable');
      noCredentialsSent(fake);
    },
  }),
  define({
    name: 'both probes 404 (JSON): fail "no Jamf Pro API here"',
    auth: 'client',
    exit: 1,
    fake: { disabledPaths: ['/api/v1/health-check', '/api/startup-status'] },
    verify({ report, fake }) {
      const c = expectCheck(report, 'server.jamf', 'fail', [/no Jamf Pro API here/, /health-check answered 404/, /startup-status 404/, /context path/], [/JAMF_URL/]);
      assert.equal(details(c).healthCheck, 404);
      noCredentialsSent(fake);
    },
  }),
];

const BASIC: AnyScenario[] = [
  define({
    name: 'basic, wrong password: 401 "rejected the username and password", never retried',
    auth: 'basic',
    exit: 1,
    fake: { users: { username: USERNAME, password: 'An0ther-Pass-Entirely' } },
    verify(run) {
      const c = expectTokenFail(run, 'basic', [/401/, /rejected the username and password/], [/enabled and not locked/, /single sign-on \(SSO\)/, /JAMF_USERNAME and JAMF_PASSWORD/]);
      assert.deepEqual(details(c).errorCodes, []);
      assert.equal(details(c).status, 401);
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/v1/auth/token'], 'exactly one login attempt');
      assert.equal(run.fake.issuedTokens.length, 0);
    },
  }),
  define({
    name: 'basic, expired password: 401 USER_EXPIRED_PASSWORD has its own message',
    auth: 'basic',
    exit: 1,
    fake: { users: { ...DEFAULT_USER, passwordExpired: true } },
    verify(run) {
      const c = expectTokenFail(run, 'basic', [/USER_EXPIRED_PASSWORD/, /password has expired or must be changed/], [/set a new password/, /JAMF_PASSWORD/]);
      assert.doesNotMatch(c.message, /rejected the username and password/);
      assert.deepEqual(details(c).errorCodes, ['USER_EXPIRED_PASSWORD']);
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/v1/auth/token']);
    },
  }),
  define({
    name: 'basic, 429 with Retry-After: 1: fail without a retry (a login is never repeated)',
    auth: 'basic',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/v1/auth/token', jsonAnswer(429, { httpStatus: 429, errors: [] }, { 'Retry-After': '1' }));
    },
    verify(run) {
      expectTokenFail(run, 'basic', [/429 Too Many Requests/, /Retry-After: 1/], [/never retries a token request/]);
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/v1/auth/token']);
    },
  }),
];

const MIXUP_TOKEN = makeJwt({ sub: '1', 'authentication-type': 'JSS', exp: Math.floor(Date.now() / 1000) + 1800 });

const OAUTH: AnyScenario[] = [
  define({
    name: "wrong client secret: 401 invalid_client with the guide's debug steps; no fallback",
    auth: 'client',
    exit: 1,
    fake: { clients: { clientId: CLIENT_ID, clientSecret: 'rotated-Secret-0000' } },
    verify(run) {
      const c = expectTokenFail(
        run,
        'client',
        [/401/, /invalid_client/, /Client authentication failed/, /does not accept this client ID and secret/],
        [/Copy the client ID from Jamf Pro exactly/, /generate a new client secret/, /Update JAMF_CLIENT_ID and JAMF_CLIENT_SECRET .*immediately/],
      );
      assert.equal(details(c).error, 'invalid_client');
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/oauth/token'], 'a refusal is not a reason to try another path');
      assert.match(c.message, /JamfMCP shows "Client error '401 Unauthorized' for url 'https:\/\/localhost\/api\/oauth\/token'"/);
    },
  }),
  define({
    name: '400 invalid_scope: the message shows error and error_description',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', jsonAnswer(400, { error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, or malformed' }));
    },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/400/, /error: invalid_scope/, /error_description: The requested scope is invalid, unknown, or malformed/], [/API role/]);
      assert.equal(details(c).error, 'invalid_scope');
      assert.equal(details(c).errorDescription, 'The requested scope is invalid, unknown, or malformed');
    },
  }),
  define({
    name: 'a server without /api/v1/oauth/token: JamfMCP never asks it, so this passes with one request',
    auth: 'client',
    exit: 0,
    fake: { noV1OAuth: true },
    verify({ report, fake }) {
      const c = expectCheck(report, 'auth.token', 'pass', [/from \/api\/oauth\/token/]);
      assert.deepEqual(details(c).attempts, ['POST /api/oauth/token']);
      assert.deepEqual(tokenRequests(fake), ['POST /api/oauth/token']);
      statuses(report, { 'auth.token-lifetime': 'pass', 'auth.token-valid': 'pass', 'auth.cleanup': 'pass' });
    },
  }),
  define({
    name: 'a server that serves only /api/v1/oauth/token: fail, JamfMCP cannot get a token; the other path is tried only to explain',
    auth: 'client',
    exit: 1,
    fake: { disabledPaths: ['/api/oauth/token'] },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/this server serves only \/api\/v1\/oauth\/token: JamfMCP 1\.0\.2 asks only \/api\/oauth\/token \(404\)/, /Client error '404 Not Found' for url 'https:\/\/localhost\/api\/oauth\/token'/], [/hard-codes \/api\/oauth\/token/]);
      assert.equal(details(c).alsoTried, 'POST /api/v1/oauth/token → a token');
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/oauth/token', 'POST /api/v1/oauth/token']);
    },
  }),
  define({
    name: '403 on the token endpoint: its own message (IP restrictions)',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', jsonAnswer(403, { httpStatus: 403, errors: [] }));
    },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/403 Forbidden/, /refuses this computer/], [/IP address/]);
      assert.equal(details(c).status, 403);
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/oauth/token'], 'no other path on a refusal');
    },
  }),
  define({
    name: '404 on both token paths: "404", with what the other path answered',
    auth: 'client',
    exit: 1,
    fake: { disabledPaths: ['/api/v1/oauth/token', '/api/oauth/token'] },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/POST \/api\/oauth\/token answered 404 Not Found/, /no Jamf Pro API at https:\/\/localhost/], [/JAMF_URL/, /10\.49/]);
      assert.deepEqual(details(c).attempts, ['POST /api/oauth/token']);
      assert.equal(details(c).alsoTried, 'POST /api/v1/oauth/token → 404');
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/oauth/token', 'POST /api/v1/oauth/token']);
    },
  }),
  define({
    name: '405 on the token endpoint: "Method Not Allowed"',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', jsonAnswer(405, { httpStatus: 405, errors: [] }));
    },
    verify(run) {
      expectTokenFail(run, 'client', [/405 Method Not Allowed/, /something other than Jamf Pro/], [/JAMF_URL/]);
    },
  }),
  define<{ count: () => number }>({
    name: '429 with Retry-After: 1, then success: fail without a retry, as JamfMCP has none',
    auth: 'client',
    exit: 1,
    setup(fake) {
      let calls = 0;
      fake.route('POST', '/api/oauth/token', async (_req, _res, ctx) => {
        calls++;
        if (calls === 1) ctx.json(429, { httpStatus: 429, errors: [] }, { 'Retry-After': '1' });
        else await ctx.fallthrough();
      });
      return { count: () => calls };
    },
    verify(run) {
      expectTokenFail(run, 'client', [/429 Too Many Requests/, /Client error '429 Too Many Requests'/], [/JamfMCP does not retry either/]);
      assert.equal(run.state.count(), 1, 'JamfMCP does not retry (jamfsdk max_retries is never used)');
    },
  }),
  define({
    name: '429 with Retry-After: 3600: fail naming 429 and Retry-After; one request only',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', jsonAnswer(429, { httpStatus: 429, errors: [] }, { 'Retry-After': '3600' }));
    },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/429 Too Many Requests/, /Retry-After: 3600/, /rate-limiting/], [/[Ww]ait and run the doctor again/]);
      assert.equal(details(c).retryAfter, '3600');
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/oauth/token']);
    },
  }),
  define({
    name: '500 on the token endpoint: fail "the server failed"',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', jsonAnswer(500, { httpStatus: 500, errors: [] }));
    },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/answered 500/, /the server failed/, /Server error '500 Internal Server Error'/], [/try again in a few minutes/]);
      assert.equal(details(c).status, 500);
    },
  }),
  define({
    name: 'an HTML page (200) on the token endpoint: "HTML page"',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', htmlPage(200, 'Sign In'));
    },
    verify(run) {
      expectTokenFail(run, 'client', [/HTML page/, /"Sign In"/, /instead of JSON/, /Expecting value: line 1 column 1 \(char 0\)/], [/captive portal/]);
    },
  }),
  define({
    name: '200 with "token" instead of "access_token": the mix-up',
    auth: 'client',
    exit: 1,
    setup(fake, ctx) {
      ctx.scan('mix-up token', MIXUP_TOKEN);
      fake.route('POST', '/api/oauth/token', jsonAnswer(200, { token: MIXUP_TOKEN, expires: new Date(Date.now() + 1_800_000).toISOString() }));
    },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/"token" where a client credentials response has "access_token"/, /mix-up/, /JamfMCP stops with KeyError: 'access_token'/], [/rewrites responses/]);
      assert.deepEqual(details(c).keys, ['token', 'expires']);
    },
  }),
  define({
    name: '200 with an empty access_token: the client is probably disabled',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', jsonAnswer(200, { access_token: '', token_type: 'Bearer', scope: 'api-role:2', expires_in: 1799 }));
    },
    verify(run) {
      expectTokenFail(run, 'client', [/empty access_token/, /"Authorization: Bearer "/, /disabled/], [/enable the client/]);
    },
  }),
  define<{ target: FakeJamf }>({
    name: 'a 307 redirect of the token POST to another origin: fail; the target receives nothing',
    auth: 'client',
    exit: 1,
    async setup(fake, ctx) {
      const target = await startFakeJamf();
      ctx.onClose(() => target.close());
      fake.route('POST', '/api/oauth/token', redirectTo(307, `${target.url}/api/oauth/token`));
      return { target };
    },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/answered 307/, /redirects to another server \(https:\/\/localhost:\d+\)/, /does not follow a redirect with credentials/, /Redirect response '307 Temporary Redirect'/], [/redirect/]);
      assert.equal(details(c).location, `${run.state.target.url}/api/oauth/token`);
      assert.equal(run.state.target.requests.length, 0, 'the redirect target received no request');
      assert.equal(run.state.target.connections, 0, 'the redirect target was never even connected to');
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/oauth/token']);
    },
  }),
  define<{ plainRequests: () => number; plainConnections: () => number }>({
    name: 'basic: a 308 redirect of the login to plain http: fail; the http server receives nothing',
    auth: 'basic',
    exit: 1,
    async setup(fake, ctx) {
      const plain = await startPlainHttpServer();
      ctx.onClose(() => plain.close());
      fake.route('POST', '/api/v1/auth/token', redirectTo(308, `${plain.url}/api/v1/auth/token`));
      return { plainRequests: () => plain.requestCount, plainConnections: () => plain.connections };
    },
    verify(run) {
      expectTokenFail(run, 'basic', [/answered 308/, /redirects to plain http \(http:\/\/127\.0\.0\.1:\d+\)/, /does not follow/]);
      assert.equal(run.state.plainRequests(), 0);
      assert.equal(run.state.plainConnections(), 0);
    },
  }),
  define({
    name: 'the connection is reset on the token request: "reset"',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', resetConnection);
    },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/POST \/api\/oauth\/token/, /connection was reset/], [/proxy, firewall or load balancer/]);
      assert.match(String(details(c).code), /ECONNRESET|UND_ERR_SOCKET|EPIPE/);
      assert.equal(run.fake.requestsTo('/api/oauth/token', 'POST').length, 1, 'a POST is not retried after a reset');
    },
  }),
  define({
    name: 'a hung token endpoint with --timeout 500ms: "timed out", and the run ends promptly',
    auth: 'client',
    exit: 1,
    args: ['--timeout', '500ms'],
    setup(fake) {
      fake.route('POST', '/api/oauth/token', neverAnswer);
    },
    verify(run) {
      const c = expectTokenFail(run, 'client', [/POST \/api\/oauth\/token timed out after 0\.5 s/], [/--timeout/]);
      assert.match(String(details(c).code), /TIMEOUT/);
      assert.ok(run.result.durationMs < HANG_BOUND_MS, `the run took ${run.result.durationMs} ms`);
      assert.deepEqual(tokenRequests(run.fake), ['POST /api/oauth/token'], 'no other path after a timeout');
    },
  }),
  define({
    name: 'a 5 MB body on the token endpoint: fails cleanly "larger than"',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', bigJsonBody(5 * 1024 * 1024));
    },
    verify(run) {
      expectTokenFail(run, 'client', [/larger than 1024 KiB/, /far more than a token response/], [/Something other than (the )?Jamf Pro/]);
      assert.doesNotMatch(run.result.stderr, /internal error|\n\s+at /, 'no crash output');
    },
  }),
];

const LIFETIME: AnyScenario[] = [
  define({
    name: 'an API client with a 30 s token lifetime: warn "only 30 s"',
    auth: 'client',
    exit: 0,
    fake: { clients: { ...DEFAULT_CLIENT, accessTokenLifetimeSeconds: 30 } },
    verify({ report }) {
      // expires_in is one second under the configured lifetime (as real servers answer): 29.
      const c = expectCheck(report, 'auth.token-lifetime', 'warn', [/the token lives only (29|30) s/, /fetch a new one almost every call/], [/Access Token Lifetime/, /auto-refresh/]);
      assert.ok([29, 30].includes(details(c).lifetimeSeconds as number), String(details(c).lifetimeSeconds));
    },
  }),
  define({
    name: 'a user token whose expires is epoch milliseconds: pass, read as epoch',
    auth: 'basic',
    exit: 0,
    setup(fake) {
      fake.route('POST', '/api/v1/auth/token', rewriteJson((body) => ({ ...body, expires: Date.parse(String(body.expires)) })));
    },
    verify({ report, fake }) {
      const c = expectCheck(report, 'auth.token-lifetime', 'pass', [/user token valid for 30 min/]);
      assert.match(String(details(c).expirySource), /epoch/);
      const expected = fake.tokens[0]?.expiresAt;
      assert.equal(details(c).expiresAt, new Date(expected ?? 0).toISOString());
      statuses(report, { 'auth.token': 'pass', 'auth.token-valid': 'pass', 'auth.cleanup': 'pass' });
    },
  }),
  define({
    // JamfMCP never reads the OAuth JWT: expiry is expires_in on its own clock (v1.0.2 jamfsdk/clients/auth.py:192-198).
    name: "an OAuth JWT issued 600 s in this computer's future: pass, noting JamfMCP ignores the claims",
    auth: 'client',
    exit: 0,
    setup(fake) {
      fake.route('POST', '/api/oauth/token', issueAhead(600_000));
    },
    verify({ report }) {
      const c = expectCheck(report, 'auth.token-lifetime', 'pass', [/iat and nbf are (59\d|60\d) s ahead of this computer's clock, which JamfMCP ignores/]);
      const jwt = details(c).jwt as { iat: number };
      assert.ok(jwt.iat - Date.now() / 1000 > 500, 'the iat really is in the future');
      statuses(report, { 'clock.skew': 'pass', 'auth.token-valid': 'pass' });
    },
  }),
  define({
    // A user token's "expires" is the server's time, compared with this clock (v1.0.1 jamfsdk/models/client.py:100-105).
    name: 'server clock 10 min ahead with a user token (JamfMCP 1.0.1 basic): clock.skew warns that tokens outlive the server\'s expiry',
    auth: 'basic',
    exit: 0,
    fake: { dateOffsetMs: 600_000 },
    verify({ report }) {
      expectCheck(report, 'clock.skew', 'warn', [/10 min behind the server's/, /JamfMCP 1\.0\.1 reads a user token's expiry from the server on this clock/], [/automatic/]);
    },
  }),
];

const CLOCK: AnyScenario[] = [
  define({
    name: 'server clock 2 min 10 s ahead: warn "2 min"',
    auth: 'client',
    exit: 0,
    fake: { dateOffsetMs: 130_000 },
    verify({ report }) {
      const c = expectCheck(report, 'clock.skew', 'warn', [/this computer's clock is 2 min behind the server's/], [/automatic/]);
      const skew = details(c).skewSeconds as number;
      assert.ok(skew <= -129 && skew >= -131, String(skew));
    },
  }),
  define({
    name: 'server clock exactly 2 min ahead: warn "2 min"',
    auth: 'client',
    exit: 0,
    fake: { dateOffsetMs: 120_000 },
    verify({ report }) {
      expectCheck(report, 'clock.skew', 'warn', [/2 min behind the server's/], [/automatic/]);
    },
  }),
  define({
    name: 'server clock 2 min behind: warn "2 min ahead of"',
    auth: 'client',
    exit: 0,
    fake: { dateOffsetMs: -120_000 },
    verify({ report }) {
      expectCheck(report, 'clock.skew', 'warn', [/2 min ahead of the server's/], [/automatic/]);
    },
  }),
  define({
    name: 'server clock 10 min ahead: only a warning, JamfMCP times OAuth tokens on its own clock (a false red before)',
    auth: 'client',
    exit: 0,
    fake: { dateOffsetMs: 600_000 },
    verify({ report }) {
      const c = expectCheck(report, 'clock.skew', 'warn', [/10 min behind the server's/, /expires_in on its own clock, so the skew does not break its tokens/], [/Set time and date automatically|network time/]);
      assert.ok(Math.abs((details(c).skewSeconds as number) + 600) <= 1);
      statuses(report, { 'auth.token': 'pass', 'auth.token-valid': 'pass' });
    },
  }),
  define({
    name: 'basic (1.0.1), this clock 10 min behind the server: warn that JamfMCP reuses expired user tokens',
    auth: 'basic',
    exit: 0,
    fake: { dateOffsetMs: 600_000 },
    verify({ report }) {
      expectCheck(report, 'clock.skew', 'warn', [/keeps using each token about 10 min after the server has expired it/, /works initially, then fails/], [/automatic/]);
    },
  }),
  define({
    name: 'clocks agree: pass',
    auth: 'client',
    exit: 0,
    fake: { dateOffsetMs: 0 },
    verify({ report }) {
      const c = expectCheck(report, 'clock.skew', 'pass', [/within 1 s of the server's/]);
      assert.ok(Math.abs(details(c).skewSeconds as number) <= 1);
    },
  }),
];

const VALID: AnyScenario[] = [
  define({
    name: 'the token is rejected right after issue (401 INVALID_TOKEN): fail naming clock skew, load balancer and proxy',
    auth: 'client',
    exit: 1,
    setup(fake) {
      fake.route('GET', '/api/v1/jamf-pro-version', jsonAnswer(401, BODY_401_INVALID_TOKEN));
      fake.route('GET', '/api/v1/auth', jsonAnswer(401, BODY_401_INVALID_TOKEN));
    },
    verify({ report }) {
      const c = expectCheck(
        report,
        'auth.token-valid',
        'fail',
        [/rejected the token it had just issued/, /401 INVALID_TOKEN/],
        [/clock/, /load balancer/, /proxy/, /Authorization/],
      );
      assert.deepEqual({ v: details(c).versionStatus, a: details(c).authStatus }, { v: 401, a: 401 });
      statuses(report, { 'auth.token': 'pass' });
    },
  }),
  define({
    name: 'a SiteAccess account: warn "site"',
    auth: 'basic',
    exit: 0,
    fake: { accessLevel: 'SiteAccess' },
    verify({ report }) {
      const c = expectCheck(report, 'auth.token-valid', 'warn', [/site access only/, /outside its site/], [/Full Access/, /Site restrictions/]);
      assert.equal(details(c).accessLevel, 'SiteAccess');
    },
  }),
];

const SAFETY: AnyScenario[] = [
  define({
    name: 'an http:// JAMF_URL: JamfMCP uses https on port 443 regardless; the plain server fails TLS, no credentials cross http',
    auth: 'client',
    exit: 1,
    fake: { tls: false },
    url: () => 'http://localhost',
    connect: (fake) => ['--connect-to', `localhost:443:127.0.0.1:${fake.port}`],
    verify({ report, fake }) {
      expectCheck(report, 'url.format', 'warn', [/starts with http:\/\/; JamfMCP 1\.0\.2 uses https:\/\/ regardless/]);
      expectCheck(report, 'tls.handshake', 'fail', [/does not speak TLS/]);
      assert.equal(check(report, 'auth.token').status, 'skip');
      noCredentialsSent(fake);
    },
  }),
];

const SUITES: Array<[string, AnyScenario[]]> = [
  ['healthy server, end to end', HEALTHY],
  ['server.jamf', SERVER],
  ['auth.token (basic)', BASIC],
  ['auth.token (client_credentials)', OAUTH],
  ['auth.token-lifetime', LIFETIME],
  ['clock.skew', CLOCK],
  ['auth.token-valid', VALID],
  ['safety', SAFETY],
];
const ALL = SUITES.flatMap(([, list]) => list);

// --- the tests ----------------------------------------------------------------------------------

describe('jamfmcp doctor: token checks', { concurrency: true }, () => {
  it('uses the harness defaults for credentials', () => {
    assert.deepEqual({ ...DEFAULT_CLIENT }, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    assert.deepEqual({ ...DEFAULT_USER }, { username: USERNAME, password: PASSWORD });
  });

  it('the leak scanner finds whole secrets and 8-character slices, and names neither', () => {
    const secrets: Secret[] = [{ name: 'client secret', value: CLIENT_SECRET }];
    assert.deepEqual(findLeaks('nothing to see', 'x', secrets), []);
    assert.deepEqual(findLeaks(`a ${CLIENT_SECRET} b`, 'x', secrets), ['client secret (whole) in x']);
    const partial = findLeaks(`…${CLIENT_SECRET.slice(5, 13)}…`, 'x', secrets);
    assert.equal(partial.length, 1);
    assert.ok(!(partial[0] ?? '').includes(CLIENT_SECRET.slice(5, 13)), 'the finding does not repeat the secret');
    assert.deepEqual(findLeaks(CLIENT_SECRET.slice(0, 7), 'x', secrets), [], '7 characters are not a finding');
  });

  for (const [title, scenarios] of SUITES) {
    describe(title, { concurrency: true }, () => {
      for (const scenario of scenarios) it(scenario.name, scenario.todo ? { todo: scenario.todo } : {}, () => runScenario(scenario));
    });
  }

  describe('leak scan: no secret or token in any output, at any verbosity, in any format', { concurrency: true }, () => {
    // The scenario's own test already ran it with --json --verbose; here each scenario runs once
    // more at --debug, the formats taking turns (text, markdown, junit), so every format sees a
    // third of the outcomes. runCli's leak guard scans every run; test/cli/leak-proof.test.ts adds
    // the full format x verbosity matrix for representative scenarios.
    const formats: Array<[string, string[]]> = [
      ['text --debug', ['--debug']],
      ['markdown --debug', ['--format', 'markdown', '--debug']],
      ['junit --debug', ['--format', 'junit', '--debug']],
    ];
    ALL.forEach((scenario, i) => {
      const [label, args] = formats[i % formats.length] as [string, string[]];
      {
        it(`${label}: ${scenario.name}`, () =>
          play(scenario, args, ({ result }) => {
            assert.equal(result.code, scenario.exit, `exit code with ${label}:\n${result.stderr}`);
            assert.ok(result.stdout.length > 0, 'a report was printed');
            if (args.includes('--json')) parseReport(result);
            if (args.includes('junit')) assert.match(result.stdout, /<testsuites?[\s>]/);
            if (args.includes('--verbose') || args.includes('--debug')) assert.match(result.stderr, /\[verbose\]/);
          }),
        );
      }
    });
  });
});
