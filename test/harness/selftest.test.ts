/**
 * Self-test of the loopback harness: real handshakes against the test PKI, the fake Jamf Pro,
 * the raw servers and the CONNECT proxy. Everything is on 127.0.0.1 with port 0.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { existsSync } from 'node:fs';
import { Agent, ProxyAgent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { derOf, splitPem, testPki } from './pki.js';
import type { TestPki } from './pki.js';
import {
  BODY_401_EMPTY,
  BODY_401_INVALID_TOKEN,
  BODY_403_INVALID_PRIVILEGE,
  DEFAULT_CLIENT,
  DEFAULT_USER,
  DEFAULT_VERSION,
  JAMFMCP_PRIVILEGES,
  decodeJwtPayload,
  privilegeEndpoints,
  startFakeJamf,
} from './fake-jamf.js';
import type { FakeJamf } from './fake-jamf.js';
import {
  closedPort,
  startConnectProxy,
  startHungTlsServer,
  startPlainHttpServer,
  startSilentTcpServer,
  startTlsServer,
} from './raw-servers.js';
import type { LoopbackServer } from './raw-servers.js';
import { CLI_PATH, runCli } from './run-cli.js';

// ---------------------------------------------------------------------------------------------

type HandshakeResult = { ok: true; authorized: boolean } | { ok: false; code: string };

function handshake(port: number, opts: tls.ConnectionOptions = {}): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...opts });
    socket.once('secureConnect', () => {
      resolve({ ok: true, authorized: socket.authorized });
      socket.destroy();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      resolve({ ok: false, code: String(e.code) });
      socket.destroy();
    });
  });
}

function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

async function readJson(res: Dispatcher.ResponseData): Promise<unknown> {
  return JSON.parse(await res.body.text()) as unknown;
}

function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Raw CONNECT probe: returns the status code (null if the proxy closed without answering). */
function rawConnect(proxyPort: number, target: string, auth?: string): Promise<{ status: number | null; head: string }> {
  return new Promise((resolve) => {
    const s = net.connect(proxyPort, '127.0.0.1');
    let buf = '';
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      const m = /^HTTP\/1\.1 (\d{3})/.exec(buf);
      resolve({ status: m?.[1] !== undefined ? Number(m[1]) : null, head: buf });
      s.destroy();
    };
    s.on('connect', () => {
      s.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ''}\r\n`);
    });
    s.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      if (buf.includes('\r\n\r\n')) finish();
    });
    s.on('error', finish);
    s.on('close', finish);
  });
}

// ---------------------------------------------------------------------------------------------

let pki: TestPki;
let pkiMs = 0;

before(async () => {
  const t0 = performance.now();
  pki = await testPki();
  pkiMs = performance.now() - t0;
});

describe('pki', () => {
  test('builds quickly and is memoised', async (t) => {
    t.diagnostic(`PKI generation: ${pkiMs.toFixed(0)} ms`);
    assert.ok(pkiMs < 1000, `PKI took ${pkiMs} ms`);
    assert.equal(await testPki(), pki);
  });

  test('shapes: chains, subjects, DER helper', () => {
    assert.equal(splitPem(pki.good.chainPem).length, 2);
    assert.equal(splitPem(pki.inspection.leaf.chainPem).length, 3);
    assert.equal(pki.selfSigned.chainPem, pki.selfSigned.certPem);
    assert.equal(pki.root.subject, 'CN=Doctor Test Root CA, O=jamfmcp doctor tests');
    assert.equal(pki.inspection.root.subject, 'CN=Zscaler Root CA, O=Zscaler Inc.');
    const der = derOf(pki.good.chainPem);
    assert.equal(der[0], 0x30); // ASN.1 SEQUENCE
    assert.deepEqual(der, derOf(pki.good.certPem));
    assert.ok(pki.expired.notAfter.getTime() < Date.now());
    assert.ok(pki.notYetValid.notBefore.getTime() > Date.now());
    const soonDays = (pki.expiringSoon.notAfter.getTime() - Date.now()) / 86_400_000;
    assert.ok(soonDays > 9 && soonDays <= 10, String(soonDays));
  });
});

describe('real TLS handshakes against the PKI', () => {
  const servers: LoopbackServer[] = [];
  const ports: Record<string, number> = {};
  before(async () => {
    const serve = async (name: string, cert: string, key: string): Promise<void> => {
      const s = await startTlsServer({ cert, key });
      servers.push(s);
      ports[name] = s.port;
    };
    await Promise.all([
      serve('good', pki.good.chainPem, pki.good.keyPem),
      serve('goodLeafOnly', pki.good.certPem, pki.good.keyPem),
      serve('expired', pki.expired.chainPem, pki.expired.keyPem),
      serve('notYetValid', pki.notYetValid.chainPem, pki.notYetValid.keyPem),
      serve('expiringSoon', pki.expiringSoon.chainPem, pki.expiringSoon.keyPem),
      serve('wrongHost', pki.wrongHost.chainPem, pki.wrongHost.keyPem),
      serve('expiredWrongHost', pki.expiredWrongHost.chainPem, pki.expiredWrongHost.keyPem),
      serve('selfSigned', pki.selfSigned.chainPem, pki.selfSigned.keyPem),
      serve('inspection', pki.inspection.leaf.chainPem, pki.inspection.leaf.keyPem),
    ]);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  const port = (name: string): number => {
    const p = ports[name];
    assert.ok(p !== undefined, name);
    return p;
  };

  const cases: Array<[string, string, () => tls.ConnectionOptions, string | 'ok']> = [
    ['good leaf+intermediate, trusting root, by name', 'good', () => ({ ca: pki.root.certPem }), 'ok'],
    ['good leaf by IP SAN 127.0.0.1', 'good', () => ({ ca: pki.root.certPem, servername: undefined }), 'ok'],
    ['expiring soon is still valid', 'expiringSoon', () => ({ ca: pki.root.certPem }), 'ok'],
    ['expired', 'expired', () => ({ ca: pki.root.certPem }), 'CERT_HAS_EXPIRED'],
    ['not yet valid', 'notYetValid', () => ({ ca: pki.root.certPem }), 'CERT_NOT_YET_VALID'],
    ['wrong host', 'wrongHost', () => ({ ca: pki.root.certPem }), 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['wrong host by IP', 'wrongHost', () => ({ ca: pki.root.certPem, servername: undefined }), 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['expired + wrong host reports only expiry', 'expiredWrongHost', () => ({ ca: pki.root.certPem }), 'CERT_HAS_EXPIRED'],
    ['self-signed leaf', 'selfSigned', () => ({ ca: pki.root.certPem }), 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['self-signed leaf, default trust store', 'selfSigned', () => ({}), 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['leaf only (missing intermediate), trusting root', 'goodLeafOnly', () => ({ ca: pki.root.certPem }), 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['leaf only, default trust store', 'goodLeafOnly', () => ({}), 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['private CA chain, default trust store', 'good', () => ({}), 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'],
    ['trusting an unrelated root', 'good', () => ({ ca: pki.otherRoot.certPem }), 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'],
    ['trusting only the intermediate', 'good', () => ({ ca: pki.intermediate.certPem }), 'UNABLE_TO_GET_ISSUER_CERT'],
    ['inspection chain (root sent), not trusted', 'inspection', () => ({ ca: pki.root.certPem }), 'SELF_SIGNED_CERT_IN_CHAIN'],
    ['inspection chain, default trust store', 'inspection', () => ({}), 'SELF_SIGNED_CERT_IN_CHAIN'],
    ['inspection chain, trusting the inspection root', 'inspection', () => ({ ca: pki.inspection.root.certPem }), 'ok'],
  ];
  for (const [name, server, opts, expected] of cases) {
    test(name, async () => {
      const r = await handshake(port(server), opts());
      if (expected === 'ok') assert.deepEqual(r, { ok: true, authorized: true });
      else assert.deepEqual(r, { ok: false, code: expected });
    });
  }

  test('rejectUnauthorized:false still completes and exposes the chain', async () => {
    const chain = await new Promise<string[]>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: port('inspection'), servername: 'localhost', rejectUnauthorized: false });
      s.once('secureConnect', () => {
        const subjects: string[] = [];
        let c: tls.DetailedPeerCertificate | undefined = s.getPeerCertificate(true);
        for (let i = 0; i < 5 && c && c.subject; i++) {
          subjects.push(String(c.subject.CN));
          if (c.issuerCertificate === c) break;
          c = c.issuerCertificate;
        }
        s.destroy();
        resolve(subjects);
      });
      s.once('error', reject);
    });
    assert.deepEqual(chain, ['localhost', 'Zscaler Intermediate Root CA', 'Zscaler Root CA']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('fake Jamf Pro (HTTPS, healthy defaults)', () => {
  let fake: FakeJamf;
  let agent: Agent;
  before(async () => {
    fake = await startFakeJamf();
    agent = new Agent({ connect: { ca: pki.root.certPem } });
  });
  after(async () => {
    await agent.close();
    await fake.close();
  });

  const call = (
    method: Dispatcher.HttpMethod,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<Dispatcher.ResponseData> => request(`${fake.url}${path}`, { method, headers, body, dispatcher: agent });

  const userToken = async (): Promise<string> => {
    const res = await call('POST', '/api/v1/auth/token', { authorization: basic(DEFAULT_USER.username, DEFAULT_USER.password) });
    assert.equal(res.statusCode, 200);
    return ((await readJson(res)) as { token: string }).token;
  };
  const clientToken = async (
    path = '/api/v1/oauth/token',
    id = DEFAULT_CLIENT.clientId,
    secret = DEFAULT_CLIENT.clientSecret,
  ): Promise<Dispatcher.ResponseData> =>
    call(
      'POST',
      path,
      { 'content-type': 'application/x-www-form-urlencoded' },
      formBody({ grant_type: 'client_credentials', client_id: id, client_secret: secret }),
    );

  test('url shape', () => {
    assert.match(fake.url, /^https:\/\/localhost:\d+$/);
    assert.equal(fake.ipUrl, `https://127.0.0.1:${fake.port}`);
    assert.equal(fake.secure, true);
  });

  test('unauthenticated probes', async () => {
    const h = await call('GET', '/api/v1/health-check');
    assert.equal(h.statusCode, 204);
    await h.body.dump();
    const s = await call('GET', '/api/startup-status');
    assert.equal(s.statusCode, 200);
    assert.deepEqual(await readJson(s), {
      step: 'SERVER_INIT_COMPLETE',
      stepCode: 'SERVER_INIT_COMPLETE',
      stepParam: '',
      percentage: 100,
      warning: '',
    });
  });

  test('basic-auth token flow', async () => {
    const before = Date.now();
    const res = await call('POST', '/api/v1/auth/token', { authorization: basic(DEFAULT_USER.username, DEFAULT_USER.password) });
    assert.equal(res.statusCode, 200);
    const body = (await readJson(res)) as { token: string; expires: string };
    assert.match(body.expires, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const mins = (Date.parse(body.expires) - before) / 60_000;
    assert.ok(mins > 29.9 && mins < 30.1, String(mins));
    const claims = decodeJwtPayload(body.token);
    assert.equal(claims['authentication-type'], 'JSS');
    assert.equal(claims.sub, '1');
    assert.equal(typeof claims.exp, 'number');
    assert.equal(typeof claims['token-uuid'], 'string');
    assert.ok(fake.issuedTokens.includes(body.token));

    const bad = await call('POST', '/api/v1/auth/token', { authorization: basic(DEFAULT_USER.username, 'nope') });
    assert.equal(bad.statusCode, 401);
    assert.deepEqual(await readJson(bad), BODY_401_EMPTY);
    const none = await call('POST', '/api/v1/auth/token');
    assert.equal(none.statusCode, 401);
    await none.body.dump();
  });

  test('client-credentials flow on both paths', async () => {
    const tokens: string[] = [];
    for (const path of ['/api/v1/oauth/token', '/api/oauth/token']) {
      const res = await clientToken(path);
      assert.equal(res.statusCode, 200, path);
      const body = (await readJson(res)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.scope, 'api-role:2');
      assert.equal(body.expires_in, 1799);
      const token = String(body.access_token);
      const claims = decodeJwtPayload(token);
      assert.equal(claims['authentication-type'], 'CLIENT_CREDENTIALS');
      assert.equal(claims.sub, DEFAULT_CLIENT.clientId);
      assert.equal(claims.aud, DEFAULT_CLIENT.clientId);
      assert.deepEqual(claims.scope, ['api-role:2']);
      assert.equal(Number(claims.exp) - Number(claims.iat), 1800);
      assert.equal(claims.nbf, claims.iat);
      tokens.push(token);
    }
    assert.notEqual(tokens[0], tokens[1]);
    const last = fake.requestsTo('/api/oauth/token', 'POST').at(-1);
    assert.ok(last);
    assert.match(last.body, /grant_type=client_credentials/);
    assert.equal(last.secure, true);

    const wrong = await clientToken('/api/v1/oauth/token', DEFAULT_CLIENT.clientId, 'wrong');
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(await readJson(wrong), { error: 'invalid_client' });
    const json = await call('POST', '/api/v1/oauth/token', { 'content-type': 'application/json' }, '{}');
    assert.equal(json.statusCode, 400);
    assert.equal(((await readJson(json)) as { error: string }).error, 'invalid_request');
  });

  test('bearer-protected endpoints, /api/v1/auth and invalidation', async () => {
    for (const token of [await userToken(), String(((await readJson(await clientToken())) as { access_token: string }).access_token)]) {
      const v = await call('GET', '/api/v1/jamf-pro-version', { authorization: `Bearer ${token}` });
      assert.equal(v.statusCode, 200);
      assert.deepEqual(await readJson(v), { version: DEFAULT_VERSION });

      const a = await call('GET', '/api/v1/auth', { authorization: `Bearer ${token}` });
      assert.equal(a.statusCode, 200);
      const auth = (await readJson(a)) as {
        account: { accessLevel: string; privilegesBySite: Record<string, string[]> };
        authenticationType: string;
      };
      assert.equal(auth.account.accessLevel, 'FullAccess');
      assert.deepEqual([...(auth.account.privilegesBySite['-1'] ?? [])].sort(), [...JAMFMCP_PRIVILEGES].sort());

      const inv = await call('POST', '/api/v1/auth/invalidate-token', { authorization: `Bearer ${token}` });
      assert.equal(inv.statusCode, 204);
      await inv.body.dump();
      assert.equal(fake.isTokenValid(token), false);
      const after = await call('GET', '/api/v1/jamf-pro-version', { authorization: `Bearer ${token}` });
      assert.equal(after.statusCode, 401);
      assert.deepEqual(await readJson(after), BODY_401_INVALID_TOKEN);
    }
    const missing = await call('GET', '/api/v1/jamf-pro-version');
    assert.equal(missing.statusCode, 401);
    assert.deepEqual(await readJson(missing), BODY_401_EMPTY);
    const nullToken = await call('GET', '/api/v1/jamf-pro-version', { authorization: 'Bearer null' });
    assert.deepEqual(await readJson(nullToken), BODY_401_EMPTY);
  });

  test('expireAllTokens → INVALID_TOKEN', async () => {
    const token = await userToken();
    fake.expireAllTokens();
    const r = await call('GET', '/api/v1/auth', { authorization: `Bearer ${token}` });
    assert.equal(r.statusCode, 401);
    assert.deepEqual(await readJson(r), BODY_401_INVALID_TOKEN);
  });

  test('every privilege probe succeeds with the default grant', async () => {
    const token = await userToken();
    for (const [priv, path] of Object.entries(privilegeEndpoints)) {
      const r = await call('GET', path, { authorization: `Bearer ${token}`, accept: 'application/json' });
      assert.equal(r.statusCode, 200, `${priv} ${path}`);
      await r.body.dump();
    }
  });

  test('unknown path → 404 JSON', async () => {
    const r = await call('GET', '/api/v9/nope');
    assert.equal(r.statusCode, 404);
    assert.deepEqual(await readJson(r), { httpStatus: 404, errors: [] });
  });

  test('keep-alive reuse is visible in `connections`', async () => {
    // connections: 1 → one Client per origin. With the default Pool, undici 7 opens a 2nd socket
    // when the next request is dispatched in the same tick the previous body finished.
    const local = new Agent({ connections: 1, connect: { ca: pki.root.certPem } });
    try {
      const c0 = fake.connections;
      for (let i = 0; i < 5; i++) {
        const r = await request(`${fake.url}/api/v1/health-check`, { dispatcher: local });
        await r.body.dump();
      }
      assert.equal(fake.connections - c0, 1);
      const ports = new Set(fake.requests.slice(-5).map((r) => r.remotePort));
      assert.equal(ports.size, 1);
    } finally {
      await local.close();
    }
  });

  test('maxInFlight sees concurrent requests (barrier route, no sleeps)', async () => {
    const N = 4;
    const waiting: Array<() => void> = [];
    const undo = fake.route('GET', '/barrier', (_req, res) => {
      waiting.push(() => {
        res.writeHead(204);
        res.end();
      });
      if (waiting.length === N) for (const release of waiting.splice(0)) release();
    });
    try {
      fake.resetStats();
      const rs = await Promise.all(Array.from({ length: N }, () => call('GET', '/barrier')));
      for (const r of rs) {
        assert.equal(r.statusCode, 204);
        await r.body.dump();
      }
      assert.equal(fake.maxInFlight, N);
    } finally {
      undo();
    }
  });

  test('route override with fallthrough', async () => {
    let seen = 0;
    const undo = fake.route('GET', '/api/v1/health-check', async (_req, _res, ctx) => {
      seen++;
      await ctx.fallthrough();
    });
    const undo2 = fake.route('*', '/api/custom/*', (_req, _res, ctx) => ctx.json(418, { path: ctx.path }));
    try {
      const r = await call('GET', '/api/v1/health-check');
      assert.equal(r.statusCode, 204);
      await r.body.dump();
      assert.equal(seen, 1);
      const c = await call('DELETE', '/api/custom/x/y');
      assert.equal(c.statusCode, 418);
      assert.deepEqual(await readJson(c), { path: '/api/custom/x/y' });
    } finally {
      undo();
      undo2();
    }
    const r2 = await call('GET', '/api/custom/x');
    assert.equal(r2.statusCode, 404);
    await r2.body.dump();
  });
});

