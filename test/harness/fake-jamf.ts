/**
 * A configurable fake Jamf Pro server on loopback (127.0.0.1, port 0) for tests.
 *
 * Defaults model a HEALTHY server (HTTPS with the test PKI's `good` leaf + intermediate,
 * one local user, one API client holding every privilege JamfMCP needs).
 * Shapes follow /work/shared/reference/jamf-api.md; see the notes on each handler for
 * the places where the reference marks behaviour UNCONFIRMED and a choice was made.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { testPki } from './pki.js';
import { credentialsIn, recordCredentialViolation, registerSecretSource, type RegisteredSecret } from './secrets-registry.js';

// ---------------------------------------------------------------------------------------------
// Constants & tables
// ---------------------------------------------------------------------------------------------

export const DEFAULT_USER: Readonly<{ username: string; password: string }> = Object.freeze({
  username: 'api-user',
  password: 'Sup3r-Secret-Pass!',
});

export const DEFAULT_CLIENT: Readonly<{ clientId: string; clientSecret: string }> = Object.freeze({
  clientId: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee',
  clientSecret: 'cl1ent-Secret-Value-XYZ',
});

export const DEFAULT_VERSION = '11.30.1-t1784555528405';

export const DEFAULT_STARTUP_STATUS: Readonly<Record<string, unknown>> = Object.freeze({
  step: 'SERVER_INIT_COMPLETE',
  stepCode: 'SERVER_INIT_COMPLETE',
  stepParam: '',
  percentage: 100,
  warning: '',
});

/**
 * One cheap probe per privilege JamfMCP needs (jamf-api.md §3.2 privileges, probe forms from §3.3).
 * Keys are exact API-role privilege names; values are request paths (with query) on the server.
 * Paths starting with `/JSSResource/` are Classic API (missing privilege → 401 HTML);
 * `/api/...` paths are Jamf Pro API (missing privilege → 403 JSON INVALID_PRIVILEGE).
 * Note: "Read Smart User Groups" and "Read Static User Groups" share the Classic `/usergroups`
 * list (there is no per-kind Classic list); the fake requires BOTH for that path.
 */
export const privilegeEndpoints: Readonly<Record<string, string>> = Object.freeze({
  'Read Computers': '/api/v1/computers-inventory?page=0&page-size=1&section=GENERAL',
  'Read Computer Inventory Collection': '/JSSResource/computerinventorycollection',
  'Read Packages': '/api/v1/packages?page=0&page-size=1',
  'Read Buildings': '/api/v1/buildings?page=0&page-size=1',
  'Read Departments': '/api/v1/departments?page=0&page-size=1',
  'Read Categories': '/api/v1/categories?page=0&page-size=1',
  'Read Scripts': '/api/v1/scripts?page=0&page-size=1',
  'Read Computer Extension Attributes': '/api/v1/computer-extension-attributes?page=0&page-size=1',
  'Read Smart Computer Groups': '/api/v3/computer-groups/smart-groups?page=0&page-size=1',
  'Read Static Computer Groups': '/api/v3/computer-groups/static-groups?page=0&page-size=1',
  'Read Patch Policies': '/api/v2/patch-policies?page=0&page-size=1',
  'Read Patch Management Software Titles': '/api/v2/patch-software-title-configurations',
  'Read Sites': '/api/v1/sites',
  'Read LDAP Servers': '/api/v1/ldap/servers',
  'Read Jamf Cloud Distribution Service Files': '/api/v1/jcds/files',
  'Read Device Compliance Information': '/api/v1/conditional-access/device-compliance-information/computer/1',
  'Read Policies': '/JSSResource/policies',
  'Read macOS Configuration Profiles': '/JSSResource/osxconfigurationprofiles',
  'Read User': '/JSSResource/users',
  'Read Smart User Groups': '/JSSResource/usergroups',
  'Read Static User Groups': '/JSSResource/usergroups',
  'Read Network Segments': '/JSSResource/networksegments',
  'Read Advanced Computer Searches': '/JSSResource/advancedcomputersearches',
  'Read Restricted Software': '/JSSResource/restrictedsoftware',
  'Read Licensed Software': '/JSSResource/licensedsoftware',
  'Read Directory Bindings': '/JSSResource/directorybindings',
  'Read Webhooks': '/JSSResource/webhooks',
});

/** The privilege names in `privilegeEndpoints` — the default grant of users and clients. */
export const JAMFMCP_PRIVILEGES: readonly string[] = Object.freeze(Object.keys(privilegeEndpoints));

type Shape = 'paged' | 'array' | 'object' | 'classic';

/**
 * Extra guarded GET paths (JamfMCP's real calls and a few doctor-relevant ones), matched as
 * path prefixes at a `/` boundary, longest first. Each needs ALL listed privileges.
 */
