/**
 * Small loopback servers (127.0.0.1, port 0) for network/TLS/proxy failure tests.
 * Every server tracks its sockets and destroys them in close(), so `node --test` exits promptly.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export interface LoopbackServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface SinkServer extends LoopbackServer {
  /** TCP connections accepted. */
  readonly connections: number;
  /** Total bytes received (a TLS ClientHello shows up here). */
  readonly bytesReceived: number;
}

export interface PlainHttpServer extends LoopbackServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly connections: number;
  /** Number of HTTP requests received. */
  readonly requestCount: number;
}

export interface TlsTestServer extends LoopbackServer {
  /** https://localhost:PORT */
  readonly url: string;
  readonly connections: number;
  /** Completed server-side handshakes. */
  readonly handshakes: number;
  /** Failed server-side handshakes (e.g. the client rejected our certificate). */
  readonly tlsClientErrors: number;
}

export type TlsServerOptions = https.ServerOptions & {
  /** What to present: a leaf or a chain (leaf first), PEM. */
  cert: string;
  key: string;
  /** Only needed for client-certificate (mTLS) scenarios. */
  ca?: string | string[];
  /** Defaults to answering 204 to everything. */
  handler?: RequestListener;
};

export type ProxyMode = 'ok' | 'auth-required' | 'refuse' | 'close';

export interface ConnectProxyOptions {
  /** Default 'ok'. */
  mode?: ProxyMode;
  /** Credentials accepted in 'auth-required' mode. Defaults: 'proxyuser' / 'proxy-Pass-123'. */
  username?: string;
  password?: string;
  /** Map a requested target to another one (e.g. jamf.example.com:443 → 127.0.0.1:<fake port>). */
  redirect?: (host: string, port: number) => { host: string; port: number } | undefined;
  /** Allow tunnels to non-loopback hosts. Default false: they get 502 without any connection attempt. */
  allowNonLoopback?: boolean;
}

export interface ConnectProxy extends LoopbackServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Can be switched at runtime. */
  mode: ProxyMode;
  /** CONNECT requests received (any mode). */
  readonly connectCount: number;
  /** First 1000 CONNECT targets as sent ("host:port"). */
  readonly connectTargets: string[];
  /** Proxy-Authorization header of each recorded CONNECT (undefined when absent), parallel to connectTargets. */
  readonly proxyAuthorizations: Array<string | undefined>;
  /** Tunnels successfully established. */
  readonly tunnels: number;
  /** Non-CONNECT (absolute-form) requests received. */
  readonly forwardCount: number;
  /** The accepted `Proxy-Authorization` value in 'auth-required' mode. */
  readonly expectedAuthorization: string;
}

const MAX_TARGETS = 1000;

// ---------------------------------------------------------------------------------------------

class SocketTracker {
  readonly sockets = new Set<Socket>();
  count = 0;
  add(socket: Socket): void {
    this.count++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
  destroyAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}

async function listenLoopback(server: net.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function closer(server: net.Server, ...trackers: SocketTracker[]): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    if (!closing) {
      closing = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const t of trackers) t.destroyAll();
    }
    return closing;
  };
}

async function startSink(): Promise<SinkServer> {
  const tracker = new SocketTracker();
  let bytes = 0;
  const server = net.createServer((socket) => {
    socket.on('data', (d: Buffer) => {
      bytes += d.length; // read and discard; never answer
    });
    socket.on('error', () => {});
  });
  server.on('connection', (s: Socket) => tracker.add(s));
  const port = await listenLoopback(server);
  return {
    port,
    get connections() {
      return tracker.count;
    },
    get bytesReceived() {
      return bytes;
    },
    close: closer(server, tracker),
  };
}

/** Accepts TCP connections and never sends a byte (reads and discards input). */
export function startSilentTcpServer(): Promise<SinkServer> {
  return startSink();
}

/** Accepts TCP, reads the ClientHello, never completes a TLS handshake (→ connect timeout). */
export function startHungTlsServer(): Promise<SinkServer> {
  return startSink();
}

/** A loopback port with nothing listening (bound to port 0, then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listenLoopback(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Plain-HTTP server (e.g. "http on the TLS port"). Default handler: 200 text/html. */
export async function startPlainHttpServer(handler?: RequestListener): Promise<PlainHttpServer> {
  const tracker = new SocketTracker();
  let requestCount = 0;
  const dflt: RequestListener = (_req, res) => {
    const body = '<html><head><title>Plain HTTP</title></head><body>plain http</body></html>\n';
    res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  const h = handler ?? dflt;
  const server = http.createServer((req, res) => {
    requestCount++;
    h(req, res);
  });
  server.on('connection', (s: Socket) => tracker.add(s));
  // No 'clientError' listener: Node's default answers garbage (e.g. a TLS ClientHello) with
  // "HTTP/1.1 400 Bad Request", which is what makes an https client see ERR_SSL_WRONG_VERSION_NUMBER.
  const port = await listenLoopback(server);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return tracker.count;
    },
    get requestCount() {
      return requestCount;
    },
    close: closer(server, tracker),
  };
}

