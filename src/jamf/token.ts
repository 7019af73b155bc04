import type { AuthType } from '../jamfmcp/profiles.js';
import { readTokenAnswer, statusErrorText, type TokenRequest } from '../jamfmcp/token.js';
import { isRecord } from '../config/json.js';
import type { Fix } from '../engine/types.js';
import { describeHttpFailure, htmlTitle, type JamfHttp, type JamfResponse } from './http.js';
import { decodeJwtClaims, parseExpires, type JwtClaims } from './jwt.js';

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

export type TokenOutcome =
  | { ok: true; token: JamfToken; notes: string[]; attempts: string[] }
  | {
      ok: false;
      message: string;
      fix: Fix;
      details: Record<string, unknown>;
      /** What JamfMCP shows for the same answer (httpx's error text, or the exception reading the body). */
      jamfmcpSees?: string;
      /** The HTTP status, when an answer arrived. */
      status?: number;
    };

export const USER_TOKEN_PATH = '/api/v1/auth/token';
export const OAUTH_TOKEN_PATH = '/api/oauth/token';
/** The endpoint Jamf documents; JamfMCP never calls it (the doctor tries it only to explain a 404). */
export const DOCUMENTED_OAUTH_TOKEN_PATH = '/api/v1/oauth/token';

export interface TokenContext {
  timeoutMs: number;
  now(): number;
  curl: string;
  register(secret: string): void;
  /** The URL as httpx prints it for a request path (for JamfMCP's error text). */
  printedUrl(path: string): string;
}

/**
 * Send JamfMCP's token request exactly (path, headers, body) once — JamfMCP never retries, and a
 * basic login must not be repeated (accounts lock) — and classify every outcome, with what
 * JamfMCP itself would show for it.
 */
export async function requestToken(http: JamfHttp, authType: AuthType, request: TokenRequest, signal: AbortSignal, context: TokenContext): Promise<TokenOutcome> {
  const path = request.path;
  const attempts = [`POST ${path}`];
  const fail: Fail = (message, steps, details = {}, extra = {}) => ({
    ok: false,
    message,
    fix: {
      steps: [...steps, 'Test outside JamfMCP with this command (it uses the credentials in your shell, or asks for those that are not; they never appear in this report):'],
      commands: [context.curl],
    },
    details: { attempts, ...details },
    ...extra,
  });
  let response: JamfResponse;
  try {
    const headers = { ...request.headers, ...(request.basic ? { authorization: request.basic } : {}) };
    response = await http.request({ method: 'POST', path, credentialed: true, headers, ...(request.body !== undefined ? { body: request.body } : {}) }, signal);
  } catch (error) {
    const [message, steps, details] = networkFailure(error, path, context.timeoutMs);
    return fail(message, steps, details);
  }
  return classify(response, path, authType, attempts, fail, context);
}

type Fail = (message: string, steps: string[], details?: Record<string, unknown>, extra?: { jamfmcpSees?: string; status?: number }) => TokenOutcome;

