import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type DetailedPeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import { mapEndpoint, type ConnectTo } from './connect-to.js';
import { deadline } from './errors.js';
import type { ProxyChoice } from './proxy.js';

export interface Endpoint {
  host: string;
  port: number;
}

/** Host of a URL as net/tls want it (IPv6 without brackets) and its port (443 by default). */
export function endpointOf(url: URL): Endpoint {
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) };
}

/**
 * Open a TCP connection within `timeoutMs`; the socket is destroyed on timeout or abort. A
 * --connect-to mapping for the endpoint sends it to the mapped address instead.
 */
export async function openTcp(target: Endpoint, timeoutMs: number, signal: AbortSignal, connectTo: readonly ConnectTo[] = []): Promise<Socket> {
  const mapped = mapEndpoint(connectTo, target);
  const socket = netConnect({ host: mapped.host, port: mapped.port, autoSelectFamily: true });
  const limit = deadline(timeoutMs, signal);
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      }),
      limit.promise,
    ]);
    socket.removeAllListeners('error');
    socket.on('error', () => {});
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  } finally {
    limit.clear();
  }
}

export type TunnelFailure =
  | { kind: 'proxy-unreachable'; cause: unknown }
  | { kind: 'proxy-auth-required'; status: number }
  | { kind: 'proxy-refused'; status: number; statusText: string }
  | { kind: 'proxy-closed' }
  | { kind: 'proxy-not-http'; firstBytes: string }
  | { kind: 'proxy-tls'; cause: unknown };

export class TunnelError extends Error {
  constructor(readonly failure: TunnelFailure) {
    super(`proxy tunnel failed: ${failure.kind}`);
  }
}

const MAX_PROXY_RESPONSE_HEAD = 16 * 1024;

/**
 * Ask an HTTP proxy for a CONNECT tunnel to `target`. Done by hand, not through undici, because
 * undici 7 retries forever against a proxy that closes on CONNECT (undici issue #3897) and because
 * each refusal needs its own message.
 */
export async function openTunnel(
  proxy: ProxyChoice,
  target: Endpoint,
  timeoutMs: number,
  signal: AbortSignal,
  options: { connectTo?: readonly ConnectTo[]; proxySecureContext?: SecureContext } = {},
): Promise<Socket> {
  const connectTo = options.connectTo ?? [];
  const proxyEndpoint = { host: proxy.url.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.url.port || (proxy.url.protocol === 'https:' ? 443 : 80)) };
  let socket: Socket;
  try {
    socket = await openTcp(proxyEndpoint, timeoutMs, signal, connectTo);
  } catch (cause) {
    throw new TunnelError({ kind: 'proxy-unreachable', cause });
  }
  // An https:// proxy is spoken to over TLS, verified, before anything (Proxy-Authorization included) is sent.
  if (proxy.url.protocol === 'https:') {
    try {
      socket = await secureTo(socket, proxyEndpoint.host, options.proxySecureContext, timeoutMs, signal);
    } catch (cause) {
      socket.destroy();
      throw new TunnelError({ kind: 'proxy-tls', cause });
    }
  }
  // Through --connect-to, the tunnel asks for the mapped address, as the direct connection would use.
  const tunnelTarget = mapEndpoint(connectTo, target);
  const authority = `${isIP(tunnelTarget.host) === 6 ? `[${tunnelTarget.host}]` : tunnelTarget.host}:${tunnelTarget.port}`;
  const head = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, 'User-Agent: jamfmcp-doctor'];
  if (proxy.authorization) head.push(`Proxy-Authorization: ${proxy.authorization}`);
  socket.write(`${head.join('\r\n')}\r\n\r\n`);

  const limit = deadline(timeoutMs, signal);
  try {
    const response = await Promise.race([readResponseHead(socket), limit.promise]);
    if (response === undefined) throw new TunnelError({ kind: 'proxy-closed' });
    const status = /^HTTP\/1\.[01] (\d{3})\s*(.*)$/.exec(response.split('\r\n')[0] ?? '');
    if (!status) throw new TunnelError({ kind: 'proxy-not-http', firstBytes: response.slice(0, 40).replace(/[^\x20-\x7e]/g, '.') });
    const code = Number(status[1]);
    if (code === 407) throw new TunnelError({ kind: 'proxy-auth-required', status: code });
    if (code < 200 || code > 299) throw new TunnelError({ kind: 'proxy-refused', status: code, statusText: (status[2] ?? '').slice(0, 80) });
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  } finally {
    limit.clear();
  }
}

/** TLS over an open socket, verified against `secureContext` (Node's default roots when undefined) and the host name. */
export async function secureTo(socket: Socket, host: string, secureContext: SecureContext | undefined, timeoutMs: number, signal: AbortSignal): Promise<TLSSocket> {
  const tls = tlsConnect({
    socket,
    rejectUnauthorized: true,
    ALPNProtocols: ['http/1.1'],
    ...(isIP(host) === 0 ? { servername: host } : { host }),
    ...(secureContext ? { secureContext } : {}),
  });
  const limit = deadline(timeoutMs, signal);
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        tls.once('secureConnect', resolve);
        tls.once('error', reject);
        tls.once('close', () => reject(Object.assign(new Error('the peer closed the connection during the TLS handshake'), { code: 'ECONNRESET' })));
      }),
      limit.promise,
    ]);
    tls.removeAllListeners('error');
    tls.removeAllListeners('close');
    tls.on('error', () => {});
    return tls;
  } catch (error) {
    tls.destroy();
    throw error;
  } finally {
    limit.clear();
  }
}

