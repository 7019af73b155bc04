import type { Dispatcher } from 'undici';
import type { Socket } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import type { ConnectTo } from '../net/connect-to.js';
import { openRoute, type Route } from '../net/route.js';
import { secureTo, TunnelError, type TunnelFailure } from '../net/sockets.js';
import { InterimResponseFilter } from '../net/interim.js';
import type { Logger } from '../engine/logger.js';
import { deadline, describeNetError } from '../net/errors.js';

/** JSON answers from Jamf Pro are small; anything bigger is not what the doctor asked for. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface JamfRequest {
  method: 'GET' | 'POST' | 'HEAD';
  /** Path under the server's base URL, starting with `/` (e.g. `/api/v1/auth/token`). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Whether the request carries credentials or a token: enforces https and the configured origin. */
  credentialed: boolean;
  maxBytes?: number;
  /**
   * A 2xx answer is all the caller needs (a privilege probe): its body is not read — a little is
   * drained so the connection can be reused, a large one is dropped with it.
   */
  statusOnly?: boolean;
}

/** How much of a 2xx body a status-only request drains to keep the connection; more and it closes. */
const STATUS_ONLY_DRAIN = 64 * 1024;

export interface JamfResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text (UTF-8), at most `maxBytes`. */
  text: string;
  /** Parsed JSON when the body is JSON, else undefined. */
  json: unknown;
  contentType: string;
  /** Server `Date` header and the local time at the middle of the exchange, for clock skew. */
  serverDate?: number;
  /** A `Date` header that is not an HTTP date (kept, bounded, to say so). */
  badDate?: string;
  localMidpoint: number;
  ms: number;
  url: string;
}

export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`the response body is larger than ${Math.round(limit / 1024)} KiB`);
  }
}

/** Refused before anything was sent: credentials only ever go to the configured https origin. */
export class UnsafeRequestError extends Error {
  readonly code = 'UNSAFE_REQUEST';
}

export interface JamfHttp {
  request(request: JamfRequest, signal: AbortSignal): Promise<JamfResponse>;
  close(): Promise<void>;
}

/**
 * The one HTTP client of a run: undici with the run's trust store, TLS verification on, a
 * keep-alive pool reused by every check, the proxy that network.connect tested, a per-request
 * deadline and a body cap. Redirects are never followed (undici's `request` does not).
 */
/** Where and how the run's HTTP client connects; read when it is created, after the TLS checks. */
export interface HttpTarget {
  baseUrl: URL | undefined;
  secureContext: SecureContext | undefined;
  route: Route | undefined;
  connectTo: readonly ConnectTo[];
  /** The connection tls.certificate verified, handed over once for the first request. */
  takeVerifiedSocket(): TLSSocket | undefined;
}

export async function createJamfHttp(
  target: HttpTarget,
  options: { timeoutMs: number; userAgent: string; log: Logger },
): Promise<JamfHttp> {
  const base = target.baseUrl;
  if (!base) throw new Error('no server URL to talk to');
  // require() where it exists (the CommonJS bundle): import() of CommonJS undici makes Node scan it
  // for exports first, which costs more than loading it.
  const { Agent } = typeof require === 'function' ? (require('undici') as typeof import('undici')) : await import('undici');
  const timeouts = { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs };
  const dispatcher: Dispatcher = new Agent({ connect: connector(target, options.timeoutMs), ...timeouts, connections: 5 });
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');

  return {
    async request(request, signal) {
      const url = new URL(`${basePath}${request.path}`, origin);
      if (request.credentialed && (url.protocol !== 'https:' || url.origin !== origin)) {
        throw new UnsafeRequestError(`refusing to send credentials to ${url.origin}`);
      }
      const limit = deadline(options.timeoutMs, signal);
      const controller = new AbortController();
      limit.promise.catch((reason: unknown) => controller.abort(reason));
      const started = performance.now();
      const startedAt = Date.now();
      options.log.verbose(`${request.method} ${url.href}`);
      try {
        const response = await Promise.race([
          dispatcher.request({
            origin,
            path: url.pathname + url.search,
            method: request.method,
            headers: { 'user-agent': options.userAgent, accept: 'application/json', ...request.headers },
            ...(request.body !== undefined ? { body: request.body } : {}),
            signal: controller.signal,
          }),
          limit.promise,
        ]);
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        const text =
          request.statusOnly && ok
            ? await Promise.race([response.body.dump({ limit: STATUS_ONLY_DRAIN }).then(() => ''), limit.promise])
            : await Promise.race([readCapped(response.body, request.maxBytes ?? MAX_BODY_BYTES), limit.promise]);
        const headers = flattenHeaders(response.headers);
        const contentType = headers['content-type'] ?? '';
        const ms = performance.now() - started;
        const result: JamfResponse = {
          status: response.statusCode,
          headers,
          text,
          json: parseJson(text, contentType),
          contentType,
          localMidpoint: startedAt + ms / 2,
          ms: Math.round(ms),
          url: url.href,
        };
        if (headers.date !== undefined) {
          const date = parseHttpDate(headers.date);
          if (date !== undefined) result.serverDate = date;
          else result.badDate = headers.date.slice(0, 80);
        }
        options.log.verbose(`${request.method} ${url.pathname} → ${result.status} (${result.ms} ms)`);
        return result;
      } catch (error) {
        controller.abort(error);
        throw error;
      } finally {
        limit.clear();
      }
    },
    async close() {
      await dispatcher.destroy().catch(() => {});
    },
  };
}

