/**
 * Structural properties behind the performance figures (bench/ measures the times): one token
 * request per run, connection reuse, at most 5 requests in flight, and a start-up path that loads
 * none of the heavy modules.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startFakeJamf, type FakeJamf } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { CLI_PATH, runCli } from '../harness/run-cli.js';

const CLIENT = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };
const SPY = fileURLToPath(new URL('../../../test/harness/module-spy.mjs', import.meta.url));
// The heavy modules, wherever they load from: the vendor bundles the package ships (dist/vendor/)
// or, if a bundle ever imported one directly again, node_modules.
const HEAVY = /(node_modules\/(undici|ora|@inquirer|chalk|jsonc-parser|@modelcontextprotocol)\/|\/dist\/vendor\/)/;

let dir: string;
let rootPem: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-structure-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, (await testPki()).root.certPem);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Run the CLI with the module spy preloaded; returns the ESM module URLs it resolved. */
async function modulesLoadedBy(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const out = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  await writeFile(out, '');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', SPY, CLI_PATH, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, CI: 'true', MODULE_SPY_OUT: out, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  assert.notEqual(code, null);
  return (await readFile(out, 'utf8')).split('\n').filter((line) => line !== '');
}

describe('start-up loads only what it needs', () => {
  for (const args of [['--version'], ['--help'], ['doctor', '--help']]) {
    it(`jamfmcp ${args.join(' ')} loads no heavy module and not the doctor`, async () => {
      const loaded = await modulesLoadedBy(args);
      assert.deepEqual(loaded.filter((url) => HEAVY.test(url) || url.endsWith('/doctor.cjs')), []);
    });
  }

  it('jamfmcp doctor --list-checks loads the doctor (the catalogue) but no heavy module', async () => {
    const loaded = await modulesLoadedBy(['doctor', '--list-checks']);
    assert.deepEqual(loaded.filter((url) => HEAVY.test(url)), []);
  });

  it('the spy sees what a real run loads (control): the doctor, and undici only once HTTP is needed', async () => {
    const offline = await modulesLoadedBy(['doctor', 'url', '--url', 'acme.jamfcloud.com']);
    assert.ok(offline.some((url) => url.endsWith('/dist/doctor.cjs')), offline.join('\n'));
    assert.ok(!offline.some((url) => /\/dist\/vendor\/(undici|ora|prompts|chalk)\.cjs$|node_modules\/(undici|ora|@inquirer|chalk)\//.test(url)), 'an offline run needs no HTTP client, spinner, prompts or colour');
    const fake = await startFakeJamf();
    try {
      const online = await modulesLoadedBy(['doctor', 'token', '--url', fake.url, '--ca-file', rootPem], CLIENT);
      assert.ok(online.some((url) => url.endsWith('/dist/vendor/undici.cjs')), 'undici is loaded for HTTP');
    } finally {
      await fake.close();
    }
  });
});

describe('a full run is gentle and reuses connections', () => {
  let fake: FakeJamf;
  before(async () => {
    // No privilege list: every privilege is probed, the most requests a run makes.
    fake = await startFakeJamf({ authListing: 'omit', delayMs: 20 });
  });
  after(async () => {
    await fake.close();
  });

  it('one token request, at most 5 in flight, and far fewer connections than requests', async () => {
    const result = await runCli(['doctor', '--json', '--url', fake.jamfUrl, ...fake.connectArgs], { env: { ...CLIENT, SSL_CERT_FILE: rootPem } });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(fake.requestsTo('/api/oauth/token', 'POST').length, 1, 'the token is requested once per run');
    assert.ok(fake.maxInFlight <= 5, `max in flight ${fake.maxInFlight}`);
    const http = fake.requests.length;
    assert.ok(http > 20, `expected a probing run, saw ${http} requests`);
    // One connection carries network.connect, the TLS handshake and then HTTP; the pool adds at most 5.
    assert.ok(fake.connections <= 6, `${fake.connections} TCP connections for ${http} requests`);
  });
});
