/**
 * The doctor's verdict is JamfMCP's verdict (issue 11): every situation of the issue's table, tried
 * as a new user would, against a loopback fake Jamf Pro reached on JamfMCP's port 443 through
 * --connect-to. Each runs twice: with the settings in the shell (no MCP entry: JamfMCP as run by
 * hand from here), and inside a Claude Desktop config file whose "env" block is what JamfMCP gets
 * (the shell then holds only what the test says, which Claude Desktop does not pass on).
 *
 * Expected verdicts were established by running JamfMCP 1.0.2 / 1.0.1 (unmodified JamfAuth and
 * JamfApi) against the same kind of server; each scenario names the source line that decides it.
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CLIENT, DEFAULT_USER, JAMFMCP_PRIVILEGES, startFakeJamf, type FakeJamf, type FakeJamfOptions } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { closedPort } from '../harness/raw-servers.js';
import { findCheck, type JsonCheck } from '../harness/report.js';
import { runCli } from '../harness/run-cli.js';

interface Report {
  exitCode: number;
  target: { jamfmcp: { version: string; source: string; entryPoint: string }; environment: { mode: string; client: string | null; notPassed: string[] }; connectTo: string[] };
  checks: JsonCheck[];
}

type Mode = 'shell' | 'config';
interface Ctx {
  fake: FakeJamf;
  rootPem: string;
  deadPort: number;
}
interface Expect {
  exit: 0 | 1;
  /** Checks that must have this status, with words their message (and fix, for fails) must hold. */
  checks?: Array<{ id: string; status: 'pass' | 'warn' | 'fail'; message?: RegExp; fix?: RegExp }>;
  /** Checks that must not fail (false reds). */
  notFail?: string[];
}
interface Scenario {
  name: string;
  /** The JamfMCP source line (or httpx rule) that decides the verdict. */
  rule: string;
  fake?: FakeJamfOptions;
  /** JamfMCP's settings: in the shell, or in the entry's env block. SSL_CERT_FILE (the test CA) is added unless `trust` says otherwise. */
  settings(ctx: Ctx): Record<string, string>;
  /** Only in the doctor's shell, in both modes (Claude Desktop never passes these on). */
  shellOnly?(ctx: Ctx): Record<string, string>;
  /** false: no SSL_CERT_FILE anywhere (JamfMCP trusts certifi only). */
  trust?: false;
  /** Extra --connect-to mappings (the fake's port 443 mapping is always given). */
  connect?(ctx: Ctx): string[];
  /** The MCP entry's command line (config mode). Default: uvx jamfmcp. */
  entry?: { command: string; args: string[] };
  /** Extra doctor flags, per mode. */
  args?: Partial<Record<Mode, string[]>>;
  expect: Expect | Record<Mode, Expect>;
  only?: Mode;
}

const client = (fake: FakeJamf, extra: Record<string, string> = {}): Record<string, string> => ({
  JAMF_URL: fake.jamfUrl,
  JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId,
  JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
  ...extra,
});

