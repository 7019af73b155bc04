/**
 * The "test outside JamfMCP" curl command works as pasted (issue 13): when a credential came from a
 * config file (not from the shell it is pasted into), the snippet reads it first — the secret
 * without echo — and never contains the value. Proved by pasting it into bash with the right
 * credentials on stdin: curl gets a token from the loopback fake Jamf Pro.
 */
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CLIENT, startFakeJamf, type FakeJamf } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { runScript } from '../harness/processes.js';
import { runCli } from '../harness/run-cli.js';
import { curlCommand } from '../../src/jamf/token.js';

const WRONG_SECRET = 'wr0ng-Secret-Value-QQQ';

let dir: string;
let rootPem: string;
let fake: FakeJamf;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-curl-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, (await testPki()).root.certPem);
  fake = await startFakeJamf();
});
after(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

async function curlOf(args: string[], env: Record<string, string>): Promise<string> {
  const result = await runCli(['doctor', 'token', '--json', ...args, ...fake.connectArgs], { env });
  const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; fix?: { commands?: string[] } }> };
  const token = report.checks.find((c) => c.id === 'auth.token');
  assert.equal(token?.status, 'fail', result.stdout);
  const curl = token.fix?.commands?.find((c) => c.includes('curl -sS'));
  assert.ok(curl, JSON.stringify(token.fix));
  return curl;
}

describe('the curl command of a failed token request', () => {
  it('credentials from a config file: reads them first (the secret without echo), and works as pasted', async () => {
    const config = join(dir, 'claude_desktop_config.json');
    const env = { JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: WRONG_SECRET, SSL_CERT_FILE: rootPem };
    await writeFile(config, JSON.stringify({ mcpServers: { jamfmcp: { command: 'uvx', args: ['jamfmcp'], env } } }));
    await chmod(config, 0o600);
    const curl = await curlOf(['--config', config], {});
    const lines = curl.split('\n');
    assert.equal(lines[0], "printf 'JAMF_CLIENT_ID: '; read -r JAMF_CLIENT_ID");
    assert.equal(lines[1], "printf 'JAMF_CLIENT_SECRET: '; read -rs JAMF_CLIENT_SECRET; echo");
    assert.ok(!curl.includes(WRONG_SECRET) && !curl.includes(DEFAULT_CLIENT.clientId));

    // Pasted into a shell that has none of the variables, with the right credentials typed in.
    const before = fake.requestsTo('/api/oauth/token', 'POST').length;
    const pasted = await runScript('bash', curl, { input: `${DEFAULT_CLIENT.clientId}\n${DEFAULT_CLIENT.clientSecret}\n` });
    assert.equal(pasted.code, 0, pasted.stderr);
    assert.match(pasted.stdout, /"access_token"/);
    assert.ok(!pasted.stdout.includes(DEFAULT_CLIENT.clientSecret) && !pasted.stderr.includes(DEFAULT_CLIENT.clientSecret), 'the typed secret is not echoed');
    assert.equal(fake.requestsTo('/api/oauth/token', 'POST').length, before + 1);
  });

  it('credentials from this shell: no read, the command uses them as they are', async () => {
    const curl = await curlOf([], { JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: WRONG_SECRET, SSL_CERT_FILE: rootPem });
    assert.ok(curl.startsWith('curl -sS -X POST'), curl);
    assert.ok(!curl.includes('read -r'));
  });

  it('a secret typed as a flag is not in the shell either: it is read', async () => {
    const curl = await curlOf(['--client-secret', WRONG_SECRET], { JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, SSL_CERT_FILE: rootPem });
    assert.deepEqual(curl.split('\n').filter((l) => l.includes('read ')), ["printf 'JAMF_CLIENT_SECRET: '; read -rs JAMF_CLIENT_SECRET; echo"]);
  });
});

describe('the curl command is safe to paste whatever the URL holds', () => {
  it('a URL path with $( ) is single-quoted: pasted, it runs nothing', async () => {
    const marker = join(dir, 'pwned');
    const url = new URL(`https://jamf.invalid/$(touch$IFS${marker})`);
    for (const auth of ['basic', 'client_credentials'] as const) {
      const curl = curlCommand(url, auth, {}, [], []);
      assert.ok(curl.includes(`'https://jamf.invalid/$(touch$IFS${marker})/api/`), curl);
      // Pasted into bash with curl replaced by a function that only prints its arguments.
      const pasted = await runScript('bash', `curl() { printf '%s\\n' "$@"; }\n${curl}`);
      assert.equal(pasted.code, 0, pasted.stderr);
      assert.match(pasted.stdout, /\$\(touch\$IFS/);
    }
    assert.equal(await readFile(marker, 'utf8').then(() => true, () => false), false, 'the command substitution ran');
  });
});
