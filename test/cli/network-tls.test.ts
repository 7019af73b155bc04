/**
 * Black-box tests of the network and TLS checks (issue 3): the built CLI against real loopback
 * servers — a good and every kind of broken HTTPS server (run-time test PKI), plain HTTP, a TCP
 * port that never answers, a closed port and CONNECT proxies in each failure mode. One test per
 * failure, asserting status, the key words of the message, the fix, the details and the exit code.
 *
 * Servers are started once and shared; every proxy test gets its own proxy so its counters are
 * its own. Tests run concurrently, with at most 4 CLI processes at a time (runCli's limit).
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeJamf, type FakeJamf } from '../harness/fake-jamf.js';
import { derOf, testPki, type LeafCert, type TestPki } from '../harness/pki.js';
import {
  closedPort,
  startConnectProxy,
  startHungTlsServer,
  startPlainHttpServer,
  startSilentTcpServer,
  startTlsServer,
  type ConnectProxy,
  type ConnectProxyOptions,
  type LoopbackServer,
  type PlainHttpServer,
  type SinkServer,
  type TlsTestServer,
} from '../harness/raw-servers.js';
import { runCli, type RunCliResult } from '../harness/run-cli.js';
import { findCheck } from '../harness/report.js';

interface JsonCheck {
  id: string;
  status: string;
  message: string;
  fix?: { steps: string[]; commands?: string[] };
  details?: Record<string, unknown>;
  durationMs: number;
}
interface JsonReport {
  durationMs: number;
  exitCode: number;
  checks: JsonCheck[];
}
interface DoctorRun extends RunCliResult {
  report: JsonReport;
}

const CLIENT = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };
const PROXY_PASSWORD = 'S3cretProxyPass';
/** The --timeout of the hang tests, and the bound the whole run must end within (timeout × 3 + 1.5 s). */
const SHORT_TIMEOUT_MS = 300;
const HANG_BOUND_MS = SHORT_TIMEOUT_MS * 3 + 1500;


/** `jamfmcp doctor <args> --json` with NODE_EXTRA_CA_CERTS removed, so that only the test's trust counts. */
async function doctor(args: string[], env: Record<string, string | undefined> = {}): Promise<DoctorRun> {
  const result = await runCli(['doctor', ...args, '--json'], { env: { NODE_EXTRA_CA_CERTS: undefined, ...env }, timeoutMs: 15_000 });
  assert.equal(result.signal, null, `killed (timed out: ${result.timedOut}): ${result.stderr}`);
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  assert.equal(report.exitCode, result.code, 'the report and the process agree on the exit code');
  return { ...result, report };
}

/** The network and tls areas against `url` (what these tests are about; no credentials needed). */
function netTls(url: string, extra: string[] = [], env: Record<string, string | undefined> = {}): Promise<DoctorRun> {
  return doctor(['network', 'tls', '--url', url, '--timeout', '5s', ...extra], env);
}

const check = findCheck;

/** Find `id`, assert its status and message, and that a problem carries a matching fix step. */
function expectCheck(report: JsonReport, id: string, status: string, message: RegExp[], fix: RegExp[] = []): JsonCheck {
  const c = check(report, id);
  assert.equal(c.status, status, `${id}: ${c.message}`);
  for (const m of message) assert.match(c.message, m);
  if (status !== 'pass') assert.ok(c.fix && c.fix.steps.length > 0, `${id} ${status} without a fix`);
  for (const f of fix) assert.ok(c.fix?.steps.some((s) => f.test(s)), `${id}: no fix step matches ${f}: ${JSON.stringify(c.fix)}`);
  return c;
}

function details(c: JsonCheck): Record<string, unknown> {
  assert.ok(c.details, `${c.id} has no details`);
  return c.details;
}

function skipped(report: JsonReport, ...ids: string[]): void {
  for (const id of ids) assert.equal(check(report, id).status, 'skip', `${id} should not run`);
}

// --- shared fixtures ----------------------------------------------------------------------------

