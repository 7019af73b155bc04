/**
 * Black-box tests of API privilege coverage: the built CLI against a loopback fake Jamf Pro whose
 * granted privileges, /api/v1/auth listing and probe answers each test configures.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JAMFMCP_PRIVILEGES, startFakeJamf, type FakeJamf, type FakeJamfOptions } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { runCli } from '../harness/run-cli.js';
import { bigJsonBody } from '../harness/token-helpers.js';
import { PRIVILEGES } from '../../src/jamf/privileges.js';
import { findCheck } from '../harness/report.js';

const CLIENT = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };
const USER = { JAMF_USERNAME: 'api-user', JAMF_PASSWORD: 'Sup3r-Secret-Pass!' };
const MINIMUM = PRIVILEGES.filter((p) => p.set === 'minimum').map((p) => p.name);

interface Check {
  id: string;
  status: string;
  message: string;
  fix?: { steps: string[] };
  details?: Record<string, unknown>;
}
interface Report {
  checks: Check[];
  exitCode: number;
}

let dir: string;
let rootPem: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-privileges-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, (await testPki()).root.certPem);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The privileges area against a fake, reached as JamfMCP reaches it (https://localhost via --connect-to, SSL_CERT_FILE); basic auth judged as JamfMCP 1.0.1. */
function doctorArgs(fake: FakeJamf, env: Record<string, string>): string[] {
  return ['doctor', 'privileges', '--json', '--url', fake.jamfUrl, ...fake.connectArgs, ...('JAMF_USERNAME' in env ? ['--jamfmcp-version', '1.0.1'] : []), '--timeout', '5s'];
}

