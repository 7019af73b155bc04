/**
 * Issue 12, "secrets that reach output": passwords inside URLs (JAMF_URL from the shell or a config
 * file, proxy URLs that do not parse, passwords holding "@", "/" or a malformed "%" escape) are
 * registered when the value is resolved, so no output at any verbosity carries them — the
 * config-only areas (where url.format does not run), config.file's "shell vs file" warning, and
 * the plan --fix prints on stderr included. runCli's leak guard scans every run for every
 * registered secret and its 8-character slices; each test also asserts directly.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jamfmcpEntry, json, tempDir } from '../harness/mcp-fixtures.js';
import { registerSecret, runCli } from '../harness/run-cli.js';

const SHELL_URL_PASSWORD = 'ShellUrl-Passw0rd-71';
const FILE_URL_PASSWORD = 'FileUrl-Passw0rd-93';
const PROXY_PASSWORDS = ['Pr0xyS3c/ret-41', 'Pr0xy@S3cret-52', 'Pr0x%yyS3c-63', 'Pr%0xyS3cret-74'];
registerSecret('password inside JAMF_URL (shell)', SHELL_URL_PASSWORD);
registerSecret('password inside JAMF_URL (file)', FILE_URL_PASSWORD);
for (const p of PROXY_PASSWORDS) registerSecret('proxy password', p);

const CLIENT = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };
const FORMATS = ['text', 'json', 'markdown', 'junit'];

function assertClean(output: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    assert.ok(!output.includes(secret), `${where} holds the secret "${secret}"`);
    // The part before a "/", "@" or "%" (what a parser may cut the password at) must not leak either.
    const head = secret.split(/[/@%]/)[0] as string;
    if (head.length >= 6) assert.ok(!output.includes(head), `${where} holds "${head}", the start of a secret`);
  }
}

describe('secrets inside URLs never reach output', { concurrency: true }, () => {
  it('item 1: a URL password in the shell and in the file, shell and file differing, `doctor config` (url.format not run): every format, --verbose', async () => {
    const dir = await tempDir('doctor-secrets-');
    const file = join(dir, 'claude_desktop_config.json');
    await writeFile(file, json({ mcpServers: { jamfmcp: jamfmcpEntry({ JAMF_URL: `https://admin:${FILE_URL_PASSWORD}@acme.jamfcloud.com`, ...CLIENT }) } }));
    for (const format of FORMATS) {
      const result = await runCli(['doctor', 'config', '--config', file, '--format', format, '--verbose'], {
        env: { JAMF_URL: `https://admin:${SHELL_URL_PASSWORD}@acme.jamfcloud.com` },
      });
      assert.equal(result.signal, null);
      assertClean(result.stdout + result.stderr, [SHELL_URL_PASSWORD, FILE_URL_PASSWORD], `doctor config --format ${format}`);
      if (format === 'json') {
        const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; message: string }> };
        const fileCheck = report.checks.find((c) => c.id === 'config.file');
        assert.equal(fileCheck?.status, 'warn', 'the shell and the file differ');
        assert.match(fileCheck?.message ?? '', /JAMF_URL/);
      }
    }
  });

  it('item 1: a URL password written without a scheme (user:password@host) in the shell, `doctor config`', async () => {
    for (const format of FORMATS) {
      const result = await runCli(['doctor', 'config', '--format', format, '--verbose'], { env: { JAMF_URL: `admin:${SHELL_URL_PASSWORD}@acme.jamfcloud.com`, ...CLIENT } });
      assertClean(result.stdout + result.stderr, [SHELL_URL_PASSWORD], `--format ${format}`);
    }
  });

  it('item 2: --fix --yes on a JAMF_URL holding a password: the plan on stderr never shows it, and the URL is not "repaired" around the credentials', async () => {
    const home = await tempDir('doctor-secrets-home-');
    await mkdir(join(home, '.cursor'), { recursive: true });
    const file = join(home, '.cursor', 'mcp.json');
    await writeFile(file, json({ mcpServers: { jamfmcp: jamfmcpEntry({ JAMF_URL: ` admin:${FILE_URL_PASSWORD}@acme.jamfcloud.com/ `, ...CLIENT }) } }));
    const result = await runCli(['doctor', 'config', 'url', '--client', 'cursor', '--fix', '--yes', '--json', '--verbose'], { env: { HOME: home } });
    assertClean(result.stdout + result.stderr, [FILE_URL_PASSWORD], '--fix output');
    assert.match(result.stderr, /JAMF_URL: remove surrounding whitespace \(it holds "user:password@": remove that by hand\)/);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { mcpServers: { jamfmcp: { env: Record<string, string> } } };
    assert.equal(saved.mcpServers.jamfmcp.env.JAMF_URL, `admin:${FILE_URL_PASSWORD}@acme.jamfcloud.com/`, 'only trimmed');
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string }> };
    assert.equal(report.checks.find((c) => c.id === 'url.format')?.status, 'fail', 'credentials in the URL still fail');
  });

  for (const password of PROXY_PASSWORDS) {
    it(`item 3: HTTPS_PROXY whose password is ${JSON.stringify(password)}: never echoed (whole, tail or head), never an internal error`, async () => {
      for (const format of ['json', 'text', 'markdown']) {
        const result = await runCli(['doctor', 'network', '--url', 'https://jamf.example.invalid', '--format', format, '--verbose', '--timeout', '2s'], {
          env: { HTTPS_PROXY: `http://user:${password}@proxy.invalid:8080`, ...CLIENT },
        });
        assert.notEqual(result.code, 3, result.stderr);
        assert.equal(result.code, 1, result.stderr);
        assertClean(result.stdout + result.stderr, [password, password.slice(password.indexOf('@') + 1)], `--format ${format}`);
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      }
    });
  }
});