let pki: TestPki;
let dir: string;
const files = { root: '', rootDer: '', intermediate: '', selfSigned: '', garbage: '', missing: '' };
const servers: LoopbackServer[] = [];
const fakes: FakeJamf[] = [];
const tls: Record<'good' | 'expired' | 'notYetValid' | 'wrongHost' | 'expiredWrongHost' | 'expiringSoon' | 'selfSigned' | 'leafOnly' | 'inspection', TlsTestServer> =
  {} as never;
let plain: PlainHttpServer;
let silent: SinkServer;
let hung: SinkServer;
let closed: number;

async function keep<T extends LoopbackServer>(server: Promise<T>): Promise<T> {
  const s = await server;
  servers.push(s);
  return s;
}
const serve = (leaf: LeafCert, cert = leaf.chainPem): Promise<TlsTestServer> => keep(startTlsServer({ cert, key: leaf.keyPem }));
const proxy = (options: ConnectProxyOptions = {}): Promise<ConnectProxy> => keep(startConnectProxy(options));

before(async () => {
  pki = await testPki();
  dir = await mkdtemp(join(tmpdir(), 'doctor-net-tls-'));
  files.root = join(dir, 'root.pem');
  files.rootDer = join(dir, 'root.der');
  files.intermediate = join(dir, 'intermediate.pem');
  files.selfSigned = join(dir, 'self-signed.pem');
  files.garbage = join(dir, 'garbage.pem');
  files.missing = join(dir, 'no-such-ca.pem');
  await Promise.all([
    writeFile(files.root, pki.root.certPem),
    writeFile(files.rootDer, derOf(pki.root.certPem)),
    writeFile(files.intermediate, pki.intermediate.certPem),
    writeFile(files.selfSigned, pki.selfSigned.certPem),
    writeFile(files.garbage, 'this is not a certificate\n\u0000\u0001\u0002 nor DER\n'),
  ]);
  [tls.good, tls.expired, tls.notYetValid, tls.wrongHost, tls.expiredWrongHost, tls.expiringSoon, tls.selfSigned, tls.leafOnly, tls.inspection] = await Promise.all([
    serve(pki.good),
    serve(pki.expired),
    serve(pki.notYetValid),
    serve(pki.wrongHost),
    serve(pki.expiredWrongHost),
    serve(pki.expiringSoon),
    serve(pki.selfSigned),
    serve(pki.good, pki.good.certPem), // the leaf without its intermediate
    serve(pki.inspection.leaf),
  ]);
  [plain, silent, hung, closed] = await Promise.all([keep(startPlainHttpServer()), keep(startSilentTcpServer()), keep(startHungTlsServer()), closedPort()]);
});

after(async () => {
  await Promise.all([...servers.map((s) => s.close()), ...fakes.map((f) => f.close())]);
  await rm(dir, { recursive: true, force: true });
});

// --- the tests ----------------------------------------------------------------------------------

