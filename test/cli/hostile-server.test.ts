/**
 * Hostile servers (issue 8): the built CLI against loopback servers that misbehave in every way a
 * broken Jamf Pro, proxy, load balancer or impostor can — hangs, half-sent or trickled headers,
 * endless and 300 MB bodies, invalid, wrongly shaped and deeply nested JSON, lying Content-Type and
 * Content-Encoding, redirect loops and redirects elsewhere, 5xx storms, 429 with a huge Retry-After,
 * garbage after the TLS handshake and plain text on the TLS port.
 *
 * Every case asserts: the check that meets the problem fails with a message naming it and a fix;
 * exit code 1 and nothing in status `error`; no stack trace on stdout or stderr; the run ends
 * within --timeout plus a small margin (nothing waits for the server); and, for the huge bodies and
 * the JSON bomb, the CLI's peak RSS (measured by a --require'd probe) stays under 150 MB. runCli's
 * leak guard scans every run for secrets, and redirect targets must receive nothing at all.
 *
 * Loopback only. HTTP-level cases override routes of the fake Jamf Pro (HTTPS with the test PKI,
 * trusted with --ca-file); TCP/TLS-level cases use raw servers. Cases run concurrently, at most
 * 4 CLIs at a time (runCli's limit).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startFakeJamf, type FakeJamf, type RouteHandler } from '../harness/fake-jamf.js';
import { testPki, type TestPki } from '../harness/pki.js';
import { startPlainHttpServer, startSilentTcpServer, type LoopbackServer } from '../harness/raw-servers.js';
import { assertNoCredentialsReceived, runCli, type RunCliResult } from '../harness/run-cli.js';
import { bigJsonBody, makeJwt, rewriteBody } from '../harness/token-helpers.js';
import { findCheck, type JsonCheck, type JsonReport } from '../harness/report.js';

// --- the report -----------------------------------------------------------------------------------

interface HostileRun {
  result: RunCliResult;
  report: JsonReport;
  /** Peak RSS of the CLI in MB (only when measured). */
  rssMb?: number;
}

// --- settings -------------------------------------------------------------------------------------

const CLIENT_ENV = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };
/** JamfMCP's token endpoint (liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/auth.py:166). */
const TOKEN_PATH = '/api/oauth/token';
/** --timeout of every case. */
const TIMEOUT_MS = 1000;
/**
 * What a run may take beyond --timeout: Node start-up and the checks' own work with up to
 * 4 CLIs sharing two cores. A run that waited for a hostile server would take far longer.
 */
const MARGIN_MS = 4000;
const RSS_LIMIT_MB = 150;
const RSS_PROBE = fileURLToPath(new URL('../../../test/harness/rss-probe.cjs', import.meta.url));
const STACK_TRACE = /\n\s{4}at /;
/** A timeout, as server.jamf and auth.token word it. */
const TIMED_OUT = /(timed out after|did not answer (HTTP requests )?within) 1 s/;
/** A connection closed before the answer was complete, in words (not an undici error code). */
const CLOSED = /connection was (reset|closed)|closed the connection/;


let dir: string;
let rootPem: string;
let pki: TestPki;

