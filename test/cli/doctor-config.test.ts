/**
 * Black-box tests of the foundation: the built CLI run as a user would (child process, no TTY),
 * asserting exit codes, JSON and text output for each misconfiguration of the guide.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, type RunCliOptions } from '../harness/run-cli.js';
import { findCheck } from '../harness/report.js';

interface JsonCheck {
  id: string;
  title: string;
  section: string;
  status: string;
  message: string;
  fix?: { steps: string[]; commands?: string[] };
  details?: Record<string, unknown>;
  durationMs: number;
}
interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  startedAt: string;
  durationMs: number;
  target: {
    url: string | null;
    authType: string | null;
    sources: Record<string, string>;
    urlRole: string | null;
    jamfmcp: { version: string; requested: string | null; source: string; reason: string; warning: string | null; entryPoint: string };
    environment: Record<string, unknown>;
    connectTo: string[];
  };
  summary: Record<string, number>;
  ok: boolean;
  exitCode: number;
  checks: JsonCheck[];
}

const CLIENT = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };
const CONFIG_ONLY = ['config', 'url'];

async function doctorJson(
  args: string[],
  env: Record<string, string | undefined> = {},
  runOptions: Omit<RunCliOptions, 'env'> = {},
): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const result = await runCli(['doctor', ...args, '--json'], { ...runOptions, env });
  assert.equal(result.signal, null, `killed: ${result.stderr}`);
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { code: result.code, report, stderr: result.stderr };
}

const check = findCheck;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-config-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jamfmcp doctor --json: the report contract', () => {
  it('prints a schemaVersion 1 report with every documented field and nothing else on stdout', async () => {
    const { code, report } = await doctorJson(CONFIG_ONLY, { JAMF_URL: 'https://acme.jamfcloud.com', ...CLIENT });
    assert.equal(code, 0);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'jamfmcp doctor');
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.ok(!Number.isNaN(Date.parse(report.startedAt)));
    assert.equal(typeof report.durationMs, 'number');
    assert.deepEqual(report.target, {
      url: 'https://acme.jamfcloud.com',
      authType: 'client_credentials',
      sources: { url: 'env', authType: 'inferred', clientId: 'env', clientSecret: 'env' },
      urlRole: 'jamfmcp',
      jamfmcp: {
        version: '1.0.2',
        requested: null,
        source: 'no-entry',
        reason: 'newest known; no MCP entry names a version (pass --jamfmcp-version to judge another)',
        warning: null,
        entryPoint: 'unknown',
      },
      environment: { mode: 'shell', client: null, certainty: 'exact', description: "no MCP client entry: JamfMCP's environment is taken to be this shell's, as when it is run by hand from here", notPassed: [] },
      connectTo: [],
    });
    assert.deepEqual(report.summary, { pass: 3, warn: 0, fail: 0, skip: 2, error: 0 });
    assert.equal(report.ok, true);
    for (const c of report.checks) {
      assert.ok(c.id && c.title && c.section && c.status && c.message, JSON.stringify(c));
      assert.equal(typeof c.durationMs, 'number');
    }
    assert.equal(check(report, 'config.file').status, 'skip');
  });
});

describe('config.auth-type', () => {
  it('JamfMCP 1.0.2 ignores JAMF_AUTH_TYPE: "oauth" is a warning, not the guide\'s failure (J2:src/jamfmcp/auth.py:34-39)', async () => {
    const { code, report } = await doctorJson(CONFIG_ONLY, { JAMF_URL: 'acme.jamfcloud.com', JAMF_AUTH_TYPE: 'oauth', ...CLIENT });
    assert.equal(code, 0);
    const c = check(report, 'config.auth-type');
    assert.equal(c.status, 'warn');
    assert.match(c.message, /JamfMCP 1\.0\.2 ignores JAMF_AUTH_TYPE and always uses client_credentials/);
    assert.equal(c.section, 'Invalid Authentication Type');
    assert.equal(check(report, 'config.credentials').status, 'pass');
  });

  it('JamfMCP 1.0.1 rejects "oauth" with its own words (J1:src/jamfmcp/auth.py:57-59)', async () => {
    const { code, report } = await doctorJson([...CONFIG_ONLY, '--jamfmcp-version', '1.0.1'], { JAMF_URL: 'acme.jamfcloud.com', JAMF_AUTH_TYPE: 'oauth', ...CLIENT });
    assert.equal(code, 1);
    const c = check(report, 'config.auth-type');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /stops at start-up with "ValueError: Invalid auth type: oauth\. Must be 'basic' or 'client_credentials'\."/);
    assert.ok(c.fix?.steps.some((s) => /"client_credentials"/.test(s)));
    assert.equal(check(report, 'config.credentials').status, 'skip', 'credentials are not judged against an invalid type');
    assert.equal(report.target.jamfmcp.version, '1.0.1');
  });

  it('JamfMCP 1.0.1 accepts "Client_Credentials " (strip, lower) but warns (J1:src/jamfmcp/auth.py:43)', async () => {
    const { code, report } = await doctorJson([...CONFIG_ONLY, '--jamfmcp-version', '1.0.1'], { JAMF_URL: 'acme.jamfcloud.com', JAMF_AUTH_TYPE: ' Client_Credentials ', ...CLIENT });
    assert.equal(code, 0);
    const c = check(report, 'config.auth-type');
    assert.equal(c.status, 'warn');
    assert.match(c.fix?.steps[0] ?? '', /exactly "client_credentials"/);
  });

  it('JamfMCP 1.0.1 defaults to basic: an OAuth-only configuration fails (J1:src/jamfmcp/auth.py:43,72-77)', async () => {
    const { code, report } = await doctorJson([...CONFIG_ONLY, '--jamfmcp-version', '1.0.1'], { JAMF_URL: 'acme.jamfcloud.com', ...CLIENT });
    assert.equal(code, 1);
    const c = check(report, 'config.auth-type');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /uses basic \(its default\)/);
    assert.ok(c.fix?.commands?.some((cmd) => cmd.includes('"JAMF_AUTH_TYPE": "client_credentials"')));
  });

  it('--strict turns a warning into exit 1', async () => {
    const env = { JAMF_URL: 'acme.jamfcloud.com', ...CLIENT, JAMF_AUTH_TYPE: 'oauth' };
    const { code, report } = await doctorJson([...CONFIG_ONLY, '--strict'], env);
    assert.equal(code, 1);
    assert.equal(report.ok, false);
  });
});

describe('config.credentials', () => {
  it('JamfMCP 1.0.2 with only basic credentials refuses to start (J2:src/jamfmcp/auth.py:52-56)', async () => {
    const { code, report } = await doctorJson(CONFIG_ONLY, { JAMF_URL: 'acme.jamfcloud.com', JAMF_AUTH_TYPE: 'basic', JAMF_USERNAME: 'api-reader', JAMF_PASSWORD: 'Sup3r-Secret-Pass!' });
    assert.equal(code, 1);
    const c = check(report, 'config.credentials');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /stops at start-up with "ValueError: Client credentials not provided\. Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET environment variables\."/);
    assert.match(c.message, /JAMF_USERNAME and JAMF_PASSWORD \(the guide's basic auth\) are ignored/);
    assert.equal(c.section, 'Missing Environment Variables');
  });

  it('JamfMCP 1.0.1 names the missing basic-auth variable', async () => {
    const { code, report } = await doctorJson([...CONFIG_ONLY, '--jamfmcp-version', '1.0.1'], { JAMF_URL: 'acme.jamfcloud.com', JAMF_AUTH_TYPE: 'basic', JAMF_USERNAME: 'api-reader' });
    assert.equal(code, 1);
    const c = check(report, 'config.credentials');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /Basic auth credentials not provided/);
    assert.match(c.message, /missing: JAMF_PASSWORD\b/);
  });

  it('names the missing client pair, and an empty value as empty', async () => {
    const { report } = await doctorJson(CONFIG_ONLY, { JAMF_URL: 'acme.jamfcloud.com', JAMF_CLIENT_ID: CLIENT.JAMF_CLIENT_ID, JAMF_CLIENT_SECRET: '' });
    const c = check(report, 'config.credentials');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /Client credentials not provided/);
    assert.match(c.message, /JAMF_CLIENT_SECRET is set but empty/);
  });

  it('warns on whitespace and quotes around values without printing them', async () => {
    const secret = ' cl1ent-Secret-Value-XYZ\n';
    const result = await runCli(['doctor', ...CONFIG_ONLY, '--json'], { env: { JAMF_URL: 'acme.jamfcloud.com', JAMF_CLIENT_ID: `"${CLIENT.JAMF_CLIENT_ID}"`, JAMF_CLIENT_SECRET: secret } });
    const report = JSON.parse(result.stdout) as JsonReport;
    const c = check(report, 'config.credentials');
    assert.equal(c.status, 'warn');
    assert.match(c.message, /JAMF_CLIENT_SECRET \(environment\) has leading or trailing whitespace, which JamfMCP 1\.0\.2 sends as part of the value/);
    assert.match(c.message, /JAMF_CLIENT_ID \(environment\) starts or ends with a quote/);
    assert.ok(!result.stdout.includes('cl1ent-Secret-Value-XYZ'), 'the secret leaked');
    assert.ok(!result.stdout.includes(CLIENT.JAMF_CLIENT_ID), 'the full client id should only appear as a fingerprint');
  });

  it('fails on an unexpanded placeholder', async () => {
    // The placeholder is not a secret, and its 8-character slices are variable names the report
    // rightly prints (JAMF_CLIENT_SECRET): exempt it from the leak guard's scan of this run.
    const placeholder = '${JAMF_CLIENT_SECRET}';
    const { report } = await doctorJson(
      CONFIG_ONLY,
      { JAMF_URL: 'acme.jamfcloud.com', JAMF_CLIENT_ID: CLIENT.JAMF_CLIENT_ID, JAMF_CLIENT_SECRET: placeholder },
      { notSecret: [placeholder] },
    );
    const c = check(report, 'config.credentials');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /placeholder/);
  });

  it('warns when a secret was passed as a flag (visible in the process list)', async () => {
    const { code, report } = await doctorJson([...CONFIG_ONLY, '--client-secret', CLIENT.JAMF_CLIENT_SECRET], { JAMF_URL: 'acme.jamfcloud.com', JAMF_CLIENT_ID: CLIENT.JAMF_CLIENT_ID });
    assert.equal(code, 0);
    const c = check(report, 'config.credentials');
    assert.equal(c.status, 'warn');
    assert.match(c.message, /--client-secret was given on the command line/);
    assert.equal(report.target.sources.clientSecret, 'flag');
  });
});

describe('url.format: the verdict is JamfMCP 1.0.2\'s (what it requests, or the exception it raises)', () => {
  const cases: Array<{ name: string; url: string; status: string; code: number; message: RegExp; fix?: RegExp; target: string | null }> = [
    { name: 'bare host: works (https, port 443)', url: 'acme.jamfcloud.com', status: 'pass', code: 0, message: /requests POST https:\/\/acme\.jamfcloud\.com\/api\/oauth\/token/, target: 'https://acme.jamfcloud.com' },
    { name: 'https with port: Invalid port (the guide allows it)', url: 'https://jamf.example.com:8443', status: 'fail', code: 1, message: /Invalid port: '8443:443'.*the guide shows https:\/\/your-server\.com:8443 as correct/, fix: /Serve Jamf Pro on port 443/, target: 'https://jamf.example.com:8443' },
    { name: 'host:port without protocol: Invalid port', url: 'jamf.example.com:8443', status: 'fail', code: 1, message: /Invalid port: '8443:443'/, target: 'https://jamf.example.com:8443' },
    { name: 'trailing slash after https: works, off the guide', url: 'https://jamf.example.com/', status: 'warn', code: 0, message: /ends with a slash; the guide lists that as wrong, but JamfMCP 1\.0\.2 drops the path/, target: 'https://jamf.example.com' },
    { name: 'bare host with a trailing slash: /:443/api/oauth/token', url: 'jamf.example.com/', status: 'fail', code: 1, message: /requests https:\/\/jamf\.example\.com\/:443\/api\/oauth\/token/, fix: /https:\/\/jamf\.example\.com/, target: 'https://jamf.example.com' },
    { name: 'plain http: JamfMCP uses https anyway', url: 'http://jamf.example.com', status: 'warn', code: 0, message: /uses https:\/\/ regardless/, fix: /https/, target: 'https://jamf.example.com' },
    { name: 'query string: dropped', url: 'https://jamf.example.com?x=1', status: 'warn', code: 0, message: /query or fragment/, target: 'https://jamf.example.com' },
    { name: 'api path: dropped', url: 'https://jamf.example.com/api/v1/auth/token', status: 'warn', code: 0, message: /page or API path \(\/api\/v1\/auth\/token\)/, target: 'https://jamf.example.com' },
    { name: 'context path: dropped (server.jamf tests whether the root answers)', url: 'https://jamf.example.com/jamf', status: 'warn', code: 0, message: /has a path \(\/jamf\), which JamfMCP 1\.0\.2 drops/, target: 'https://jamf.example.com' },
    { name: 'upper-case scheme: a host named "https"', url: 'HTTPS://jamf.example.com', status: 'fail', code: 1, message: /takes "https" as the host name/, target: 'https://jamf.example.com' },
    { name: 'spaces inside: a host that cannot exist', url: 'https://jamf example.com', status: 'fail', code: 1, message: /look up the host name "jamf%20example\.com"/, target: null },
    { name: 'ftp scheme: a host named "ftp"', url: 'ftp://jamf.example.com', status: 'fail', code: 1, message: /takes "ftp" as the host name/, target: null },
  ];
  for (const t of cases) {
    it(t.name, async () => {
      const { code, report } = await doctorJson(['url'], { JAMF_URL: t.url });
      const c = check(report, 'url.format');
      assert.equal(c.status, t.status, c.message);
      assert.match(c.message, t.message);
      assert.equal(c.section, 'Invalid Server URL');
      if (t.fix) assert.ok(c.fix?.steps.some((s) => t.fix?.test(s)) || c.fix?.commands?.some((s) => t.fix?.test(s)), JSON.stringify(c.fix));
      if (t.status !== 'pass') assert.ok(c.fix && c.fix.steps.length > 0, 'every problem carries a fix');
      assert.equal(code, t.code);
      assert.equal(report.target.url, t.target);
    });
  }

  it('fails naming JAMF_URL when no URL is given', async () => {
    const { code, report } = await doctorJson(['url'], {});
    assert.equal(code, 1);
    const c = check(report, 'url.format');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /Jamf Pro server URL not provided: JAMF_URL is not set.*"ValueError: Jamf Pro server URL not provided\. Set JAMF_URL environment variable\."/);
  });

  it('credentials inside the URL fail (httpx sends them as Basic, replacing the token) and the password never shows', async () => {
    const result = await runCli(['doctor', 'url', '--json', '--verbose'], { env: { JAMF_URL: 'https://admin:Hunter2-Pass@jamf.example.com' } });
    const report = JSON.parse(result.stdout) as JsonReport;
    const c = check(report, 'url.format');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /carries credentials/);
    assert.equal(report.target.url, 'https://jamf.example.com');
    assert.ok(!result.stdout.includes('Hunter2-Pass') && !result.stderr.includes('Hunter2-Pass'), 'password leaked');
  });

  it('a flag wins over the environment, and the source says so', async () => {
    const { report } = await doctorJson(['url', '--url', 'https://flag.example.com'], { JAMF_URL: 'https://env.example.com' });
    assert.equal(report.target.url, 'https://flag.example.com');
    assert.equal(report.target.sources.url, 'flag');
  });
});

describe('config.file (--config)', () => {
  it('reports the trailing comma the guide warns about at file:line:column, and sends nothing', async () => {
    const path = join(dir, 'claude_desktop_config.json');
    await writeFile(
      path,
      ['{', '  "mcpServers": {', '    "jamfmcp": {', '      "command": "uvx",', '      "env": {', '        "JAMF_URL": "https://acme.jamfcloud.com",', `        "JAMF_CLIENT_ID": "${CLIENT.JAMF_CLIENT_ID}",`, `        "JAMF_CLIENT_SECRET": "${CLIENT.JAMF_CLIENT_SECRET}",`, '      }', '    }', '  }', '}', ''].join('\n'),
    );
    const { code, report } = await doctorJson(['--config', path, ...CONFIG_ONLY]);
    assert.equal(code, 1);
    const c = check(report, 'config.file');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /claude_desktop_config\.json:8:56: trailing comma/);
    assert.match(c.fix?.steps[0] ?? '', /line 8, column 56/);
    // The values were still recovered, so the URL is checked in the same run.
    assert.equal(check(report, 'url.format').status, 'pass');
    assert.equal(report.target.sources.url, `config:${path}`);
  });

  it('reads the entry named jamfmcp and reports where the URL came from', async () => {
    const path = join(dir, 'good.json');
    await writeFile(path, JSON.stringify({ mcpServers: { other: { command: 'x' }, jamfmcp: { command: 'uvx', env: { JAMF_URL: 'https://acme.jamfcloud.com/', ...CLIENT } } } }, null, 2));
    const { code, report } = await doctorJson(['--config', path, ...CONFIG_ONLY]);
    assert.equal(code, 0);
    assert.equal(check(report, 'config.file').status, 'pass');
    const url = check(report, 'url.format');
    assert.equal(url.status, 'warn');
    assert.match(url.message, /JAMF_URL in .*good\.json line 9/);
  });

  it('fails when --server names no entry, listing the entries', async () => {
    const path = join(dir, 'two.json');
    await writeFile(path, JSON.stringify({ mcpServers: { a: { env: { JAMF_URL: 'x' } }, b: { env: { JAMF_URL: 'y' } } } }));
    const none = await doctorJson(['--config', path, 'config']);
    assert.equal(none.code, 1);
    assert.match(check(none.report, 'config.file').message, /several entries with a JAMF_URL \(a, b\)/);
    const wrong = await doctorJson(['--config', path, '--server', 'jamf', 'config']);
    assert.match(check(wrong.report, 'config.file').message, /no server entry named "jamf" \(entries: a, b\)/);
  });

  it('fails cleanly on a missing file and on a directory', async () => {
    const missing = await doctorJson(['--config', join(dir, 'nope.json'), 'config']);
    assert.equal(missing.code, 1);
    assert.match(check(missing.report, 'config.file').message, /nope\.json does not exist/);
    const directory = await doctorJson(['--config', dir, 'config']);
    assert.match(check(directory.report, 'config.file').message, /is a directory/);
  });

  it('warns when the shell sets a different value than the file the client passes', async () => {
    const path = join(dir, 'shadow.json');
    await writeFile(path, JSON.stringify({ mcpServers: { jamfmcp: { env: { JAMF_URL: 'https://file.example.com', ...CLIENT } } } }));
    const { report } = await doctorJson(['--config', path, ...CONFIG_ONLY], { JAMF_URL: 'https://shell.example.com' });
    const c = check(report, 'config.file');
    assert.equal(c.status, 'warn');
    assert.match(c.message, /JAMF_URL is also set in your shell/);
    assert.equal(report.target.url, 'https://file.example.com');
  });
});

describe('usage errors and other formats', () => {
  const usage: Array<[string, string[], RegExp]> = [
    ['unknown flag', ['doctor', '--bogus'], /unknown option '--bogus'/],
    ['bad timeout', ['doctor', '--timeout', 'soon'], /--timeout.*"soon" is not a duration/],
    ['bad format', ['doctor', '--format', 'yaml'], /--format/],
    ['unknown check id', ['doctor', '--only', 'url.nope'], /unknown check id "url\.nope"/],
    ['unknown area', ['doctor', 'dns'], /unknown area "dns"/],
  ];
  for (const [name, args, message] of usage) {
    it(`${name}: one line on stderr, exit 2, no stack trace`, async () => {
      const result = await runCli(args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });
  }

  it('--version and --help exit 0', async () => {
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = await runCli(['doctor', '--help']);
    assert.equal(help.code, 0);
    for (const flag of ['--url', '--auth-type', '--config', '--server', '--ca-file', '--timeout', '--format', '--json', '--output', '--strict', '--only', '--skip', '--no-interactive', '--verbose', '--debug', '--no-color', '--list-checks']) {
      assert.ok(help.stdout.includes(flag), `help lacks ${flag}`);
    }
    assert.match(help.stdout, /Exit codes:/);
  });

  it('--list-checks prints the catalogue as text and JSON', async () => {
    const text = await runCli(['doctor', '--list-checks']);
    assert.equal(text.code, 0);
    // 80 columns (not a terminal): too narrow for four columns, so the guide section goes under each check.
    assert.match(text.stdout, /^ID\s+AREA\s+TITLE\n {4}GUIDE SECTION\n/);
    assert.match(text.stdout, /^url\.format\s+url\s+Server URL format\n {4}Invalid Server URL$/m);
    assert.match(text.stdout, /^privileges\.least\s+privileges\s+/m);
    assert.deepEqual(text.stdout.split('\n').filter((l) => [...l].length > 80), []);
    // Wide enough, one row per check with the section in its own column.
    const { renderCatalogue } = await import('../../src/cli/list-checks.js');
    const { CHECKS } = await import('../../src/checks/registry.js');
    const wide = renderCatalogue(CHECKS, 'text', 140);
    assert.match(wide, /^ID\s+AREA\s+TITLE\s+GUIDE SECTION$/m);
    assert.match(wide, /^url\.format\s+url\s+Server URL format\s+Invalid Server URL$/m);
    assert.deepEqual(wide.split('\n').filter((l) => [...l].length > 140), []);
    const json = await runCli(['doctor', '--list-checks', '--json']);
    const catalogue = JSON.parse(json.stdout) as { checks: Array<{ id: string; section: string }> };
    assert.ok(catalogue.checks.some((c) => c.id === 'config.credentials' && c.section === 'Missing Environment Variables'));
  });

  it('--only runs the chosen check and what it needs', async () => {
    const { report } = await doctorJson(['--only', 'config.credentials'], { JAMF_URL: 'acme.jamfcloud.com', ...CLIENT });
    assert.deepEqual(report.checks.map((c) => c.id), ['config.auth-type', 'config.credentials']);
  });

  it('--skip reports the skipped check and skips what needs it', async () => {
    const { report } = await doctorJson(['config', '--skip', 'config.auth-type'], { JAMF_URL: 'acme.jamfcloud.com', ...CLIENT });
    assert.match(check(report, 'config.auth-type').message, /skipped with --skip/);
    assert.match(check(report, 'config.credentials').message, /needs config\.auth-type/);
  });

  it('text, markdown and junit render every check; text has no colour without a TTY', async () => {
    const env = { JAMF_URL: 'http://jamf.example.com/', JAMF_AUTH_TYPE: 'basic', JAMF_USERNAME: 'api-reader' };
    const text = await runCli(['doctor', ...CONFIG_ONLY], { env });
    assert.equal(text.code, 1);
    assert.doesNotMatch(text.stdout, /\u001b\[/);
    assert.match(text.stdout, /✖ config\.credentials/);
    assert.match(text.stdout, /Fix:\n\s+1\. /);
    assert.match(text.stdout, /Summary: 0 passed, 2 warnings, 1 failed, 2 skipped/);
    const markdown = await runCli(['doctor', ...CONFIG_ONLY, '--format', 'markdown'], { env });
    assert.match(markdown.stdout, /^# jamfmcp doctor report/);
    assert.match(markdown.stdout, /## Problems and fixes/);
    const junit = await runCli(['doctor', ...CONFIG_ONLY, '--format', 'junit'], { env });
    assert.match(junit.stdout, /^<\?xml/);
    assert.match(junit.stdout, /<testsuites name="jamfmcp doctor" tests="5" failures="1" errors="0" skipped="2"/);
    for (const id of ['config.auth-type', 'config.credentials', 'url.format']) {
      assert.ok(text.stdout.includes(id) && markdown.stdout.includes(id) && junit.stdout.includes(id), id);
    }
    // Not applicable here (no --config): left out of text and Markdown, kept in JUnit (and JSON).
    assert.ok(!text.stdout.includes('config.file') && !markdown.stdout.includes('config.file') && junit.stdout.includes('config.file'));
  });

  it('FORCE_COLOR colours text, NO_COLOR wins over it', async () => {
    const env = { JAMF_URL: 'acme.jamfcloud.com', ...CLIENT, FORCE_COLOR: '1' };
    const coloured = await runCli(['doctor', ...CONFIG_ONLY], { env });
    assert.match(coloured.stdout, /\u001b\[/);
    const plain = await runCli(['doctor', ...CONFIG_ONLY], { env: { ...env, NO_COLOR: '1' } });
    assert.doesNotMatch(plain.stdout, /\u001b\[/);
  });

  it('--output writes a 0600 file, refuses a planted symlink', async () => {
    const out = join(dir, 'report.md');
    const env = { JAMF_URL: 'acme.jamfcloud.com', ...CLIENT };
    const result = await runCli(['doctor', ...CONFIG_ONLY, '--format', 'markdown', '--output', out], { env });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    assert.match(await readFile(out, 'utf8'), /# jamfmcp doctor report/);
    if (process.platform !== 'win32') assert.equal((await stat(out)).mode & 0o777, 0o600);

    const target = join(dir, 'victim.txt');
    await writeFile(target, 'keep me');
    const link = join(dir, 'link.md');
    await symlink(target, link);
    const refused = await runCli(['doctor', ...CONFIG_ONLY, '--output', link], { env });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /symbolic link/);
    assert.equal(await readFile(target, 'utf8'), 'keep me');
  });
});