describe('jamfmcp doctor network tls', { concurrency: true }, () => {
  describe('network.dns', { concurrency: true }, () => {
    it('fails on a host that does not exist (ENOTFOUND), and nothing after it runs', async () => {
      const { code, report } = await netTls('https://doesnotexist.invalid');
      const c = expectCheck(report, 'network.dns', 'fail', [/doesnotexist\.invalid does not exist/, /ENOTFOUND/], [/typos/, /VPN/]);
      assert.deepEqual(details(c), { host: 'doesnotexist.invalid', code: 'ENOTFOUND' });
      skipped(report, 'network.connect', 'tls.handshake', 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('passes an IP literal without a lookup', async () => {
      const { code, report } = await netTls(`https://127.0.0.1:${tls.good.port}`, ['--ca-file', files.root]);
      const c = expectCheck(report, 'network.dns', 'pass', [/127\.0\.0\.1 is an IP address/]);
      assert.deepEqual(details(c).addresses, ['127.0.0.1']);
      // The good leaf covers 127.0.0.1, so the whole run passes.
      assert.equal(check(report, 'tls.certificate').status, 'pass');
      assert.equal(code, 0);
    });
  });

  describe('network.connect', { concurrency: true }, () => {
    it('fails on a closed port with "refused" and port advice', async () => {
      const { code, report } = await netTls(`https://127.0.0.1:${closed}`);
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`connection to 127\\.0\\.0\\.1:${closed} was refused`), new RegExp(`nothing is listening on port ${closed}`)],
        [/8443/, /443/, new RegExp(`this run used ${closed}`)],
      );
      assert.equal(details(c).code, 'ECONNREFUSED');
      assert.equal(details(c).target, `127.0.0.1:${closed}`);
      skipped(report, 'tls.handshake', 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('a port that accepts TCP but never answers: connect passes, the handshake times out within --timeout', async () => {
      const run = await doctor(['network', 'tls', '--url', `https://127.0.0.1:${silent.port}`, '--timeout', `${SHORT_TIMEOUT_MS}ms`]);
      const { code, report } = run;
      expectCheck(report, 'network.connect', 'pass', [new RegExp(`connected to 127\\.0\\.0\\.1:${silent.port}`)]);
      const c = expectCheck(report, 'tls.handshake', 'fail', [/timed out after 300 ms/, /accepts connections but never answers/], [/443/, /8443/]);
      assert.equal(details(c).code, 'TIMEOUT');
      assert.ok(c.durationMs >= SHORT_TIMEOUT_MS - 20, `the handshake gave up after ${c.durationMs} ms, before --timeout`);
      assert.ok(report.durationMs < HANG_BOUND_MS, `the checks took ${report.durationMs} ms with --timeout ${SHORT_TIMEOUT_MS}ms`);
      assert.ok(run.durationMs < 5000, `the process took ${run.durationMs} ms with --timeout ${SHORT_TIMEOUT_MS}ms`);
      skipped(report, 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('through a working proxy (HTTPS_PROXY): names the proxy and the variable; TLS passes through the tunnel', async () => {
      const p = await proxy({ mode: 'ok' });
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.root], { HTTPS_PROXY: p.url });
      const c = expectCheck(report, 'network.connect', 'pass', [new RegExp(`through the proxy http://127\\.0\\.0\\.1:${p.port} `), /from HTTPS_PROXY/]);
      assert.equal(details(c).variable, 'HTTPS_PROXY');
      assert.equal(details(c).proxy, p.url);
      const h = expectCheck(report, 'tls.handshake', 'pass', [/TLSv1\.[23]/]);
      assert.equal(details(h).via, p.url);
      expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/]);
      assert.ok(p.tunnels >= 1, 'the proxy established no tunnel');
      assert.ok(p.connectTargets.every((t) => t === `localhost:${tls.good.port}`), p.connectTargets.join(', '));
      assert.equal(code, 0);
    });

    it('lower-case https_proxy wins over HTTPS_PROXY and is the one named', async () => {
      const p = await proxy({ mode: 'ok' });
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.root], { https_proxy: p.url, HTTPS_PROXY: `http://127.0.0.1:${closed}` });
      expectCheck(report, 'network.connect', 'pass', [new RegExp(`127\\.0\\.0\\.1:${p.port}`), /from https_proxy\)/]);
      assert.ok(p.tunnels >= 1);
      assert.equal(code, 0);
    });

    it('proxy wants authentication: 407 message', async () => {
      const p = await proxy({ mode: 'auth-required' });
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.root], { HTTPS_PROXY: p.url });
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`the proxy http://127\\.0\\.0\\.1:${p.port} \\(HTTPS_PROXY\\) requires authentication`), /407 Proxy Authentication Required/],
        [/HTTPS_PROXY \(http:\/\/user:password@proxy:port\)/],
      );
      assert.deepEqual(details(c), { proxy: p.url, variable: 'HTTPS_PROXY', target: `localhost:${tls.good.port}` });
      assert.equal(p.connectCount, 1);
      skipped(report, 'tls.handshake', 'tls.certificate');
      assert.equal(code, 1);
    });

    it('proxy refuses the CONNECT: refused message with the status', async () => {
      const p = await proxy({ mode: 'refuse' });
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.root], { HTTPS_PROXY: p.url });
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`\\(HTTPS_PROXY\\) refused to connect to localhost:${tls.good.port} \\(403 Forbidden\\)`)],
        [/allow HTTPS \(CONNECT\)/, /NO_PROXY/],
      );
      assert.equal(details(c).proxy, p.url);
      assert.equal(code, 1);
    });

    it('proxy closes the connection on CONNECT: closed message, no CONNECT loop', async () => {
      const p = await proxy({ mode: 'close' });
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.root], { HTTPS_PROXY: p.url });
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`the proxy http://127\\.0\\.0\\.1:${p.port} \\(HTTPS_PROXY\\) closed the connection instead of answering the CONNECT request for localhost:${tls.good.port}`)],
        [/ask IT/, /HTTP proxy/],
      );
      assert.equal(details(c).variable, 'HTTPS_PROXY');
      assert.ok(p.connectCount <= 2, `the doctor sent ${p.connectCount} CONNECTs (undici's retry loop?)`);
      assert.equal(code, 1);
    });

    it('proxy unreachable (closed port): cannot be reached', async () => {
      const proxyUrl = `http://127.0.0.1:${closed}`;
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.root], { HTTPS_PROXY: proxyUrl });
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`the proxy http://127\\.0\\.0\\.1:${closed} \\(HTTPS_PROXY\\) cannot be reached \\(ECONNREFUSED\\)`)],
        [/Check the proxy host and port in HTTPS_PROXY/],
      );
      assert.equal(details(c).proxy, proxyUrl);
      assert.equal(code, 1);
    });

    it('proxy that accepts but never answers CONNECT: fails within --timeout', async () => {
      const mute = await keep(startSilentTcpServer());
      const run = await doctor(['network', 'tls', '--url', tls.good.url, '--timeout', `${SHORT_TIMEOUT_MS}ms`], { HTTPS_PROXY: `http://127.0.0.1:${mute.port}` });
      expectCheck(
        run.report,
        'network.connect',
        'fail',
        [new RegExp(`did not answer the CONNECT request for localhost:${tls.good.port} within 300 ms`)],
        [/HTTPS_PROXY/],
      );
      assert.ok(mute.bytesReceived > 0, 'no CONNECT request reached the proxy');
      assert.ok(run.report.durationMs < HANG_BOUND_MS, `the checks took ${run.report.durationMs} ms`);
      assert.equal(run.code, 1);
    });

    it('proxy credentials in the proxy URL are sent to the proxy but never printed (redacted as ***)', async () => {
      const p = await proxy({ mode: 'auth-required', username: 'user', password: PROXY_PASSWORD });
      const refusing = await proxy({ mode: 'refuse' });
      const withCreds = (port: number): string => `http://user:${PROXY_PASSWORD}@127.0.0.1:${port}`;
      const [ok, refused, text] = await Promise.all([
        netTls(tls.good.url, ['--ca-file', files.root, '--verbose'], { HTTPS_PROXY: withCreds(p.port) }),
        netTls(tls.good.url, ['--ca-file', files.root, '--debug'], { HTTPS_PROXY: withCreds(refusing.port) }),
        runCli(['doctor', 'network', '--url', tls.good.url, '--verbose'], { env: { HTTPS_PROXY: withCreds(refusing.port) } }),
      ]);
      const shown = `http://user:***@127.0.0.1:${p.port}`;
      const c = expectCheck(ok.report, 'network.connect', 'pass', [new RegExp(`through the proxy ${shown.replace(/[.*]/g, '\\$&')}`)]);
      assert.equal(details(c).proxy, shown);
      assert.equal(p.proxyAuthorizations[0], p.expectedAuthorization, 'the credentials from the URL were not sent to the proxy');
      assert.equal(ok.code, 0);
      const r = expectCheck(refused.report, 'network.connect', 'fail', [/user:\*\*\*@127\.0\.0\.1/, /403/]);
      assert.equal(details(r).proxy, `http://user:***@127.0.0.1:${refusing.port}`);
      assert.equal(refused.code, 1);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /user:\*\*\*@127\.0\.0\.1/);
      const base64 = p.expectedAuthorization.slice('Basic '.length);
      for (const out of [ok.stdout, ok.stderr, refused.stdout, refused.stderr, text.stdout, text.stderr]) {
        assert.ok(!out.includes(PROXY_PASSWORD), `the proxy password leaked:\n${out}`);
        assert.ok(!out.includes(encodeURIComponent(PROXY_PASSWORD)), 'the URL-encoded proxy password leaked');
        assert.ok(!out.includes(base64), 'the Proxy-Authorization value leaked');
      }
    });

    it('NO_PROXY=localhost,127.0.0.1 makes the connection direct and says NO_PROXY excludes the host', async () => {
      const p = await proxy({ mode: 'ok' });
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.root], { HTTPS_PROXY: p.url, NO_PROXY: 'localhost,127.0.0.1' });
      const c = expectCheck(report, 'network.connect', 'pass', [new RegExp(`connected to localhost:${tls.good.port}`), /HTTPS_PROXY is set, but NO_PROXY \(localhost\) excludes localhost/]);
      assert.equal(details(c).proxy, null);
      assert.equal(details(check(report, 'tls.handshake')).via, 'direct');
      assert.equal(p.connectCount, 0, 'the proxy was used despite NO_PROXY');
      assert.equal(code, 0);
    });
  });

  describe('tls.handshake', { concurrency: true }, () => {
    it('plain HTTP on the port: does not speak TLS', async () => {
      const { code, report } = await netTls(`https://127.0.0.1:${plain.port}`);
      const c = expectCheck(report, 'tls.handshake', 'fail', [new RegExp(`127\\.0\\.0\\.1:${plain.port} does not speak TLS`), /plain HTTP/], [/HTTPS port/, /443/, /8443/]);
      assert.match(String(details(c).code), /^ERR_SSL_/);
      assert.equal(details(c).target, `127.0.0.1:${plain.port}`);
      skipped(report, 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('a TLS server that never answers the ClientHello: timed out', async () => {
      const run = await doctor(['network', 'tls', '--url', `https://localhost:${hung.port}`, '--timeout', `${SHORT_TIMEOUT_MS}ms`]);
      const c = expectCheck(run.report, 'tls.handshake', 'fail', [new RegExp(`the TLS handshake with localhost:${hung.port} timed out after 300 ms`)], [/HTTPS port/, /firewall or proxy/]);
      assert.equal(details(c).code, 'TIMEOUT');
      assert.ok(hung.bytesReceived > 0, 'no ClientHello reached the server');
      assert.ok(run.report.durationMs < HANG_BOUND_MS, `the checks took ${run.report.durationMs} ms`);
      assert.equal(run.code, 1);
    });
  });

  describe('tls.certificate', { concurrency: true }, () => {
    it('good chain + --ca-file root: passes with the certificate details and the trust store used', async () => {
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.root]);
      const c = expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/, /Doctor Test Intermediate CA/]);
      const d = details(c);
      assert.match(String(d.subject), /CN=localhost/);
      assert.match(String(d.issuer), /CN=Doctor Test Intermediate CA/);
      assert.deepEqual(d.subjectAltNames, ['localhost', '127.0.0.1', '0:0:0:0:0:0:0:1']);
      assert.equal(new Date(String(d.validTo)).getTime(), pki.good.notAfter.getTime());
      assert.equal(new Date(String(d.validFrom)).getTime(), pki.good.notBefore.getTime());
      assert.equal(d.fingerprint256, new X509Certificate(pki.good.certPem).fingerprint256);
      assert.equal(typeof d.chainLength, 'number');
      assert.ok((d.chainLength as number) >= 2, `chainLength ${String(d.chainLength)}`);
      assert.deepEqual(d.problems, []);
      assert.equal(d.verification, 'ok');
      const store = d.trustStore as string[];
      assert.ok(store.some((s) => /^Node\.js bundled roots \(\d+\)$/.test(s)), store.join(' + '));
      assert.ok(store.includes(`--ca-file ${files.root} (1)`), store.join(' + '));
      expectCheck(report, 'tls.trust-store', 'pass', [/Node\.js bundled roots/, /--ca-file/]);
      expectCheck(report, 'tls.expiry', 'pass', [/valid for \d+ more days/]);
      for (const id of ['network.dns', 'network.connect', 'tls.handshake']) assert.equal(check(report, id).status, 'pass', id);
      assert.equal(code, 0);
    });

    it('expired: "expired on <date>" with the days', async () => {
      const { code, report } = await netTls(tls.expired.url, ['--ca-file', files.root]);
      const day = pki.expired.notAfter.toISOString().slice(0, 10);
      const c = expectCheck(report, 'tls.certificate', 'fail', [new RegExp(`the certificate expired on ${day} \\((\\d+) days ago\\)`)], [/date and time|clock/, /renew/]);
      const days = Number(/\((\d+) days ago\)/.exec(c.message)?.[1]);
      assert.ok(days >= 30 && days <= 31, `expired ${days} days ago, expected 30 (or 31 rounded up)`);
      assert.deepEqual(details(c).problems, ['expired']);
      assert.equal(details(c).verification, 'CERT_HAS_EXPIRED');
      assert.equal(new Date(String(details(c).validTo)).getTime(), pki.expired.notAfter.getTime());
      skipped(report, 'tls.expiry');
      assert.equal(code, 1);
    });

    it('not yet valid: "not valid until <date>" and suspects the clock', async () => {
      const { code, report } = await netTls(tls.notYetValid.url, ['--ca-file', files.root]);
      const day = pki.notYetValid.notBefore.toISOString().slice(0, 10);
      const c = expectCheck(report, 'tls.certificate', 'fail', [new RegExp(`the certificate is not valid until ${day}`)], [/clock/, /automatic \(network\) time/]);
      assert.deepEqual(details(c).problems, ['not-yet-valid']);
      assert.equal(details(c).verification, 'CERT_NOT_YET_VALID');
      assert.equal(new Date(String(details(c).validFrom)).getTime(), pki.notYetValid.notBefore.getTime());
      assert.equal(code, 1);
    });

    it('wrong host: names the names the certificate covers and the host asked for', async () => {
      const { code, report } = await netTls(tls.wrongHost.url, ['--ca-file', files.root]);
      const c = expectCheck(report, 'tls.certificate', 'fail', [/the certificate is for jamf\.example\.com, not for localhost/], [/JAMF_URL \(jamf\.example\.com\)/]);
      assert.deepEqual(details(c).problems, ['hostname-mismatch']);
      assert.deepEqual(details(c).subjectAltNames, ['jamf.example.com']);
      assert.equal(code, 1);
    });

    it('expired AND wrong host: both problems in one message and in details.problems', async () => {
      const { code, report } = await netTls(tls.expiredWrongHost.url, ['--ca-file', files.root]);
      const c = expectCheck(
        report,
        'tls.certificate',
        'fail',
        [/^2 certificate problems:/, /expired on \d{4}-\d{2}-\d{2}/, /is for jamf\.example\.com, not for localhost/],
        [/renew/, /JAMF_URL \(jamf\.example\.com\)/],
      );
      const problems = details(c).problems as string[];
      assert.ok(problems.includes('expired') && problems.includes('hostname-mismatch'), problems.join(', '));
      // OpenSSL itself reported only the expiry: the hostname was found by the doctor's own test.
      assert.equal(details(c).verification, 'CERT_HAS_EXPIRED');
      assert.equal(code, 1);
    });

    it(
      'self-signed server certificate without --ca-file: "self-signed"',
      async () => {
        const { code, report } = await netTls(tls.selfSigned.url);
        const c = expectCheck(report, 'tls.certificate', 'fail', [/self-signed/], [/--ca-file/]);
        assert.deepEqual(details(c).problems, ['self-signed']);
        assert.equal(details(c).verification, 'DEPTH_ZERO_SELF_SIGNED_CERT');
        assert.equal(details(c).chainLength, 1);
        assert.equal(code, 1);
      },
    );

    it('self-signed with --ca-file pointing at that certificate: passes', async () => {
      const { code, report } = await netTls(tls.selfSigned.url, ['--ca-file', files.selfSigned]);
      const c = expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/]);
      assert.equal(details(c).fingerprint256, new X509Certificate(pki.selfSigned.certPem).fingerprint256);
      assert.ok((details(c).trustStore as string[]).includes(`--ca-file ${files.selfSigned} (1)`));
      assert.equal(code, 0);
    });

    it(
      'self-signed with --ca-file pointing at that certificate: the trust store does not call it "no root certificate"',
      async () => {
        const { report } = await netTls(tls.selfSigned.url, ['--ca-file', files.selfSigned]);
        const c = check(report, 'tls.trust-store');
        assert.doesNotMatch(c.message, /no root certificate/);
        assert.equal(c.status, 'pass');
      },
    );

    it('leaf only (no intermediate sent): "sends only its own certificate" / missing-intermediate', async () => {
      const { code, report } = await netTls(tls.leafOnly.url, ['--ca-file', files.root]);
      const c = expectCheck(
        report,
        'tls.certificate',
        'fail',
        [/the server sends only its own certificate/, /Doctor Test Intermediate CA/],
        [/full chain/],
      );
      assert.deepEqual(details(c).problems, ['missing-intermediate']);
      assert.equal(details(c).chainLength, 1);
      assert.equal(details(c).verification, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      assert.equal(code, 1);
    });

    it('no --ca-file against the private chain: the CA is not trusted', async () => {
      const { code, report } = await netTls(tls.good.url);
      const c = expectCheck(
        report,
        'tls.certificate',
        'fail',
        [/Doctor Test Root CA, a CA this computer does not trust/],
        [/--ca-file <file>/, /NODE_EXTRA_CA_CERTS/, /Never turn certificate verification off/],
      );
      assert.deepEqual(details(c).problems, ['untrusted-issuer']);
      // Only Node's bundled roots: the machine's NODE_EXTRA_CA_CERTS and the like did not leak in.
      assert.deepEqual(details(c).trustStore, [check(report, 'tls.trust-store').message]);
      assert.match(String((details(c).trustStore as string[])[0]), /^Node\.js bundled roots \(\d+\)$/);
      assert.equal(check(report, 'tls.handshake').status, 'pass', 'the handshake itself works; only trust fails');
      assert.equal(code, 1);
    });

    it('a TLS-inspection chain (Zscaler) that is not trusted: names the product and says it is intercepting', async () => {
      const { code, report } = await netTls(tls.inspection.url);
      const c = expectCheck(report, 'tls.certificate', 'fail', [/Zscaler/, /intercepting/], [/Ask IT for the root CA certificate of Zscaler/, /--ca-file/]);
      assert.ok((details(c).problems as string[]).includes('tls-inspection'));
      assert.match(String(details(c).issuer), /O=Zscaler Inc\./);
      assert.equal(details(c).verification, 'SELF_SIGNED_CERT_IN_CHAIN');
      assert.equal(code, 1);
    });
  });

  describe('tls.expiry', { concurrency: true }, () => {
    it('a trusted certificate expiring within 30 days: warn "expires in N days", exit 0', async () => {
      const { code, report } = await netTls(tls.expiringSoon.url, ['--ca-file', files.root]);
      expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate/]);
      const c = expectCheck(report, 'tls.expiry', 'warn', [/the server certificate expires in (\d+) days/, new RegExp(pki.expiringSoon.notAfter.toISOString().slice(0, 10))], [/renew/]);
      const days = Number(/expires in (\d+) days/.exec(c.message)?.[1]);
      assert.ok(days >= 8 && days <= 10, `expires in ${days} days, expected about 10`);
      assert.equal(details(c).daysLeft, days);
      assert.equal(code, 0, 'a warning alone does not fail the run');
    });
  });

  describe('tls.trust-store (--ca-file)', { concurrency: true }, () => {
    it('a missing file: fails naming the file', async () => {
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.missing]);
      const c = expectCheck(report, 'tls.trust-store', 'fail', [new RegExp(`--ca-file ${files.missing.replace(/[.\\]/g, '\\$&')}: no such file`)], [/PEM/]);
      assert.equal(details(c).caFile, files.missing);
      skipped(report, 'tls.handshake', 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('a garbage file: "neither PEM nor DER", naming the file', async () => {
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.garbage]);
      const c = expectCheck(report, 'tls.trust-store', 'fail', [/neither PEM nor DER/], [/PEM \("-----BEGIN CERTIFICATE-----"\) or DER/]);
      assert.ok(c.message.includes(files.garbage), c.message);
      assert.equal(details(c).caFile, files.garbage);
      skipped(report, 'tls.handshake');
      assert.equal(code, 1);
    });

    it('a DER file is accepted and the good server passes', async () => {
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.rootDer]);
      const c = expectCheck(report, 'tls.trust-store', 'pass', [new RegExp(`--ca-file ${files.rootDer.replace(/[.\\]/g, '\\$&')} \\(1\\)`)]);
      const certs = details(c).caFile as Array<{ subject: string; selfIssued: boolean; fingerprint256: string }>;
      assert.equal(certs.length, 1);
      assert.match(certs[0]?.subject ?? '', /CN=Doctor Test Root CA/);
      assert.equal(certs[0]?.fingerprint256, new X509Certificate(pki.root.certPem).fingerprint256);
      expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/]);
      assert.equal(code, 0);
    });

    it('a file with only the intermediate: warn "no root certificate"', async () => {
      const { code, report } = await netTls(tls.good.url, ['--ca-file', files.intermediate]);
      const c = expectCheck(report, 'tls.trust-store', 'warn', [/holds no root certificate/, /Doctor Test Intermediate CA/], [/root CA certificate/]);
      assert.ok(c.message.includes(files.intermediate), c.message);
      // Node 20 does not accept a chain ending in a trusted intermediate, so the certificate check fails.
      const cert = check(report, 'tls.certificate');
      assert.equal(cert.status, 'fail');
      assert.equal(details(cert).verification, 'UNABLE_TO_GET_ISSUER_CERT');
      assert.equal(code, 1);
    });

    it('NODE_EXTRA_CA_CERTS adds to the trust store and is named in it', async () => {
      const { code, report } = await netTls(tls.good.url, [], { NODE_EXTRA_CA_CERTS: files.root });
      const c = expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/]);
      assert.ok((details(c).trustStore as string[]).includes(`NODE_EXTRA_CA_CERTS ${files.root} (1)`), JSON.stringify(details(c).trustStore));
      assert.equal(code, 0);
    });
  });

  describe('no credentials before TLS passes', { concurrency: true }, () => {
    for (const [name, cert, args] of [
      ['expired certificate (trusted CA)', 'expired', () => ['--ca-file', files.root]],
      ['untrusted CA', 'good', () => []],
    ] as const) {
      it(`full doctor run with client credentials against a fake Jamf Pro with an ${name}: not one HTTP request`, async () => {
        const fake = await startFakeJamf({ cert: pki[cert] });
        fakes.push(fake);
        const run = await doctor(['--url', fake.url, '--timeout', '5s', ...args()], { ...CLIENT });
        const c = check(run.report, 'tls.certificate');
        assert.equal(c.status, 'fail', c.message);
        assert.ok(fake.connections > 0, 'the doctor never reached the fake server, so the test proves nothing');
        assert.equal(fake.requests.length, 0, `requests sent over an unverified connection: ${fake.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
        assert.ok(!run.stdout.includes(CLIENT.JAMF_CLIENT_SECRET) && !run.stderr.includes(CLIENT.JAMF_CLIENT_SECRET), 'the client secret leaked');
        assert.equal(run.code, 1);
      });
    }
  });
});