const EXTRA_GUARDS: ReadonlyArray<readonly [string, readonly string[], Shape]> = [
  // The other endpoints the doctor's version-aware probes use (each needs the same privilege).
  ['/api/v1/computers-inventory', ['Read Computers'], 'paged'],
  ['/api/v2/computer-groups/smart-groups', ['Read Smart Computer Groups'], 'paged'],
  ['/api/v2/computer-groups/static-groups', ['Read Static Computer Groups'], 'paged'],
  ['/api/v3/computer-groups/smart-groups', ['Read Smart Computer Groups'], 'paged'],
  ['/api/v3/computer-groups/static-groups', ['Read Static Computer Groups'], 'paged'],
  ['/api/v1/policy-properties', ['Read Policies'], 'object'],
  ['/api/v1/users', ['Read User'], 'paged'],
  ['/api/v1/static-user-groups', ['Read Static User Groups'], 'array'],
  ['/api/v3/patch-software-title-configurations', ['Read Patch Management Software Titles'], 'array'],
  ['/api/v1/computers-inventory-detail', ['Read Computers'], 'object'],
  ['/api/v2/computers-inventory', ['Read Computers'], 'paged'],
  ['/api/v3/computers-inventory', ['Read Computers'], 'paged'],
  ['/api/v4/computers-inventory', ['Read Computers'], 'paged'],
  ['/api/v1/computer-groups', ['Read Smart Computer Groups', 'Read Static Computer Groups'], 'array'],
  ['/api/v3/check-in', ['Read Computer Check-In'], 'object'],
  ['/api/v2/computer-inventory-collection-settings', ['Read Computer Inventory Collection Settings'], 'object'],
  ['/api/v2/mdm/commands', ['View MDM command information in Jamf Pro API'], 'paged'],
  ['/api/v1/api-roles', ['Read API Roles'], 'paged'],
  ['/api/v1/api-role-privileges', ['Read API Roles'], 'object'],
  ['/api/v1/api-integrations', ['Read API Integrations'], 'paged'],
  ['/JSSResource/computerhistory', ['Read Computers'], 'classic'],
  ['/JSSResource/computers', ['Read Computers'], 'classic'],
  ['/JSSResource/computerextensionattributes', ['Read Computer Extension Attributes'], 'classic'],
  ['/JSSResource/computergroups', ['Read Smart Computer Groups', 'Read Static Computer Groups'], 'classic'],
  ['/JSSResource/scripts', ['Read Scripts'], 'classic'],
  ['/JSSResource/packages', ['Read Packages'], 'classic'],
  ['/JSSResource/buildings', ['Read Buildings'], 'classic'],
  ['/JSSResource/departments', ['Read Departments'], 'classic'],
  ['/JSSResource/categories', ['Read Categories'], 'classic'],
  ['/JSSResource/sites', ['Read Sites'], 'classic'],
  ['/JSSResource/ldapservers', ['Read LDAP Servers'], 'classic'],
];

const UNPAGED_ARRAYS = new Set([
  '/api/v2/patch-software-title-configurations',
  '/api/v1/sites',
  '/api/v1/ldap/servers',
  '/api/v1/jcds/files',
]);

interface Guard {
  path: string;
  privileges: string[];
  shape: Shape;
}

const GUARDS: Guard[] = (() => {
  const byPath = new Map<string, Guard>();
  for (const [priv, full] of Object.entries(privilegeEndpoints)) {
    const path = full.split('?')[0] ?? full;
    const shape: Shape = path.startsWith('/JSSResource/')
      ? 'classic'
      : UNPAGED_ARRAYS.has(path)
        ? 'array'
        : full.includes('page-size')
          ? 'paged'
          : 'object';
    const g = byPath.get(path) ?? { path, privileges: [], shape };
    g.privileges.push(priv);
    byPath.set(path, g);
  }
  for (const [path, privs, shape] of EXTRA_GUARDS) {
    if (!byPath.has(path)) byPath.set(path, { path, privileges: [...privs], shape });
  }
  return [...byPath.values()].sort((a, b) => b.path.length - a.path.length);
})();

function findGuard(pathname: string): Guard | undefined {
  return GUARDS.find((g) => pathname === g.path || pathname.startsWith(g.path + '/'));
}

/**
 * Endpoints that arrived in a later Jamf Pro release (per Jamf's schema, 11.23.2-11.30.2): a fake
 * whose `version` is older answers them 404, as the real server does.
 */
const SINCE: ReadonlyArray<readonly [string, readonly [number, number, number]]> = [
  ['/api/v4/computers-inventory', [11, 30, 0]],
  ['/api/v3/computer-groups', [11, 28, 0]],
  ['/api/v3/patch-software-title-configurations', [11, 30, 0]],
  ['/api/v1/users', [11, 26, 1]],
];

function servedBy(version: string, pathname: string): boolean {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return true;
  const v = [Number(m[1]), Number(m[2]), Number(m[3])];
  for (const [prefix, since] of SINCE) {
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) continue;
    for (let i = 0; i < 3; i++) if (v[i] !== since[i]) return (v[i] as number) > (since[i] as number);
  }
  return true;
}

