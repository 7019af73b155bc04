/**
 * Issue 12, "hangs past --timeout": a DNS server that never answers. The preload
 * test/harness/dns-hang.mjs makes every lookup hang and hold the process open, as a getaddrinfo
 * call held on libuv's threadpool does. The run must end within its deadlines and exit as soon as
 * the report is out; with `--server all`, one stuck host is looked up once, not once per entry.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { jamfmcpEntry, json, tempDir } from '../harness/mcp-fixtures.js';
import { runCli } from '../harness/run-cli.js';

const HANG = fileURLToPath(new URL('../../../test/harness/dns-hang.mjs', import.meta.url));
const CLIENT = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };

describe('a DNS server that never answers', { concurrency: true }, () => {
  it('network.dns fails at --timeout and the process exits right after the report (the stuck lookup would hold it 30 s)', async () => {
    const dir = await tempDir('doctor-dns-');
    const log = join(dir, 'lookups.log');
    const started = Date.now();
    const result = await runCli(['doctor', 'network', '--json', '--url', 'https://jamf.example.invalid', '--timeout', '1s'], {
      env: { ...CLIENT, NODE_OPTIONS: `--import=${HANG}`, DNS_HANG_LOG: log },
      timeoutMs: 20_000,
    });
    const elapsed = Date.now() - started;
    assert.equal(result.timedOut, false);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; message: string }> };
    const dns = report.checks.find((c) => c.id === 'network.dns');
    assert.equal(dns?.status, 'fail');
    assert.match(dns?.message ?? '', /timed out after 1 s/);
    assert.ok((await readFile(log, 'utf8')).includes('jamf.example.invalid'), 'the preload really stood in for the lookup');
    assert.ok(elapsed < 8000, `the run took ${elapsed} ms: the stuck lookup kept the process alive`);
  });

  it('--server all, four entries on the same stuck host: one lookup, and the later entries do not each wait again', async () => {
    const dir = await tempDir('doctor-dns-all-');
    const log = join(dir, 'lookups.log');
    const file = join(dir, 'claude_desktop_config.json');
    const env = { JAMF_URL: 'https://stuck.example.invalid', ...CLIENT };
    await writeFile(file, json({ mcpServers: Object.fromEntries(['jamf-a', 'jamf-b', 'jamf-c', 'jamf-d'].map((name) => [name, jamfmcpEntry(env)])) }));
    const started = Date.now();
    const result = await runCli(['doctor', 'url', 'network', '--json', '--config', file, '--server', 'all', '--timeout', '1s'], {
      env: { NODE_OPTIONS: `--import=${HANG}`, DNS_HANG_LOG: log },
      timeoutMs: 30_000,
    });
    const elapsed = Date.now() - started;
    assert.equal(result.timedOut, false);
    assert.equal(result.code, 1, result.stderr);
    const reports = JSON.parse(result.stdout) as Array<{ checks: Array<{ id: string; status: string; message: string }> }>;
    assert.equal(reports.length, 4);
    const messages = reports.map((r) => r.checks.find((c) => c.id === 'network.dns')?.message ?? '');
    assert.match(messages[0] as string, /timed out after 1 s/);
    for (const m of messages.slice(1)) assert.match(m, /a lookup of it started for an earlier check is still unanswered/);
    const lookups = (await readFile(log, 'utf8')).trim().split('\n').filter((h) => h === 'stuck.example.invalid');
    assert.equal(lookups.length, 1, `one getaddrinfo for the host, not ${lookups.length}`);
    assert.ok(elapsed < 8000, `the run took ${elapsed} ms`);
  });
});