/**
 * How undici opens connections: first the connection tls.certificate verified (chain and host name),
 * so DNS, TCP and TLS happen once per run; then new ones the same way network.connect found the
 * server — directly or through the proxy's CONNECT tunnel, --connect-to applied — with TLS verified
 * against the run's trust store and the URL's host name. One connector for both routes, so an
 * https:// proxy is spoken to over TLS and a refusing proxy is never retried in a loop.
 */
function connector(target: HttpTarget, timeoutMs: number): NonNullable<import('undici').Agent.Options['connect']> {
  const never = new AbortController().signal;
  return ((options: { hostname: string; port: string }, callback: (error: Error | null, socket: Socket | null) => void) => {
    const socket = target.takeVerifiedSocket();
    if (socket && !socket.destroyed && socket.readyState === 'open' && socket.authorized) {
      socket.removeAllListeners('error');
      // Asynchronously, as a real connect completes: undici's client does not expect a re-entrant call.
      process.nextTick(() => callback(null, new InterimResponseFilter(socket) as unknown as Socket));
      return;
    }
    const endpoint = { host: options.hostname.replace(/^\[|\]$/g, ''), port: Number(options.port || 443) };
    openRoute(target.route ?? { kind: 'direct' }, endpoint, { timeoutMs, signal: never, connectTo: target.connectTo, ...(target.secureContext ? { proxySecureContext: target.secureContext } : {}) })
      .then((raw) => secureTo(raw, endpoint.host, target.secureContext, timeoutMs, never))
      .then(
        (tls) => callback(null, new InterimResponseFilter(tls) as unknown as Socket),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
      );
  }) as never;
}