export const BODY_401_EMPTY = { httpStatus: 401, errors: [] } as const;
export const BODY_401_INVALID_TOKEN = {
  httpStatus: 401,
  errors: [{ code: 'INVALID_TOKEN', description: 'Unauthorized', id: '0', field: null }],
} as const;
export const BODY_403_INVALID_PRIVILEGE = {
  httpStatus: 403,
  errors: [{ code: 'INVALID_PRIVILEGE', description: 'Forbidden', id: '0', field: null }],
} as const;
export const BODY_404 = { httpStatus: 404, errors: [] } as const;

/** Classic API 401 page (Tomcat-style "Status page", as quoted in jamf-api.md §4.1). */
export const CLASSIC_401_HTML =
  '<html>\n<head>\n   <title>Status page</title>\n</head>\n<body style="font-family: sans-serif;">\n' +
  '<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">Unauthorized</p>\n' +
  '<p>The request requires user authentication</p>\n' +
  '<p>You can get technical details <a href="http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2">here</a>.<br>\n' +
  'Please continue your visit at our <a href="/">home page</a>.\n</p>\n</body>\n</html>\n';

const CLASSIC_404_HTML =
  '<html>\n<head>\n   <title>Status page</title>\n</head>\n<body style="font-family: sans-serif;">\n' +
  '<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">Not Found</p>\n' +
  '<p>The server has not found anything matching the request URI</p>\n</body>\n</html>\n';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type AccessLevel = 'FullAccess' | 'SiteAccess' | 'GroupBasedAccess';
export type PrivilegeSet = 'ADMINISTRATOR' | 'AUDITOR' | 'ENROLLMENT' | 'CUSTOM';

export interface FakeJamfSite {
  id: string;
  name: string;
}

export interface FakeJamfUser {
  username: string;
  password: string;
  /** Jamf user id (JWT `sub`, `/api/v1/auth` account.id). Default: 1-based index. */
  id?: number;
  /** Live-looked-up privilege names; default: the server's `privileges`. */
  privileges?: string[];
  accessLevel?: AccessLevel;
  privilegeSet?: PrivilegeSet;
  /** 401 with code USER_EXPIRED_PASSWORD from /api/v1/auth/token (correct password). */
  passwordExpired?: boolean;
  realName?: string;
  email?: string;
}

export interface FakeJamfClient {
  clientId: string;
  clientSecret: string;
  displayName?: string;
  /** API role ids → token scope "api-role:<id> …". Default [2]. */
  roleIds?: number[];
  /** Live-looked-up privilege names; default: the server's `privileges`. */
  privileges?: string[];
  /** Default 1800; `expires_in` is one second less (as observed on real servers). */
  accessTokenLifetimeSeconds?: number;
  /** false → 401 invalid_client even with the right secret (real behaviour UNCONFIRMED). */
  enabled?: boolean;
}

export interface FakeJamfCert {
  certPem: string;
  keyPem: string;
  /** Served instead of certPem when given (leaf + intermediates). */
  chainPem?: string;
}

export interface FakeJamfOptions {
  /** HTTPS (default true). false → plain HTTP. */
  tls?: boolean;
  /** Certificate to serve; default: testPki().good (chainPem = leaf + intermediate). */
  cert?: FakeJamfCert;
  /** Host used in `url`; the server always listens on 127.0.0.1. Default 'localhost'. */
  urlHost?: 'localhost' | '127.0.0.1';
  /** Context path, e.g. '/jamf' (on-prem style); everything outside it 404s. Default ''. */
  basePath?: string;
  users?: FakeJamfUser | FakeJamfUser[];
  clients?: FakeJamfClient | FakeJamfClient[];
  /** Default privileges held by users/clients without their own list. Default JAMFMCP_PRIVILEGES. */
  privileges?: string[];
  accessLevel?: AccessLevel;
  privilegeSet?: PrivilegeSet;
  /**
   * What GET /api/v1/auth lists (the guards always use the real grant): 'full' (default), 'omit'
   * (no privilege names at all), or exactly these names (a partial or differently spelt list).
   */
  authListing?: 'full' | 'omit' | string[];
  /** Sites in /api/v1/auth. Default []; SiteAccess without sites gets one site {id:'1',name:'Eau Claire'}. */
  sites?: FakeJamfSite[];
  /** `/api/v1/oauth/token` answers 404 (a server older than the v1 path). */
  noV1OAuth?: boolean;
  /** Built-in paths (pathname, after basePath) that answer 404 as if absent. */
  disabledPaths?: string[];
  version?: string;
  /** Status of GET /api/v1/health-check. Default 204. */
  healthStatus?: number;
  startupStatus?: Record<string, unknown>;
  /** User token lifetime in seconds. Default 1800. */
  userTokenLifetimeSeconds?: number;
  /** Server clock offset (ms) for the Date header, token iat/exp and `expires`. Default 0. */
  dateOffsetMs?: number;
  /** Added before every response (benchmarks). Default 0. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Raw request target, including query string and basePath. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  secure: boolean;
  remotePort: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface IssuedToken {
  token: string;
  kind: 'user' | 'client';
  /** Username or client id. */
  principal: string;
  tokenUuid: string;
  /** Server-clock ms. */
  issuedAt: number;
  /** Server-clock ms. */
  expiresAt: number;
  invalidated: boolean;
  /** The token endpoint path that issued it. */
  via: string;
}

