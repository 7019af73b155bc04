/**
 * Issue 16, mcp.last-error: the client's log of the last session, read as a support engineer or an
 * admin would have it (--client-log; on macOS and Windows the doctor finds Claude Desktop's log by
 * itself). The report opens with the finding, when it happened, its cause and fix, and whether
 * today's settings still have it; no excerpt in any format shows a secret.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile, chmod } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CLIENT, startFakeJamf } from '../harness/fake-jamf.js';
import { jamfmcpEntry, json, tempDir } from '../harness/mcp-fixtures.js';
import { testPki } from '../harness/pki.js';
import { findCheck } from '../harness/report.js';
import { registerSecret, runCli } from '../harness/run-cli.js';

const LOGS = fileURLToPath(new URL('../../../test/fixtures/logs/', import.meta.url));
for (const s of ['Url-Log-Pass-77', 'Fixture-Log-S3cret-991', 'Fixture-Log-S3cret-992', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2ctZml4dHVyZSJ9.bG9nLXNpZ25hdHVyZQ', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmaXh0dXJlIn0.c2lnbmF0dXJlLWZpeHR1cmU']) registerSecret('a secret in a log fixture', s);

interface Report {
  exitCode: number;
  checks: Array<{ id: string; status: string; message: string; headline?: boolean; details?: Record<string, unknown> }>;
}

/** A Claude Desktop config for "jamfmcp" with `env`, mode 0600, and a copy of the named log beside it. */
async function setup(env: Record<string, string>, log: string): Promise<{ config: string; log: string }> {
  const dir = await tempDir('doctor-lasterror-');
  const config = join(dir, 'claude_desktop_config.json');
  await writeFile(config, json({ mcpServers: { jamfmcp: jamfmcpEntry(env) } }));
  await chmod(config, 0o600);
  await mkdir(join(dir, 'logs'));
  const copy = join(dir, 'logs', 'mcp-server-jamfmcp.log');
  await writeFile(copy, await readFile(join(LOGS, log)));
  return { config, log: copy };
}