/** HTTPS server presenting exactly the given cert/chain; answers 204 to everything by default. */
export async function startTlsServer(options: TlsServerOptions): Promise<TlsTestServer> {
  const { handler, ...tlsOptions } = options;
  const tracker = new SocketTracker();
  let handshakes = 0;
  let tlsClientErrors = 0;
  const h: RequestListener =
    handler ??
    ((_req, res) => {
      res.writeHead(204);
      res.end();
    });
  const server = https.createServer(tlsOptions, h);
  server.on('connection', (s: Socket) => tracker.add(s));
  server.on('secureConnection', () => handshakes++);
  server.on('tlsClientError', () => tlsClientErrors++);
  const port = await listenLoopback(server);
  return {
    port,
    url: `https://localhost:${port}`,
    get connections() {
      return tracker.count;
    },
    get handshakes() {
      return handshakes;
    },
    get tlsClientErrors() {
      return tlsClientErrors;
    },
    close: closer(server, tracker),
  };
}

// ---------------------------------------------------------------------------------------------
// CONNECT proxy
// ---------------------------------------------------------------------------------------------

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function parseTarget(target: string): { host: string; port: number } | undefined {
  try {
    const u = new URL(`http://${target}`);
    const port = Number(u.port || '80');
    if (!u.hostname || !Number.isInteger(port) || port <= 0) return undefined;
    return { host: u.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return undefined;
  }
}

function rawStatus(socket: Socket, status: number, reason: string, headers: string[] = []): void {
  if (socket.destroyed) return;
  socket.end([`HTTP/1.1 ${status} ${reason}`, ...headers, 'Content-Length: 0', 'Connection: close', '', ''].join('\r\n'));
}

/**
 * Minimal HTTP CONNECT proxy. Modes:
 * - 'ok': tunnels to the target (loopback only unless allowNonLoopback);
 * - 'auth-required': 407 + `Proxy-Authenticate: Basic realm="doctor-test-proxy"` unless the right
 *   `Proxy-Authorization: Basic …` is sent, then tunnels;
 * - 'refuse': 403 to every CONNECT;
 * - 'close': destroys the socket on CONNECT (provokes undici 7's CONNECT loop — bound your client!).
 * Plain absolute-form requests (http:// targets) are forwarded in 'ok'/'auth-required' modes.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const username = options.username ?? 'proxyuser';
  const password = options.password ?? 'proxy-Pass-123';
  const expectedAuthorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const clientSockets = new SocketTracker();
  const upstreamSockets = new SocketTracker();
  const connectTargets: string[] = [];
  const proxyAuthorizations: Array<string | undefined> = [];
  let connectCount = 0;
  let tunnels = 0;
  let forwardCount = 0;

  const state = { mode: options.mode ?? ('ok' as ProxyMode) };

  const resolveTarget = (raw: string): { host: string; port: number } | 'bad' | 'forbidden' => {
    const parsed = parseTarget(raw);
    if (!parsed) return 'bad';
    const mapped = options.redirect?.(parsed.host, parsed.port) ?? parsed;
    if (!options.allowNonLoopback && !isLoopback(mapped.host)) return 'forbidden';
    return mapped;
  };

  const authorized = (req: IncomingMessage): boolean =>
    state.mode !== 'auth-required' || req.headers['proxy-authorization'] === expectedAuthorization;

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    forwardCount++;
    if (state.mode === 'close') {
      req.socket.destroy();
      return;
    }
    if (state.mode === 'refuse') {
      res.writeHead(403, { 'Content-Length': 0, Connection: 'close' });
      res.end();
      return;
    }
    if (!authorized(req)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="doctor-test-proxy"', 'Content-Length': 0 });
      res.end();
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const dest = resolveTarget(target.host);
    if (typeof dest === 'string') {
      res.writeHead(502, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = http.request(
      { host: dest.host, port: dest.port, method: req.method, path: `${target.pathname}${target.search}`, headers, agent: false },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('socket', (s: Socket) => upstreamSockets.add(s));
    up.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'Content-Length': 0 });
        res.end();
      } else res.destroy();
    });
    req.pipe(up);
  });

  server.on('connection', (s: Socket) => clientSockets.add(s));
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    connectCount++;
    socket.on('error', () => {});
    if (connectTargets.length < MAX_TARGETS) {
      connectTargets.push(req.url ?? '');
      proxyAuthorizations.push(req.headers['proxy-authorization']);
    }
    switch (state.mode) {
      case 'close':
        socket.destroy();
        return;
      case 'refuse':
        rawStatus(socket, 403, 'Forbidden');
        return;
      default:
        break;
    }
    if (!authorized(req)) {
      rawStatus(socket, 407, 'Proxy Authentication Required', ['Proxy-Authenticate: Basic realm="doctor-test-proxy"']);
      return;
    }
    const dest = resolveTarget(req.url ?? '');
    if (dest === 'bad') {
      rawStatus(socket, 400, 'Bad Request');
      return;
    }
    if (dest === 'forbidden') {
      rawStatus(socket, 502, 'Bad Gateway');
      return;
    }
    const upstream = net.connect(dest.port, dest.host);
    upstreamSockets.add(upstream);
    let established = false;
    upstream.once('connect', () => {
      established = true;
      tunnels++;
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!established) rawStatus(socket, 502, 'Bad Gateway');
      else socket.destroy();
    });
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      if (established) socket.destroy();
    });
  });

  const port = await listenLoopback(server);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(m: ProxyMode) {
      state.mode = m;
    },
    get connectCount() {
      return connectCount;
    },
    connectTargets,
    proxyAuthorizations,
    get tunnels() {
      return tunnels;
    },
    get forwardCount() {
      return forwardCount;
    },
    expectedAuthorization,
    close: closer(server, clientSockets, upstreamSockets),
  };
}
