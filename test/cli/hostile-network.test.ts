/**
 * Hostile networks (issue 12): the built CLI against loopback servers and proxies that misbehave
 * below the HTTP layer — signals mid-flight after a token was issued, a TLS 1.3 server that wants a
 * client certificate, proxies that change their mind after the first CONNECT, an https:// proxy,
 * unsolicited 100 Continue, and many entries whose hosts do not exist.
 *
 * Every test names the issue item it covers. Each run is bounded by a kill timer and asserts that the
 * process ended on its own. Tests synchronise on events (a request reaching the fake, a CONNECT
 * reaching the proxy, output arriving), never on sleeps. Loopback only: the only names looked up
 * are under `.invalid`, and those go to a stand-in resolver preloaded into the CLI (RESOLVER_STUB),
 * never to a nameserver.
 *
 * Tests run one after the other so that the timing bounds measure the CLI, not a crowded machine.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_CLIENT, DEFAULT_USER, startFakeJamf } from '../harness/fake-jamf.js';
import { testPki, type TestPki } from '../harness/pki.js';
import { startTlsServer } from '../harness/raw-servers.js';
import { CLI_PATH, registerSecret, runCli, type RunCliResult } from '../harness/run-cli.js';
import { findCheck, type JsonCheck, type JsonReport } from '../harness/report.js';

// --- settings -------------------------------------------------------------------------------------

const CLIENT_ENV = { JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret };
const BASIC_ENV = { JAMF_USERNAME: DEFAULT_USER.username, JAMF_PASSWORD: DEFAULT_USER.password };
const STACK_TRACE = /\n\s+at /;
/** A child the harness had to kill never counts as a pass: every run must end on its own well before this. */
const KILL_AFTER_MS = 45_000;
const PROXY_USER = 'tlsproxyuser';
const PROXY_PASSWORD = 'Tls-Pr0xy-Pass-77';
registerSecret('https proxy password', PROXY_PASSWORD);

/** How long the stub resolver sits on a `hang-*.invalid` lookup (glibc: 5 s per try, 2 tries by default). */
const HANGING_LOOKUP_MS = 10_000;

/**
 * A --require'd stand-in for the system resolver, for `.invalid` names only (everything else goes to
 * the real one): NXDOMAIN at once (RFC 6761), except names starting with `hang-`, which stay pending
 * for HANGING_LOOKUP_MS, holding the event loop as a getaddrinfo() stuck in libuv's thread pool
 * does, then fail. Each stubbed name is appended to the file named by RESOLVER_STUB_LOG. So item 7
 * needs no nameserver and is deterministic: the system resolver sends .invalid names to the
 * configured nameserver (glibc does not special-case them), which on the machine these tests were
 * written on now and then took longer than --timeout to answer NXDOMAIN.
 */
const RESOLVER_STUB = `'use strict';
const dns = require('node:dns');
const dnsPromises = require('node:dns/promises');
const realLookup = dns.lookup;
const realPromiseLookup = dnsPromises.lookup;
const fate = (host) => (typeof host === 'string' && /\\.invalid\\.?$/i.test(host) ? (/^hang-/i.test(host) ? 'hang' : 'nxdomain') : undefined);
const notFound = (host) => Object.assign(new Error('getaddrinfo ENOTFOUND ' + host), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host });
const answer = (host, done) => {
  if (process.env.RESOLVER_STUB_LOG) require('node:fs').appendFileSync(process.env.RESOLVER_STUB_LOG, host + '\\n');
  if (fate(host) === 'hang') setTimeout(() => done(notFound(host)), ${HANGING_LOOKUP_MS});
  else process.nextTick(() => done(notFound(host)));
};
const promiseLookup = function (host, options) {
  if (fate(host) === undefined) return realPromiseLookup.apply(this, arguments);
  return new Promise((_resolve, reject) => answer(host, reject));
};
dnsPromises.lookup = promiseLookup;
dns.promises.lookup = promiseLookup;
dns.lookup = function (host, options, callback) {
  if (fate(host) === undefined) return realLookup.apply(this, arguments);
  const cb = typeof options === 'function' ? options : callback;
  answer(host, (error) => cb(error));
  return {};
};
`;

let pki: TestPki;
let dir: string;
let rootPem: string;
let resolverStub: string;