export interface RouteContext {
  url: URL;
  /** Pathname with basePath removed. */
  path: string;
  body: string;
  /** The valid bearer token on this request, if any. */
  bearer: IssuedToken | undefined;
  fake: FakeJamf;
  /** Send a JSON response. */
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Run the built-in handling for this request instead. */
  fallthrough(): Promise<void>;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

export interface FakeJamf {
  /** e.g. https://localhost:PORT (+ basePath). No trailing slash. */
  readonly url: string;
  /**
   * The URL JamfMCP can use: https://localhost (+ basePath), port 443 — reach it with `connectArgs`,
   * which send localhost:443 to this server's port (--connect-to).
   */
  readonly jamfUrl: string;
  /** `--connect-to localhost:443:127.0.0.1:PORT` for the doctor's command line. */
  readonly connectArgs: string[];
  /** Same as url but with 127.0.0.1. */
  readonly ipUrl: string;
  readonly port: number;
  readonly secure: boolean;
  readonly requests: RecordedRequest[];
  /** Every token ever issued, in order (invalidated ones included; see `tokens`). */
  readonly issuedTokens: string[];
  readonly tokens: IssuedToken[];
  /** Highest number of concurrent in-flight requests seen. */
  readonly maxInFlight: number;
  readonly inFlight: number;
  /** TCP connections accepted. */
  readonly connections: number;
  /** TLS handshakes that failed on the server side (e.g. client rejected our certificate). */
  readonly tlsClientErrors: number;
  users: FakeJamfUser[];
  clients: FakeJamfClient[];
  /** Default privilege list (mutable, looked up on each request). */
  privileges: string[];
  delayMs: number;
  dateOffsetMs: number;
  /** Override (or add) a route. Method '*' = any; a path ending in '*' matches a prefix. Returns an undo function. */
  route(method: string, path: string, handler: RouteHandler): () => void;
  /** Requests whose pathname (after basePath) equals `pathname`. */
  requestsTo(pathname: string, method?: string): RecordedRequest[];
  isTokenValid(token: string): boolean;
  /** Mark every issued token invalidated (→ 401 INVALID_TOKEN). */
  invalidateAllTokens(): void;
  /** Move every token's expiry into the past (→ 401 INVALID_TOKEN). */
  expireAllTokens(): void;
  /** Clear `requests`; reset maxInFlight to the current in-flight count and connections to the open-socket count. */
  resetStats(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const MAX_BODY = 1024 * 1024;
const MAX_RECORDED = 10_000;

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, headers);
  res.end();
}

function sendText(res: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function asArray<T>(v: T | T[] | undefined, dflt: T[]): T[] {
  if (v === undefined) return dflt;
  return Array.isArray(v) ? v : [v];
}

function parseBasic(header: string | undefined): { username: string; password: string } | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!m || m[1] === undefined) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

function parseBearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

class FakeJamfServer implements FakeJamf {
  url = '';
  jamfUrl = '';
  connectArgs: string[] = [];
  ipUrl = '';
  private origin = '';
  port = 0;
  readonly secure: boolean;
  readonly requests: RecordedRequest[] = [];
  readonly issuedTokens: string[] = [];
  readonly tokens: IssuedToken[] = [];
  maxInFlight = 0;
  inFlight = 0;
  connections = 0;
  tlsClientErrors = 0;
  users: FakeJamfUser[];
  clients: FakeJamfClient[];
  privileges: string[];
  delayMs: number;
  dateOffsetMs: number;

  private readonly opts: FakeJamfOptions;
  private readonly basePath: string;
  private readonly disabled: Set<string>;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly routes: Array<{ method: string; path: string; handler: RouteHandler }> = [];
  private readonly byToken = new Map<string, IssuedToken>();
  private readonly jwtSecret = randomBytes(32);
  private closed = false;