/** Read up to the blank line ending a response head; undefined when the peer closes first. */
function readResponseHead(socket: Socket): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end >= 0) {
        cleanup();
        const rest = buffered.subarray(end + 4);
        if (rest.length > 0) socket.unshift(rest);
        resolve(buffered.subarray(0, end).toString('latin1'));
      } else if (buffered.length > MAX_PROXY_RESPONSE_HEAD) {
        cleanup();
        resolve(buffered.toString('latin1'));
      }
    };
    const onEnd = (): void => {
      cleanup();
      resolve(buffered.length > 0 ? buffered.toString('latin1') : undefined);
    };
    const onError = (error: Error): void => {
      cleanup();
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') resolve(undefined);
      else reject(error);
    };
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
  });
}

/** What one TLS handshake showed, verification verdict included (but never enforced: no credentials travel here). */
export interface TlsObservation {
  protocol: string | null;
  cipher: string;
  alpn: string | false | null;
  /** Chain verification against the trust store (OpenSSL's verdict; hostname not included). */
  authorized: boolean;
  authorizationError?: string;
  /** The peer's chain, leaf first, as Node links it (it may append issuers from the trust store). */
  chain: DetailedPeerCertificate[];
  /**
   * The connection itself, kept open when OpenSSL verified the chain, so that the HTTP client can
   * reuse it once tls.certificate has also checked the host name. Undefined when it was closed.
   */
  socket?: TLSSocket;
}

/**
 * Handshake over an open socket with verification *reported* rather than enforced, so that the
 * presented chain can be read even when it is broken. Nothing but the handshake is sent.
 */
export async function observeTls(
  socket: Socket,
  target: Endpoint,
  secureContext: SecureContext | undefined,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<TlsObservation> {
  const options = {
    socket,
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
    ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
    ...(secureContext ? { secureContext } : {}),
  };
  const tls: TLSSocket = tlsConnect(options);
  const limit = deadline(timeoutMs, signal);
  const onClose = (): void => undefined;
  let keep = false;
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        tls.once('secureConnect', resolve);
        tls.once('error', reject);
        tls.once('close', () => reject(Object.assign(new Error('the server closed the connection during the TLS handshake'), { code: 'ECONNRESET' })));
      }),
      limit.promise,
    ]);
    // TLS 1.3 finishes the client's side of the handshake before the server has judged it: a server
    // that requires a client certificate answers the client's Finished with an alert
    // (certificate_required), which arrives only now. Wait for the server's first word — its
    // session ticket, or that alert — briefly, so the handshake is not declared good too early.
    if (tls.getProtocol() === 'TLSv1.3') await firstServerWord(tls, Math.min(timeoutMs, TLS13_SETTLE_MS), limit.promise);
    const observation: TlsObservation = {
      protocol: tls.getProtocol(),
      cipher: tls.getCipher().standardName,
      alpn: tls.alpnProtocol,
      authorized: tls.authorized,
      chain: chainOf(tls.getPeerCertificate(true)),
    };
    if (tls.authorizationError) observation.authorizationError = String(tls.authorizationError);
    // Nothing but the handshake has crossed this connection; keep it only if the chain verified.
    keep = tls.authorized;
    if (keep) observation.socket = tls;
    return observation;
  } finally {
    limit.clear();
    tls.removeAllListeners('close');
    tls.removeAllListeners('error');
    tls.on('error', onClose);
    if (!keep) {
      tls.destroy();
      socket.destroy();
    }
  }
}

/** How long to wait for a TLS 1.3 server's session ticket (or its alert) after the handshake. */
const TLS13_SETTLE_MS = 500;

/**
 * Resolves once the server's session ticket has arrived (getSession() then has one) or after `ms`;
 * rejects with the server's alert or close. Polls rather than listening for 'session': a 'session'
 * listener switches on Node's client session callbacks, and a connection so changed was then
 * never answered when reused for HTTP.
 */
function firstServerWord(tls: TLSSocket, ms: number, deadline: Promise<never>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  let onError: ((error: Error) => void) | undefined;
  let onClose: (() => void) | undefined;
  return Promise.race([
    new Promise<void>((resolve, reject) => {
      timer = setTimeout(resolve, ms);
      poll = setInterval(() => {
        if (tls.getSession() !== undefined) resolve();
      }, 10);
      onError = reject;
      onClose = () => reject(Object.assign(new Error('the server closed the connection right after the TLS handshake'), { code: 'ECONNRESET' }));
      tls.once('error', onError);
      tls.once('close', onClose);
    }),
    deadline,
  ]).finally(() => {
    clearTimeout(timer);
    clearInterval(poll);
    if (onError) tls.removeListener('error', onError);
    if (onClose) tls.removeListener('close', onClose);
  });
}

/** Flatten Node's linked chain; a self-signed top links to itself, so stop on a repeat. */
function chainOf(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current && current.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(current);
    current = current.issuerCertificate;
  }
  return chain;
}