before(async () => {
  pki = await testPki();
  dir = await mkdtemp(join(tmpdir(), 'doctor-hostile-net-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, pki.root.certPem);
  resolverStub = join(dir, 'resolver-stub.cjs');
  await writeFile(resolverStub, RESOLVER_STUB);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// --- running the CLI by hand (signals, output timing) ---------------------------------------------

interface SpawnedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** performance.now() at spawn, at the last stdout byte (0: none), and at exit. */
  startedAt: number;
  lastStdoutAt: number;
  exitedAt: number;
  /** true when the test had to SIGKILL the child at KILL_AFTER_MS. */
  killed: boolean;
}

/**
 * Spawn `node [nodeArgs] bin/jamfmcp.js ...args` with a clean environment (PATH, a temp HOME, CI=true,
 * plus `env`). `onStart` gets the child (to send it signals from events). Killed at KILL_AFTER_MS.
 */
async function spawnCli(
  args: string[],
  env: Record<string, string>,
  onStart?: (child: ReturnType<typeof spawn>) => void,
  nodeArgs: string[] = [],
): Promise<SpawnedRun> {
  const home = await mkdtemp(join(tmpdir(), 'doctor-hostile-net-home-'));
  try {
    const child = spawn(process.execPath, [...nodeArgs, CLI_PATH, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home, CI: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: SpawnedRun = { code: null, signal: null, stdout: '', stderr: '', startedAt: performance.now(), lastStdoutAt: 0, exitedAt: 0, killed: false };
    child.stdout?.on('data', (d: Buffer) => {
      run.stdout += d.toString();
      run.lastStdoutAt = performance.now();
    });
    child.stderr?.on('data', (d: Buffer) => (run.stderr += d.toString()));
    const killer = setTimeout(() => {
      run.killed = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    child.on('exit', (code, signal) => {
      run.exitedAt = performance.now();
      run.code = code;
      run.signal = signal;
    });
    onStart?.(child);
    await new Promise<void>((resolve) => child.on('close', () => resolve()));
    clearTimeout(killer);
    return run;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

// --- running the doctor through runCli (leak guard on) --------------------------------------------

interface DoctorRun extends RunCliResult {
  report: JsonReport;
}

/** `jamfmcp doctor <args> --json` through runCli; asserts it ended on its own and printed a report. */
async function doctor(args: string[], env: Record<string, string | undefined>, timeoutMs = KILL_AFTER_MS): Promise<DoctorRun> {
  const result = await runCli(['doctor', ...args, '--json'], { env: { NODE_EXTRA_CA_CERTS: undefined, ...env }, timeoutMs });
  assert.equal(result.timedOut, false, `the run did not end within ${timeoutMs} ms and was killed:\n${result.stderr.slice(-2000)}`);
  assert.equal(result.signal, null, `ended by a signal: ${result.stderr.slice(-2000)}`);
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout.slice(0, 2000)}\n${result.stderr.slice(-2000)}`);
  }
  assert.doesNotMatch(result.stderr, STACK_TRACE, 'no stack trace on stderr');
  return { ...result, report };
}

const summary = (checks: readonly JsonCheck[]): string => checks.map((c) => `${c.id}: ${c.status}: ${c.message}`).join('\n');
const problems = (report: JsonReport): JsonCheck[] => report.checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error');
/** The check's message and details, as one text to match. */
const said = (c: JsonCheck): string => `${c.message} ${JSON.stringify(c.details ?? {})}`;

// --- a scripted CONNECT proxy ---------------------------------------------------------------------

type ProxyAction = 'tunnel' | '407' | 'close' | 'drop';

interface ScriptedProxy {
  readonly port: number;
  readonly url: string;
  /** TCP connections accepted. */
  readonly connections: number;
  /** CONNECT request lines read (a connection closed on accept sends none that is read). */
  readonly connects: string[];
  readonly tunnels: number;
  close(): Promise<void>;
}

/**
 * A plain-HTTP CONNECT proxy on 127.0.0.1:0 whose answer depends on the connection's number (1-based):
 * 'tunnel' pipes to the target (loopback targets only; localhost:443 goes to `jamfPort`), '407' asks for
 * proxy authentication, 'close' destroys the connection as soon as it is accepted, 'drop' destroys it
 * once the CONNECT request has been read, without an answer.
 */
async function startScriptedProxy(jamfPort: number, action: (n: number) => ProxyAction): Promise<ScriptedProxy> {
  const sockets = new Set<Socket>();
  const connects: string[] = [];
  let connections = 0;
  let tunnels = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const n = ++connections;
    const what = action(n);
    if (what === 'close') {
      socket.destroy();
      return;
    }
    let head = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16 * 1024) socket.destroy();
        return;
      }
      socket.off('data', onData);
      socket.pause();
      const rest = head.subarray(end + 4);
      const line = head.subarray(0, end).toString('latin1').split('\r\n')[0] ?? '';
      connects.push(line);
      if (what === 'drop') {
        socket.destroy();
        return;
      }
      const m = /^CONNECT (\S+):(\d+) HTTP\/1\.[01]$/.exec(line);
      if (what === '407' || !m) {
        socket.end(
          what === '407'
            ? 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=x\r\nContent-Length: 0\r\n\r\n'
            : 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
        );
        return;
      }
      const host = (m[1] ?? '').replace(/^\[|\]$/g, '');
      const port = Number(m[2]);
      if (host !== '127.0.0.1' && host !== 'localhost') {
        socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const upstream = net.connect(port === 443 ? jamfPort : port, '127.0.0.1');
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        socket.destroy();
      });
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.once('connect', () => {
        tunnels++;
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (rest.length > 0) upstream.write(rest);
        socket.pipe(upstream);
        upstream.pipe(socket);
        socket.resume();
      });
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    connects,
    get tunnels() {
      return tunnels;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// --- an https:// CONNECT proxy behind a recording TCP front ---------------------------------------

interface TlsProxy {
  /** The port the doctor is given (the plain-TCP front). */
  readonly port: number;
  /** Every byte the plain-TCP front saw, as latin1 (TLS records when all is well). */
  readonly rawText: () => string;
  /** CONNECTs the TLS proxy decrypted: target and Proxy-Authorization. */
  readonly connects: Array<{ target: string; authorization: string | undefined }>;
  readonly tunnels: number;
  readonly expectedAuthorization: string;
  close(): Promise<void>;
}

/**
 * A TLS CONNECT proxy (the test PKI's `good` leaf: localhost/127.0.0.1) that requires Basic
 * credentials and tunnels to the fake Jamf Pro. The doctor reaches it through a plain-TCP front that
 * records every byte it forwards, so credentials sent outside TLS would show up there.
 */
async function startTlsProxy(jamfPort: number): Promise<TlsProxy> {
  const expectedAuthorization = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`;
  const sockets = new Set<Socket>();
  const track = (s: Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  const connects: Array<{ target: string; authorization: string | undefined }> = [];
  let tunnels = 0;
  const inner = https.createServer({ cert: pki.good.chainPem, key: pki.good.keyPem }, (_req, res) => {
    res.writeHead(405, { 'Content-Length': 0, Connection: 'close' });
    res.end();
  });
  inner.on('connection', track);
  inner.on('tlsClientError', () => {});
  inner.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => {});
    const target = req.url ?? '';
    const authorization = req.headers['proxy-authorization'];
    connects.push({ target, authorization });
    if (authorization !== expectedAuthorization) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="tls-proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    const host = (m?.[1] ?? '').replace(/^\[|\]$/g, '');
    if (!m || (host !== '127.0.0.1' && host !== 'localhost')) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const port = Number(m[2]) === 443 ? jamfPort : Number(m[2]);
    const upstream = net.connect(port, '127.0.0.1');
    track(upstream);
    upstream.once('connect', () => {
      tunnels++;
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => inner.listen(0, '127.0.0.1', resolve));
  const innerPort = (inner.address() as net.AddressInfo).port;

  const raw: Buffer[] = [];
  const front = net.createServer((client) => {
    track(client);
    const back = net.connect(innerPort, '127.0.0.1');
    track(back);
    client.on('data', (d: Buffer) => raw.push(Buffer.from(d)));
    client.pipe(back);
    back.pipe(client);
    client.on('close', () => back.destroy());
    back.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const port = (front.address() as net.AddressInfo).port;
  return {
    port,
    rawText: () => Buffer.concat(raw).toString('latin1'),
    connects,
    get tunnels() {
      return tunnels;
    },
    expectedAuthorization,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => front.close(() => r())), new Promise<void>((r) => inner.close(() => r()))]);
    },
  };
}

// --- the tests ------------------------------------------------------------------------------------

describe('hostile network (issue 12)', () => {
  describe('item 1: an interrupted run leaves no live token', () => {
    const cases: Array<{ signal: NodeJS.Signals; code: number }> = [
      { signal: 'SIGINT', code: 130 },
      { signal: 'SIGTERM', code: 143 },
      { signal: 'SIGHUP', code: 129 },
    ];
    for (const { signal, code } of cases) {
      it(`issue 12 item 1: ${signal} after the user token was issued (a later request hangs) invalidates the token and exits ${code}`, async () => {
        const fake = await startFakeJamf();
        let sentAt = 0;
        let child: ReturnType<typeof spawn> | undefined;
        let tokensAtSignal = -1;
        // GET /api/v1/auth (auth.token-valid) never answers: the run is mid-flight, after auth.token.
        fake.route('GET', '/api/v1/auth', () => {
          if (sentAt !== 0 || !child) return;
          tokensAtSignal = fake.tokens.length;
          sentAt = performance.now();
          child.kill(signal);
        });
        try {
          const run = await spawnCli(
            ['doctor', '--verbose', '--json', '--jamfmcp-version', '1.0.1', '--timeout', '30s', '--url', fake.jamfUrl, ...fake.connectArgs],
            { SSL_CERT_FILE: rootPem, ...BASIC_ENV },
            (c) => (child = c),
          );
          assert.equal(run.killed, false, `the run did not end within ${KILL_AFTER_MS} ms after ${signal}; stderr:\n${run.stderr.slice(-2000)}`);
          assert.ok(sentAt > 0, `GET /api/v1/auth never arrived, so no ${signal} was sent; stderr:\n${run.stderr.slice(-2000)}`);
          assert.equal(tokensAtSignal, 1, 'exactly one user token was live when the signal was sent');
          assert.match(run.stderr, /start auth\.token-valid/, '--verbose showed the run was past auth.token');
          const token = fake.tokens[0];
          assert.ok(token, 'the fake issued a token');
          assert.equal(token.kind, 'user');
          const invalidations = fake.requestsTo('/api/v1/auth/invalidate-token', 'POST').filter((r) => r.headers.authorization === `Bearer ${token.token}`);
          // One comparison, so a failure shows every part of the desired outcome at once.
          assert.deepEqual(
            { endedBySignal: run.signal, exitCode: run.code, invalidateRequests: invalidations.length, tokenInvalidated: token.invalidated },
            { endedBySignal: null, exitCode: code, invalidateRequests: 1, tokenInvalidated: true },
            `after ${signal} the doctor should invalidate its user token (POST /api/v1/auth/invalidate-token) and exit ${code}; requests: ${fake.requests.map((r) => `${r.method} ${r.path}`).join(', ')}; stderr:\n${run.stderr.slice(-1500)}`,
          );
          const took = run.exitedAt - sentAt;
          assert.ok(took < 3000, `exited ${Math.round(took)} ms after ${signal}`);
          assert.doesNotMatch(run.stderr, STACK_TRACE, 'no stack trace on stderr');
          assert.ok(!run.stdout.includes(token.token) && !run.stderr.includes(token.token), 'the token is never printed');
        } finally {
          await fake.close();
        }
      });
    }
  });

  it('issue 12 item 2: a TLS 1.3 server that requires a client certificate fails tls.handshake naming the client certificate, not a later "reset"', async () => {
    const server = await startTlsServer({
      cert: pki.good.chainPem,
      key: pki.good.keyPem,
      ca: pki.root.certPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    });
    try {
      const run = await doctor(['--url', 'https://localhost', '--connect-to', `localhost:443:127.0.0.1:${server.port}`, '--timeout', '5s'], {
        SSL_CERT_FILE: rootPem,
        ...CLIENT_ENV,
      });
      const handshake = findCheck(run.report, 'tls.handshake');
      assert.equal(handshake.status, 'fail', `tls.handshake: ${handshake.message}\n${summary(run.report.checks)}`);
      assert.match(handshake.message, /client certificate/i);
      for (const c of problems(run.report)) assert.doesNotMatch(said(c), /\breset\b|ECONNRESET/i, `${c.id} blames a reset: ${c.message}`);
      assert.ok(server.connections >= 1, 'the doctor reached the server');
      assert.equal(run.code, 1);
    } finally {
      await server.close();
    }
  });

  it('issue 12 item 3: a proxy that tunnels the first CONNECT and answers 407 to later ones is reported as a proxy-authentication problem, not "aborted"', async () => {
    const fake = await startFakeJamf();
    const proxy = await startScriptedProxy(fake.port, (n) => (n === 1 ? 'tunnel' : '407'));
    try {
      const run = await doctor(['--url', fake.jamfUrl, ...fake.connectArgs, '--timeout', '5s'], { SSL_CERT_FILE: rootPem, HTTPS_PROXY: proxy.url, ...CLIENT_ENV });
      assert.equal(proxy.tunnels, 1, `the first CONNECT was tunnelled (CONNECTs: ${proxy.connects.join(' | ')})`);
      if (proxy.connects.length < 2) {
        // Everything went through the one tunnel: the proxy never said 407, so nothing may fail.
        assert.equal(run.report.exitCode, 0, `one CONNECT only, yet:\n${summary(problems(run.report))}`);
        return;
      }
      const bad = problems(run.report);
      assert.ok(bad.some((c) => c.status === 'fail'), `a later CONNECT got 407, yet no check fails:\n${summary(run.report.checks)}`);
      for (const c of bad) assert.doesNotMatch(said(c), /UND_ERR_ABORTED|\baborted\b/i, `${c.id} reports the 407 as an abort: ${c.message}`);
      const first = bad.find((c) => c.status === 'fail');
      assert.ok(first);
      assert.match(said(first), /407|proxy authentication|requires authentication/i, `${first.id} should name the proxy's 407 (CONNECTs: ${proxy.connects.length}): ${first.message}`);
      assert.equal(run.code, 1);
    } finally {
      await Promise.all([proxy.close(), fake.close()]);
    }
  });

  for (const [variant, action] of [
    ['closes every later connection as soon as it is accepted', 'close'],
    ['reads every later CONNECT and closes the connection without an answer', 'drop'],
  ] as const) {
    it(`issue 12 item 4: a proxy that tunnels one CONNECT and then ${variant}: a bounded number of attempts, and the run ends within its timeout`, async () => {
      const fake = await startFakeJamf();
      const proxy = await startScriptedProxy(fake.port, (n) => (n === 1 ? 'tunnel' : action));
      try {
        const started = performance.now();
        const run = await doctor(['--url', fake.jamfUrl, ...fake.connectArgs, '--timeout', '2s'], { SSL_CERT_FILE: rootPem, HTTPS_PROXY: proxy.url, ...CLIENT_ENV }, 30_000);
        const took = performance.now() - started;
        assert.equal(proxy.tunnels, 1, 'the first CONNECT was tunnelled');
        assert.ok(proxy.connections >= 2, `the doctor came back to the proxy after the first tunnel (connections: ${proxy.connections})`);
        assert.ok(proxy.connections < 50, `the doctor connected to the proxy ${proxy.connections} times (a CONNECT loop)`);
        assert.ok(took < 15_000, `the run took ${Math.round(took)} ms with --timeout 2s`);
        assert.ok(problems(run.report).some((c) => c.status === 'fail'), `a check fails:\n${summary(run.report.checks)}`);
        assert.equal(run.code, 1);
      } finally {
        await Promise.all([proxy.close(), fake.close()]);
      }
    });
  }

  it('issue 12 item 5: an unsolicited "HTTP/1.1 100 Continue" before the real answer is coped with or named, never reported as a reset', async () => {
    const fake = await startFakeJamf();
    let continues = 0;
    fake.route('GET', '/api/*', async (_req, res, ctx) => {
      continues++;
      res.writeContinue();
      await ctx.fallthrough();
    });
    try {
      const run = await doctor(['--url', fake.jamfUrl, ...fake.connectArgs, '--timeout', '5s'], { SSL_CERT_FILE: rootPem, ...CLIENT_ENV });
      assert.ok(continues >= 1, 'a GET got the interim response');
      for (const c of problems(run.report)) {
        assert.doesNotMatch(said(c), /\breset\b|ECONNRESET/i, `${c.id} calls the interim response a reset: ${c.message}`);
        assert.doesNotMatch(said(c), /UND_ERR|bad response/i, `${c.id} shows an HTTP client's internal error: ${c.message}`);
      }
      for (const id of ['server.jamf', 'auth.token-valid']) {
        const c = findCheck(run.report, id);
        assert.ok(c.status === 'pass' || /100 Continue|interim|informational|1xx/i.test(c.message), `${id} should pass or name the interim 100 response: ${c.status}: ${c.message}`);
      }
    } finally {
      await fake.close();
    }
  });

  it('issue 12 item 6: an https:// proxy gets its CONNECT and Proxy-Authorization only inside TLS, and the run succeeds through it', async () => {
    const fake = await startFakeJamf();
    const proxy = await startTlsProxy(fake.port);
    try {
      const proxyUrl = `https://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`;
      const run = await doctor(['--url', fake.jamfUrl, ...fake.connectArgs, '--timeout', '5s'], { SSL_CERT_FILE: rootPem, HTTPS_PROXY: proxyUrl, ...CLIENT_ENV });
      const raw = proxy.rawText();
      assert.ok(raw.length > 0 && raw.charCodeAt(0) === 0x16, 'the doctor spoke TLS (a handshake record) to the https:// proxy first');
      assert.doesNotMatch(raw, /proxy-authorization/i, 'a Proxy-Authorization header crossed the plain-TCP connection');
      assert.ok(!raw.includes(proxy.expectedAuthorization.slice('Basic '.length)), 'the Basic credentials crossed in the clear');
      assert.doesNotMatch(raw, /CONNECT /, 'a CONNECT request crossed the plain-TCP connection');
      assert.ok(proxy.connects.length >= 1, `the TLS proxy received no CONNECT:\n${summary(run.report.checks)}`);
      assert.ok(
        proxy.connects.every((c) => c.authorization === proxy.expectedAuthorization),
        `every CONNECT inside TLS carried the credentials (${proxy.connects.map((c) => `${c.target}: ${c.authorization === undefined ? 'none' : 'some'}`).join(', ')})`,
      );
      assert.ok(proxy.tunnels >= 1, 'a tunnel was established');
      assert.equal(findCheck(run.report, 'network.connect').status, 'pass', findCheck(run.report, 'network.connect').message);
      assert.equal(findCheck(run.report, 'auth.token').status, 'pass', `auth.token through the https:// proxy:\n${summary(run.report.checks)}`);
      assert.equal(run.report.exitCode, 0, summary(problems(run.report)));
      assert.equal(fake.requestsTo('/api/oauth/token', 'POST').length, 1, 'the token request reached the server through the tunnel');
    } finally {
      await Promise.all([proxy.close(), fake.close()]);
    }
  });

  /** Write a claude_desktop_config.json with 8 Jamf entries on these hosts; returns its path. */
  async function eightEntries(home: string, host: (i: number) => string): Promise<string> {
    const servers: Record<string, unknown> = {};
    for (let i = 1; i <= 8; i++) servers[`jamf-${i}`] = { command: 'uvx', args: ['jamfmcp'], env: { JAMF_URL: `https://${host(i)}`, ...CLIENT_ENV } };
    const config = join(home, 'claude_desktop_config.json');
    await writeFile(config, JSON.stringify({ mcpServers: servers }, null, 2));
    return config;
  }

  /** The distinct names the stand-in resolver was asked for, in order. */
  async function stubbedLookups(log: string): Promise<string[]> {
    const text = await readFile(log, 'utf8').catch(() => '');
    return [...new Set(text.split('\n').filter(Boolean))];
  }

  /** The network.dns message of each entry's report (json: from the reports; text: the check's line). */
  function dnsMessages(run: SpawnedRun, format: 'json' | 'text'): string[] {
    if (format === 'json') {
      const reports = JSON.parse(run.stdout) as JsonReport[];
      assert.equal(reports.length, 8, 'one report per entry');
      return reports.map((r) => {
        const dns = findCheck(r, 'network.dns');
        assert.equal(dns.status, 'fail', dns.message);
        return dns.message;
      });
    }
    assert.equal(run.stdout.match(/^Summary:/gm)?.length, 8, 'one report per entry');
    return run.stdout.split('\n').filter((l) => /network\.dns/.test(l) && !/not run/.test(l));
  }

  for (const format of ['json', 'text'] as const) {
    it(`issue 12 item 7: --server all with 8 entries whose .invalid hosts fail at once (${format}) ends within 10 s and exits promptly after printing`, async () => {
      const home = await mkdtemp(join(tmpdir(), 'doctor-hostile-net-all-'));
      try {
        const config = await eightEntries(home, (i) => `jamf-${i}.example.invalid`);
        const log = join(home, 'lookups.log');
        const run = await spawnCli(['doctor', '--config', config, '--server', 'all', '--timeout', '2s', '--format', format], { SSL_CERT_FILE: rootPem, RESOLVER_STUB_LOG: log }, undefined, ['--require', resolverStub]);
        assert.equal(run.killed, false, `the run did not end within ${KILL_AFTER_MS} ms; stderr:\n${run.stderr.slice(-2000)}`);
        assert.equal(run.signal, null);
        assert.deepEqual(await stubbedLookups(log), Array.from({ length: 8 }, (_, i) => `jamf-${i + 1}.example.invalid`), 'every lookup went to the stand-in resolver');
        const messages = dnsMessages(run, format);
        assert.equal(messages.length, 8, messages.join('\n'));
        for (const m of messages) assert.match(m, /jamf-\d\.example\.invalid does not exist/);
        assert.equal(run.code, 1);
        const total = run.exitedAt - run.startedAt;
        assert.ok(total < 10_000, `8 entries on .invalid hosts took ${Math.round(total)} ms with --timeout 2s`);
        assert.ok(run.lastStdoutAt > 0, 'the report was printed');
        const linger = run.exitedAt - run.lastStdoutAt;
        assert.ok(linger < 1000, `the process lingered ${Math.round(linger)} ms after printing the report`);
        assert.doesNotMatch(run.stderr, STACK_TRACE);
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    });
  }

  it('issue 12 item 7: --server all where one .invalid lookup hangs in the resolver: that entry times out at --timeout, the run ends within 12 s and exits promptly after printing', async () => {
    const home = await mkdtemp(join(tmpdir(), 'doctor-hostile-net-all-'));
    try {
      const config = await eightEntries(home, (i) => (i === 4 ? `hang-jamf-${i}.example.invalid` : `jamf-${i}.example.invalid`));
      const log = join(home, 'lookups.log');
      const run = await spawnCli(['doctor', '--config', config, '--server', 'all', '--timeout', '2s', '--json'], { SSL_CERT_FILE: rootPem, RESOLVER_STUB_LOG: log }, undefined, ['--require', resolverStub]);
      assert.equal(run.killed, false, `the run did not end within ${KILL_AFTER_MS} ms; stderr:\n${run.stderr.slice(-2000)}`);
      assert.equal(run.signal, null);
      assert.deepEqual(await stubbedLookups(log), Array.from({ length: 8 }, (_, i) => (i === 3 ? 'hang-' : '') + `jamf-${i + 1}.example.invalid`), 'every lookup went to the stand-in resolver');
      const messages = dnsMessages(run, 'json');
      assert.match(messages[3] ?? '', /looking up hang-jamf-4\.example\.invalid timed out after 2 s/);
      for (const m of [...messages.slice(0, 3), ...messages.slice(4)]) assert.match(m, /jamf-\d\.example\.invalid does not exist/);
      assert.equal(run.code, 1);
      assert.ok(run.lastStdoutAt > 0, 'the report was printed');
      const linger = run.exitedAt - run.lastStdoutAt;
      const total = run.exitedAt - run.startedAt;
      assert.ok(
        linger < 1000 && total < 12_000,
        `the process lingered ${Math.round(linger)} ms after printing the report and ended ${Math.round(total)} ms after it started (the hanging lookup lasts ${HANGING_LOOKUP_MS} ms; --timeout 2s)`,
      );
      assert.doesNotMatch(run.stderr, STACK_TRACE);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