describe('fake Jamf Pro variants', () => {
  test('restricted client: Pro 403 INVALID_PRIVILEGE, Classic 401 HTML, /api/v1/auth lists what is held', async () => {
    const held = ['Read Computers', 'Read Policies'];
    const fake = await startFakeJamf({
      clients: { ...DEFAULT_CLIENT, privileges: held, displayName: 'JamfMCP' },
    });
    const agent = new Agent({ connect: { ca: pki.root.certPem } });
    try {
      const tok = await request(`${fake.url}/api/oauth/token`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret }),
      });
      const token = ((await readJson(tok)) as { access_token: string }).access_token;
      const get = (path: string): Promise<Dispatcher.ResponseData> =>
        request(`${fake.url}${path}`, { dispatcher: agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });

      const a = (await readJson(await get('/api/v1/auth'))) as {
        account: { username: string; privilegesBySite: Record<string, string[]> };
        authenticationType: string;
      };
      assert.equal(a.authenticationType, 'CLIENT_CREDENTIALS');
      assert.equal(a.account.username, 'JamfMCP');
      assert.deepEqual(a.account.privilegesBySite['-1'], held);

      for (const [priv, path] of Object.entries(privilegeEndpoints)) {
        const r = await get(path);
        const classic = path.startsWith('/JSSResource/');
        if (held.includes(priv)) {
          assert.equal(r.statusCode, 200, priv);
          await r.body.dump();
        } else if (classic) {
          assert.equal(r.statusCode, 401, priv);
          assert.match(String(r.headers['content-type']), /text\/html/);
          assert.match(await r.body.text(), /The request requires user authentication/);
        } else {
          assert.equal(r.statusCode, 403, priv);
          assert.deepEqual(await readJson(r), BODY_403_INVALID_PRIVILEGE);
        }
      }
    } finally {
      await agent.close();
      await fake.close();
    }
  });

  test('old server: /api/v1/oauth/token 404, /api/oauth/token works', async () => {
    const fake = await startFakeJamf({ noV1OAuth: true });
    const agent = new Agent({ connect: { ca: pki.root.certPem } });
    try {
      const form = {
        method: 'POST' as const,
        dispatcher: agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret }),
      };
      const v1 = await request(`${fake.url}/api/v1/oauth/token`, form);
      assert.equal(v1.statusCode, 404);
      assert.deepEqual(await readJson(v1), { httpStatus: 404, errors: [] });
      const legacy = await request(`${fake.url}/api/oauth/token`, form);
      assert.equal(legacy.statusCode, 200);
      await legacy.body.dump();
    } finally {
      await agent.close();
      await fake.close();
    }
  });

  test('plain HTTP, basePath, Date offset, delay, site access', async () => {
    const offset = 3 * 3600_000;
    const fake = await startFakeJamf({
      tls: false,
      basePath: '/jamf',
      dateOffsetMs: offset,
      delayMs: 30,
      accessLevel: 'SiteAccess',
      sites: [{ id: '7', name: 'Paris' }],
    });
    const agent = new Agent();
    try {
      assert.match(fake.url, /^http:\/\/localhost:\d+\/jamf$/);
      const t0 = performance.now();
      const h = await request(`${fake.url}/api/v1/health-check`, { dispatcher: agent });
      const elapsed = performance.now() - t0;
      assert.equal(h.statusCode, 204);
      await h.body.dump();
      assert.ok(elapsed >= 25, `delay not applied: ${elapsed}`);
      const skew = Date.parse(String(h.headers.date)) - Date.now();
      assert.ok(Math.abs(skew - offset) < 5000, `skew ${skew}`);
      assert.equal(fake.requests[0]?.secure, false);

      const outside = await request(`${fake.url.replace('/jamf', '')}/api/v1/health-check`, { dispatcher: agent });
      assert.equal(outside.statusCode, 404);
      await outside.body.dump();

      const tok = await request(`${fake.url}/api/v1/auth/token`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: basic(DEFAULT_USER.username, DEFAULT_USER.password) },
      });
      const { token, expires } = (await readJson(tok)) as { token: string; expires: string };
      assert.ok(Math.abs(Date.parse(expires) - (Date.now() + offset + 1800_000)) < 5000);
      const a = await request(`${fake.url}/api/v1/auth`, { dispatcher: agent, headers: { authorization: `Bearer ${token}` } });
      const auth = (await readJson(a)) as { account: { accessLevel: string; privilegesBySite: Record<string, string[]> }; sites: unknown };
      assert.equal(auth.account.accessLevel, 'SiteAccess');
      assert.deepEqual(Object.keys(auth.account.privilegesBySite), ['7']);
      assert.deepEqual(auth.sites, [{ id: '7', name: 'Paris' }]);
    } finally {
      await agent.close();
      await fake.close();
    }
  });

  test('serving a bad certificate: client sees the TLS error, server counts the failed handshake', async () => {
    const fake = await startFakeJamf({ cert: pki.expired });
    const agent = new Agent({ connect: { ca: pki.root.certPem } });
    try {
      await assert.rejects(request(`${fake.url}/api/v1/health-check`, { dispatcher: agent }), { code: 'CERT_HAS_EXPIRED' });
      assert.equal(fake.requests.length, 0);
      assert.equal(fake.connections, 1);
    } finally {
      await agent.close();
      await fake.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('raw servers', () => {
  test('closedPort → ECONNREFUSED', async () => {
    const port = await closedPort();
    const code = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.on('error', (e: NodeJS.ErrnoException) => resolve(String(e.code)));
    });
    assert.equal(code, 'ECONNREFUSED');
  });

  for (const [name, start] of [
    ['silent TCP', startSilentTcpServer],
    ['hung TLS', startHungTlsServer],
  ] as const) {
    test(`${name}: accepts, receives the ClientHello, never answers`, async () => {
      const srv = await start();
      try {
        const outcome = await new Promise<string>((resolve) => {
          const s = tls.connect({ host: '127.0.0.1', port: srv.port, servername: 'localhost', timeout: 150 });
          s.on('timeout', () => {
            resolve('timeout');
            s.destroy();
          });
          s.on('secureConnect', () => resolve('handshake'));
          s.on('error', (e: NodeJS.ErrnoException) => resolve(String(e.code)));
        });
        assert.equal(outcome, 'timeout');
        assert.equal(srv.connections, 1);
        assert.ok(srv.bytesReceived > 0);
      } finally {
        await srv.close();
      }
    });
  }

  test('plain HTTP server: https to it → ERR_SSL_WRONG_VERSION_NUMBER; http works', async () => {
    const srv = await startPlainHttpServer();
    const agent = new Agent();
    try {
      const r = await handshake(srv.port);
      assert.deepEqual(r, { ok: false, code: 'ERR_SSL_WRONG_VERSION_NUMBER' });
      const ok = await request(`${srv.url}/`, { dispatcher: agent });
      assert.equal(ok.statusCode, 200);
      await ok.body.dump();
      assert.ok(srv.requestCount >= 1);
    } finally {
      await agent.close();
      await srv.close();
    }
  });

  test('http:// to a TLS port → UND_ERR_SOCKET (or a 400)', async (t) => {
    const srv = await startTlsServer({ cert: pki.good.chainPem, key: pki.good.keyPem });
    const agent = new Agent();
    try {
      const outcome = await request(`http://127.0.0.1:${srv.port}/`, { dispatcher: agent }).then(
        async (r) => {
          await r.body.dump();
          return `status ${r.statusCode}`;
        },
        (e: NodeJS.ErrnoException) => String(e.code),
      );
      t.diagnostic(`http→TLS port: ${outcome}`);
      assert.ok(outcome === 'UND_ERR_SOCKET' || outcome === 'status 400', outcome);
    } finally {
      await agent.destroy();
      await srv.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('CONNECT proxy', () => {
  let fake: FakeJamf;
  before(async () => {
    fake = await startFakeJamf();
  });
  after(async () => {
    await fake.close();
  });

  test("mode 'ok' tunnels undici ProxyAgent traffic to the fake Jamf", async () => {
    const proxy = await startConnectProxy();
    const agent = new ProxyAgent({ uri: proxy.url, requestTls: { ca: pki.root.certPem } });
    try {
      const r = await request(`${fake.url}/api/v1/health-check`, { dispatcher: agent });
      assert.equal(r.statusCode, 204);
      await r.body.dump();
      assert.equal(proxy.connectCount, 1);
      assert.deepEqual(proxy.connectTargets, [`localhost:${fake.port}`]);
      assert.equal(proxy.tunnels, 1);
    } finally {
      await agent.close();
      await proxy.close();
    }
  });

  test("mode 'auth-required': 407 without credentials, tunnel with them", async () => {
    const proxy = await startConnectProxy({ mode: 'auth-required', username: 'u', password: 'p@ss' });
    const noAuth = new ProxyAgent({ uri: proxy.url, requestTls: { ca: pki.root.certPem } });
    const withAuth = new ProxyAgent({ uri: proxy.url.replace('http://', 'http://u:p%40ss@'), requestTls: { ca: pki.root.certPem } });
    try {
      await assert.rejects(request(`${fake.url}/api/v1/health-check`, { dispatcher: noAuth }), (e: NodeJS.ErrnoException) => {
        assert.equal(e.code, 'UND_ERR_ABORTED');
        assert.match(e.message, /Proxy response \(407\)/);
        return true;
      });
      const r = await request(`${fake.url}/api/v1/health-check`, { dispatcher: withAuth });
      assert.equal(r.statusCode, 204);
      await r.body.dump();
      assert.equal(proxy.proxyAuthorizations.at(-1), basic('u', 'p@ss'));
      const raw = await rawConnect(proxy.port, `localhost:${fake.port}`);
      assert.equal(raw.status, 407);
      assert.match(raw.head, /Proxy-Authenticate: Basic realm="doctor-test-proxy"/);
    } finally {
      await noAuth.close();
      await withAuth.close();
      await proxy.close();
    }
  });

  test("mode 'refuse': 403", async () => {
    const proxy = await startConnectProxy({ mode: 'refuse' });
    const agent = new ProxyAgent({ uri: proxy.url, requestTls: { ca: pki.root.certPem } });
    try {
      await assert.rejects(request(`${fake.url}/api/v1/health-check`, { dispatcher: agent }), /Proxy response \(403\)/);
      assert.equal((await rawConnect(proxy.port, 'jamf.example.com:443')).status, 403);
    } finally {
      await agent.close();
      await proxy.close();
    }
  });

  test("mode 'close': socket destroyed on CONNECT (raw probe)", async () => {
    const proxy = await startConnectProxy({ mode: 'close' });
    try {
      const raw = await rawConnect(proxy.port, `localhost:${fake.port}`);
      assert.deepEqual(raw, { status: null, head: '' });
      assert.equal(proxy.connectCount, 1);
    } finally {
      await proxy.close();
    }
  });

  test('non-loopback targets are never dialled (502); redirect maps them to loopback', async () => {
    const proxy = await startConnectProxy({
      redirect: (host) => (host === 'jamf.example.com' ? { host: '127.0.0.1', port: fake.port } : undefined),
    });
    try {
      assert.equal((await rawConnect(proxy.port, 'example.org:443')).status, 502);
      assert.equal((await rawConnect(proxy.port, 'jamf.example.com:443')).status, 200);
      assert.equal(proxy.tunnels, 1);
    } finally {
      await proxy.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('runCli', () => {
  test('resolves bin/jamfmcp.js at the repo root', () => {
    assert.match(CLI_PATH.replace(/\\/g, '/'), /\/bin\/jamfmcp\.js$/);
    assert.ok(!CLI_PATH.replace(/\\/g, '/').includes('/dist/'));
  });

  test('spawn plumbing works (bin may not exist yet)', { skip: existsSync(CLI_PATH) ? 'bin exists; covered by CLI tests' : false }, async () => {
    const r = await runCli(['--version'], { timeoutMs: 10_000 });
    assert.equal(r.code, 1);
    assert.equal(r.timedOut, false);
    assert.match(r.stderr, /Cannot find module/);
  });
});
