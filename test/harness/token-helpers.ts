/**
 * Helpers for the token-check tests (test/cli/token.test.ts): raw route handlers for the fake Jamf
 * Pro (HTML pages, redirects, resets, hangs, huge bodies, rewritten token responses), hand-made
 * JWTs, and the leak scanner that proves no secret reaches any output.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FakeJamf, RouteHandler } from './fake-jamf.js';

// --- route handlers -----------------------------------------------------------------------------

/** An HTML page with `<title>title</title>` (login page, captive portal, proxy error page). */
export function htmlPage(status: number, title: string): RouteHandler {
  return (_req, res) => {
    const body = `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><form method="post"><input name="username"><input type="password" name="password"></form></body></html>\n`;
    res.writeHead(status, { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
}

/** A redirect (no body) to `location`. */
export function redirectTo(status: number, location: string): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, { Location: location, 'Content-Length': 0 });
    res.end();
  };
}

/** Drop the TCP connection without an answer (what a proxy or load balancer does on a reset). */
export const resetConnection: RouteHandler = (req) => {
  req.socket.destroy();
};

/** Never answer (the fake's close() destroys the socket). */
export const neverAnswer: RouteHandler = () => {};

/**
 * 200 with a JSON-looking body of `bytes` bytes (Infinity: endless, chunked), written with
 * back-pressure; stops as soon as the client goes away. With `declareLength`, Content-Length says
 * the full size up front.
 */
export function bigJsonBody(bytes: number, declareLength = false): RouteHandler {
  return async (_req, res) => {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json;charset=UTF-8' };
    if (declareLength && Number.isFinite(bytes)) headers['Content-Length'] = bytes;
    res.writeHead(200, headers);
    const head = Buffer.from('{"access_token":"');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    let written = 0;
    res.write(head);
    written += head.length;
    while (!gone && written < bytes) {
      const piece = Number.isFinite(bytes) && bytes - written < chunk.length ? chunk.subarray(0, bytes - written) : chunk;
      written += piece.length;
      if (!res.write(piece)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!gone) res.end();
  };
}

/**
 * Let the fake answer as usual (so its token stays one it accepts), but rewrite the body text on the
 * way out — also for hostile bodies that JSON.stringify could not even produce.
 */
export function rewriteBody(edit: (text: string, status: number) => string): RouteHandler {
  return async (_req, res, ctx) => {
    const writeHead = res.writeHead.bind(res) as (status: number, headers?: OutgoingHttpHeaders) => ServerResponse;
    const end = res.end.bind(res) as (chunk?: string | Buffer) => ServerResponse;
    let status = 200;
    let headers: OutgoingHttpHeaders = {};
    (res as { writeHead: unknown }).writeHead = (code: number, h?: OutgoingHttpHeaders): ServerResponse => {
      status = code;
      headers = { ...(h ?? {}) };
      return res;
    };
    (res as { end: unknown }).end = (chunk?: string | Buffer): ServerResponse => {
      const text = edit(chunk === undefined ? '' : chunk.toString(), status);
      const rest = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-length'));
      writeHead(status, { ...rest, 'Content-Length': Buffer.byteLength(text) });
      return end(text);
    };
    await ctx.fallthrough();
  };
}

/**
 * Let the fake answer as usual, but edit its JSON body on the way out (e.g. make `expires` epoch
 * milliseconds) when it answers 200. The fake's own token bookkeeping is unchanged, so its token stays valid.
 */
export function rewriteJson(edit: (body: Record<string, unknown>) => Record<string, unknown>): RouteHandler {
  return rewriteBody((text, status) => {
    const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    return JSON.stringify(status === 200 ? edit(body) : body);
  });
}

/**
 * Issue the token with the fake's clock `offsetMs` ahead for this one response (so iat/nbf/exp are
 * in the future) while its Date header and every other answer keep the real time. The token stays
 * one the fake accepts. The fake issues tokens synchronously, so the offset cannot leak elsewhere.
 */
export function issueAhead(offsetMs: number): RouteHandler {
  return async (_req, _res, ctx) => {
    const before = ctx.fake.dateOffsetMs;
    ctx.fake.dateOffsetMs = before + offsetMs;
    try {
      await ctx.fallthrough();
    } finally {
      ctx.fake.dateOffsetMs = before;
    }
  };
}

/** A JSON answer with extra headers. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): RouteHandler {
  return (_req, _res, ctx) => ctx.json(status, body, headers);
}

/** An unsigned-looking HS256 JWT with this payload (the doctor never verifies signatures). */
export function makeJwt(payload: Record<string, unknown>): string {
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${Buffer.from(`sig-${JSON.stringify(payload)}`).toString('base64url').slice(0, 43)}`;
}

/** True when the request carries credentials or a token (Authorization header, or a client secret in the body). */
export function carriesCredentials(request: { headers: IncomingMessage['headers']; body: string }): boolean {
  return request.headers.authorization !== undefined || /client_secret/.test(request.body);
}

// --- leak scanning ------------------------------------------------------------------------------

export interface Secret {
  /** Shown in failures instead of the value. */
  name: string;
  value: string;
}

/** Every `size`-character slice of `value` (the whole value when shorter). */
export function slices(value: string, size = 8): string[] {
  if (value.length <= size) return [value];
  const out = new Set<string>();
  for (let i = 0; i + size <= value.length; i++) out.add(value.slice(i, i + size));
  return [...out];
}

/**
 * Which secrets (whole or any 8-character slice) appear in `text`. Returns descriptions that never
 * contain the secret itself: "<name> slice at offset N in <where>".
 */
export function findLeaks(text: string, where: string, secrets: readonly Secret[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    if (secret.value.length < 4) continue;
    if (text.includes(secret.value)) {
      found.push(`${secret.name} (whole) in ${where}`);
      continue;
    }
    const hit = slices(secret.value).find((slice) => text.includes(slice));
    if (hit !== undefined) found.push(`${secret.name}: an 8-character slice (offset ${secret.value.indexOf(hit)}) in ${where} at index ${text.indexOf(hit)}`);
  }
  return found;
}

/** Requests that carried credentials over plain http (must be none). */
export function credentialsOverHttp(fake: Pick<FakeJamf, 'requests'>): string[] {
  return fake.requests.filter((r) => carriesCredentials(r) && !r.secure).map((r) => `${r.method} ${r.path}`);
}
