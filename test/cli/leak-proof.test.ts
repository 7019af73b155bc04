/**
 * The leak-proof guarantee: representative scenarios of every part of the suite (configuration,
 * URL, proxy, TLS, token outcomes, privileges, MCP configs and the --mcp handshake) replayed in every
 * format (text, JSON, Markdown, JUnit, and files written with --output) at --verbose and at --debug.
 * runCli's leak guard scans every run for every password, client secret and issued token, and any
 * 8-character slice of one; this file also asserts it directly, and that the fake servers never got
 * credentials over plain http.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CLIENT, DEFAULT_USER, startFakeJamf, type FakeJamf } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { startConnectProxy } from '../harness/raw-servers.js';
import { assertNoCredentialsOverHttp, registerSecret, runCli } from '../harness/run-cli.js';
import { findSecretLeaks } from '../harness/secrets-registry.js';

const PROXY_PASSWORD = 'Pr0xy-Pass-Word-77';
const URL_PASSWORD = 'Url-Emb3dded-Pass';
const MCP_SECRET = 'Mcp-Entry-S3cret-Value';
registerSecret('proxy password', PROXY_PASSWORD);
registerSecret('password inside JAMF_URL', URL_PASSWORD);
registerSecret('client secret in an MCP config', MCP_SECRET);

interface Scenario {
  name: string;
  args(): string[];
  env(): Record<string, string>;
}

let dir: string;
let rootPem: string;
let fake: FakeJamf;
let locked: FakeJamf;
let proxy: { url: string; close(): Promise<void> };
const scenarios: Scenario[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-leak-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, (await testPki()).root.certPem);
  fake = await startFakeJamf({ privileges: ['Read Computers'] });
  locked = await startFakeJamf({ clients: [], users: [] });
  proxy = await startConnectProxy({ mode: 'auth-required', username: 'proxyuser', password: PROXY_PASSWORD });
  const client = { JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret };
  const user = { JAMF_USERNAME: DEFAULT_USER.username, JAMF_PASSWORD: DEFAULT_USER.password };
  const tls = (): string[] => ['--ca-file', rootPem];
  // An MCP config whose server echoes its secret on stderr and dies: the handshake shows stderr.
  const config = join(dir, 'claude_desktop_config.json');
  const echo = 'process.stderr.write("starting with secret=" + process.env.JAMF_CLIENT_SECRET + "\\n"); process.exit(1)';
  await writeFile(
    config,
    JSON.stringify({ mcpServers: { jamfmcp: { command: process.execPath, args: ['-e', echo], env: { JAMF_URL: fake.url, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: MCP_SECRET } } } }, null, 2),
  );
  scenarios.push(
    { name: 'healthy server, client credentials, missing privileges', args: () => ['--url', fake.url, ...tls()], env: () => client },
    { name: 'healthy server, basic auth (token invalidated)', args: () => ['--url', fake.url, ...tls()], env: () => user },
    { name: 'rejected client credentials', args: () => ['--url', locked.url, ...tls()], env: () => client },
    { name: 'secret passed as a flag', args: () => ['--url', fake.url, ...tls(), '--client-id', DEFAULT_CLIENT.clientId, '--client-secret', DEFAULT_CLIENT.clientSecret], env: () => ({}) },
    { name: 'password inside JAMF_URL', args: () => ['--url', `https://admin:${URL_PASSWORD}@${new URL(fake.url).host}`, ...tls()], env: () => client },
    { name: 'proxy with credentials that it refuses', args: () => ['--url', fake.url, ...tls()], env: () => ({ ...client, HTTPS_PROXY: proxy.url.replace('http://', `http://proxyuser:${PROXY_PASSWORD}@`) }) },
    { name: 'MCP config, --mcp handshake with a server that echoes its secret', args: () => ['--config', config, '--mcp', ...tls()], env: () => ({}) },
  );
});

after(async () => {
  await Promise.all([fake.close(), locked.close(), proxy.close()]);
  await rm(dir, { recursive: true, force: true });
});

const FORMATS: Array<{ name: string; args: (out: string) => string[] }> = [
  { name: 'text', args: () => ['--format', 'text'] },
  { name: 'json', args: () => ['--json'] },
  { name: 'markdown', args: () => ['--format', 'markdown'] },
  { name: 'junit', args: () => ['--format', 'junit'] },
  { name: 'markdown --output', args: (out) => ['--format', 'markdown', '--output', out] },
];

describe('leak-proof: every scenario, every format, --verbose and --debug', () => {
  it("the --mcp scenario really shows the server's stderr, with the secret redacted", async () => {
    const scenario = scenarios.find((s) => s.name.startsWith('MCP config'));
    assert.ok(scenario);
    const result = await runCli(['doctor', 'mcp', ...scenario.args(), '--json'], { env: scenario.env() });
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; message: string; details?: { stderr?: string } }> };
    const handshake = report.checks.find((c) => c.id === 'mcp.handshake');
    assert.equal(handshake?.status, 'fail');
    assert.match(handshake?.details?.stderr ?? '', /starting with secret=\[REDACTED\]/);
  });

  it('no secret, token or 8-character slice of one in any output; no credentials over http', async () => {
    const runs: Array<() => Promise<void>> = [];
    let n = 0;
    for (const scenario of scenarios) {
      for (const format of FORMATS) {
        // --debug prints everything --verbose does and more; --verbose runs once per scenario, in text.
        for (const level of format.name === 'text' ? ['--verbose', '--debug'] : ['--debug']) {
          const out = join(dir, `report-${++n}.out`);
          runs.push(async () => {
            const result = await runCli(['doctor', ...scenario.args(), ...format.args(out), level, '--timeout', '3s'], { env: scenario.env() });
            assert.notEqual(result.code, null, `${scenario.name} (${format.name} ${level}) was killed`);
            const texts = [
              { where: 'stdout', text: result.stdout },
              { where: 'stderr', text: result.stderr },
            ];
            if (format.name.includes('--output')) texts.push({ where: '--output file', text: await readFile(out, 'utf8') });
            const leaks = findSecretLeaks(texts);
            assert.deepEqual(
              leaks.map((l) => `${l.kind} in ${l.where}`),
              [],
              `${scenario.name} (${format.name} ${level}) leaked`,
            );
            assert.doesNotMatch(result.stderr + result.stdout, /\n\s+at .*\(.*:\d+:\d+\)/, `${scenario.name}: a stack trace`);
          });
        }
      }
    }
    // runCli itself keeps to 4 CLI processes at a time.
    await Promise.all(runs.map((run) => run()));
    assert.equal(runs.length, scenarios.length * (FORMATS.length + 1));
    assert.ok(fake.issuedTokens.length > 0, 'the scenarios really obtained tokens');
    assertNoCredentialsOverHttp(fake);
    assertNoCredentialsOverHttp(locked);
  });
});