async function diagnose(options: FakeJamfOptions, env: Record<string, string> = CLIENT): Promise<{ fake: FakeJamf; report: Report; code: number | null }> {
  const fake = await startFakeJamf(options);
  try {
    const result = await runCli(doctorArgs(fake, env), { env: { ...env, SSL_CERT_FILE: rootPem } });
    let report: Report;
    try {
      report = JSON.parse(result.stdout) as Report;
    } catch {
      assert.fail(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
    }
    return { fake, report, code: result.code };
  } finally {
    await fake.close();
  }
}

const check = findCheck;

const without = (...names: string[]): string[] => JAMFMCP_PRIVILEGES.filter((p) => !names.includes(p));

describe('privileges', { concurrency: 4 }, () => {
  it('passes when every privilege is granted and listed, without probing', async () => {
    const { fake, report, code } = await diagnose({});
    assert.equal(code, 0);
    const c = check(report, 'privileges');
    assert.equal(c.status, 'pass', c.message);
    assert.match(c.message, /all 12 required privileges are granted \(as listed by GET \/api\/v1\/auth\)/);
    assert.deepEqual(c.details?.missing, []);
    assert.deepEqual([...(c.details?.granted as string[])].sort(), [...MINIMUM].sort());
    assert.equal(check(report, 'privileges.extended').status, 'pass');
    assert.equal(check(report, 'privileges.least').status, 'pass');
    const probes = fake.requests.filter((r) => r.path.startsWith('/JSSResource') || /^\/api\/v[0-9]\/(computers|computer-|scripts|packages|buildings|departments|sites)/.test(r.path));
    assert.deepEqual(probes, [], 'a complete list needs no probes');
  });

  it('names exactly the two privileges the list lacks — a full-access account\'s list is complete, so no probe is needed — with the API Roles fix', async () => {
    const { report, code, fake } = await diagnose({ privileges: without('Read Policies', 'Read Scripts') });
    assert.equal(code, 1);
    const c = check(report, 'privileges');
    assert.equal(c.status, 'fail');
    assert.deepEqual(c.details?.missing, ['Read Policies', 'Read Scripts']);
    assert.match(c.message, /missing 2 of the 12 required privileges that JamfMCP 1\.0\.2's tools use: Read Policies, Read Scripts/);
    // Only the tools that can work are named as failing: get_policies fails whatever the privileges.
    assert.match(c.message, /get_policy_details/);
    assert.match(c.message, /get_script_details/);
    assert.doesNotMatch(c.message, /get_policies\b/);
    const determined = c.details?.determinedBy as Record<string, string>;
    assert.equal(determined['Read Policies'], 'listed');
    assert.equal(determined['Read Computers'], 'listed');
    assert.match(String((c.details?.evidence as Record<string, string>)['Read Policies']), /not among the privileges GET \/api\/v1\/auth lists/);
    assert.match(c.fix?.steps[0] ?? '', /Settings → System → API Roles and Clients → API Roles.*Read Policies, Read Scripts/);
    assert.ok(c.fix?.steps.some((s) => /new client secret/.test(s) && /apply at once/.test(s)));
    assert.equal(fake.requests.filter((r) => r.path.startsWith('/JSSResource/') || /^\/api\/v\d\/(policy|scripts)/.test(r.path)).length, 0, 'the list settled it: no probes');
  });

  it('finds a missing privilege by probing when /api/v1/auth lists none', async () => {
    const { report } = await diagnose({ privileges: without('Read Buildings'), authListing: 'omit' });
    const c = check(report, 'privileges');
    assert.equal(c.status, 'fail');
    assert.deepEqual(c.details?.missing, ['Read Buildings']);
    assert.equal((c.details?.determinedBy as Record<string, string>)['Read Computers'], 'probed');
    assert.equal(c.details?.listedByServer, false);
  });

  it('reads a Classic API 401 with a valid token as a missing privilege, not bad credentials', async () => {
    const { report } = await diagnose({ privileges: without('Read macOS Configuration Profiles'), authListing: 'omit' });
    assert.equal(check(report, 'auth.token-valid').status, 'pass');
    const c = check(report, 'privileges');
    assert.deepEqual(c.details?.missing, ['Read macOS Configuration Profiles']);
    assert.match((c.details?.evidence as Record<string, string>)['Read macOS Configuration Profiles'] ?? '', /401 \(the Classic API's answer for a missing privilege\)/);
    assert.doesNotMatch(c.message, /password|credentials/i);
  });

  it('uses the real Jamf Pro names and says which guide name they stand for', async () => {
    const { report } = await diagnose({ privileges: without('Read Smart Computer Groups') });
    const c = check(report, 'privileges');
    assert.deepEqual(c.details?.missing, ['Read Smart Computer Groups']);
    assert.match(c.message, /Read Smart Computer Groups \(the guide's "Read Computer Groups"\)/);
  });

  it('a site-scoped account\'s list may be partial: what it omits is probed, and probes that pass are not reported', async () => {
    const { report } = await diagnose({ accessLevel: 'SiteAccess', authListing: ['Read Computers', 'Read Computer Inventory Collection'] });
    const c = check(report, 'privileges');
    assert.equal(c.status, 'pass', c.message);
    assert.deepEqual(c.details?.missing, []);
    assert.equal((c.details?.determinedBy as Record<string, string>)['Read Scripts'], 'probed');
  });

  it('a 404 probe is "not on this server version", not a permission problem', async () => {
    const { report, code } = await diagnose({ disabledPaths: ['/api/v1/sites'], authListing: 'omit' });
    const c = check(report, 'privileges');
    assert.equal(c.status, 'warn');
    assert.deepEqual(c.details?.missing, []);
    assert.deepEqual(c.details?.notOnServer, ['Read Sites']);
    assert.match(c.message, /not on this Jamf Pro version/);
    assert.equal(code, 0);
  });

  it('a 5xx probe is unknown (warn), not missing', async () => {
    const fake = await startFakeJamf({ authListing: 'omit' });
    fake.route('GET', '/api/v1/buildings', (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"httpStatus":500,"errors":[]}');
    });
    try {
      const result = await runCli(doctorArgs(fake, CLIENT), { env: { ...CLIENT, SSL_CERT_FILE: rootPem } });
      const report = JSON.parse(result.stdout) as Report;
      const c = check(report, 'privileges');
      assert.equal(c.status, 'warn');
      assert.deepEqual(c.details?.missing, []);
      assert.deepEqual(c.details?.unknown, [{ name: 'Read Buildings', why: 'GET /api/v1/buildings → 500' }]);
      assert.equal(result.code, 0);
    } finally {
      await fake.close();
    }
  });

  it('never has more than 5 requests in flight, probes each path once, and only GETs', async () => {
    const { fake, report } = await diagnose({ authListing: 'omit', delayMs: 40 });
    assert.equal(check(report, 'privileges').status, 'pass');
    assert.ok(fake.maxInFlight <= 5, `max in flight ${fake.maxInFlight}`);
    assert.ok(fake.maxInFlight >= 2, 'probes run in parallel');
    const probes = fake.requests.filter((r) => r.path.startsWith('/JSSResource') || /^\/api\/v[1-3]\/(computers-inventory|computer-|scripts|packages|buildings|departments|sites|categories|patch|jcds|ldap|conditional)/.test(r.path));
    assert.ok(probes.every((r) => r.method === 'GET' && r.body === ''), 'probes are bodiless GETs');
    const paths = probes.map((r) => r.path);
    assert.equal(new Set(paths).size, paths.length, `a path was probed twice: ${paths.join(', ')}`);
  });

  it('gives the user-account steps for basic auth', async () => {
    const { report } = await diagnose({ privileges: without('Read Departments') }, USER);
    const c = check(report, 'privileges');
    assert.deepEqual(c.details?.missing, ['Read Departments']);
    assert.match(c.fix?.steps[0] ?? '', /User accounts and groups.*Privileges.*Read Departments/);
  });

  it('privileges.extended warns and names the JamfMCP tools that will fail; a tool that fails anyway is not blamed on privileges', async () => {
    const { report, code } = await diagnose({ privileges: without('Read Webhooks', 'Read Jamf Cloud Distribution Service Files') });
    assert.equal(code, 0, 'extended privileges only warn');
    const c = check(report, 'privileges.extended');
    assert.equal(c.status, 'warn');
    assert.deepEqual([...(c.details?.missing as string[])].sort(), ['Read Jamf Cloud Distribution Service Files', 'Read Webhooks']);
    assert.match(c.message, /these tools will fail: get_webhooks, get_webhook_details/);
    // get_jcds_files awaits a synchronous json() and fails on every call (src/jamfmcp/jamfsdk/clients/pro_api/__init__.py:283).
    assert.deepEqual(c.details?.notNeeded, [{ name: 'Read Jamf Cloud Distribution Service Files', why: 'only get_jcds_files uses it, and fails whatever the privileges' }]);
    assert.match(c.message, /10 JamfMCP 1\.0\.2 tools fail on every call whatever the privileges/);
    assert.equal(check(report, 'privileges').status, 'pass');
  });

  it('a guide privilege no JamfMCP tool uses is only a warning (Read Computer Inventory Collection), exit 0', async () => {
    const { report, code } = await diagnose({ privileges: without('Read Computer Inventory Collection') });
    const c = check(report, 'privileges');
    assert.equal(c.status, 'warn', c.message);
    assert.match(c.message, /Read Computer Inventory Collection \(no JamfMCP 1\.0\.2 tool uses it\)/);
    assert.equal(code, 0);
  });

  it('a guide privilege only a broken tool uses is only a warning (Read Computer Extension Attributes)', async () => {
    const { report, code } = await diagnose({ privileges: without('Read Computer Extension Attributes') });
    const c = check(report, 'privileges');
    assert.equal(c.status, 'warn', c.message);
    assert.match(c.message, /only get_extension_attributes uses it, and fails whatever the privileges/);
    assert.equal(code, 0);
  });

  it('privileges.least warns on an administrator and on write privileges', async () => {
    const admin = await diagnose({ privilegeSet: 'ADMINISTRATOR' });
    assert.equal(check(admin.report, 'privileges.least').status, 'warn');
    assert.match(check(admin.report, 'privileges.least').message, /administrator/);
    const writer = await diagnose({ privileges: [...JAMFMCP_PRIVILEGES, 'Create Computers', 'Delete Policies', 'Update Scripts'] });
    const least = check(writer.report, 'privileges.least');
    assert.equal(least.status, 'warn');
    assert.match(least.message, /3 privileges JamfMCP never needs, e.g. Create Computers, Delete Policies, Update Scripts/);
  });

  it('the doctor cleans up after probing: the user token is invalidated last', async () => {
    const { fake, report } = await diagnose({ authListing: 'omit' }, USER);
    assert.equal(check(report, 'auth.cleanup').status, 'pass');
    const last = fake.requests[fake.requests.length - 1];
    assert.equal(last?.path, '/api/v1/auth/invalidate-token');
  });
});

describe('a slow but healthy server (issue 12)', () => {
  it('every answer within --timeout, six sequential probe waves: the privilege checks pass (their budget grows with the waves)', async () => {
    // 26 distinct probes at most 5 in flight: 6 waves x 600 ms = 3.6 s, more than the old fixed budget
    // of 2 x --timeout + 1 s (3 s); each single answer (600 ms) stays well within --timeout (1 s).
    const fake = await startFakeJamf({ authListing: 'omit', delayMs: 600 });
    try {
      const result = await runCli(['doctor', 'privileges', '--json', '--url', fake.jamfUrl, ...fake.connectArgs, '--timeout', '1s'], { env: { ...CLIENT, SSL_CERT_FILE: rootPem }, timeoutMs: 30_000 });
      const report = JSON.parse(result.stdout) as Report;
      for (const id of ['privileges', 'privileges.extended']) {
        const c = findCheck(report, id);
        assert.notEqual(c.status, 'error', `${id}: ${c.message}`);
        assert.doesNotMatch(c.message, /did not finish|timed out/, id);
      }
      assert.equal(findCheck(report, 'privileges').status, 'pass', findCheck(report, 'privileges').message);
      assert.equal(report.exitCode, 0);
    } finally {
      await fake.close();
    }
  });
});

describe('version-aware probes (issue 14)', { concurrency: true }, () => {
  // The account's privilege list is left out, so the probes decide; each server mimics one release.
  const releases = [
    { version: '11.23.2-t1000', groups: '/api/v2/computer-groups/smart-groups', computers: '/api/v3/computers-inventory', notAsked: ['/api/v3/computer-groups/smart-groups', '/api/v4/computers-inventory'] },
    { version: '11.28.0-t1000', groups: '/api/v3/computer-groups/smart-groups', computers: '/api/v3/computers-inventory', notAsked: ['/api/v2/computer-groups/smart-groups', '/api/v4/computers-inventory'] },
    { version: '11.30.1-t1000', groups: '/api/v3/computer-groups/smart-groups', computers: '/api/v4/computers-inventory', notAsked: ['/api/v2/computer-groups/smart-groups', '/api/v3/computers-inventory'] },
  ];
  for (const { version, groups, computers, notAsked } of releases) {
    it(`Jamf Pro ${version.split('-')[0]}: a missing Read Smart Computer Groups and Read Computers are named exactly, asked at ${groups} and ${computers}`, async () => {
      const { report, fake } = await diagnose({ version, authListing: 'omit', privileges: without('Read Smart Computer Groups', 'Read Computers') });
      const c = check(report, 'privileges');
      assert.equal(c.status, 'fail', c.message);
      assert.deepEqual(c.details?.missing, ['Read Computers', 'Read Smart Computer Groups']);
      assert.deepEqual(c.details?.notOnServer, []);
      assert.equal(fake.requestsTo(groups, 'GET').length, 1, `asked ${groups}`);
      assert.equal(fake.requestsTo(computers, 'GET').length, 1, `asked ${computers}`);
      // On a known version: no endpoint it lacks (no 404 detour), no older one when the newer answers.
      for (const path of notAsked) assert.equal(fake.requestsTo(path, 'GET').length, 0, `asked ${path}`);
    });
  }

  it('an unknown version falls back on 404 to the next older endpoint needing the same privilege', async () => {
    const { report, fake } = await diagnose({ version: 'unknown', authListing: 'omit', disabledPaths: ['/api/v4/computers-inventory', '/api/v3/computer-groups/smart-groups'], privileges: without('Read Smart Computer Groups') });
    const c = check(report, 'privileges');
    assert.deepEqual(c.details?.missing, ['Read Smart Computer Groups']);
    assert.equal(fake.requestsTo('/api/v2/computer-groups/smart-groups', 'GET').length, 1);
  });

  it('a 5 MB Classic users list answered 200 is "granted" at once: the status answers, the body is not read', async () => {
    const fake = await startFakeJamf({ version: '11.25.2-t1000', authListing: 'omit' });
    fake.route('GET', '/JSSResource/users', bigJsonBody(5 * 1024 * 1024));
    try {
      const result = await runCli(['doctor', 'privileges', '--json', '--url', fake.jamfUrl, ...fake.connectArgs, '--timeout', '5s'], { env: { ...CLIENT, SSL_CERT_FILE: rootPem } });
      const report = JSON.parse(result.stdout) as Report;
      const c = check(report, 'privileges.extended');
      assert.ok((c.details?.granted as string[]).includes('Read User'), c.message);
      assert.ok(!(c.details?.unknown as Array<{ name: string }>).some((u) => u.name === 'Read User'), c.message);
      assert.equal(fake.requestsTo('/JSSResource/users', 'GET').length, 1);
    } finally {
      await fake.close();
    }
  });
});
