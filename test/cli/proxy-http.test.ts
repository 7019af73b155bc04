/** A whole run through an authenticating CONNECT proxy: every connection, HTTP included, goes through it. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CLIENT, startFakeJamf } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { startConnectProxy } from '../harness/raw-servers.js';
import { registerSecret, runCli } from '../harness/run-cli.js';

const PROXY_PASSWORD = 'Pr0xy-Http-Pass-42';
registerSecret('proxy password', PROXY_PASSWORD);

describe('through a proxy', () => {
  it('HTTPS_PROXY with credentials: TLS checks, token and privileges all pass through the tunnel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doctor-proxy-'));
    const rootPem = join(dir, 'root.pem');
    await writeFile(rootPem, (await testPki()).root.certPem);
    const fake = await startFakeJamf();
    const proxy = await startConnectProxy({ mode: 'auth-required', username: 'proxyuser', password: PROXY_PASSWORD });
    try {
      const result = await runCli(['doctor', '--json', '--url', fake.jamfUrl, ...fake.connectArgs], {
        env: { SSL_CERT_FILE: rootPem, HTTPS_PROXY: proxy.url.replace('http://', `http://proxyuser:${PROXY_PASSWORD}@`), JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret },
      });
      const report = JSON.parse(result.stdout) as { exitCode: number; checks: Array<{ id: string; status: string; message: string }> };
      assert.equal(report.exitCode, 0, JSON.stringify(report.checks.filter((c) => c.status === 'fail')));
      assert.match(report.checks.find((c) => c.id === 'network.connect')?.message ?? '', /through the proxy http:\/\/proxyuser:\*\*\*@/);
      assert.equal(report.checks.find((c) => c.id === 'auth.token')?.status, 'pass');
      const port = new URL(fake.url).port;
      assert.ok(proxy.connectCount >= 2, 'the TLS probe and the HTTP client both tunnelled');
      assert.ok(proxy.connectTargets.every((t) => t.endsWith(`:${port}`)), `tunnels went only to the Jamf server (CONNECT names the --connect-to address, as curl does): ${proxy.connectTargets.join(', ')}`);
      assert.ok(proxy.proxyAuthorizations.length > 0 && proxy.proxyAuthorizations.every((a) => a === proxy.expectedAuthorization), 'every CONNECT carried the proxy credentials');
      assert.equal(fake.requestsTo('/api/oauth/token', 'POST').length, 1, 'JamfMCP\'s token path, once');
    } finally {
      await Promise.all([fake.close(), proxy.close()]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