  constructor(opts: FakeJamfOptions, cert: FakeJamfCert | undefined) {
    this.opts = opts;
    this.secure = opts.tls !== false;
    this.basePath = (opts.basePath ?? '').replace(/\/+$/, '');
    this.disabled = new Set(opts.disabledPaths ?? []);
    if (opts.noV1OAuth) this.disabled.add('/api/v1/oauth/token');
    this.users = asArray(opts.users, [{ ...DEFAULT_USER }]);
    this.clients = asArray(opts.clients, [{ ...DEFAULT_CLIENT }]);
    this.privileges = [...(opts.privileges ?? JAMFMCP_PRIVILEGES)];
    this.delayMs = opts.delayMs ?? 0;
    this.dateOffsetMs = opts.dateOffsetMs ?? 0;

    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.onRequest(req, res);
    };
    if (this.secure) {
      if (!cert) throw new Error('FakeJamf: no certificate');
      this.server = https.createServer({ cert: cert.chainPem ?? cert.certPem, key: cert.keyPem }, handler);
      this.server.on('tlsClientError', () => {
        this.tlsClientErrors++;
      });
    } else {
      this.server = http.createServer(handler);
    }
    // The leak guard (secrets-registry.ts): every password, client secret, Basic header value and
    // issued token of this fake is a secret for the rest of the test process, read live so that
    // users and clients a test adds later, and tokens issued during a run, count too.
    registerSecretSource(() => this.secretsForLeakGuard());
    this.server.on('connection', (socket: Socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    const scheme = this.secure ? 'https' : 'http';
    this.origin = `${scheme}://${this.opts.urlHost ?? 'localhost'}:${this.port}`;
    this.url = `${this.origin}${this.basePath}`;
    const host = this.opts.urlHost ?? 'localhost';
    this.jamfUrl = `${scheme}://${host}${this.basePath}`;
    this.connectArgs = ['--connect-to', `${host}:${this.secure ? 443 : 80}:127.0.0.1:${this.port}`];
    this.ipUrl = `${scheme}://127.0.0.1:${this.port}${this.basePath}`;
  }

  // -- public API ------------------------------------------------------------------------------

  route(method: string, path: string, handler: RouteHandler): () => void {
    const entry = { method: method.toUpperCase(), path, handler };
    this.routes.unshift(entry); // latest override wins
    return () => {
      const i = this.routes.indexOf(entry);
      if (i >= 0) this.routes.splice(i, 1);
    };
  }

  requestsTo(pathname: string, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => {
      const p = (r.path.split('?')[0] ?? '').slice(this.basePath.length);
      return p === pathname && (method === undefined || r.method === method.toUpperCase());
    });
  }

  isTokenValid(token: string): boolean {
    const t = this.byToken.get(token);
    return t !== undefined && !t.invalidated && t.expiresAt > this.now();
  }

  invalidateAllTokens(): void {
    for (const t of this.tokens) t.invalidated = true;
  }

  expireAllTokens(): void {
    const past = this.now() - 1000;
    for (const t of this.tokens) t.expiresAt = Math.min(t.expiresAt, past);
  }

  resetStats(): void {
    this.requests.length = 0;
    this.maxInFlight = this.inFlight;
    this.connections = this.sockets.size;
    this.tlsClientErrors = 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await done;
  }

  private *secretsForLeakGuard(): Generator<RegisteredSecret> {
    for (const u of this.users) {
      yield { kind: `fake Jamf user password (${u.username})`, value: u.password };
      yield { kind: `fake Jamf user Basic header value (${u.username})`, value: Buffer.from(`${u.username}:${u.password}`).toString('base64') };
    }
    for (const c of this.clients) {
      yield { kind: `fake Jamf API client secret (${c.clientId.slice(0, 4)}…)`, value: c.clientSecret };
      yield { kind: `fake Jamf API client Basic value (${c.clientId.slice(0, 4)}…)`, value: Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64') };
    }
    for (const [i, t] of this.tokens.entries()) {
      yield { kind: `token #${i + 1} issued by the fake at ${this.url} (${t.kind}, via ${t.via})`, value: t.token };
    }
  }

  // -- request pipeline ------------------------------------------------------------------------

  private now(): number {
    return Date.now() + this.dateOffsetMs;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight++;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
    let counted = true;
    const done = (): void => {
      if (counted) {
        counted = false;
        this.inFlight--;
      }
    };
    res.on('close', done);
    res.on('finish', done);
    // A request stops being in flight when its answer is complete: count that at res.end(), not at
    // 'finish', which can come after the client has already read the answer and sent its next request.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const result = end(...args);
      done();
      return result;
    }) as typeof res.end;

    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const socket = req.socket;
      // The doctor (its User-Agent) must never send credentials over plain http: runCli fails the run.
      if (!this.secure && /^jamfmcp-doctor\//.test(String(req.headers['user-agent'] ?? ''))) {
        const why = credentialsIn({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
        if (why) recordCredentialViolation(`${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]} to ${this.url} over plain http carried ${why}`);
      }
      if (this.requests.length < MAX_RECORDED) {
        this.requests.push({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: { ...req.headers },
          body,
          secure: this.secure,
          remotePort: socket.remotePort ?? 0,
          at: Date.now(),
        });
      }
      const go = (): void => {
        if (this.closed) {
          res.destroy();
          return;
        }
        res.setHeader('Date', new Date(this.now()).toUTCString());
        if (tooBig) {
          sendJson(res, 413, { httpStatus: 413, errors: [] });
          return;
        }
        this.dispatch(req, res, body).catch((err: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { httpStatus: 500, errors: [{ code: 'HARNESS', description: String(err) }] });
          else res.destroy();
        });
      };
      if (this.delayMs > 0) {
        const t = setTimeout(() => {
          this.timers.delete(t);
          go();
        }, this.delayMs);
        this.timers.add(t);
      } else {
        go();
      }
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-jamf.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    let path = url.pathname;
    if (this.basePath) {
      if (path !== this.basePath && !path.startsWith(this.basePath + '/')) {
        sendJson(res, 404, BODY_404);
        return;
      }
      path = path.slice(this.basePath.length) || '/';
    }
    const bearerToken = parseBearer(req.headers.authorization);
    const bearer = bearerToken !== undefined && this.isTokenValid(bearerToken) ? this.byToken.get(bearerToken) : undefined;

    const ctx: RouteContext = {
      url,
      path,
      body,
      bearer,
      fake: this,
      json: (status, b, headers) => sendJson(res, status, b, headers),
      fallthrough: () => this.builtin(req, res, method, path, body, bearerToken, bearer),
    };
    const custom = this.routes.find(
      (r) =>
        (r.method === '*' || r.method === method) &&
        (r.path === path || (r.path.endsWith('*') && path.startsWith(r.path.slice(0, -1)))),
    );
    if (custom) {
      await custom.handler(req, res, ctx);
      return;
    }
    await ctx.fallthrough();
  }

