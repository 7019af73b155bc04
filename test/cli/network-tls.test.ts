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
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
import { runScript } from '../harness/processes.js';


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

/**
 * The network and tls areas against a server as JamfMCP reaches it: https://localhost, port 443,
 * sent to the server's real port by --connect-to (the URL, TLS name and Host stay as written). A
 * string is used as the URL as is.
 */
function netTls(server: { port: number } | string, extra: string[] = [], env: Record<string, string | undefined> = {}): Promise<DoctorRun> {
  const [url, connect] = typeof server === 'string' ? [server, []] : ['https://localhost', ['--connect-to', `localhost:443:127.0.0.1:${server.port}`]];
  return doctor(['network', 'tls', '--url', url, '--timeout', '5s', ...connect, ...extra], env);
}

/** JamfMCP's environment trusting `file` the way JamfMCP can be made to: SSL_CERT_FILE. */
const trusting = (file: string): Record<string, string> => ({ SSL_CERT_FILE: file });
const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
const files = { root: '', rootDer: '', intermediate: '', selfSigned: '', garbage: '', missing: '', laxRoot: '', rootAndCorrupt: '' };
const servers: LoopbackServer[] = [];
const fakes: FakeJamf[] = [];
const tls: Record<'good' | 'expired' | 'notYetValid' | 'wrongHost' | 'expiredWrongHost' | 'expiringSoon' | 'selfSigned' | 'leafOnly' | 'inspection' | 'lax', TlsTestServer> =
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
  files.laxRoot = join(dir, 'lax-root.pem');
  files.rootAndCorrupt = join(dir, 'root-and-corrupt.pem');
  await Promise.all([
    // A good root, then a certificate block whose base64 is not a certificate.
    writeFile(files.rootAndCorrupt, `${pki.root.certPem}-----BEGIN CERTIFICATE-----\nMIIBkjCCATegAwIBAgIUBADBADBAD\n-----END CERTIFICATE-----\n`),
    writeFile(files.root, pki.root.certPem),
    writeFile(files.rootDer, derOf(pki.root.certPem)),
    writeFile(files.intermediate, pki.intermediate.certPem),
    writeFile(files.selfSigned, pki.selfSigned.certPem),
    writeFile(files.garbage, 'this is not a certificate\n\u0000\u0001\u0002 nor DER\n'),
    writeFile(files.laxRoot, pki.lax.root.certPem),
  ]);
  [tls.good, tls.expired, tls.notYetValid, tls.wrongHost, tls.expiredWrongHost, tls.expiringSoon, tls.selfSigned, tls.leafOnly, tls.inspection, tls.lax] = await Promise.all([
    serve(pki.good),
    serve(pki.expired),
    serve(pki.notYetValid),
    serve(pki.wrongHost),
    serve(pki.expiredWrongHost),
    serve(pki.expiringSoon),
    serve(pki.selfSigned),
    serve(pki.good, pki.good.certPem), // the leaf without its intermediate
    serve(pki.inspection.leaf),
    serve(pki.lax.leaf),
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
    it('fails on a host that does not exist (ENOTFOUND), naming what JamfMCP shows, and nothing after it runs', async () => {
      const { code, report } = await netTls('https://doesnotexist.invalid');
      const c = expectCheck(report, 'network.dns', 'fail', [/doesnotexist\.invalid does not exist/, /ENOTFOUND/, /\[Errno 8\] nodename nor servname provided/], [/typos/, /VPN/]);
      assert.deepEqual(details(c), { host: 'doesnotexist.invalid', code: 'ENOTFOUND' });
      skipped(report, 'network.connect', 'tls.handshake', 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('--connect-to to an address: no lookup, and the mapping is named', async () => {
      const { code, report } = await netTls(tls.good, [], trusting(files.root));
      const c = expectCheck(report, 'network.dns', 'pass', [new RegExp(`localhost:443 is sent to 127\\.0\\.0\\.1:${tls.good.port} by --connect-to`)]);
      assert.deepEqual(details(c).addresses, ['127.0.0.1']);
      assert.equal(code, 0);
    });

    it('an IP literal needs no lookup; the good leaf covers 127.0.0.1', async () => {
      const { code, report } = await doctor(['network', 'tls', '--url', 'https://127.0.0.1', '--connect-to', `127.0.0.1:443:127.0.0.1:${tls.good.port}`], trusting(files.root));
      expectCheck(report, 'network.dns', 'pass', [/127\.0\.0\.1:443 is sent to 127\.0\.0\.1/]);
      assert.equal(check(report, 'tls.certificate').status, 'pass');
      assert.equal(code, 0);
    });
  });

  describe('network.connect', { concurrency: true }, () => {
    it('fails on a closed port with "refused", what JamfMCP shows, and that it always uses 443', async () => {
      const { code, report } = await netTls({ port: closed });
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`connection to localhost:443 \\(sent to 127\\.0\\.0\\.1:${closed} by --connect-to\\) was refused`), /"All connection attempts failed"/],
        [/JamfMCP always connects to port 443/],
      );
      assert.equal(details(c).code, 'ECONNREFUSED');
      assert.equal(details(c).target, 'localhost:443');
      assert.equal(details(c).connectTo, `127.0.0.1:${closed}`);
      skipped(report, 'tls.handshake', 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('a port that accepts TCP but never answers: connect passes, the handshake times out within --timeout', async () => {
      const run = await doctor(['network', 'tls', '--url', 'https://localhost', '--connect-to', `localhost:443:127.0.0.1:${silent.port}`, '--timeout', `${SHORT_TIMEOUT_MS}ms`]);
      const { code, report } = run;
      expectCheck(report, 'network.connect', 'pass', [/connected to localhost:443/]);
      const c = expectCheck(report, 'tls.handshake', 'fail', [/timed out after 300 ms/, /accepts connections but never answers/, /JamfMCP itself sets no timeout/], [/443/]);
      assert.equal(details(c).code, 'TIMEOUT');
      assert.ok(c.durationMs >= SHORT_TIMEOUT_MS - 20, `the handshake gave up after ${c.durationMs} ms, before --timeout`);
      assert.ok(report.durationMs < HANG_BOUND_MS, `the checks took ${report.durationMs} ms with --timeout ${SHORT_TIMEOUT_MS}ms`);
      assert.ok(run.durationMs < 5000, `the process took ${run.durationMs} ms with --timeout ${SHORT_TIMEOUT_MS}ms`);
      skipped(report, 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('through a working proxy (HTTPS_PROXY): names it; TLS passes through the tunnel, which asks for the --connect-to address', async () => {
      const p = await proxy({ mode: 'ok' });
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: p.url });
      const c = expectCheck(report, 'network.connect', 'pass', [new RegExp(`through the proxy ${esc(p.url)} \\(HTTPS_PROXY`)]);
      assert.equal(details(c).variable, 'HTTPS_PROXY');
      assert.equal(details(c).proxy, p.url);
      const h = expectCheck(report, 'tls.handshake', 'pass', [/TLSv1\.[23]/]);
      assert.equal(details(h).via, p.url);
      expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/]);
      assert.ok(p.tunnels >= 1, 'the proxy established no tunnel');
      assert.ok(p.connectTargets.every((t) => t === `127.0.0.1:${tls.good.port}`), p.connectTargets.join(', '));
      assert.equal(code, 0);
    });

    it('lower-case https_proxy wins over HTTPS_PROXY and is the one named (urllib getproxies_environment)', async () => {
      const p = await proxy({ mode: 'ok' });
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), https_proxy: p.url, HTTPS_PROXY: `http://127.0.0.1:${closed}` });
      expectCheck(report, 'network.connect', 'pass', [new RegExp(`127\\.0\\.0\\.1:${p.port}`), /\(https_proxy /]);
      assert.ok(p.tunnels >= 1);
      assert.equal(code, 0);
    });

    it('ALL_PROXY is used for https when no HTTPS_PROXY is set (httpx all:// mount)', async () => {
      const p = await proxy({ mode: 'ok' });
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), ALL_PROXY: p.url });
      expectCheck(report, 'network.connect', 'pass', [/through the proxy/, /\(ALL_PROXY/]);
      assert.ok(p.tunnels >= 1);
      assert.equal(code, 0);
    });

    it('a dead HTTP_PROXY alone is not a problem: httpx never uses it for https (a false red before)', async () => {
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), HTTP_PROXY: `http://127.0.0.1:${closed}` });
      expectCheck(report, 'network.connect', 'pass', [/connected to localhost:443/, /HTTP_PROXY is set, but httpx uses it only for http:\/\/ URLs/]);
      assert.equal(code, 0);
    });

    it('a socks5:// proxy fails as JamfMCP does (no socksio), before any connection', async () => {
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: 'socks5://127.0.0.1:1080' });
      expectCheck(report, 'network.connect', 'fail', [/every JamfMCP tool fails with ImportError: Using SOCKS proxy, but the 'socksio' package is not installed/], [/http:\/\/ or https:\/\/ proxy URL/]);
      assert.equal(code, 1);
    });

    it('proxy wants authentication: 407 message', async () => {
      const p = await proxy({ mode: 'auth-required' });
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: p.url });
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`the proxy ${esc(p.url)} \\(HTTPS_PROXY\\) requires authentication`), /407 Proxy Authentication Required/],
        [/HTTPS_PROXY \(http:\/\/user:password@proxy:port\)/],
      );
      assert.equal(details(c).proxy, p.url);
      assert.equal(details(c).variable, 'HTTPS_PROXY');
      assert.equal(details(c).target, 'localhost:443');
      assert.equal(p.connectCount, 1);
      skipped(report, 'tls.handshake', 'tls.certificate');
      assert.equal(code, 1);
    });

    it('proxy refuses the CONNECT: refused message with the status', async () => {
      const p = await proxy({ mode: 'refuse' });
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: p.url });
      const c = expectCheck(report, 'network.connect', 'fail', [/\(HTTPS_PROXY\) refused to connect to localhost:443 \(403 Forbidden\)/], [/allow HTTPS \(CONNECT\)/, /NO_PROXY/]);
      assert.equal(details(c).proxy, p.url);
      assert.equal(code, 1);
    });

    it('proxy closes the connection on CONNECT: closed message, no CONNECT loop', async () => {
      const p = await proxy({ mode: 'close' });
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: p.url });
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`the proxy ${esc(p.url)} \\(HTTPS_PROXY\\) closed the connection instead of answering the CONNECT request for localhost:443`)],
        [/ask IT/, /HTTP proxy/],
      );
      assert.equal(details(c).variable, 'HTTPS_PROXY');
      assert.ok(p.connectCount <= 2, `the doctor sent ${p.connectCount} CONNECTs (undici's retry loop?)`);
      assert.equal(code, 1);
    });

    it('proxy unreachable (closed port): cannot be reached, as JamfMCP\'s "All connection attempts failed"', async () => {
      const proxyUrl = `http://127.0.0.1:${closed}`;
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: proxyUrl });
      const c = expectCheck(
        report,
        'network.connect',
        'fail',
        [new RegExp(`the proxy ${esc(proxyUrl)} \\(HTTPS_PROXY\\) cannot be reached \\(ECONNREFUSED\\)`), /All connection attempts failed/],
        [/Check the proxy host and port in HTTPS_PROXY/],
      );
      assert.equal(details(c).proxy, proxyUrl);
      assert.equal(code, 1);
    });

    it('proxy that accepts but never answers CONNECT: fails within --timeout', async () => {
      const mute = await keep(startSilentTcpServer());
      const run = await doctor(['network', 'tls', '--url', 'https://localhost', '--connect-to', `localhost:443:127.0.0.1:${tls.good.port}`, '--timeout', `${SHORT_TIMEOUT_MS}ms`], {
        HTTPS_PROXY: `http://127.0.0.1:${mute.port}`,
      });
      expectCheck(run.report, 'network.connect', 'fail', [/did not answer the CONNECT request for localhost:443 within 300 ms/], [/HTTPS_PROXY/]);
      assert.ok(mute.bytesReceived > 0, 'no CONNECT request reached the proxy');
      assert.ok(run.report.durationMs < HANG_BOUND_MS, `the checks took ${run.report.durationMs} ms`);
      assert.equal(run.code, 1);
    });

    it('an https:// proxy URL pointing at a plain proxy: the doctor speaks TLS first and says JamfMCP would hang; no credentials cross in the clear', async () => {
      const p = await proxy({ mode: 'ok', username: 'user', password: PROXY_PASSWORD });
      const { code, report } = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: `https://user:${PROXY_PASSWORD}@127.0.0.1:${p.port}` });
      expectCheck(report, 'network.connect', 'fail', [/says https:\/\/, so the proxy is spoken to over TLS, but https:\/\/user:\*\*\*@127\.0\.0\.1:\d+ does not speak TLS \(\w+\): it is a plain HTTP proxy/], [/Write HTTPS_PROXY with http:\/\//]);
      assert.equal(p.connectCount, 0, 'a CONNECT (with Proxy-Authorization) went out in plain TCP');
      assert.equal(code, 1);
    });

    it('proxy credentials in the proxy URL are sent to the proxy but never printed (redacted as ***)', async () => {
      const p = await proxy({ mode: 'auth-required', username: 'user', password: PROXY_PASSWORD });
      const refusing = await proxy({ mode: 'refuse' });
      const withCreds = (port: number): string => `http://user:${PROXY_PASSWORD}@127.0.0.1:${port}`;
      const [ok, refused, text] = await Promise.all([
        netTls(tls.good, ['--verbose'], { ...trusting(files.root), HTTPS_PROXY: withCreds(p.port) }),
        netTls(tls.good, ['--debug'], { ...trusting(files.root), HTTPS_PROXY: withCreds(refusing.port) }),
        runCli(['doctor', 'network', '--url', 'https://localhost', '--connect-to', `localhost:443:127.0.0.1:${tls.good.port}`, '--verbose'], { env: { HTTPS_PROXY: withCreds(refusing.port) } }),
      ]);
      const shown = `http://user:***@127.0.0.1:${p.port}`;
      const c = expectCheck(ok.report, 'network.connect', 'pass', [new RegExp(`through the proxy ${esc(shown)}`)]);
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

    it('NO_PROXY as httpx matches it: "localhost" bypasses; "*.localhost"-style and ":443" entries bypass nothing', async () => {
      const p = await proxy({ mode: 'ok' });
      const direct = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: p.url, NO_PROXY: 'example.com, localhost' });
      const c = expectCheck(direct.report, 'network.connect', 'pass', [/connected to localhost:443/, /NO_PROXY entry "localhost" bypasses the proxy for localhost/]);
      assert.equal(details(c).proxy, null);
      assert.equal(details(check(direct.report, 'tls.handshake')).via, 'direct');
      assert.equal(p.connectCount, 0, 'the proxy was used despite NO_PROXY');
      assert.equal(direct.code, 0);
      const q = await proxy({ mode: 'ok' });
      const through = await netTls(tls.good, [], { ...trusting(files.root), HTTPS_PROXY: q.url, NO_PROXY: 'localhost:443,*.localhost' });
      expectCheck(through.report, 'network.connect', 'pass', [/through the proxy/]);
      assert.ok(q.tunnels >= 1, 'httpx would have used the proxy: "localhost:443" keeps its port, "*.x" matches nothing');
    });
  });

  describe('tls.handshake', { concurrency: true }, () => {
    it('plain HTTP on the port: does not speak TLS, with the text JamfMCP shows', async () => {
      const { code, report } = await netTls({ port: plain.port });
      const c = expectCheck(report, 'tls.handshake', 'fail', [/localhost:443 does not speak TLS/, /plain HTTP/, /WRONG_VERSION_NUMBER/], [/port 443/]);
      assert.match(String(details(c).code), /^ERR_SSL_/);
      assert.equal(details(c).target, 'localhost:443');
      skipped(report, 'tls.certificate', 'tls.expiry');
      assert.equal(code, 1);
    });

    it('a TLS server that never answers the ClientHello: timed out', async () => {
      const run = await doctor(['network', 'tls', '--url', 'https://localhost', '--connect-to', `localhost:443:127.0.0.1:${hung.port}`, '--timeout', `${SHORT_TIMEOUT_MS}ms`]);
      const c = expectCheck(run.report, 'tls.handshake', 'fail', [/the TLS handshake with localhost:443 timed out after 300 ms/], [/answers HTTPS on port 443 of this host: JamfMCP always connects to 443/, /firewall or proxy/]);
      assert.equal(details(c).code, 'TIMEOUT');
      assert.ok(hung.bytesReceived > 0, 'no ClientHello reached the server');
      assert.ok(run.report.durationMs < HANG_BOUND_MS, `the checks took ${run.report.durationMs} ms`);
      assert.equal(run.code, 1);
    });
  });

  describe('tls.certificate', { concurrency: true }, () => {
    it('good chain, JamfMCP trusting the root (SSL_CERT_FILE): passes with the details and both trust stores', async () => {
      const { code, report } = await netTls(tls.good, [], trusting(files.root));
      const c = expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/, /Doctor Test Intermediate CA/, /JamfMCP's store \(SSL_CERT_FILE/]);
      const d = details(c);
      assert.match(String(d.subject), /CN=localhost/);
      assert.match(String(d.issuer), /CN=Doctor Test Intermediate CA/);
      assert.deepEqual(d.subjectAltNames, ['localhost', '127.0.0.1', '0:0:0:0:0:0:0:1']);
      assert.equal(new Date(String(d.validTo)).getTime(), pki.good.notAfter.getTime());
      assert.equal(new Date(String(d.validFrom)).getTime(), pki.good.notBefore.getTime());
      assert.equal(d.fingerprint256, new X509Certificate(pki.good.certPem).fingerprint256);
      assert.ok((d.chainLength as number) >= 2, `chainLength ${String(d.chainLength)}`);
      assert.deepEqual(d.problems, []);
      assert.equal(d.verification, 'ok');
      assert.deepEqual(d.trustStore, [`SSL_CERT_FILE ${files.root} (1)`]);
      assert.deepEqual(d.jamfmcpChain, [
        'CN=localhost, OU=good, O=jamfmcp doctor tests',
        'CN=Doctor Test Intermediate CA, O=jamfmcp doctor tests',
        'CN=Doctor Test Root CA, O=jamfmcp doctor tests',
      ]);
      expectCheck(report, 'tls.trust-store', 'pass', [new RegExp(`^JamfMCP trusts SSL_CERT_FILE ${esc(files.root)} \\(1\\)`)]);
      expectCheck(report, 'tls.expiry', 'pass', [/valid for \d+ more days/]);
      for (const id of ['network.dns', 'network.connect', 'tls.handshake']) assert.equal(check(report, id).status, 'pass', id);
      assert.equal(code, 0);
    });

    it('expired: "expired on <date>" with the days, and Python\'s "certificate has expired"', async () => {
      const { code, report } = await netTls(tls.expired, [], trusting(files.root));
      const day = pki.expired.notAfter.toISOString().slice(0, 10);
      const c = expectCheck(report, 'tls.certificate', 'fail', [new RegExp(`the certificate expired on ${day} \\((\\d+) days ago\\)`), /certificate verify failed: certificate has expired/], [/date and time|clock/, /renew/]);
      const days = Number(/\((\d+) days ago\)/.exec(c.message)?.[1]);
      assert.ok(days >= 30 && days <= 31, `expired ${days} days ago, expected 30 (or 31 rounded up)`);
      assert.deepEqual(details(c).problems, ['expired']);
      assert.equal(details(c).verification, 'CERT_HAS_EXPIRED');
      skipped(report, 'tls.expiry');
      assert.equal(code, 1);
    });

    it('not yet valid: "not valid until <date>" and suspects the clock', async () => {
      const { code, report } = await netTls(tls.notYetValid, [], trusting(files.root));
      const day = pki.notYetValid.notBefore.toISOString().slice(0, 10);
      const c = expectCheck(report, 'tls.certificate', 'fail', [new RegExp(`the certificate is not valid until ${day}`)], [/clock/, /automatic \(network\) time/]);
      assert.deepEqual(details(c).problems, ['not-yet-valid']);
      assert.equal(details(c).verification, 'CERT_NOT_YET_VALID');
      assert.equal(code, 1);
    });

    it('wrong host: names the names the certificate covers, and Python\'s "Hostname mismatch"', async () => {
      const { code, report } = await netTls(tls.wrongHost, [], trusting(files.root));
      const c = expectCheck(report, 'tls.certificate', 'fail', [/the certificate is for jamf\.example\.com, not for localhost/, /Hostname mismatch, certificate is not valid for 'localhost'/], [/JAMF_URL \(jamf\.example\.com\)/]);
      assert.deepEqual(details(c).problems, ['hostname-mismatch']);
      assert.equal(code, 1);
    });

    it('expired AND wrong host: both problems in one message and in details.problems', async () => {
      const { code, report } = await netTls(tls.expiredWrongHost, [], trusting(files.root));
      const c = expectCheck(report, 'tls.certificate', 'fail', [/^2 certificate problems:/, /expired on \d{4}-\d{2}-\d{2}/, /is for jamf\.example\.com, not for localhost/], [/renew/, /JAMF_URL \(jamf\.example\.com\)/]);
      const problems = details(c).problems as string[];
      assert.ok(problems.includes('expired') && problems.includes('hostname-mismatch'), problems.join(', '));
      assert.equal(details(c).verification, 'CERT_HAS_EXPIRED');
      assert.equal(code, 1);
    });

    it('self-signed server certificate, nothing trusting it: "self-signed", fixed with SSL_CERT_FILE', async () => {
      const { code, report } = await netTls(tls.selfSigned);
      const c = expectCheck(report, 'tls.certificate', 'fail', [/self-signed/, /certificate verify failed: self-signed certificate/], [/SSL_CERT_FILE/]);
      assert.deepEqual(details(c).problems, ['self-signed']);
      assert.equal(details(c).verification, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.equal(code, 1);
      // The keychain caveat, and the commands that save the certificate and show its fingerprint.
      assert.ok(c.fix?.steps.some((s) => /keychain.*does not help JamfMCP/.test(s)), JSON.stringify(c.fix));
      const [save, fingerprint] = c.fix?.commands ?? [];
      // The host and port JamfMCP connects to (this run reaches the test server through --connect-to).
      assert.equal(save, "openssl s_client -connect localhost:443 -servername localhost -showcerts </dev/null 2>/dev/null | sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' > jamf-pro.pem");
      assert.equal(fingerprint, 'openssl x509 -in jamf-pro.pem -noout -fingerprint -sha256');
      // Run as given, but at the port the test server listens on: it saves exactly its certificate.
      const folder = await mkdtemp(join(dir, 'save-'));
      const port = new URL(tls.selfSigned.url).port;
      const saved = await runScript('sh', `${save.replace('localhost:443', `localhost:${port}`)} && ${fingerprint}`, { cwd: folder });
      assert.equal(saved.code, 0, saved.stderr);
      assert.equal(new X509Certificate(await readFile(join(folder, 'jamf-pro.pem'))).fingerprint256, new X509Certificate(pki.selfSigned.certPem).fingerprint256);
      assert.match(saved.stdout, new RegExp(new X509Certificate(pki.selfSigned.certPem).fingerprint256.replace(/:/g, ':?'), 'i'));
    });

    it('self-signed, SSL_CERT_FILE pointing at that certificate: passes (a chain of one is not checked strictly)', async () => {
      const { code, report } = await netTls(tls.selfSigned, [], trusting(files.selfSigned));
      const c = expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/]);
      assert.equal(details(c).fingerprint256, new X509Certificate(pki.selfSigned.certPem).fingerprint256);
      expectCheck(report, 'tls.trust-store', 'pass', [/SSL_CERT_FILE/]);
      assert.equal(code, 0);
    });

    it('leaf only (no intermediate sent): "sends only its own certificate" / missing-intermediate', async () => {
      const { code, report } = await netTls(tls.leafOnly, [], trusting(files.root));
      const c = expectCheck(report, 'tls.certificate', 'fail', [/the server sends only its own certificate/, /Doctor Test Intermediate CA/, /unable to get local issuer certificate/], [/full chain/]);
      assert.deepEqual(details(c).problems, ['missing-intermediate']);
      assert.equal(details(c).chainLength, 1);
      assert.equal(code, 1);
    });

    it('the private chain against JamfMCP\'s own Mozilla bundle: the CA is not trusted, the keychain does not count', async () => {
      const { code, report } = await netTls(tls.good);
      const c = expectCheck(report, 'tls.certificate', 'fail', [/Doctor Test Root CA, a CA this computer does not trust/, /unable to get local issuer certificate/], [/SSL_CERT_FILE/, /never the macOS keychain/, /Never turn certificate verification off/]);
      assert.deepEqual(details(c).problems, ['untrusted-issuer']);
      // Only the bundled Mozilla roots: the machine's NODE_EXTRA_CA_CERTS and the like did not leak in.
      const store = details(c).trustStore as string[];
      assert.equal(store.length, 1, store.join(' + '));
      assert.match(String(store[0]), /^Mozilla roots bundled with Node\.js \(\d+\)/);
      assert.equal(check(report, 'tls.handshake').status, 'pass', 'the handshake itself works; only trust fails');
      assert.equal(code, 1);
    });

    it('a TLS-inspection chain (Zscaler) that is not trusted: names the product and says it is intercepting', async () => {
      const { code, report } = await netTls(tls.inspection);
      const c = expectCheck(report, 'tls.certificate', 'fail', [/Zscaler/, /intercepting/], [/root CA certificate of Zscaler/, /SSL_CERT_FILE/]);
      assert.ok((details(c).problems as string[]).includes('tls-inspection'));
      assert.match(String(details(c).issuer), /O=Zscaler Inc\./);
      assert.equal(details(c).verification, 'SELF_SIGNED_CERT_IN_CHAIN');
      assert.equal(code, 1);
    });

    it('a private CA Node accepts but Python 3.13 rejects (basicConstraints not critical): fails with Python\'s words, the rest still runs', async () => {
      const { code, report } = await netTls(tls.lax, [], trusting(files.laxRoot));
      const c = expectCheck(report, 'tls.certificate', 'fail', [/not RFC 5280-strict/, /"\[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: Basic Constraints of CA cert not marked critical"/, /Lax Test Root CA/], [/critical basicConstraints/]);
      assert.deepEqual(details(c).strictProblems, [{ error: 'Basic Constraints of CA cert not marked critical', depth: 1, subject: 'CN=Lax Test Root CA, O=jamfmcp doctor tests' }]);
      assert.equal(check(report, 'tls.expiry').status, 'pass', 'a recoverable failure: the checks after it still run');
      assert.equal(code, 1);
    });
  });

  describe('tls.expiry', { concurrency: true }, () => {
    it('a trusted certificate expiring within 30 days: warn "expires in N days", exit 0', async () => {
      const { code, report } = await netTls(tls.expiringSoon, [], trusting(files.root));
      expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate/]);
      const c = expectCheck(report, 'tls.expiry', 'warn', [/the server certificate expires in (\d+) days/, new RegExp(pki.expiringSoon.notAfter.toISOString().slice(0, 10))], [/renew/]);
      const days = Number(/expires in (\d+) days/.exec(c.message)?.[1]);
      assert.ok(days >= 8 && days <= 10, `expires in ${days} days, expected about 10`);
      assert.equal(details(c).daysLeft, days);
      assert.equal(code, 0, 'a warning alone does not fail the run');
    });
  });

  describe('tls.trust-store: what JamfMCP trusts (certifi, or SSL_CERT_FILE / SSL_CERT_DIR from its environment)', { concurrency: true }, () => {
    it('--ca-file lets the doctor see past the problem, but JamfMCP never reads it: trust-store fails with the env line', async () => {
      const { code, report } = await netTls(tls.good, ['--ca-file', files.rootDer]);
      // JamfMCP's store rejects the chain: a recoverable fail (the doctor verified it, so the rest still runs).
      expectCheck(report, 'tls.certificate', 'fail', [/JamfMCP's store \(Mozilla roots bundled with Node\.js/, /unable to get local issuer certificate/, new RegExp(`the doctor verifies it only with --ca-file ${esc(files.rootDer)} \\(1\\), which JamfMCP never reads`)], [/SSL_CERT_FILE/]);
      const c = expectCheck(report, 'tls.trust-store', 'fail', [/verifies only with --ca-file/, /which JamfMCP never reads/, /unable to get local issuer certificate/], [/SSL_CERT_FILE/, /macOS keychain and NODE_EXTRA_CA_CERTS do not count/]);
      assert.ok(c.fix?.commands?.some((cmd) => /"SSL_CERT_FILE": "/.test(cmd)), JSON.stringify(c.fix));
      const certs = details(c).caFile as Array<{ subject: string; fingerprint256: string }>;
      assert.equal(certs[0]?.fingerprint256, new X509Certificate(pki.root.certPem).fingerprint256, 'a DER --ca-file is read');
      assert.equal(code, 1);
    });

    it('NODE_EXTRA_CA_CERTS: the doctor trusts it, JamfMCP does not (a false green before)', async () => {
      const { code, report } = await netTls(tls.good, [], { NODE_EXTRA_CA_CERTS: files.root });
      expectCheck(report, 'tls.certificate', 'fail', [/the doctor verifies it only with NODE_EXTRA_CA_CERTS/]);
      expectCheck(report, 'tls.trust-store', 'fail', [/verifies only with NODE_EXTRA_CA_CERTS/, /never reads/]);
      assert.equal(code, 1);
    });

    it('REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE are never read by JamfMCP\'s httpx: still untrusted, and said so', async () => {
      const { code, report } = await netTls(tls.good, [], { REQUESTS_CA_BUNDLE: files.root, CURL_CA_BUNDLE: files.root });
      assert.equal(check(report, 'tls.certificate').status, 'fail');
      const c = check(report, 'tls.trust-store');
      assert.match(c.message, /REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE are set, but httpx never reads them/);
      assert.equal(code, 1);
    });

    it('SSL_CERT_FILE holding only the intermediate works: Python 3.13 accepts a partial chain', async () => {
      const { code, report } = await netTls(tls.good, [], trusting(files.intermediate));
      expectCheck(report, 'tls.certificate', 'pass', [/trusted certificate for localhost/]);
      expectCheck(report, 'tls.trust-store', 'pass', [/SSL_CERT_FILE/]);
      assert.equal(code, 0);
    });

    it('SSL_CERT_FILE that does not exist: JamfMCP cannot build its client (FileNotFoundError)', async () => {
      const { code, report } = await netTls(tls.good, [], trusting(files.missing));
      expectCheck(report, 'tls.trust-store', 'fail', [/SSL_CERT_FILE=.*cannot be loaded: httpx fails building its client with FileNotFoundError: \[Errno 2\] No such file or directory/], [/readable PEM bundle/]);
      assert.equal(code, 1);
    });

    it('SSL_CERT_FILE in DER form: no PEM certificate for Python (NO_CERTIFICATE_OR_CRL_FOUND)', async () => {
      const { code, report } = await netTls(tls.good, [], trusting(files.rootDer));
      expectCheck(report, 'tls.trust-store', 'fail', [/NO_CERTIFICATE_OR_CRL_FOUND/]);
      assert.equal(code, 1);
    });

    it('SSL_CERT_FILE with one unreadable certificate block: Python rejects the whole file ([X509] PEM lib)', async () => {
      // Measured with CPython's ssl: load_verify_locations raises for the file even with a good root in it.
      const { code, report } = await netTls(tls.good, [], trusting(files.rootAndCorrupt));
      expectCheck(report, 'tls.trust-store', 'fail', [/\[X509\] PEM lib/, /1 certificate block in the file cannot be read/]);
      expectCheck(report, 'tls.certificate', 'fail', [/JamfMCP fails before connecting: it cannot load its trust store \(ssl.SSLError: \[X509\] PEM lib/]);
      assert.equal(code, 1);
    });

    it('a relative SSL_CERT_FILE: warned (JamfMCP resolves it in the client\'s working directory)', async () => {
      const { report } = await netTls(tls.good, [], trusting('root.pem'));
      const c = check(report, 'tls.trust-store');
      assert.match(c.message, /relative path/);
    });

    it('SSL_CERT_DIR with a hashed file name (openssl rehash) is trusted; one without is not looked at', async () => {
      const hashed = join(dir, 'hashed');
      const unhashed = join(dir, 'unhashed');
      await mkdir(hashed, { recursive: true });
      await mkdir(unhashed, { recursive: true });
      await writeFile(join(hashed, '0badcafe.0'), pki.root.certPem);
      await writeFile(join(unhashed, 'root.pem'), pki.root.certPem);
      const ok = await netTls(tls.good, [], { SSL_CERT_DIR: hashed });
      expectCheck(ok.report, 'tls.certificate', 'pass', [/trusted certificate/]);
      assert.equal(ok.code, 0);
      const not = await netTls(tls.good, [], { SSL_CERT_DIR: unhashed });
      assert.equal(check(not.report, 'tls.certificate').status, 'fail');
      expectCheck(not.report, 'tls.trust-store', 'warn', [/not named <hash>\.N/], [/absolute path|rehash/]);
      assert.equal(not.code, 1);
    });

    it('SSL_CERT_FILE wins over SSL_CERT_DIR (httpx takes the first that is set)', async () => {
      const { code, report } = await netTls(tls.good, [], { SSL_CERT_FILE: files.root, SSL_CERT_DIR: join(dir, 'nowhere') });
      assert.deepEqual(details(check(report, 'tls.certificate')).trustStore, [`SSL_CERT_FILE ${files.root} (1)`]);
      assert.equal(code, 0);
    });

    it('a --ca-file that is missing or garbage: fails naming the file, and the other checks still run', async () => {
      const [missing, garbage] = await Promise.all([netTls(tls.good, ['--ca-file', files.missing], trusting(files.root)), netTls(tls.good, ['--ca-file', files.garbage], trusting(files.root))]);
      expectCheck(missing.report, 'tls.trust-store', 'fail', [new RegExp(`--ca-file ${esc(files.missing)}: no such file`)], [/PEM/]);
      expectCheck(garbage.report, 'tls.trust-store', 'fail', [/neither PEM nor DER/], [/PEM \("-----BEGIN CERTIFICATE-----"\) or DER/]);
      assert.equal(check(missing.report, 'tls.certificate').status, 'pass', 'JamfMCP\'s own trust still judges the server');
      assert.equal(missing.code, 1);
      assert.equal(garbage.code, 1);
    });
  });

  describe('no credentials before TLS passes', { concurrency: true }, () => {
    for (const [name, cert, trust] of [
      ['expired certificate (trusted CA)', 'expired', () => trusting(files.root)],
      ['untrusted CA', 'good', () => ({})],
    ] as const) {
      it(`full doctor run with client credentials against a fake Jamf Pro with an ${name}: not one HTTP request`, async () => {
        const fake = await startFakeJamf({ cert: pki[cert] });
        fakes.push(fake);
        const run = await doctor(['--url', fake.jamfUrl, ...fake.connectArgs, '--timeout', '5s'], { ...CLIENT, ...trust() });
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