async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      body.destroy();
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseJson(text: string, contentType: string): unknown {
  const trimmed = text.trimStart();
  if (!/json/i.test(contentType) && !trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Is this an HTML page (login page, captive portal, proxy error), and what is its title? */
export function htmlTitle(response: Pick<JamfResponse, 'text' | 'contentType'>): string | undefined {
  if (!/html/i.test(response.contentType) && !/^\s*<(!doctype|html)/i.test(response.text)) return undefined;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(response.text)?.[1]?.replace(/\s+/g, ' ').trim();
  return title === undefined || title === '' ? '(untitled page)' : title.slice(0, 100);
}

/** Why an HTTP exchange failed, in words, with what to do: shared by every check that talks HTTP. */
export interface HttpFailure {
  code: string;
  /** Completes "GET /path …" / "POST /path …", e.g. "timed out after 10 s without an answer". */
  what: string;
  steps: string[];
}

export function describeHttpFailure(error: unknown, timeoutMs: number, expected = 'a Jamf Pro API answer'): HttpFailure {
  if (error instanceof UnsafeRequestError) return { code: error.code, what: `was refused before sending: ${error.message}`, steps: ['Use an https:// JAMF_URL.'] };
  if (error instanceof BodyTooLargeError) {
    return { code: error.code, what: `answered with a body larger than ${Math.round(error.limit / 1024)} KiB, far more than ${expected}`, steps: ['Something other than the Jamf Pro API answers at this URL (a proxy, a download, a misconfigured server): check JAMF_URL and any proxy.'] };
  }
  // A new connection through the proxy failed (the first one, network.connect's, worked).
  const tunnel = error instanceof TunnelError ? error.failure : (error as { cause?: unknown })?.cause instanceof TunnelError ? ((error as { cause: TunnelError }).cause.failure) : undefined;
  if (tunnel) return tunnelFailure(tunnel);
  const { code } = describeNetError(error);
  if (code === 'TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return {
      code,
      what: `timed out after ${Math.round(timeoutMs / 100) / 10} s without an answer`,
      steps: ['The server accepted the connection but did not answer in time: try again, or allow more time with --timeout 30s.', 'If it keeps happening, check the Jamf Pro server load or Jamf Cloud status.'],
    };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') {
    return { code, what: 'failed: the connection was reset before an answer arrived', steps: ['A proxy, firewall or load balancer closed the connection: check with IT, and whether a proxy (HTTPS_PROXY) is required.'] };
  }
  if (/^ERR_SSL|CERT|UNABLE_TO/.test(code)) {
    return { code, what: `failed at TLS (${code})`, steps: ['The server\'s TLS setup changed during the run or differs between servers behind a load balancer: run the tls checks again.'] };
  }
  if (code === 'UND_ERR_INFO' || code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return { code, what: `answered with a malformed HTTP response (${code})`, steps: ['Something other than Jamf Pro answers at this URL, or a proxy mangles responses: check JAMF_URL and any proxy.'] };
  }
  return { code, what: `failed (${code})`, steps: ['Check the network path to the server (VPN, proxy, firewall) and try again.'] };
}

/** A proxy that refused a later tunnel, in the words network.connect uses for the first. */
function tunnelFailure(failure: TunnelFailure): HttpFailure {
  const proxySteps = ['The proxy accepted the first connection of the run and refused a later one: check its limits and credentials with IT (JamfMCP opens several connections too).'];
  switch (failure.kind) {
    case 'proxy-auth-required':
      return { code: 'PROXY_407', what: 'failed: the proxy asked for credentials for a new connection (407 Proxy Authentication Required)', steps: ['Check the user and password in the proxy URL (http://user:password@proxy:port); JamfMCP sends only Basic proxy credentials.', ...proxySteps] };
    case 'proxy-refused':
      return { code: `PROXY_${failure.status}`, what: `failed: the proxy refused a new connection (${failure.status} ${failure.statusText})`, steps: proxySteps };
    case 'proxy-closed':
      return { code: 'PROXY_CLOSED', what: 'failed: the proxy closed a new connection without answering CONNECT', steps: proxySteps };
    case 'proxy-unreachable':
      return { code: 'PROXY_UNREACHABLE', what: 'failed: the proxy could not be reached for a new connection', steps: ['Check that the proxy in HTTPS_PROXY is up and reachable.'] };
    case 'proxy-tls':
      return { code: 'PROXY_TLS', what: 'failed: TLS to the https:// proxy failed for a new connection', steps: ['Check the proxy URL\'s scheme: https:// means TLS to the proxy itself.'] };
    case 'proxy-not-http':
      return { code: 'PROXY_NOT_HTTP', what: 'failed: the proxy answered CONNECT with something other than HTTP', steps: ['Check that HTTPS_PROXY names an HTTP proxy.'] };
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An HTTP date (RFC 9110 §5.6.7): IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), or the obsolete
 * RFC 850 and asctime forms recipients must still accept. Anything else — "0", "garbage", a bare
 * year Date.parse would take leniently — is not a date.
 */
export function parseHttpDate(text: string): number | undefined {
  const value = text.trim();
  const month = (name: string): number => MONTHS.indexOf(name);
  let parts: [number, number, number, number, number, number] | undefined;
  const imf = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(value);
  if (imf) parts = [Number(imf[3]), month(imf[2] as string), Number(imf[1]), Number(imf[4]), Number(imf[5]), Number(imf[6])];
  if (!parts) {
    const r = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(value);
    // Two-digit years: more than 50 years ahead means the previous century (RFC 9110 §5.6.7).
    if (r) {
      const yy = Number(r[3]);
      const now = new Date().getUTCFullYear();
      let year = Math.floor(now / 100) * 100 + yy;
      if (year > now + 50) year -= 100;
      parts = [year, month(r[2] as string), Number(r[1]), Number(r[4]), Number(r[5]), Number(r[6])];
    }
  }
  if (!parts) {
    const a = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/.exec(value);
    if (a) parts = [Number(a[6]), month(a[1] as string), Number((a[2] as string).trim()), Number(a[3]), Number(a[4]), Number(a[5])];
  }
  if (!parts) return undefined;
  const [year, mon, day, hour, minute, second] = parts;
  if (mon < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, mon, day, hour, minute, Math.min(second, 59));
  // Reject dates that roll over (31 Feb) rather than name a real day.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}