function classify(
  response: JamfResponse,
  path: string,
  authType: AuthType,
  attempts: string[],
  fail: Fail,
  context: TokenContext,
): TokenOutcome {
  const { status } = response;
  const body = isRecord(response.json) ? response.json : undefined;
  const title = htmlTitle(response);
  const details = { path, status, contentType: response.contentType || null };
  const sees = statusErrorText(status, context.printedUrl(path), response.headers.location);
  const failWith: Fail = (message, steps, more, extra) => fail(message, steps, more, { ...(sees ? { jamfmcpSees: sees } : {}), status, ...extra });

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
    return failWith(
      `POST ${path} answered ${status} and redirects to ${where}; the doctor does not follow a redirect with credentials`,
      [
        'A redirect on the token endpoint means JAMF_URL does not point at the Jamf Pro server itself: use the URL the redirect leads to only if it is your Jamf Pro server (same https host), e.g. the final host name after a rename.',
        'A redirect to a login page or single sign-on provider means a proxy or SSO front end is in the way: JamfMCP needs direct API access.',
      ],
      { ...details, location: target?.href ?? location ?? null },
    );
  }

  if (status >= 200 && status < 300) {
    if (title) {
      return failWith(`POST ${path} answered with an HTML page ("${title}") instead of JSON: this is not the Jamf Pro API`, htmlSteps(), details, { jamfmcpSees: 'JSONDecodeError: Expecting value: line 1 column 1 (char 0)' });
    }
    return success(response, path, authType, attempts, failWith, context);
  }

  if (status === 401 || (status === 400 && authType === 'client_credentials')) {
    return authType === 'basic' ? basicRejected(body, path, details, failWith) : clientRejected(response, body, path, details, failWith);
  }
  if (status === 400) {
    return failWith(`POST ${path} answered 400 Bad Request${errorText(body)}`, ['The request was malformed for this server: check that JAMF_URL points at Jamf Pro itself.'], details);
  }
  if (status === 403) {
    return failWith(
      `POST ${path} answered 403 Forbidden${title ? ` ("${title}")` : ''}: the token endpoint itself refuses this computer`,
      [
        'Jamf Pro or a firewall in front of it restricts API access by IP address: ask the administrator to allow your address (the guide\'s "IP address restrictions").',
        'A corporate proxy or web filter can block it too: try from another network.',
      ],
      details,
    );
  }
  if (status === 404) {
    return failWith(
      `${attempts.join(' and ')} answered 404 Not Found${title ? ` ("${title}")` : ''}: no Jamf Pro API at ${new URL(response.url).origin}${new URL(response.url).pathname.replace(/\/api\/.*$/, '') || ''}`,
      [
        'Check JAMF_URL: it must be the host you log in to Jamf Pro with, e.g. https://your-server.jamfcloud.com — JamfMCP keeps only the host (a context path such as /jamf is dropped), so Jamf Pro must answer at the root of that host.',
        authType === 'client_credentials'
          ? 'API clients (client_credentials) need Jamf Pro 10.49 or later: upgrade an older server (only JamfMCP 1.0.1, with JAMF_AUTH_TYPE=basic, can use a user account instead).'
          : 'This endpoint exists from Jamf Pro 10.35 on; upgrade an older server.',
      ],
      details,
    );
  }
  if (status === 405) {
    return failWith(`POST ${path} answered 405 Method Not Allowed: something other than Jamf Pro answers at this URL (a proxy, load balancer or web server)`, ['Check that JAMF_URL points at the Jamf Pro server itself, not at a web site or a load balancer page.'], details);
  }
  if (status === 429) {
    const retry = response.headers['retry-after'];
    return failWith(
      `POST ${path} answered 429 Too Many Requests${retry ? ` (Retry-After: ${retry.slice(0, 40)})` : ''}: the server or a gateway is rate-limiting`,
      [
        'Wait and run the doctor again; stop other tools that call the API in a loop.',
        'JamfMCP does not retry either: each tool call that meets the limit fails. The doctor never retries a token request (a repeated basic login can lock the account).',
      ],
      { ...details, retryAfter: retry ?? null },
    );
  }
  if (status >= 500) {
    const page = title ?? '';
    const starting = /starting|initializ/i.test(page);
    return failWith(
      `POST ${path} answered ${status}${page ? ` ("${page}")` : ''}: ${starting ? 'Jamf Pro is still starting up' : /timeout/i.test(page) ? 'Jamf Cloud timed out' : 'the server failed'}`,
      [
        starting ? 'Wait until Jamf Pro has finished starting, then try again.' : 'This is a problem on the server side: try again in a few minutes; if it persists, check the Jamf Pro logs or contact Jamf support.',
        /service unavailable/i.test(page) ? 'A Jamf Cloud tenant migrated from on-premises may still answer only on port 8443, which JamfMCP cannot use (it always connects to 443): ask Jamf support to serve it on 443.' : 'Check https://status.jamf.com for Jamf Cloud incidents.',
      ],
      details,
    );
  }
  return failWith(`POST ${path} answered an unexpected ${status}${title ? ` ("${title}")` : ''}`, ['Check that JAMF_URL points at Jamf Pro itself.'], details);
}

/**
 * A 2xx answer, read as JamfMCP reads it (src/jamfmcp/token.ts): whatever JamfMCP cannot read fails
 * here with its own exception text, whatever the doctor could have made of it.
 */