  private async builtin(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    body: string,
    bearerToken: string | undefined,
    bearer: IssuedToken | undefined,
  ): Promise<void> {
    if (this.disabled.has(path)) {
      sendJson(res, 404, BODY_404);
      return;
    }
    const only = (m: string): boolean => {
      if (method === m) return true;
      sendJson(res, 405, { httpStatus: 405, errors: [] });
      return false;
    };

    switch (path) {
      case '/api/v1/health-check':
        if (only('GET')) sendEmpty(res, this.opts.healthStatus ?? 204);
        return;
      case '/api/startup-status':
        if (only('GET')) sendJson(res, 200, this.opts.startupStatus ?? DEFAULT_STARTUP_STATUS);
        return;
      case '/api/v1/auth/token':
        if (only('POST')) this.basicToken(req, res);
        return;
      case '/api/v1/oauth/token':
      case '/api/oauth/token':
        if (only('POST')) this.oauthToken(req, res, path, body);
        return;
      default:
        break;
    }

    if (path.startsWith('/JSSResource/') || path === '/JSSResource') {
      this.classic(req, res, method, path, bearer);
      return;
    }

    if (path.startsWith('/api/')) {
      const known =
        path === '/api/v1/jamf-pro-version' ||
        path === '/api/v2/jamf-pro-information' ||
        path === '/api/v1/auth' ||
        path === '/api/v1/auth/invalidate-token' ||
        path === '/api/v1/auth/keep-alive' ||
        findGuard(path) !== undefined;
      if (!known) {
        sendJson(res, 404, BODY_404);
        return;
      }
      if (!bearer) {
        // jamf-api.md §4.1: missing/garbage credentials → errors: []; expired/invalid token → INVALID_TOKEN.
        const garbage = bearerToken === undefined || !looksLikeJwt(bearerToken);
        sendJson(res, 401, garbage ? BODY_401_EMPTY : BODY_401_INVALID_TOKEN);
        return;
      }
      switch (path) {
        case '/api/v1/jamf-pro-version':
          if (only('GET')) sendJson(res, 200, { version: this.opts.version ?? DEFAULT_VERSION });
          return;
        case '/api/v2/jamf-pro-information':
          if (only('GET'))
            sendJson(res, 200, {
              vppTokenEnabled: false,
              depAccountEnabled: false,
              byodEnabled: false,
              userMigrationEnabled: false,
              cloudDeploymentsEnabled: true,
              patchEnabled: true,
              ssoSamlEnabled: false,
              smtpEnabled: false,
            });
          return;
        case '/api/v1/auth':
          if (only('GET')) sendJson(res, 200, this.authBody(bearer));
          return;
        case '/api/v1/auth/invalidate-token':
          if (only('POST')) {
            bearer.invalidated = true;
            sendEmpty(res, 204);
          }
          return;
        case '/api/v1/auth/keep-alive':
          if (only('POST')) {
            if (bearer.kind !== 'user') {
              // Keep-alive is user-token only (jamf-api.md §1.2); exact refusal shape UNCONFIRMED.
              sendJson(res, 401, BODY_401_EMPTY);
              return;
            }
            bearer.invalidated = true;
            const user = this.users.find((u) => u.username === bearer.principal);
            if (!user) {
              sendJson(res, 401, BODY_401_INVALID_TOKEN);
              return;
            }
            sendJson(res, 200, this.issueUserToken(user, path));
          }
          return;
        default:
          break;
      }
      const guard = servedBy(this.opts.version ?? DEFAULT_VERSION, path) ? findGuard(path) : undefined;
      if (!guard) {
        sendJson(res, 404, BODY_404);
        return;
      }
      if (!only('GET')) return;
      const held = new Set(this.privilegesOf(bearer));
      if (!guard.privileges.every((p) => held.has(p))) {
        sendJson(res, 403, BODY_403_INVALID_PRIVILEGE);
        return;
      }
      if (path === '/api/v1/api-role-privileges') {
        sendJson(res, 200, { privileges: [...held] });
        return;
      }
      switch (guard.shape) {
        case 'array':
          sendJson(res, 200, []);
          return;
        case 'paged':
          sendJson(res, 200, { totalCount: 0, results: [] });
          return;
        default:
          sendJson(res, 200, {});
          return;
      }
    }
    sendJson(res, 404, BODY_404);
  }

