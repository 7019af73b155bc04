import type { AuthType } from '../config/resolve.js';
import { isRecord } from '../config/json.js';
import type { Fix } from '../engine/types.js';
import { describeHttpFailure, htmlTitle, type JamfHttp, type JamfResponse } from './http.js';
import { decodeJwtClaims, parseExpires, parseRetryAfter, type JwtClaims } from './jwt.js';

/** A token the doctor obtained. Its value is a secret: registered for redaction, never rendered. */
export interface JamfToken {
  value: string;
  kind: 'user' | 'oauth';
  /** The endpoint that issued it. */
  path: string;
  /** Local time the token arrived. */
  receivedAt: number;
  /** Expiry from the response (`expires`, or receive time + `expires_in`). */
  expiresAt?: number;
  expiresIn?: number;
  /** Where expiry came from: `expires` (ISO or epoch ms) or `expires_in`. */
  expirySource?: string;
  claims?: JwtClaims;
  scope?: string;
}

export interface Credentials {
  authType: AuthType;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
}

export type TokenOutcome =
  | { ok: true; token: JamfToken; notes: string[]; attempts: string[] }
  | { ok: false; message: string; fix: Fix; details: Record<string, unknown> };

export const USER_TOKEN_PATH = '/api/v1/auth/token';
export const OAUTH_TOKEN_PATHS = ['/api/v1/oauth/token', '/api/oauth/token'] as const;
/** Wait for a 429's Retry-After at most this long, once, and only for OAuth (a basic login is never retried). */
const MAX_RETRY_WAIT_MS = 10_000;

/**
 * Obtain a token exactly as JamfMCP would and classify every outcome. Basic: POST
 * /api/v1/auth/token with HTTP Basic. OAuth: form POST to /api/v1/oauth/token, falling back to
 * /api/oauth/token on 404 (older servers).
 */
export async function requestToken(
  http: JamfHttp,
  credentials: Credentials,
  signal: AbortSignal,
  context: { timeoutMs: number; now(): number; curl: string; register(secret: string): void },
): Promise<TokenOutcome> {
  const attempts: string[] = [];
  const fail = (message: string, steps: string[], details: Record<string, unknown> = {}): TokenOutcome => ({
    ok: false,
    message,
    fix: { steps: [...steps, 'Test outside JamfMCP with this command (it reads the secrets from your environment, never from this report):'], commands: [context.curl] },
    details: { attempts, ...details },
  });

  const send = async (path: string): Promise<JamfResponse> => {
    attempts.push(`POST ${path}`);
    if (credentials.authType === 'basic') {
      const basic = Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64');
      return http.request({ method: 'POST', path, credentialed: true, headers: { authorization: `Basic ${basic}` } }, signal);
    }
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId ?? '',
      client_secret: credentials.clientSecret ?? '',
    }).toString();
    return http.request(
      { method: 'POST', path, credentialed: true, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      signal,
    );
  };

  const paths: readonly string[] = credentials.authType === 'basic' ? [USER_TOKEN_PATH] : OAUTH_TOKEN_PATHS;
  let response: JamfResponse | undefined;
  let path = paths[0] as string;
  try {
    for (const candidate of paths) {
      path = candidate;
      response = await send(candidate);
      if (credentials.authType === 'client_credentials' && response.status === 429) {
        const wait = parseRetryAfter(response.headers['retry-after'], context.now());
        if (wait !== undefined && wait <= Math.min(MAX_RETRY_WAIT_MS, context.timeoutMs)) {
          await delay(wait, signal);
          response = await send(candidate);
        }
      }
      // Older servers have only /api/oauth/token: fall back on a plain 404, never on a refusal.
      if (response.status !== 404 || htmlTitle(response)) break;
    }
  } catch (error) {
    return fail(...networkFailure(error, path, context.timeoutMs));
  }
  if (!response) throw new Error('no token request was sent');
  return classify(response, path, credentials.authType, attempts, fail, context);
}

type Fail = (message: string, steps: string[], details?: Record<string, unknown>) => TokenOutcome;