before(async () => {
  pki = await testPki();
  dir = await mkdtemp(join(tmpdir(), 'doctor-hostile-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, pki.root.certPem);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * `jamfmcp doctor token --json --url https://<host> --connect-to <host>:443:127.0.0.1:<port> --timeout 1s`
 * for a server at `url` (https://<host>:<port>): JamfMCP's port-443 URL sent to the server's port,
 * JamfMCP trusting the test CA through SSL_CERT_FILE, with an API client's credentials (the token
 * area runs everything up to and including the token request).
 */
async function doctor(url: string, options: { measureRss?: boolean; timeoutMs?: number; extraArgs?: string[] } = {}): Promise<HostileRun> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const env: Record<string, string> = { ...CLIENT_ENV, SSL_CERT_FILE: rootPem };
  const parsed = new URL(url);
  const connect = parsed.port ? ['--connect-to', `${parsed.hostname}:443:127.0.0.1:${parsed.port}`] : [];
  parsed.port = '';
  let rssFile: string | undefined;
  if (options.measureRss) {
    rssFile = join(dir, `rss-${randomBytes(6).toString('hex')}`);
    env.NODE_OPTIONS = `--require ${RSS_PROBE}`;
    env.JAMFMCP_TEST_RSS_FILE = rssFile;
  }
  const args = ['doctor', 'token', '--json', '--url', parsed.href.replace(/\/$/, ''), ...connect, '--timeout', `${timeoutMs}ms`, ...(options.extraArgs ?? [])];
  const result = await runCli(args, { env, timeoutMs: timeoutMs + 20_000 });
  assert.equal(result.signal, null, `the CLI was killed (timed out: ${result.timedOut}):\n${result.stderr}`);
  assert.doesNotMatch(result.stdout, STACK_TRACE, 'a stack trace on stdout');
  assert.doesNotMatch(result.stderr, STACK_TRACE, `a stack trace on stderr:\n${result.stderr}`);
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`stdout is not a JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  const run: HostileRun = { result, report };
  if (rssFile !== undefined) {
    const kib = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
    assert.ok(Number.isFinite(kib) && kib > 0, 'the RSS probe wrote no figure');
    run.rssMb = kib / 1024;
  }
  return run;
}

const check = findCheck;

function summary(report: JsonReport): string {
  return report.checks.map((c) => `${c.id}: ${c.status} ${c.message}`).join('\n');
}

/**
 * The common verdict: `id` failed with a message matching every pattern and a fix; exit 1, nothing
 * in `error`; the run ended within --timeout + MARGIN_MS; memory under the limit when measured.
 */
function expectFailure(run: HostileRun, id: string, message: RegExp[], options: { timeoutMs?: number; fix?: RegExp[] } = {}): JsonCheck {
  const { result, report } = run;
  const errors = report.checks.filter((c) => c.status === 'error');
  assert.deepEqual(errors.map((c) => `${c.id}: ${c.message}`), [], 'a check broke (status error)');
  const c = check(report, id);
  assert.equal(c.status, 'fail', `${id} should fail:\n${summary(report)}`);
  for (const m of message) assert.match(c.message, m, `${id} message`);
  assert.ok(c.fix && c.fix.steps.length > 0 && c.fix.steps.every((s) => s.trim() !== ''), `${id} fails without a fix`);
  for (const f of options.fix ?? []) assert.ok(c.fix.steps.some((s) => f.test(s)), `${id}: no fix step matches ${f}: ${JSON.stringify(c.fix)}`);
  assert.equal(result.code, 1, `exit code (stderr: ${result.stderr})\n${summary(report)}`);
  assert.equal(report.exitCode, 1);
  const bound = (options.timeoutMs ?? TIMEOUT_MS) + MARGIN_MS;
  assert.ok(result.durationMs <= bound, `the run took ${result.durationMs} ms (bound ${bound} ms)`);
  if (run.rssMb !== undefined) assert.ok(run.rssMb < RSS_LIMIT_MB, `peak RSS ${run.rssMb.toFixed(1)} MB (limit ${RSS_LIMIT_MB} MB)`);
  return c;
}

/** A fake Jamf Pro with `routes` installed; closed after `work`. */
async function withFake<T>(routes: Array<[method: string, path: string, handler: RouteHandler]>, work: (fake: FakeJamf) => Promise<T>): Promise<T> {
  const fake = await startFakeJamf();
  for (const [method, path, handler] of routes) fake.route(method, path, handler);
  try {
    return await work(fake);
  } finally {
    await fake.close();
  }
}

async function withServer<S extends LoopbackServer, T>(start: Promise<S>, work: (server: S) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

// --- hostile route handlers ---------------------------------------------------------------------

/** Accept the request and never answer (the fake's close() destroys the socket). */
const hang: RouteHandler = () => {};

/** Send the start of a response head, then drop the connection. */
const closeMidHeaders: RouteHandler = (req) => {
  req.socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/js');
  req.socket.destroy();
};

/** A complete, valid response head and body, one byte every `everyMs` (stops when the client goes). */
function trickle(everyMs: number): RouteHandler {
  return (req) => {
    const bytes = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: ' + 'x'.repeat(200) + '\r\nContent-Length: 2\r\n\r\n{}');
    let i = 0;
    const socket = req.socket;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= bytes.length) {
        clearInterval(timer);
        return;
      }
      socket.write(bytes.subarray(i, i + 1));
      i++;
    }, everyMs);
    socket.once('close', () => clearInterval(timer));
  };
}

/** An exact answer: status, headers and raw body bytes. */
function answer(status: number, headers: Record<string, string>, body: string | Buffer = ''): RouteHandler {
  return (_req, res) => {
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { ...headers, 'Content-Length': data.length });
    res.end(data);
  };
}

const json = (status: number, body: string, headers: Record<string, string> = {}): RouteHandler =>
  answer(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers }, body);

const redirect = (status: number, location: string): RouteHandler => answer(status, { Location: location });

/** A token that looks right, for bodies whose other fields are hostile. */
const TOKEN = makeJwt({ sub: CLIENT_ENV.JAMF_CLIENT_ID, exp: Math.floor(Date.now() / 1000) + 3600, iat: Math.floor(Date.now() / 1000) });

// --- raw TLS/TCP servers ------------------------------------------------------------------------

class TrackedServer implements LoopbackServer {
  port = 0;
  connections = 0;
  private readonly sockets = new Set<Socket>();
  constructor(private readonly server: net.Server) {
    server.on('connection', (s: Socket) => {
      this.connections++;
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {});
    });
  }
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }
  close(): Promise<void> {
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    return done;
  }
}

/** On connect, sends a non-TLS banner (like an SSH server) and keeps the connection open. */
function startBannerServer(banner: string): Promise<TrackedServer> {
  return new TrackedServer(net.createServer((socket) => socket.write(banner))).listen();
}

/**
 * Completes a real TLS handshake (the test PKI's good certificate), then answers the first
 * application data with raw garbage on the TCP connection — not TLS records.
 */
function startTlsGarbageServer(): Promise<TrackedServer> {
  const context = tls.createSecureContext({ cert: pki.good.chainPem, key: pki.good.keyPem });
  return new TrackedServer(
    net.createServer((raw) => {
      let garbage = false;
      // A duplex in between, so that the bytes on the wire can be switched to garbage.
      const wire = new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, callback) {
          if (!garbage && !raw.destroyed) raw.write(chunk);
          callback();
        },
      });
      raw.on('data', (d: Buffer) => wire.push(d));
      raw.on('close', () => {
        wire.push(null);
        wire.destroy();
      });
      const secure = new tls.TLSSocket(wire, { isServer: true, secureContext: context });
      secure.on('error', () => raw.destroy());
      secure.once('data', () => {
        garbage = true;
        raw.write(randomBytes(4096));
        raw.write(Buffer.from('HTTP/1.1 200 OK\r\n\r\n\x00\xff garbage \x16\x03\x03\xff\xff'));
      });
    }),
  ).listen();
}

// --- the cases --------------------------------------------------------------------------------

describe('hostile servers: every misbehaviour ends in a clear failure, fast, without a stack trace', { concurrency: true }, () => {
  it('control: a healthy fake passes with these settings, and the RSS probe reports a figure', () =>
    withFake([], async (fake) => {
      const run = await doctor(fake.url, { measureRss: true });
      assert.equal(run.result.code, 0, summary(run.report));
      assert.equal(check(run.report, 'auth.token').status, 'pass');
      assert.ok(run.rssMb !== undefined && run.rssMb > 10 && run.rssMb < RSS_LIMIT_MB, `peak RSS ${run.rssMb} MB`);
      assert.ok(run.result.durationMs <= TIMEOUT_MS + MARGIN_MS, `${run.result.durationMs} ms`);
    }));

  describe('TCP and TLS level', { concurrency: true }, () => {
    it('a server that accepts the connection and never sends a byte: tls.handshake fails "timed out"', () =>
      withServer(startSilentTcpServer(), async (server) => {
        const run = await doctor(`https://localhost:${server.port}`);
        expectFailure(run, 'tls.handshake', [/timed out after 1 s/, /accepts connections but never answers/]);
        assert.equal(check(run.report, 'network.connect').status, 'pass');
      }));

    it('a plain-HTTP server on the TLS port: tls.handshake fails "does not speak TLS"', () =>
      withServer(startPlainHttpServer(), async (server) => {
        const run = await doctor(`https://localhost:${server.port}`);
        expectFailure(run, 'tls.handshake', [/does not speak TLS/, /plain text/], { fix: [/HTTPS to port 443/] });
        assert.equal(server.requestCount, 0, 'nothing but a ClientHello may reach a server that is not TLS');
      }));

    it('a plain-text (SSH banner) server on the TLS port: tls.handshake fails "does not speak TLS"', () =>
      withServer(startBannerServer('SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n'), async (server) => {
        const run = await doctor(`https://localhost:${server.port}`);
        expectFailure(run, 'tls.handshake', [/does not speak TLS/]);
      }));

    // undici does not surface the record-layer error of garbage arriving on its TLS socket (a plain
    // tls.connect client gets ERR_SSL_WRONG_VERSION_NUMBER at once): the request then ends at the
    // --timeout deadline. Either way the probes fail within the timeout, and nothing else is sent.
    it('TLS with garbage after the handshake: server.jamf fails (a TLS error, or "timed out after 1 s"); no token request', () =>
      withServer(startTlsGarbageServer(), async (server) => {
        const run = await doctor(`https://localhost:${server.port}`);
        assert.equal(check(run.report, 'tls.handshake').status, 'pass', summary(run.report));
        expectFailure(run, 'server.jamf', [new RegExp(`${TIMED_OUT.source}|TLS|ERR_SSL|${CLOSED.source}`)]);
        assert.equal(check(run.report, 'auth.token').status, 'skip');
      }));
  });

  describe('the server probes (before any credentials)', { concurrency: true }, () => {
    it('hangs after accepting the request: server.jamf fails "timed out after 1 s"; credentials never sent', () =>
      withFake([['*', '*', hang]], async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'server.jamf', [TIMED_OUT]);
        assert.equal(fake.requestsTo(TOKEN_PATH).length, 0);
      }));

    it(
      'closes the connection in the middle of the response headers: server.jamf fails saying the connection was closed',
      () =>
        withFake([['*', '*', closeMidHeaders]], async (fake) => {
          const run = await doctor(fake.url);
          assert.equal(fake.requestsTo(TOKEN_PATH).length, 0);
          const c = expectFailure(run, 'server.jamf', [CLOSED]);
          assert.doesNotMatch(c.message, /UND_ERR/, 'an undici error code is not a message');
        }),
    );

    it('sends the headers byte by byte, slower than --timeout allows: server.jamf fails "timed out after 1 s"', () =>
      withFake([['*', '*', trickle(100)]], async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'server.jamf', [TIMED_OUT]);
      }));

    it(
      'an endless body on both probes: server.jamf fails saying the answer is far too large (memory bounded)',
      () =>
        withFake([['*', '*', bigJsonBody(Number.POSITIVE_INFINITY, false)]], async (fake) => {
          const run = await doctor(fake.url, { measureRss: true });
          assert.ok(run.rssMb !== undefined && run.rssMb < RSS_LIMIT_MB, `peak RSS ${run.rssMb} MB`);
          const c = expectFailure(run, 'server.jamf', [/larger than|too large/i], { fix: [/JAMF_URL|not the Jamf Pro API|something other/i] });
          assert.doesNotMatch(c.message, /BODY_TOO_LARGE/, 'an internal error code is not a message');
        }),
    );

    it('a redirect loop (every probe redirects to itself): server.jamf fails "redirects", not followed', () =>
      withFake(
        [
          ['GET', '/api/v1/health-check', redirect(302, '/api/v1/health-check')],
          ['GET', '/api/startup-status', redirect(302, '/api/startup-status')],
        ],
        async (fake) => {
          const run = await doctor(fake.url);
          expectFailure(run, 'server.jamf', [/redirects \(302\)/, /not the API endpoint/]);
          assert.ok(fake.requests.length <= 2, `the redirect was followed: ${fake.requests.length} requests`);
        },
      ),
    );

    it('a 5xx storm (every request answers 500/502/503/504): server.jamf fails "not working"; the doctor does not hammer it', () => {
      let n = 0;
      const storm: RouteHandler = (_req, res) => {
        const status = [500, 502, 503, 504][n++ % 4] ?? 500;
        res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': 2 });
        res.end('{}');
      };
      return withFake([['*', '*', storm]], async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'server.jamf', [/answers 50\d to the Jamf Pro API: it is not working right now/]);
        assert.ok(fake.requests.length <= 2, `${fake.requests.length} requests to a failing server`);
        assert.equal(fake.requestsTo(TOKEN_PATH).length, 0, 'credentials sent to a failing server');
      });
    });
  });

  describe('the token endpoint (the first credentialed request)', { concurrency: true }, () => {
    const token = (handler: RouteHandler): Array<[string, string, RouteHandler]> => [['POST', TOKEN_PATH, handler]];

    it('hangs after accepting the request: auth.token fails "timed out after 1 s"', () =>
      withFake(token(hang), async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'auth.token', [/^POST \/api\/oauth\/token /, TIMED_OUT], { fix: [/--timeout/] });
        assert.equal(fake.requestsTo(TOKEN_PATH).length, 1, 'never retried');
      }));

    it('closes the connection in the middle of the response headers: auth.token fails "the connection was closed/reset"', () =>
      withFake(token(closeMidHeaders), async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'auth.token', [/^POST \/api\/oauth\/token /, CLOSED]);
        assert.equal(fake.requestsTo(TOKEN_PATH).length, 1, 'never retried');
      }));

    it('sends the headers byte by byte, slower than --timeout allows: auth.token fails "timed out"', () =>
      withFake(token(trickle(100)), async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'auth.token', [TIMED_OUT]);
      }));

    it('an endless (chunked) body: auth.token fails "larger than 1024 KiB", reading stops at the cap (memory bounded)', () =>
      withFake(token(bigJsonBody(Number.POSITIVE_INFINITY, false)), async (fake) => {
        const run = await doctor(fake.url, { measureRss: true });
        expectFailure(run, 'auth.token', [/larger than 1024 KiB, far more than a (token response|Jamf Pro API answer)/], { fix: [/Something other than (the )?Jamf Pro/] });
      }));

    it('a 300 MB body (Content-Length declared): auth.token fails "larger than 1024 KiB" (memory bounded)', () =>
      withFake(token(bigJsonBody(300 * 1024 * 1024, true)), async (fake) => {
        const run = await doctor(fake.url, { measureRss: true });
        expectFailure(run, 'auth.token', [/larger than 1024 KiB/]);
      }));

    it('invalid JSON (application/json): auth.token fails "not JSON"', () =>
      withFake(token(json(200, '{"access_token": "eyJ', {})), async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'auth.token', [/answered 200 but the body is not JSON/, /application\/json/]);
      }));

    it(
      'JSON of the wrong shape (an array): auth.token fails saying the body is not a token object',
      () =>
        withFake(token(json(200, JSON.stringify([{ access_token: TOKEN, token_type: 'Bearer', expires_in: 1799 }]))), async (fake) => {
          const run = await doctor(fake.url);
          const c = expectFailure(run, 'auth.token', [/JSON/]);
          assert.doesNotMatch(c.message, /not JSON/, 'the body is valid JSON');
          assert.match(c.message, /array|not a JSON object|not an object/i);
        }),
    );

    it(
      'JSON of the wrong shape (access_token is an object): auth.token fails with the ValidationError JamfMCP raises for it',
      () =>
        withFake(token(json(200, JSON.stringify({ access_token: { value: TOKEN }, token_type: 'Bearer', scope: 'api-role:2', expires_in: 1799 }))), async (fake) => {
          const run = await doctor(fake.url);
          const c = expectFailure(run, 'auth.token', [/access_token/]);
          assert.doesNotMatch(c.message, /without a/, 'the key is present');
          assert.match(c.message, /Input should be a valid string/);
        }),
    );

    it('a JSON bomb (100 000 unclosed "["): auth.token fails "not JSON" (memory bounded)', () =>
      withFake(token(json(200, '['.repeat(100_000))), async (fake) => {
        const run = await doctor(fake.url, { measureRss: true });
        expectFailure(run, 'auth.token', [/not JSON/]);
      }));

    it(
      'a JSON bomb inside a real token response (expires_in nested 100 000 arrays deep): no internal error; JamfMCP\'s TypeError for a list expires_in',
      () =>
        withFake(token(rewriteBody((text) => text.replace(/"expires_in":\d+/, `"expires_in":${'['.repeat(100_000)}${']'.repeat(100_000)}`))), async (fake) => {
          const run = await doctor(fake.url, { measureRss: true });
          expectFailure(run, 'auth.token', [/unsupported type for timedelta seconds component: list/]);
          assert.ok(run.rssMb !== undefined && run.rssMb < RSS_LIMIT_MB, `peak RSS ${run.rssMb} MB`);
        }),
    );

    it('a wrong Content-Type (application/xml, Classic-API-style XML): auth.token fails "not JSON (application/xml)"', () =>
      withFake(token(answer(200, { 'Content-Type': 'application/xml' }, `<?xml version="1.0"?><token><token>${TOKEN}</token></token>`)), async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'auth.token', [/not JSON \(application\/xml\)/]);
      }));

    it('a Content-Encoding: gzip body that does not decompress: auth.token fails "not JSON"', () =>
      withFake(token(answer(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(512)]))), async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'auth.token', [/not JSON/]);
      }));

    it('a redirect loop (307 to itself): auth.token fails "redirects", never followed', () =>
      withFake(token(redirect(307, TOKEN_PATH)), async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'auth.token', [/answered 307 and redirects to \/api\/oauth\/token/, /does not follow a redirect with credentials/]);
        assert.equal(fake.requestsTo(TOKEN_PATH).length, 1, 'the redirect was followed');
      }));

    it('a 307 to another origin: auth.token fails "another server"; the other server receives nothing', async () => {
      const other = await startFakeJamf();
      try {
        await withFake(token(redirect(307, `${other.url}${TOKEN_PATH}`)), async (fake) => {
          const run = await doctor(fake.url);
          expectFailure(run, 'auth.token', [new RegExp(`redirects to another server \\(https://localhost:${other.port}\\)`)]);
          assert.equal(other.requests.length, 0, 'the other origin received a request');
          assert.equal(other.connections, 0, 'the other origin received a connection');
          assertNoCredentialsReceived(other);
        });
      } finally {
        await other.close();
      }
    });

    it('a 308 to http:// on loopback: auth.token fails "plain http"; the http server receives nothing', () =>
      withServer(startPlainHttpServer(), (plain) =>
        withFake(token(redirect(308, `${plain.url}${TOKEN_PATH}`)), async (fake) => {
          const run = await doctor(fake.url);
          expectFailure(run, 'auth.token', [new RegExp(`redirects to plain http \\(http://127\\.0\\.0\\.1:${plain.port}\\)`)]);
          assert.equal(plain.requestCount, 0);
          assert.equal(plain.connections, 0);
        }),
      ),
    );

    for (const [label, location] of [
      ['file:', 'file:///etc/passwd'],
      ['data:', 'data:application/json,{"access_token":"x"}'],
    ] as const) {
      it(
        `a 302 to a ${label} URL: auth.token fails naming the ${label} URL; nothing is fetched`,
        () =>
          withFake(token(redirect(302, location)), async (fake) => {
            const run = await doctor(fake.url);
            const c = expectFailure(run, 'auth.token', [new RegExp(`redirects to .*${label}`)]);
            assert.doesNotMatch(c.message, /\(null\)/);
            assert.equal(fake.requestsTo(TOKEN_PATH).length, 1);
          }),
      );
    }

    it('a 5xx storm on the token endpoint: auth.token fails "the server failed" after one request', () => {
      let n = 0;
      const storm: RouteHandler = (_req, res) => {
        res.writeHead([500, 502, 503, 504][n++ % 4] ?? 500, { 'Content-Length': 0 });
        res.end();
      };
      return withFake(token(storm), async (fake) => {
        const run = await doctor(fake.url);
        expectFailure(run, 'auth.token', [/answered 50\d: the server failed/]);
        assert.equal(fake.requestsTo(TOKEN_PATH).length, 1, 'retried against a failing server');
      });
    });

    for (const [label, retryAfter] of [
      ['a huge delay-seconds', '99999999999999999999'],
      ['an HTTP date in the year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
    ] as const) {
      it(`429 with Retry-After ${label} and --timeout 30s: auth.token fails at once (no waiting), one request`, () =>
        withFake(token(json(429, '{"httpStatus":429,"errors":[]}', { 'Retry-After': retryAfter })), async (fake) => {
          const run = await doctor(fake.url, { timeoutMs: 30_000 });
          const c = expectFailure(run, 'auth.token', [/429/], { timeoutMs: 0 });
          assert.match(c.message, /Retry-After|rate|too many/i);
          assert.equal(fake.requestsTo(TOKEN_PATH).length, 1, 'waited and retried');
        }),
      );
    }
  });
});
