/** --server all: every Jamf entry found is diagnosed in turn. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../harness/run-cli.js';

let home: string;
before(async () => {
  home = await mkdtemp(join(tmpdir(), 'doctor-each-'));
  await mkdir(join(home, '.cursor'), { recursive: true });
  await mkdir(join(home, '.gemini'), { recursive: true });
  const entry = (url: string) => ({ command: 'uvx', args: ['jamfmcp'], env: { JAMF_URL: url, JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'Each-Secret-Value-123' } });
  await writeFile(join(home, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { jamfmcp: entry('https://acme.jamfcloud.com') } }));
  await writeFile(join(home, '.gemini', 'settings.json'), JSON.stringify({ mcpServers: { 'jamf-pro': entry('acme.jamfcloud.com:8443') } }));
});
after(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('--server all', () => {
  it('text: one report per entry, each headed by where it came from; the worst exit code wins', async () => {
    const result = await runCli(['doctor', 'config', 'url', '--config', 'auto', '--server', 'all'], { env: { HOME: home }, cwd: home });
    assert.match(result.stdout, /=== "jamfmcp" in Cursor \(user, ~\/\.cursor\/mcp\.json\) ===/);
    assert.match(result.stdout, /=== "jamf-pro" in Gemini CLI \(user, ~\/\.gemini\/settings\.json\) ===/);
    assert.equal(result.stdout.match(/^Summary:/gm)?.length, 2);
    assert.equal(result.code, 1, 'the Gemini entry has host:port without https://');
  });

  it('json: an array of reports, each in the usual schema', async () => {
    const result = await runCli(['doctor', 'url', '--config', 'auto', '--server', 'all', '--json'], { env: { HOME: home }, cwd: home });
    const reports = JSON.parse(result.stdout) as Array<{ schemaVersion: number; target: { url: string }; exitCode: number }>;
    assert.equal(reports.length, 2);
    assert.deepEqual(reports.map((r) => r.schemaVersion), [1, 1]);
    assert.deepEqual(reports.map((r) => r.target.url).sort(), ['https://acme.jamfcloud.com', 'https://acme.jamfcloud.com:8443']);
    assert.deepEqual(reports.map((r) => r.exitCode).sort(), [0, 1]);
  });

  it('junit is refused as a usage error', async () => {
    const result = await runCli(['doctor', '--config', 'auto', '--server', 'all', '--format', 'junit'], { env: { HOME: home }, cwd: home });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--server all cannot be combined with --format junit/);
  });
});