function success(response: JamfResponse, path: string, authType: AuthType, attempts: string[], fail: Fail, context: TokenContext): TokenOutcome {
  const details = { path, status: response.status };
  const body = isRecord(response.json) ? response.json : undefined;
  // Register whatever token-like value arrived before anything can print it.
  for (const key of ['token', 'access_token']) if (body && typeof body[key] === 'string') context.register(body[key]);
  const receivedAt = context.now();
  const reading = readTokenAnswer(authType, response.text, receivedAt);
  const expectedKey = authType === 'basic' ? 'token' : 'access_token';
  const otherKey = authType === 'basic' ? 'access_token' : 'token';
  if (!reading.ok) {
    const sees = { jamfmcpSees: reading.error };
    if (reading.field === 'body') {
      const kind = response.json === undefined ? 'not JSON' : Array.isArray(response.json) ? 'a JSON array, not a token object' : `JSON ${response.json === null ? 'null' : typeof response.json}, not a token object`;
      return fail(`POST ${path} answered ${response.status} but the body is ${kind}${response.contentType ? ` (${response.contentType})` : ''}; JamfMCP stops with ${reading.error.split('\n')[0]}`, ['Check that JAMF_URL points at Jamf Pro itself, not at a proxy or web server.'], details, sees);
    }
    if (reading.field === expectedKey && body && typeof body[otherKey] === 'string') {
      return fail(
        `POST ${path} answered with "${otherKey}" where a ${authType === 'basic' ? 'user token response' : 'client credentials response'} has "${expectedKey}" (the token vs access_token mix-up); JamfMCP stops with ${reading.error}`,
        ['Something between you and Jamf Pro rewrites responses, or this is not Jamf Pro: check JAMF_URL and any proxy.'],
        { ...details, keys: Object.keys(body).slice(0, 10) },
        sees,
      );
    }
    return fail(
      `POST ${path} answered ${response.status}, but JamfMCP cannot read the answer: ${reading.error.split('\n').join(' ')} (the "${reading.field}" field)`,
      [
        `Jamf Pro's token answer always carries ${authType === 'basic' ? 'token and expires' : 'access_token, a numeric expires_in and a scope string'}; an answer without them comes from something else (a proxy, a gateway, a different server) or a server that rewrites responses: check JAMF_URL and any proxy.`,
      ],
      { ...details, field: reading.field, keys: body ? Object.keys(body).slice(0, 10) : [] },
      sees,
    );
  }
  if (reading.warnings.includes('empty-token')) {
    return fail(
      `POST ${path} answered ${response.status} with an empty ${expectedKey}: JamfMCP would send "Authorization: Bearer " and every tool would get 401${authType === 'client_credentials' ? ' (the API client is probably disabled)' : ''}`,
      [authType === 'client_credentials' ? 'In Jamf Pro, open Settings → System → API Roles and Clients → API Clients, and enable the client (and make sure it has a role).' : 'Check the account in Jamf Pro: Settings → System → User accounts and groups.'],
      details,
    );
  }
  context.register(reading.token);
  const token: JamfToken = { value: reading.token, kind: authType === 'basic' ? 'user' : 'oauth', path, receivedAt };
  const notes: string[] = [];
  if (authType === 'basic') {
    if (reading.warnings.includes('no-expiry')) notes.push('the answer has no expires: JamfMCP 1.0.1 then treats the token as already expired and asks for a new one before every call');
    const expires = parseExpires(body?.expires);
    if (expires !== undefined) {
      token.expiresAt = expires;
      token.expirySource = typeof body?.expires === 'number' || /^\d+$/.test(String(body?.expires)) ? 'expires (epoch milliseconds)' : 'expires';
    }
  } else {
    if (reading.expiresInSeconds !== undefined) {
      token.expiresIn = reading.expiresInSeconds;
      token.expiresAt = receivedAt + reading.expiresInSeconds * 1000;
      token.expirySource = 'expires_in';
    }
    if (reading.scope) token.scope = reading.scope.join(' ');
    if (body && typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') notes.push(`token_type is "${body.token_type}", not "Bearer"`);
    if (reading.warnings.includes('expires-at-once')) notes.push(`expires_in is ${reading.expiresInSeconds} s: JamfMCP treats a token with 5 s or less left as expired and asks for a new one on every call`);
  }
  const claims = decodeJwtClaims(reading.token);
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


/**
 * The guide's "test outside JamfMCP" step for this server and auth type: JamfMCP's own token
 * request, trusting what JamfMCP trusts — its SSL_CERT_FILE (--cacert) or SSL_CERT_DIR (--capath);
 * with neither, curl's own default store, which may differ from JamfMCP's certifi bundle — and with
 * the same --connect-to mappings (curl's syntax). Secrets stay `$JAMF_…` references.
 */
export function curlCommand(
  base: URL,
  authType: AuthType,
  trust: { file?: string; dir?: string },
  connectTo: readonly string[] = [],
  notInShell: readonly string[] = [],
): string {
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const store = trust.file ? ` --cacert ${shellQuote(trust.file)}` : trust.dir ? ` --capath ${shellQuote(trust.dir)}` : '';
  const cacert = `${store}${connectTo.map((c) => ` --connect-to ${shellQuote(c)}`).join('')}`;
  // A credential that came from a config file, a flag or a prompt is not in the shell the command is
  // pasted into: read it first (secrets without echo; bash and zsh both take read -rs), so that curl
  // never sends an empty value and gets a 401 that looks real. The value itself is never printed.
  const reads = (authType === 'basic' ? ['JAMF_USERNAME', 'JAMF_PASSWORD'] : ['JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET'])
    .filter((name) => notInShell.includes(name))
    .map((name) => `printf '${name}: '; read -r${/PASSWORD|SECRET/.test(name) ? 's' : ''} ${name}${/PASSWORD|SECRET/.test(name) ? '; echo' : ''}`);
  if (authType === 'basic') {
    return [...reads, `curl -sS -X POST -u "$JAMF_USERNAME:$JAMF_PASSWORD"${cacert} ${shellQuote(`${root}${USER_TOKEN_PATH}`)}`].join('\n');
  }
  return [
    ...reads,
    // Single-quoted unless plainly safe: a URL path may hold $( ) ; | that double quotes would run.
    `curl -sS -X POST${cacert} ${shellQuote(`${root}${OAUTH_TOKEN_PATH}`)} \\`,
    '  -H "Content-Type: application/x-www-form-urlencoded" \\',
    '  --data-urlencode "client_id=$JAMF_CLIENT_ID" \\',
    '  --data-urlencode "client_secret=$JAMF_CLIENT_SECRET" \\',
    '  --data-urlencode "grant_type=client_credentials"',
  ].join('\n');
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