function classify(
  response: JamfResponse,
  path: string,
  authType: AuthType,
  attempts: string[],
  fail: Fail,
  context: { now(): number; register(secret: string): void },
): TokenOutcome {
  const { status } = response;
  const body = isRecord(response.json) ? response.json : undefined;
  const title = htmlTitle(response);
  const details = { path, status, contentType: response.contentType || null };

  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    const target = location ? safeUrl(location, response.url) : undefined;
    const here = new URL(response.url);
    const where = !target
      ? 'an unknown place'
      : target.protocol !== 'http:' && target.protocol !== 'https:'
        ? `a ${target.protocol} URL, which no HTTP client should follow`
        : target.protocol === 'http:'
        ? `plain http (${target.origin})`
        : target.origin !== here.origin
          ? `another server (${target.origin})`
          : target.pathname;
    return fail(
      `POST ${path} answered ${status} and redirects to ${where}; the doctor does not follow a redirect with credentials`,
      [
        'A redirect on the token endpoint means JAMF_URL does not point at the Jamf Pro server itself: use the URL the redirect leads to only if it is your Jamf Pro server (same https host), e.g. the final host name after a rename.',
        'A redirect to a login page or single sign-on provider means a proxy or SSO front end is in the way: JamfMCP needs direct API access.',
      ],
      { ...details, location: target?.href ?? location ?? null },
    );
  }

  if (status === 200 || status === 201) {
    if (title) {
      return fail(`POST ${path} answered with an HTML page ("${title}") instead of JSON: this is not the Jamf Pro API`, htmlSteps(), details);
    }
    return success(response, body, path, authType, attempts, fail, context);
  }

  if (status === 401 || (status === 400 && authType === 'client_credentials')) {
    return authType === 'basic' ? basicRejected(body, path, details, fail) : clientRejected(response, body, path, details, fail);
  }
  if (status === 400) {
    return fail(`POST ${path} answered 400 Bad Request${errorText(body)}`, ['The request was malformed for this server: check that JAMF_URL points at Jamf Pro itself.'], details);
  }
  if (status === 403) {
    return fail(
      `POST ${path} answered 403 Forbidden${title ? ` ("${title}")` : ''}: the token endpoint itself refuses this computer`,
      [
        'Jamf Pro or a firewall in front of it restricts API access by IP address: ask the administrator to allow your address (the guide\'s "IP address restrictions").',
        'A corporate proxy or web filter can block it too: try from another network.',
      ],
      details,
    );
  }
  if (status === 404) {
    return fail(
      `${attempts.join(' and ')} answered 404 Not Found${title ? ` ("${title}")` : ''}: no Jamf Pro API at ${new URL(response.url).origin}${new URL(response.url).pathname.replace(/\/api\/.*$/, '') || ''}`,
      [
        'Check JAMF_URL: it must be the address you log in to Jamf Pro with, e.g. https://your-server.jamfcloud.com — not a different host, and with the context path only if your on-premises server has one.',
        authType === 'client_credentials' ? 'API clients (client_credentials) need Jamf Pro 10.49 or later; on an older server use basic auth.' : 'This endpoint exists from Jamf Pro 10.35 on; upgrade an older server.',
      ],
      details,
    );
  }
  if (status === 405) {
    return fail(`POST ${path} answered 405 Method Not Allowed: something other than Jamf Pro answers at this URL (a proxy, load balancer or web server)`, ['Check that JAMF_URL points at the Jamf Pro server itself, not at a web site or a load balancer page.'], details);
  }
  if (status === 429) {
    const retry = response.headers['retry-after'];
    return fail(
      `POST ${path} answered 429 Too Many Requests${retry ? ` (Retry-After: ${retry.slice(0, 40)})` : ''}: the server or a gateway is rate-limiting`,
      [
        'Wait and run the doctor again; stop other tools that call the API in a loop.',
        authType === 'basic' ? 'The doctor never retries a basic login (repeated attempts can lock the account).' : 'The doctor retried once where the wait was short.',
      ],
      { ...details, retryAfter: retry ?? null },
    );
  }
  if (status >= 500) {
    const page = title ?? '';
    const starting = /starting|initializ/i.test(page);
    return fail(
      `POST ${path} answered ${status}${page ? ` ("${page}")` : ''}: ${starting ? 'Jamf Pro is still starting up' : /timeout/i.test(page) ? 'Jamf Cloud timed out' : 'the server failed'}`,
      [
        starting ? 'Wait until Jamf Pro has finished starting, then try again.' : 'This is a problem on the server side: try again in a few minutes; if it persists, check the Jamf Pro logs or contact Jamf support.',
        /service unavailable/i.test(page) ? 'A Jamf Cloud tenant migrated from on-premises may still be on port 8443: check the port in JAMF_URL.' : 'Check https://status.jamf.com for Jamf Cloud incidents.',
      ],
      details,
    );
  }
  return fail(`POST ${path} answered an unexpected ${status}${title ? ` ("${title}")` : ''}`, ['Check that JAMF_URL points at Jamf Pro itself.'], details);
}