  // -- token endpoints -------------------------------------------------------------------------

  private basicToken(req: IncomingMessage, res: ServerResponse): void {
    const creds = parseBasic(req.headers.authorization);
    const user = creds && this.users.find((u) => u.username === creds.username && u.password === creds.password);
    if (!user) {
      sendJson(res, 401, BODY_401_EMPTY);
      return;
    }
    if (user.passwordExpired) {
      sendJson(res, 401, {
        httpStatus: 401,
        errors: [{ code: 'USER_EXPIRED_PASSWORD', description: 'The user password has expired', id: '0', field: null }],
      });
      return;
    }
    sendJson(res, 200, this.issueUserToken(user, '/api/v1/auth/token'));
  }

  private oauthToken(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const ct = (req.headers['content-type'] ?? '').toLowerCase();
    if (!ct.startsWith('application/x-www-form-urlencoded')) {
      // RFC 6749 §5.2-style 400 (jamf-api.md §1.4); exact `error` per case UNCONFIRMED.
      sendJson(res, 400, { error: 'invalid_request', error_description: 'OAuth 2.0 Parameter: grant_type' });
      return;
    }
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    if (!grant) {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'OAuth 2.0 Parameter: grant_type' });
      return;
    }
    if (grant !== 'client_credentials') {
      sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'OAuth 2.0 Parameter: grant_type' });
      return;
    }
    const id = form.get('client_id');
    const secret = form.get('client_secret');
    const client = this.clients.find((c) => c.clientId === id && c.clientSecret === secret && c.enabled !== false);
    if (!client) {
      sendJson(res, 401, { error: 'invalid_client' });
      return;
    }
    const roles = client.roleIds ?? [2];
    let scopeRoles = roles;
    const requested = form.get('scope');
    if (requested) {
      const want = requested.split(/\s+/).filter(Boolean);
      const ids = want.map((s) => Number(/^api-role:(\d+)$/.exec(s)?.[1] ?? NaN));
      if (ids.some((n) => !roles.includes(n))) {
        sendJson(res, 400, { error: 'invalid_scope' });
        return;
      }
      scopeRoles = ids;
    }
    const lifetime = client.accessTokenLifetimeSeconds ?? 1800;
    const nowMs = this.now();
    const iat = Math.floor(nowMs / 1000);
    const scope = scopeRoles.map((r) => `api-role:${r}`);
    const tokenUuid = randomUUID();
    const token = this.sign({
      sub: client.clientId,
      aud: client.clientId,
      nbf: iat,
      scope,
      iss: this.origin,
      'subject-type': 'REGISTERED_CLIENT_ID',
      'token-uuid': tokenUuid,
      'authentication-type': 'CLIENT_CREDENTIALS',
      exp: iat + lifetime,
      iat,
    });
    this.remember({
      token,
      kind: 'client',
      principal: client.clientId,
      tokenUuid,
      issuedAt: iat * 1000,
      expiresAt: (iat + lifetime) * 1000,
      invalidated: false,
      via: path,
    });
    sendJson(res, 200, {
      access_token: token,
      scope: scope.join(' '),
      token_type: 'Bearer',
      expires_in: Math.max(0, lifetime - 1),
    });
  }

  private issueUserToken(user: FakeJamfUser, via: string): { token: string; expires: string } {
    const lifetime = this.opts.userTokenLifetimeSeconds ?? 1800;
    const nowMs = this.now();
    const expiresAt = nowMs + lifetime * 1000;
    const tokenUuid = randomUUID();
    // Claims as in the decoded user-token examples (jamf-api.md §1.3): no iat/nbf.
    const token = this.sign({
      'authentication-type': 'JSS',
      groups: [],
      'subject-type': 'JSS_USER_ID',
      'token-uuid': tokenUuid,
      'ldap-server-id': -1,
      sub: String(user.id ?? this.users.indexOf(user) + 1),
      'authenticated-app': 'GENERIC',
      exp: Math.floor(expiresAt / 1000),
    });
    this.remember({
      token,
      kind: 'user',
      principal: user.username,
      tokenUuid,
      issuedAt: nowMs,
      expiresAt,
      invalidated: false,
      via,
    });
    return { token, expires: new Date(expiresAt).toISOString() };
  }

  private sign(payload: Record<string, unknown>): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify(payload));
    const sig = createHmac('sha256', this.jwtSecret).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${sig}`;
  }

  private remember(t: IssuedToken): void {
    this.tokens.push(t);
    this.issuedTokens.push(t.token);
    this.byToken.set(t.token, t);
  }

  // -- authorization ---------------------------------------------------------------------------

  private privilegesOf(t: IssuedToken): string[] {
    if (t.kind === 'user') {
      const u = this.users.find((x) => x.username === t.principal);
      return u?.privileges ?? this.privileges;
    }
    const c = this.clients.find((x) => x.clientId === t.principal);
    return c?.privileges ?? this.privileges;
  }

  private authBody(t: IssuedToken): Record<string, unknown> {
    const listing = this.opts.authListing ?? 'full';
    const privileges = listing === 'full' ? [...this.privilegesOf(t)] : listing === 'omit' ? [] : [...listing];
    const user = t.kind === 'user' ? this.users.find((u) => u.username === t.principal) : undefined;
    const client = t.kind === 'client' ? this.clients.find((c) => c.clientId === t.principal) : undefined;
    const accessLevel: AccessLevel = user?.accessLevel ?? this.opts.accessLevel ?? 'FullAccess';
    const privilegeSet: PrivilegeSet = user?.privilegeSet ?? this.opts.privilegeSet ?? 'CUSTOM';
    let sites = this.opts.sites ?? [];
    if (accessLevel === 'SiteAccess' && sites.length === 0) sites = [{ id: '1', name: 'Eau Claire' }];
    const privilegesBySite: Record<string, string[]> = {};
    if (accessLevel === 'FullAccess') privilegesBySite['-1'] = privileges;
    else for (const s of sites) privilegesBySite[s.id] = privileges;
    const currentSiteId = accessLevel === 'FullAccess' ? '-1' : (sites[0]?.id ?? '-1');
    const username = user?.username ?? client?.displayName ?? t.principal;
    return {
      account: {
        id: user ? String(user.id ?? this.users.indexOf(user) + 1) : '-1',
        username,
        realName: user?.realName ?? username,
        email: user?.email ?? '',
        preferences: {
          language: 'en',
          dateFormat: 'MM/dd/yyyy',
          region: 'Europe',
          timezone: 'Etc/GMT',
          disableRelativeDates: false,
        },
        multiSiteAdmin: accessLevel === 'FullAccess',
        accessLevel,
        privilegeSet,
        privilegesBySite,
        groupIds: [],
        currentSiteId,
      },
      accountGroups: [],
      sites: sites.map((s) => ({ id: s.id, name: s.name })),
      authenticationType: t.kind === 'user' ? 'JSS' : 'CLIENT_CREDENTIALS',
    };
  }

  private classic(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    bearer: IssuedToken | undefined,
  ): void {
    // Classic answers 401 HTML for: no/bad/expired token, Basic auth (disabled since 11.5), AND a
    // valid token that lacks the privilege (jamf-api.md §4.1 "401, not 403").
    const unauthorized = (): void =>
      sendText(res, 401, 'text/html;charset=UTF-8', CLASSIC_401_HTML, { 'WWW-Authenticate': 'Basic realm="Restful JSS Access -"' });
    const guard = findGuard(path);
    if (!guard) {
      if (!bearer) unauthorized();
      else sendText(res, 404, 'text/html;charset=UTF-8', CLASSIC_404_HTML);
      return;
    }
    if (!bearer) {
      unauthorized();
      return;
    }
    const held = new Set(this.privilegesOf(bearer));
    if (!guard.privileges.every((p) => held.has(p))) {
      unauthorized();
      return;
    }
    if (method !== 'GET') {
      sendText(res, 405, 'text/html;charset=UTF-8', CLASSIC_404_HTML);
      return;
    }
    const rest = path.slice(guard.path.length);
    if (rest !== '' && rest !== '/') {
      // /id/N, /name/X … — the fake has no objects.
      sendText(res, 404, 'text/html;charset=UTF-8', CLASSIC_404_HTML);
      return;
    }
    const resource = guard.path.slice('/JSSResource/'.length);
    const accept = String(req.headers.accept ?? '');
    if (accept.includes('json')) {
      sendJson(res, 200, { [resource]: [] });
    } else {
      sendText(res, 200, 'application/xml;charset=UTF-8', `<?xml version="1.0" encoding="UTF-8"?><${resource}><size>0</size></${resource}>`);
    }
  }
}

/** Start a fake Jamf Pro on 127.0.0.1:0. Always `close()` it (e.g. in `t.after`). */
export async function startFakeJamf(options: FakeJamfOptions = {}): Promise<FakeJamf> {
  let cert = options.cert;
  if (options.tls !== false && !cert) {
    const pki = await testPki();
    cert = pki.good;
  }
  const server = new FakeJamfServer(options, cert);
  await server.listen();
  return server;
}

/** Decode a JWT's payload (no verification) — handy in tests. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