const SCENARIOS: Scenario[] = [
  // --- false greens: JamfMCP fails, so the doctor must fail ---------------------------------------
  {
    name: 'JAMF_URL with port 8443',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/__init__.py:66-75 + encode/httpx@0.28.1:httpx/_urlparse.py:406-432',
    settings: ({ fake }) => client(fake, { JAMF_URL: 'https://localhost:8443' }),
    connect: ({ fake }) => ['--connect-to', `localhost:8443:127.0.0.1:${fake.port}`],
    expect: { exit: 1, checks: [{ id: 'url.format', status: 'fail', message: /Invalid port: '8443:443'/, fix: /port 443/ }] },
  },
  {
    name: 'bare host with a trailing slash',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:72-82 (a scheme-less value is kept verbatim)',
    settings: ({ fake }) => client(fake, { JAMF_URL: 'localhost/' }),
    expect: { exit: 1, checks: [{ id: 'url.format', status: 'fail', message: /https:\/\/localhost\/:443\/api\/oauth\/token/, fix: /https:\/\/localhost/ }] },
  },
  {
    name: 'server only under a context path (https://host/jamf)',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:72-82 (urlparse(url).netloc: the path is dropped)',
    fake: { basePath: '/jamf' },
    settings: ({ fake }) => client(fake, { JAMF_URL: 'https://localhost/jamf' }),
    expect: { exit: 1, checks: [{ id: 'url.format', status: 'warn', message: /\/jamf/ }, { id: 'server.jamf', status: 'fail', message: /context path|\/jamf/ }] },
  },
  {
    name: 'only basic credentials (JAMF_AUTH_TYPE=basic), JamfMCP 1.0.2',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:34-39 (reads only JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET)',
    settings: ({ fake }) => ({ JAMF_URL: fake.jamfUrl, JAMF_AUTH_TYPE: 'basic', JAMF_USERNAME: DEFAULT_USER.username, JAMF_PASSWORD: DEFAULT_USER.password }),
    expect: { exit: 1, checks: [{ id: 'config.credentials', status: 'fail', message: /Client credentials not provided/, fix: /JAMF_CLIENT_ID/ }] },
  },
  {
    name: 'basic credentials good, client secret wrong, JamfMCP 1.0.2',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:44-57 (always client_credentials)',
    settings: ({ fake }) => client(fake, { JAMF_AUTH_TYPE: 'basic', JAMF_USERNAME: DEFAULT_USER.username, JAMF_PASSWORD: DEFAULT_USER.password, JAMF_CLIENT_SECRET: 'not-the-secret' }),
    expect: { exit: 1, checks: [{ id: 'config.auth-type', status: 'warn' }, { id: 'auth.token', status: 'fail', message: /\/api\/oauth\/token answered 401/, fix: /client secret/ }] },
  },
  {
    name: 'server serves only /api/v1/oauth/token',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/auth.py:166 (only /api/oauth/token)',
    fake: { disabledPaths: ['/api/oauth/token'] },
    settings: ({ fake }) => client(fake),
    expect: { exit: 1, checks: [{ id: 'auth.token', status: 'fail', message: /\/api\/v1\/oauth\/token/, fix: /\/api\/oauth\/token/ }] },
  },
  {
    name: 'CA trusted only through NODE_EXTRA_CA_CERTS',
    rule: 'encode/httpx@0.28.1:httpx/_config.py:33-40 (certifi unless SSL_CERT_FILE/SSL_CERT_DIR)',
    trust: false,
    settings: ({ fake }) => client(fake),
    shellOnly: ({ rootPem }) => ({ NODE_EXTRA_CA_CERTS: rootPem }),
    expect: { exit: 1, checks: [{ id: 'tls.certificate', status: 'fail', message: /unable to get local issuer certificate/ }, { id: 'tls.trust-store', status: 'fail', message: /NODE_EXTRA_CA_CERTS/, fix: /"SSL_CERT_FILE"/ }] },
  },
  {
    name: 'CA trusted only through NODE_EXTRA_CA_CERTS, only the token area run',
    rule: 'encode/httpx@0.28.1:httpx/_config.py:33-40 (a narrowed run judges the certificate by JamfMCP\'s store too)',
    trust: false,
    settings: ({ fake }) => client(fake),
    shellOnly: ({ rootPem }) => ({ NODE_EXTRA_CA_CERTS: rootPem }),
    args: { shell: ['token'], config: ['token'] },
    expect: { exit: 1, checks: [{ id: 'tls.certificate', status: 'fail', message: /JamfMCP's store .* does not accept the chain/, fix: /"SSL_CERT_FILE"/ }] },
  },
  {
    name: 'SSL_CERT_FILE pointing at a missing file, only the token area run',
    rule: 'encode/httpx@0.28.1:httpx/_config.py:33-40 (create_default_context(cafile=…) raises FileNotFoundError)',
    trust: false,
    settings: ({ fake, rootPem }) => client(fake, { SSL_CERT_FILE: `${rootPem}.missing` }),
    args: { shell: ['token'], config: ['token'] },
    expect: { exit: 1, checks: [{ id: 'tls.certificate', status: 'fail', message: /cannot load its trust store \(.*No such file or directory/ }] },
  },
  {
    name: 'dead HTTPS_PROXY (in the entry\'s env block, or the shell)',
    rule: 'encode/httpx@0.28.1:httpx/_utils.py:30-76 (https:// mount from HTTPS_PROXY)',
    settings: ({ fake, deadPort }) => client(fake, { HTTPS_PROXY: `http://127.0.0.1:${deadPort}` }),
    expect: { exit: 1, checks: [{ id: 'network.connect', status: 'fail', message: /HTTPS_PROXY/ }] },
  },
  {
    name: 'the client secret only in the shell, not in the entry\'s env block',
    rule: 'modelcontextprotocol/typescript-sdk src/client/stdio.ts:45-85 (only HOME LOGNAME PATH SHELL TERM USER pass) + liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:34-39',
    settings: ({ fake }) => ({ JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId }),
    shellOnly: () => ({ JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret }),
    expect: {
      // Run by hand from this shell, JamfMCP has the secret and works.
      shell: { exit: 0 },
      config: { exit: 1, checks: [{ id: 'config.credentials', status: 'fail', message: /JAMF_CLIENT_SECRET/, fix: /"JAMF_CLIENT_SECRET"/ }, { id: 'mcp.environment', status: 'warn', message: /JAMF_CLIENT_SECRET is set in your shell, but Claude Desktop does not pass it on/ }] },
    },
  },
  {
    name: '1.0.1 pinned with uvx jamfmcp@1.0.1: the jamfmcp command is the setup CLI',
    rule: 'liquidz00/jamfmcp@v1.0.1:pyproject.toml:29-30',
    only: 'config',
    entry: { command: 'uvx', args: ['jamfmcp@1.0.1'] },
    settings: ({ fake }) => client(fake, { JAMF_AUTH_TYPE: 'client_credentials' }),
    expect: { exit: 1, checks: [{ id: 'mcp.server', status: 'fail', message: /setup CLI|jamfmcp\.server/, fix: /python -m jamfmcp\.server|jamfmcp\.server/ }] },
  },

  {
    name: 'python -m jamfmcp: the package has no __main__.py',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/ (no __main__.py; the server module is jamfmcp.server, server.py:2534-2535)',
    only: 'config',
    entry: { command: 'uv', args: ['run', '--with', 'jamfmcp==1.0.2', 'python', '-m', 'jamfmcp'] },
    settings: ({ fake }) => client(fake),
    expect: { exit: 1, checks: [{ id: 'mcp.server', status: 'fail', message: /No module named jamfmcp\.__main__/, fix: /jamfmcp\.server/ }] },
  },

  {
    name: 'shell variables JamfMCP never reads (JAMF_API_TOKEN; JAMF_PASSWORD for 1.0.2) are not "not passed"',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:34-39 (reads only JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET)',
    only: 'config',
    settings: ({ fake }) => client(fake),
    shellOnly: () => ({ JAMF_API_TOKEN: 'eyJhbGciOi-never-shown-7731', JAMF_PASSWORD: 'hunter2-never-shown-7731' }),
    expect: { exit: 0, checks: [{ id: 'mcp.environment', status: 'pass' }] },
  },

  // --- false reds: JamfMCP works, so the doctor must not fail ---------------------------------------
  {
    name: 'SSL_CERT_FILE pointing at the right CA (the baseline)',
    rule: 'encode/httpx@0.28.1:httpx/_config.py:33-40',
    settings: ({ fake }) => client(fake),
    expect: { exit: 0, checks: [{ id: 'tls.trust-store', status: 'pass', message: /SSL_CERT_FILE/ }, { id: 'tls.certificate', status: 'pass' }, { id: 'auth.token', status: 'pass' }] },
  },
  {
    name: 'http:// and whitespace around the URL',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:72-82 (strip, netloc) + jamfsdk/clients/__init__.py:66-75 (always https)',
    settings: ({ fake }) => client(fake, { JAMF_URL: `  ${fake.jamfUrl.replace('https://', 'http://')} \n` }),
    expect: { exit: 0, checks: [{ id: 'url.format', status: 'warn', message: /https:\/\/localhost\/api\/oauth\/token/ }, { id: 'auth.token', status: 'pass' }] },
  },
  {
    name: 'only a dead HTTP_PROXY',
    rule: 'encode/httpx@0.28.1:httpx/_utils.py:30-76 (http:// mount: never used for https URLs)',
    settings: ({ fake, deadPort }) => client(fake, { HTTP_PROXY: `http://127.0.0.1:${deadPort}` }),
    expect: { exit: 0, checks: [{ id: 'network.connect', status: 'pass', message: /HTTP_PROXY/ }] },
  },
  {
    name: 'server clock 10 minutes off',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/auth.py:192-198 (expiry = local now + expires_in)',
    fake: { dateOffsetMs: 10 * 60_000 },
    settings: ({ fake }) => client(fake),
    expect: { exit: 0, checks: [{ id: 'clock.skew', status: 'warn', message: /expires_in|own clock|local/ }, { id: 'auth.token-lifetime', status: 'pass', message: /which JamfMCP ignores/ }] },
  },
  {
    name: 'JAMF_AUTH_TYPE=oauth',
    rule: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:44-57 (JAMF_AUTH_TYPE is not read)',
    settings: ({ fake }) => client(fake, { JAMF_AUTH_TYPE: 'oauth' }),
    expect: { exit: 0, notFail: ['config.auth-type'] },
  },
  {
    name: 'Read Computer Inventory Collection missing',
    rule: 'shared/reference/data/jamfmcp-tools.json: no JamfMCP 1.0.2 tool calls /JSSResource/computerinventorycollection',
    fake: { privileges: JAMFMCP_PRIVILEGES.filter((p) => p !== 'Read Computer Inventory Collection') },
    settings: ({ fake }) => client(fake),
    expect: { exit: 0, checks: [{ id: 'privileges', status: 'warn', message: /Read Computer Inventory Collection/ }] },
  },
  {
    name: 'basic credentials with JamfMCP 1.0.1 started as python -m jamfmcp.server',
    rule: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43,50-59 (basic by default) + jamfsdk/clients/auth.py:224-234',
    entry: { command: 'uv', args: ['run', '--with', 'jamfmcp==1.0.1', 'python', '-m', 'jamfmcp.server'] },
    settings: ({ fake }) => ({ JAMF_URL: fake.jamfUrl, JAMF_USERNAME: DEFAULT_USER.username, JAMF_PASSWORD: DEFAULT_USER.password }),
    args: { shell: ['--jamfmcp-version', '1.0.1'] },
    expect: { exit: 0, checks: [{ id: 'config.auth-type', status: 'pass', message: /basic/ }, { id: 'auth.token', status: 'pass' }] },
  },
];

let dir: string;
let bin: string;
let rootPem: string;
let deadPort: number;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-fidelity-'));
  bin = join(dir, 'bin');
  await mkdir(bin);
  // mcp.command looks for the entry's command on the PATH Claude Desktop gives it; a stand-in is enough (no --mcp).
  for (const name of ['uvx', 'uv']) {
    await writeFile(join(bin, name), '#!/bin/sh\nexit 0\n');
    await chmod(join(bin, name), 0o755);
  }
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, (await testPki()).root.certPem);
  deadPort = await closedPort();
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runScenario(scenario: Scenario, mode: Mode): Promise<{ report: Report; text: string }> {
  const fake = await startFakeJamf(scenario.fake ?? {});
  try {
    const ctx: Ctx = { fake, rootPem, deadPort };
    const settings = { ...scenario.settings(ctx), ...(scenario.trust === false ? {} : { SSL_CERT_FILE: rootPem }) };
    const shell: Record<string, string> = { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, ...(scenario.shellOnly?.(ctx) ?? {}) };
    const args = ['doctor', '--json', '--timeout', '3s', ...fake.connectArgs, ...(scenario.connect?.(ctx) ?? []), ...(scenario.args?.[mode] ?? [])];
    if (mode === 'config') {
      const file = join(await mkdtemp(join(dir, 'claude-')), 'claude_desktop_config.json');
      await writeFile(file, JSON.stringify({ mcpServers: { jamfmcp: { ...(scenario.entry ?? { command: 'uvx', args: ['jamfmcp'] }), env: settings } } }, null, 2));
      args.push('--config', file);
    } else {
      Object.assign(shell, settings);
    }
    const result = await runCli(args, { env: shell });
    let report: Report;
    try {
      report = JSON.parse(result.stdout) as Report;
    } catch {
      assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
    assert.equal(result.code, report.exitCode);
    return { report, text: result.stdout };
  } finally {
    await fake.close();
  }
}

const summary = (report: Report): string =>
  report.checks
    .filter((c) => c.status === 'fail' || c.status === 'warn')
    .map((c) => `${c.status} ${c.id}: ${c.message}${c.fix ? `\n    fix: ${c.fix.steps.join(' | ')}` : ''}`)
    .join('\n');

for (const mode of ['shell', 'config'] as const) {
  describe(`JamfMCP's verdict, settings in the ${mode === 'shell' ? 'shell' : 'env block of a Claude Desktop config file'}`, { concurrency: true }, () => {
    for (const scenario of SCENARIOS) {
      if (scenario.only && scenario.only !== mode) continue;
      const expect: Expect = 'exit' in scenario.expect ? scenario.expect : scenario.expect[mode];
      it(`${scenario.name} → exit ${expect.exit} (${scenario.rule})`, async () => {
        const { report, text } = await runScenario(scenario, mode);
        assert.doesNotMatch(text, /never-shown-7731/, 'a value JamfMCP never reads reached the report');
        const why = summary(report);
        assert.equal(report.exitCode, expect.exit, why || 'no warnings or failures');
        if (expect.exit === 0) assert.deepEqual(report.checks.filter((c) => c.status === 'fail').map((c) => c.id), [], why);
        for (const want of expect.checks ?? []) {
          const got = findCheck(report, want.id);
          assert.equal(got.status, want.status, `${want.id}: ${got.message}\n${why}`);
          if (want.message) assert.match(got.message, want.message, want.id);
          if (want.fix) assert.match([...(got.fix?.steps ?? []), ...(got.fix?.commands ?? [])].join('\n'), want.fix, `${want.id} fix`);
        }
        for (const id of expect.notFail ?? []) assert.notEqual(findCheck(report, id).status, 'fail', id);
        // The report says whose environment it judged.
        assert.equal(report.target.environment.mode, mode === 'shell' ? 'shell' : 'entry');
        if (mode === 'config') assert.equal(report.target.environment.client, 'claude-desktop');
        assert.deepEqual(report.target.connectTo.length > 0, true, 'the report shows the --connect-to mapping');
      });
    }
  });
}

describe('bad --connect-to and --jamfmcp-version values: one line, exit 2, no stack trace', { concurrency: true }, () => {
  for (const [flag, value, words] of [
    ['--connect-to', 'localhost:443:127.0.0.1', /^jamfmcp: --connect-to localhost:443:127\.0\.0\.1: expected HOST:PORT:ADDR:PORT2/],
    ['--connect-to', 'localhost:443:127.0.0.1:70000', /^jamfmcp: --connect-to localhost:443:127\.0\.0\.1:70000: PORT2 "70000" is not a port/],
    ['--jamfmcp-version', 'bad', /^jamfmcp: --jamfmcp-version: "bad" is not a version/],
    ['--jamfmcp-version', '1.0', /^jamfmcp: --jamfmcp-version: "1\.0" is not a version/],
  ] as const) {
    it(`${flag} ${value}`, async () => {
      const result = await runCli(['doctor', 'url', '--url', 'https://jamf.example.invalid', flag, value]);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, words);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\bat .*\.js:\d+/);
    });
  }
});

describe('passwords inside URLs are never echoed, however Python and httpx would quote them', { concurrency: true }, () => {
  // Each leaked before: an unregistered scheme-less password, a password prefix httpx reads as a port,
  // httpx's own userinfo quoting ("a$b%20c"), a proxy password prefix in httpx's InvalidURL text.
  const cases: Array<{ name: string; env: (port: number) => Record<string, string>; forbidden: string[]; check: string }> = [
    { name: 'JAMF_URL user:password@host without a scheme', env: () => ({ JAMF_URL: 'apiuser:Sup3rSecret-x9@localhost' }), forbidden: ['Sup3rSecret-x9', 'Sup3rSecret'], check: 'url.format' },
    { name: 'JAMF_URL password with a "/"', env: () => ({ JAMF_URL: 'https://apiuser:Abc123zz/xyz9@localhost' }), forbidden: ['Abc123zz', 'xyz9@'], check: 'url.format' },
    { name: 'JAMF_URL password that httpx quotes its own way', env: () => ({ JAMF_URL: 'https://user:a$bq c-Secret@localhost' }), forbidden: ['a$bq%20c', 'a$bq c', 'c-Secret'], check: 'url.format' },
    { name: 'JAMF_URL with an upper-case scheme and a password', env: () => ({ JAMF_URL: 'HTTPS://user:pa ss,xQ7@localhost' }), forbidden: ['pa%20ss', 'ss,xQ7'], check: 'url.format' },
    { name: 'HTTPS_PROXY password with a "/"', env: (port) => ({ JAMF_URL: 'https://localhost', HTTPS_PROXY: `http://puser:Qq9876ab/cd@127.0.0.1:${port}` }), forbidden: ['Qq9876ab', '/cd@'], check: 'network.connect' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      for (const format of ['json', 'markdown', 'text']) {
        const result = await runCli(['doctor', 'url', 'network', '--verbose', '--format', format, '--connect-to', `localhost:443:127.0.0.1:${deadPort}`], {
          env: { ...c.env(deadPort), JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret },
        });
        assert.equal(result.code, 1, `${format}: ${result.stderr}`);
        for (const text of c.forbidden) {
          assert.ok(!result.stdout.includes(text) && !result.stderr.includes(text), `${format} output holds "${text}":\n${result.stdout}`);
        }
        if (format === 'json') assert.equal(findCheck(JSON.parse(result.stdout) as Report, c.check).status, 'fail');
      }
    });
  }
  it('an IPv6 address with a zone index fails url.format (no internal error)', async () => {
    const result = await runCli(['doctor', 'url', '--json', '--url', 'https://[fe80::1%en0]']);
    assert.equal(result.code, 1, result.stderr);
    const check = findCheck(JSON.parse(result.stdout) as Report, 'url.format');
    assert.equal(check.status, 'fail');
    assert.match(check.message, /zone index/);
  });
});

describe('a relative SSL_CERT_FILE that the doctor finds in its own folder', { concurrency: true }, () => {
  // JamfMCP resolves it against its own working directory: a GUI client's ("/" for a macOS app), not this one.
  for (const mode of ['shell', 'config'] as const) {
    it(`${mode === 'shell' ? 'run by hand from here: a warning' : 'started by Claude Desktop: a fail'}`, async () => {
      const fake = await startFakeJamf();
      const cwd = await mkdtemp(join(dir, 'relative-'));
      try {
        await writeFile(join(cwd, 'root.pem'), (await testPki()).root.certPem);
        const settings = client(fake, { SSL_CERT_FILE: 'root.pem' });
        const args = ['doctor', 'tls', '--json', ...fake.connectArgs];
        const env: Record<string, string> = { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
        if (mode === 'config') {
          const file = join(cwd, 'claude_desktop_config.json');
          await writeFile(file, JSON.stringify({ mcpServers: { jamfmcp: { command: 'uvx', args: ['jamfmcp'], env: settings } } }));
          args.push('--config', file);
        } else Object.assign(env, settings);
        const result = await runCli(args, { env, cwd });
        const report = JSON.parse(result.stdout) as Report;
        const c = findCheck(report, 'tls.trust-store');
        assert.equal(c.status, mode === 'shell' ? 'warn' : 'fail', c.message);
        assert.match(c.message, /SSL_CERT_FILE=root\.pem is a relative path/);
        assert.equal(result.code, mode === 'shell' ? 0 : 1);
      } finally {
        await fake.close();
      }
    });
  }
});