function success(
  response: JamfResponse,
  body: Record<string, unknown> | undefined,
  path: string,
  authType: AuthType,
  attempts: string[],
  fail: Fail,
  context: { now(): number; register(secret: string): void },
): TokenOutcome {
  const details = { path, status: response.status };
  if (!body) {
    const kind = response.json === undefined ? 'not JSON' : Array.isArray(response.json) ? 'a JSON array, not a token object' : `JSON ${typeof response.json}, not a token object`;
    return fail(`POST ${path} answered ${response.status} but the body is ${kind}${response.contentType ? ` (${response.contentType})` : ''}`, ['Check that JAMF_URL points at Jamf Pro itself, not at a proxy or web server.'], details);
  }
  const expectedKey = authType === 'basic' ? 'token' : 'access_token';
  const otherKey = authType === 'basic' ? 'access_token' : 'token';
  // Register whatever token-like value arrived before anything can print it.
  for (const key of ['token', 'access_token']) if (typeof body[key] === 'string') context.register(body[key]);
  const value = body[expectedKey];
  if (typeof value !== 'string' || value === '') {
    if (typeof body[otherKey] === 'string') {
      return fail(
        `POST ${path} answered with "${otherKey}" where a ${authType === 'basic' ? 'user token response' : 'client credentials response'} has "${expectedKey}" (the token vs access_token mix-up)`,
        ['Something between you and Jamf Pro rewrites responses, or this is not Jamf Pro: check JAMF_URL and any proxy.'],
        { ...details, keys: Object.keys(body).slice(0, 10) },
      );
    }
    if (value === '') {
      return fail(`POST ${path} answered 200 with an empty ${expectedKey}: the API client is probably disabled`, ['In Jamf Pro, open Settings → System → API Roles and Clients → API Clients, and enable the client (and make sure it has a role).'], details);
    }
    if (value !== undefined) {
      return fail(`POST ${path} answered 200, but its ${expectedKey} is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}, not a token string`, ['Something between you and Jamf Pro rewrites responses, or this is not Jamf Pro: check JAMF_URL and any proxy.'], details);
    }
    return fail(`POST ${path} answered 200 without a ${expectedKey} (keys: ${Object.keys(body).slice(0, 10).join(', ') || 'none'})`, ['Check that JAMF_URL points at Jamf Pro itself.'], { ...details, keys: Object.keys(body).slice(0, 10) });
  }

  const receivedAt = context.now();
  const token: JamfToken = { value, kind: authType === 'basic' ? 'user' : 'oauth', path, receivedAt };
  const notes: string[] = [];
  if (authType === 'basic') {
    const expires = parseExpires(body.expires);
    if (expires !== undefined) {
      token.expiresAt = expires;
      token.expirySource = typeof body.expires === 'number' || /^\d+$/.test(String(body.expires)) ? 'expires (epoch milliseconds)' : 'expires';
    }
  } else {
    // Only a number or a string of digits: anything else (a nested array from a hostile server) is ignored.
    const rawExpiresIn = body.expires_in;
    const expiresIn = typeof rawExpiresIn === 'number' ? rawExpiresIn : typeof rawExpiresIn === 'string' && /^\d+$/.test(rawExpiresIn.trim()) ? Number(rawExpiresIn) : Number.NaN;
    if (Number.isFinite(expiresIn) && expiresIn >= 0) {
      token.expiresIn = expiresIn;
      token.expiresAt = receivedAt + expiresIn * 1000;
      token.expirySource = 'expires_in';
    }
    if (typeof body.scope === 'string') token.scope = body.scope;
    if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') notes.push(`token_type is "${body.token_type}", not "Bearer"`);
  }
  const claims = decodeJwtClaims(value);
  if (claims) token.claims = claims;
  return { ok: true, token, notes, attempts };
}

function basicRejected(body: Record<string, unknown> | undefined, path: string, details: Record<string, unknown>, fail: Fail): TokenOutcome {
  const codes = errorCodes(body);
  if (codes.includes('USER_EXPIRED_PASSWORD')) {
    return fail(
      `POST ${path} answered 401 USER_EXPIRED_PASSWORD: the account's password has expired or must be changed`,
      ['Log in to the Jamf Pro web interface with this account and set a new password (or ask an administrator to reset it).', 'Update JAMF_PASSWORD in your MCP configuration, then restart the MCP client.'],
      { ...details, errorCodes: codes },
    );
  }
  return fail(
    `POST ${path} answered 401 Unauthorized: Jamf Pro rejected the username and password (Failed to authenticate with Jamf Pro)`,
    [
      'Check JAMF_USERNAME and JAMF_PASSWORD for typos (case matters; no spaces around them).',
      'In Jamf Pro, go to Settings → System → User accounts and groups (the guide: Settings → System → User Accounts) and verify the account is enabled and not locked.',
      'Use a Jamf Pro local account: single sign-on (SSO) accounts cannot get API tokens.',
      "If the password expired, log in to the web interface to change it. The doctor does not retry (repeated failures can lock the account). Better still, switch to an API client (client_credentials), as the guide recommends.",
    ],
    { ...details, errorCodes: codes },
  );
}