describe('mcp.last-error', { concurrency: true }, () => {
  it('the last session died with "Client credentials not provided", and today\'s settings still lack the secret: the report opens with it', async () => {
    const { config, log } = await setup({ JAMF_URL: 'https://acme.jamfcloud.com', JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId }, 'mcp-server-jamfmcp-credentials.log');
    const result = await runCli(['doctor', 'config', 'mcp', '--json', '--config', config, '--client-log', log]);
    const report = JSON.parse(result.stdout) as Report;
    const c = findCheck(report, 'mcp.last-error');
    assert.equal(c.status, 'warn');
    assert.equal(c.headline, true);
    assert.match(c.message, /the last "jamfmcp" session in Claude Desktop \(\d+ days ago, 2025-04-07 07:49:40 UTC\) failed: ValueError: Client credentials not provided/);
    assert.match(c.message, /today config\.credentials finds the same cause/);
    const text = await runCli(['doctor', 'config', 'mcp', '--config', config, '--client-log', log]);
    const lines = text.stdout.split('\n');
    // After the header (however many lines it wraps to) and its blank line.
    const at = lines.indexOf('What happened last time');
    assert.equal(at, lines.indexOf('') + 1, text.stdout);
    assert.match(lines[at + 1] ?? '', /mcp\.last-error/);
    const md = await runCli(['doctor', 'config', 'mcp', '--format', 'markdown', '--config', config, '--client-log', log]);
    assert.ok(md.stdout.indexOf('## What happened last time') < md.stdout.indexOf('## Results'), 'Markdown opens with it too');
  });

  it('the last session failed with a 401, but today every check passes: the fix since then works — restart the client', async () => {
    const fake = await startFakeJamf();
    const dir = await tempDir('doctor-lasterror-');
    const rootPem = join(dir, 'root.pem');
    await writeFile(rootPem, (await testPki()).root.certPem);
    try {
      const { config, log } = await setup({ JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret, SSL_CERT_FILE: rootPem }, 'mcp-server-jamfmcp-401.log');
      const result = await runCli(['doctor', '--json', '--config', config, '--client-log', log, ...fake.connectArgs, '--skip', 'mcp.command']);
      const report = JSON.parse(result.stdout) as Report;
      const c = findCheck(report, 'mcp.last-error');
      assert.equal(c.status, 'warn', c.message);
      assert.match(c.message, /failed: Client error '401 Unauthorized' for url 'https:\/\/acme\.jamfcloud\.com\/api\/oauth\/token'/);
      assert.match(c.message, /today every check passes: the fix since then works — restart the client to pick it up/);
      assert.equal(report.checks.filter((x) => x.status === 'fail').length, 0, JSON.stringify(report.checks.filter((x) => x.status === 'fail')));
    } finally {
      await fake.close();
    }
  });

  it('a healthy last session: pass, not a headline', async () => {
    const { config, log } = await setup({ JAMF_URL: 'https://acme.jamfcloud.com' }, 'mcp-server-jamfmcp-healthy.log');
    const report = JSON.parse((await runCli(['doctor', 'mcp', '--json', '--config', config, '--client-log', log])).stdout) as Report;
    const c = findCheck(report, 'mcp.last-error');
    assert.equal(c.status, 'pass', c.message);
    assert.notEqual(c.headline, true);
  });

  it('secrets in the log (a URL password, a bearer JWT, client_secret=) appear in no format', async () => {
    const { config, log } = await setup({ JAMF_URL: 'https://acme.jamfcloud.com' }, 'mcp-server-jamfmcp-secrets.log');
    for (const format of ['json', 'text', 'markdown', 'junit']) {
      const result = await runCli(['doctor', 'mcp', '--format', format, '--verbose', '--config', config, '--client-log', log]);
      for (const secret of ['Url-Log-Pass-77', 'Fixture-Log-S3cret-992', 'eyJhbGciOiJIUzI1NiJ9', 'bG9nLXNpZ25hdHVyZQ']) {
        assert.ok(!result.stdout.includes(secret), `${format} shows ${secret}`);
      }
      if (format === 'json') assert.match(findCheck(JSON.parse(result.stdout) as Report, 'mcp.last-error').message, /Bearer \[REDACTED\]/);
    }
  });

  it('a huge log: only its tail is read, and the last session is still found', async () => {
    const dir = await tempDir('doctor-lasterror-');
    const config = join(dir, 'claude_desktop_config.json');
    await writeFile(config, json({ mcpServers: { jamfmcp: jamfmcpEntry({ JAMF_URL: 'https://acme.jamfcloud.com' }) } }));
    const log = join(dir, 'mcp-server-jamfmcp.log');
    const noise = '2025-04-07T07:00:00.000Z [jamfmcp] [info] Message from client: {"method":"ping","jsonrpc":"2.0","id":1}\n'.repeat(60_000);
    await writeFile(log, noise + (await readFile(join(LOGS, 'mcp-server-jamfmcp-credentials.log'), 'utf8')));
    const report = JSON.parse((await runCli(['doctor', 'mcp', '--json', '--config', config, '--client-log', log])).stdout) as Report;
    const c = findCheck(report, 'mcp.last-error');
    assert.equal(c.status, 'warn');
    assert.equal(c.details?.truncated, true);
    assert.ok((c.details?.bytesRead as number) <= 512 * 1024, String(c.details?.bytesRead));
  });

  it('no log: skip; a log that is a link out of its folder: not followed', async () => {
    const dir = await tempDir('doctor-lasterror-');
    const config = join(dir, 'claude_desktop_config.json');
    await writeFile(config, json({ mcpServers: { jamfmcp: jamfmcpEntry({ JAMF_URL: 'https://acme.jamfcloud.com' }) } }));
    const missing = JSON.parse((await runCli(['doctor', 'mcp', '--json', '--config', config, '--client-log', join(dir, 'logs', 'mcp-server-jamfmcp.log')])).stdout) as Report;
    assert.equal(findCheck(missing, 'mcp.last-error').status, 'skip');
    await mkdir(join(dir, 'logs'));
    await symlink(join(LOGS, 'mcp-server-jamfmcp-credentials.log'), join(dir, 'logs', 'mcp-server-jamfmcp.log'));
    const linked = JSON.parse((await runCli(['doctor', 'mcp', '--json', '--config', config, '--client-log', join(dir, 'logs', 'mcp-server-jamfmcp.log')])).stdout) as Report;
    const c = findCheck(linked, 'mcp.last-error');
    assert.equal(c.status, 'skip');
    assert.match(c.message, /a link out of the log folder: not followed/);
  });
});