function clientRejected(response: JamfResponse, body: Record<string, unknown> | undefined, path: string, details: Record<string, unknown>, fail: Fail): TokenOutcome {
  const error = typeof body?.error === 'string' ? body.error : undefined;
  const description = typeof body?.error_description === 'string' ? body.error_description.slice(0, 200) : undefined;
  const shown = error ? ` (error: ${error}${description ? `, error_description: ${description}` : ''})` : '';
  const oauthDetails = { ...details, error: error ?? null, errorDescription: description ?? null };
  if (response.status === 401 || error === 'invalid_client') {
    return fail(
      `POST ${path} answered ${response.status}${shown}: Client authentication failed — Jamf Pro does not accept this client ID and secret`,
      [
        'Copy the client ID from Jamf Pro exactly: Settings → System → API Roles and Clients → API Clients.',
        'Check the client still exists and is enabled there; if you are unsure of the secret (or it was rotated), generate a new client secret.',
        'Update JAMF_CLIENT_ID and JAMF_CLIENT_SECRET in your MCP configuration immediately, then restart the MCP client.',
      ],
      oauthDetails,
    );
  }
  if (error === 'invalid_scope') {
    // Neither JamfMCP nor the doctor asks for a scope: the client's own role assignment is the problem.
    return fail(`POST ${path} answered 400${shown}: the API client's API roles cannot be granted (no role, or a role that was deleted)`, ['In Jamf Pro, open Settings → System → API Roles and Clients → API Clients, assign an existing API role to the client, then generate a new client secret and update JAMF_CLIENT_SECRET.'], oauthDetails);
  }
  if (error === 'unsupported_grant_type' || error === 'invalid_request') {
    return fail(`POST ${path} answered 400${shown}: the server did not accept the client credentials request`, ['The server does not handle client credentials as Jamf Pro 10.49+ does: check JAMF_URL and the Jamf Pro version.'], oauthDetails);
  }
  return fail(`POST ${path} answered 400${shown}`, ['Check the client ID and secret, and that JAMF_URL points at Jamf Pro 10.49 or later.'], oauthDetails);
}

function networkFailure(error: unknown, path: string, timeoutMs: number): [string, string[], Record<string, unknown>] {
  const failure = describeHttpFailure(error, timeoutMs, 'a token response');
  return [`POST ${path} ${failure.what}`, failure.steps, { path, code: failure.code }];
}

function errorCodes(body: Record<string, unknown> | undefined): string[] {
  const errors = body?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e) => (isRecord(e) && typeof e.code === 'string' ? [e.code] : [])).slice(0, 5);
}

function errorText(body: Record<string, unknown> | undefined): string {
  const codes = errorCodes(body);
  if (codes.length > 0) return ` (${codes.join(', ')})`;
  if (typeof body?.error === 'string') return ` (error: ${body.error})`;
  return '';
}

function htmlSteps(): string[] {
  return [
    'An HTML page means a login page, captive portal (hotel or guest Wi-Fi), proxy error page or a different web server answered instead of the Jamf Pro API.',
    'Open JAMF_URL in a browser on this computer: if a portal or login page appears, complete it or use another network; otherwise correct JAMF_URL.',
  ];
}


function safeUrl(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** The guide's "test outside JamfMCP" step for this server and auth type; secrets stay `$JAMF_…` references. */
export function curlCommand(base: URL, authType: AuthType, caFile: string | undefined): string {
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const cacert = caFile ? ` --cacert ${shellQuote(caFile)}` : '';
  if (authType === 'basic') {
    return `curl -sS -X POST -u "$JAMF_USERNAME:$JAMF_PASSWORD"${cacert} "${root}${USER_TOKEN_PATH}"`;
  }
  return [
    `curl -sS -X POST${cacert} "${root}${OAUTH_TOKEN_PATHS[0]}" \\`,
    '  -H "Content-Type: application/x-www-form-urlencoded" \\',
    '  --data-urlencode "client_id=$JAMF_CLIENT_ID" \\',
    '  --data-urlencode "client_secret=$JAMF_CLIENT_SECRET" \\',
    '  --data-urlencode "grant_type=client_credentials"',
  ].join('\n');
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
