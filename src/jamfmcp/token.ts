/**
 * The token exchange as JamfMCP does it: the request it sends (path, headers, body, byte for byte)
 * and what it requires of the answer, with the exception text it raises otherwise.
 */
import { STATUS_CODES } from 'node:http';
import { pyFormEncode, pyRepr } from './python.js';
import type { AuthType, Profile } from './profiles.js';

const J2 = 'liquidz00/jamfmcp@v1.0.2';
const J1 = 'liquidz00/jamfmcp@v1.0.1';

export const TOKEN_RULES = {
  oauthRequest: `${J2}:src/jamfmcp/jamfsdk/clients/auth.py:165-182`,
  oauthResponse: `${J2}:src/jamfmcp/jamfsdk/clients/auth.py:183-198`,
  basicRequest: `${J1}:src/jamfmcp/jamfsdk/clients/auth.py:224-234`,
  basicResponse: `${J1}:src/jamfmcp/jamfsdk/clients/auth.py:235-243`,
  accessTokenModel: `${J2}:src/jamfmcp/jamfsdk/models/client.py:85-88`,
  isExpired: `${J1}:src/jamfmcp/jamfsdk/models/client.py:93-100`,
  raiseForStatus: 'encode/httpx@0.28.1:httpx/_models.py:794-829',
  noRetry: `${J2}:src/jamfmcp/jamfsdk/models/client.py:55-56`,
} as const;

/** The jamfsdk's User-Agent (v1.0.2 src/jamfmcp/jamfsdk/models/client.py:10; jamfsdk/__about__.py: 0.2.0). */
export function jamfmcpUserAgent(system: string, release: string): string {
  return `JamfProSDK/0.2.0 ${system}/${release} Python/3.13`;
}

export interface TokenRequest {
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** For basic: the Authorization header value httpx builds from auth=(user, password). */
  basic?: string;
}

/**
 * The token request. OAuth: form body client_id, client_secret, grant_type in that order, encoded as
 * urlencode does, values sent verbatim (no trimming). Basic (<= 1.0.1): HTTP Basic, no body.
 */
export function tokenRequest(profile: Profile, authType: AuthType, credentials: { username?: string; password?: string; clientId?: string; clientSecret?: string }): TokenRequest {
  if (authType === 'basic') {
    const path = profile.tokenPath.basic ?? '/api/v1/auth/token';
    // httpx BasicAuth: b":".join(to_bytes(user), to_bytes(password)) in UTF-8, base64.
    const basic = `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`, 'utf8').toString('base64')}`;
    return { path, headers: { accept: 'application/json' }, basic };
  }
  return {
    path: profile.tokenPath.client_credentials,
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: pyFormEncode([
      ['client_id', credentials.clientId ?? ''],
      ['client_secret', credentials.clientSecret ?? ''],
      ['grant_type', 'client_credentials'],
    ]),
  };
}

/**
 * httpx's raise_for_status() text for a non-2xx answer, as JamfMCP shows it. The reason phrase is
 * the standard one (the server's own phrase, which httpx prefers, is not available to the doctor).
 */
export function statusErrorText(status: number, printedUrl: string, location?: string): string | undefined {
  if (status >= 200 && status < 300) return undefined;
  const kind = ({ 1: 'Informational response', 3: 'Redirect response', 4: 'Client error', 5: 'Server error' } as Record<number, string>)[Math.floor(status / 100)] ?? 'Invalid status code';
  const redirect = location !== undefined && [301, 302, 303, 307, 308].includes(status) ? `\nRedirect location: '${location}'` : '';
  return `${kind} '${status} ${STATUS_CODES[status] ?? ''}' for url '${printedUrl}'${redirect}\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/${status}`;
}

/** What JamfMCP made of a 2xx token answer: a token, or the exception it raised reading it. */
export type TokenReading =
  | { ok: true; token: string; expiresInSeconds?: number; scope?: string[]; warnings: string[] }
  | { ok: false; error: string; field: string; rule: string };

const pyType = (value: unknown): string =>
  value === null ? 'NoneType' : Array.isArray(value) ? 'list' : typeof value === 'string' ? 'str' : typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? (Number.isSafeInteger(value) ? 'int' : 'float') : 'dict';

/**
 * Read a 2xx token answer as JamfMCP does. OAuth: resp.json(), then resp_data["access_token"],
 * timedelta(seconds=resp_data["expires_in"]), resp_data["scope"].split(), evaluated in that order,
 * then pydantic checks that the token is a str. Basic: AccessToken(type="user", **resp.json()).
 */
export function readTokenAnswer(authType: AuthType, text: string, now: number): TokenReading {
  let data: unknown;
  try {
    // httpx's Response.json() decodes the bytes (a UTF-8 BOM is accepted) before json.loads.
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return { ok: false, error: `JSONDecodeError: Expecting value: line 1 column 1 (char 0)`, field: 'body', rule: authType === 'basic' ? TOKEN_RULES.basicResponse : TOKEN_RULES.oauthResponse };
  }
  return authType === 'basic' ? readUserToken(data) : readOAuthToken(data, now);
}

function readOAuthToken(data: unknown, now: number): TokenReading {
  const rule = TOKEN_RULES.oauthResponse;
  const fail = (error: string, field: string): TokenReading => ({ ok: false, error, field, rule });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const type = pyType(data);
    return fail(
      type === 'list' ? 'TypeError: list indices must be integers or slices, not str' : type === 'str' ? 'TypeError: string indices must be integers, not \'str\'' : `TypeError: '${type}' object is not subscriptable`,
      'body',
    );
  }
  const body = data as Record<string, unknown>;
  if (!('access_token' in body)) return fail("KeyError: 'access_token'", 'access_token');
  if (!('expires_in' in body)) return fail("KeyError: 'expires_in'", 'expires_in');
  const expiresIn = body.expires_in;
  if (typeof expiresIn !== 'number' && typeof expiresIn !== 'boolean') {
    return fail(`TypeError: unsupported type for timedelta seconds component: ${pyType(expiresIn)}`, 'expires_in');
  }
  const seconds = Number(expiresIn);
  // timedelta(): a float infinity (1e400 in JSON) cannot become an int; days beyond a C int overflow
  // before the range check; then |days| <= 999999999 (CPython Modules/_datetimemodule.c).
  if (!Number.isFinite(seconds)) return fail('OverflowError: cannot convert float infinity to integer', 'expires_in');
  const days = Math.floor(seconds / 86_400);
  if (Math.abs(days) > 2 ** 31 - 1) return fail('OverflowError: Python int too large to convert to C int', 'expires_in');
  if (Math.abs(days) > 999_999_999) return fail(`OverflowError: days=${days}; must have magnitude <= 999999999`, 'expires_in');
  const expiry = now + seconds * 1000;
  if (expiry > Date.UTC(9999, 11, 31, 23, 59, 59, 999) || expiry < Date.UTC(1, 0, 1)) return fail('OverflowError: date value out of range', 'expires_in');
  if (!('scope' in body)) return fail("KeyError: 'scope'", 'scope');
  const scope = body.scope;
  if (typeof scope !== 'string') return fail(`AttributeError: '${pyType(scope)}' object has no attribute 'split'`, 'scope');
  const token = body.access_token;
  if (typeof token !== 'string') {
    return { ok: false, error: `ValidationError: 1 validation error for AccessToken\ntoken\n  Input should be a valid string [type=string_type, input_value=${pyShow(token)}, input_type=${pyType(token)}]`, field: 'access_token', rule: TOKEN_RULES.accessTokenModel };
  }
  const warnings: string[] = [];
  if (token === '') warnings.push('empty-token');
  if (seconds <= 5) warnings.push('expires-at-once');
  return { ok: true, token, expiresInSeconds: seconds, scope: scope.split(/\s+/).filter((s) => s !== ''), warnings };
}

function readUserToken(data: unknown): TokenReading {
  const rule = TOKEN_RULES.basicResponse;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, error: `TypeError: jamfmcp.jamfsdk.models.client.AccessToken() argument after ** must be a mapping, not ${pyType(data)}`, field: 'body', rule };
  }
  const body = data as Record<string, unknown>;
  if ('type' in body) return { ok: false, error: "TypeError: jamfmcp.jamfsdk.models.client.AccessToken() got multiple values for keyword argument 'type'", field: 'type', rule };
  const token = body.token;
  if (token !== undefined && typeof token !== 'string') {
    return { ok: false, error: `ValidationError: 1 validation error for AccessToken\ntoken\n  Input should be a valid string [type=string_type, input_value=${pyShow(token)}, input_type=${pyType(token)}]`, field: 'token', rule: TOKEN_RULES.accessTokenModel };
  }
  const warnings: string[] = [];
  // A missing token field leaves the model's default "" (models/client.py:86): every API call then sends "Bearer ".
  if (token === undefined || token === '') warnings.push('empty-token');
  // expires: datetime = EPOCH_DATETIME (v1.0.1 models/client.py:87), validated by pydantic 2.
  if (!('expires' in body)) warnings.push('no-expiry');
  else {
    const problem = pydanticDatetime(body.expires);
    if (problem) {
      return { ok: false, error: `ValidationError: 1 validation error for AccessToken\nexpires\n  ${problem} [input_value=${pyShow(body.expires)}, input_type=${pyType(body.expires)}]`, field: 'expires', rule: TOKEN_RULES.accessTokenModel };
    }
    // A time without a zone parses as a naive datetime, which is_expired then compares with an aware one.
    if (typeof body.expires === 'string' && !/^\s*-?\d+(\.\d+)?\s*$/.test(body.expires) && !/(Z|[+-]\d{2}(:?\d{2})?)\s*$/i.test(body.expires)) {
      return { ok: false, error: "TypeError: can't compare offset-naive and offset-aware datetimes", field: 'expires', rule: TOKEN_RULES.isExpired };
    }
  }
  return { ok: true, token: token ?? '', warnings };
}

/** Unix timestamps pydantic accepts: 0001-01-01 to 9999-12-31, in seconds (milliseconds beyond 2e10). */
const MAX_UNIX = 253_402_300_799;
const MIN_UNIX = -62_135_596_800;

/** Why pydantic 2 would reject `value` for a datetime field (its message), or undefined when it parses. */
function pydanticDatetime(value: unknown): string | undefined {
  const fromNumber = (n: number): string | undefined => {
    if (!Number.isFinite(n)) return 'Input should be a finite number';
    const seconds = Math.abs(n) > 2e10 ? n / 1000 : n;
    if (seconds > MAX_UNIX) return 'Input should be a valid datetime, dates after 9999 are not supported as unix timestamps';
    if (seconds < MIN_UNIX) return 'Input should be a valid datetime, dates before 0000 are not supported as unix timestamps';
    return undefined;
  };
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string') return 'Input should be a valid datetime';
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text));
  // ISO 8601 as pydantic's speedate reads it: a date, "T" or " ", a time, an optional zone.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i.test(text) || Number.isNaN(Date.parse(text.replace(' ', 'T')))) {
    return 'Input should be a valid datetime or date, invalid date format';
  }
  return undefined;
}

function pyShow(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return pyRepr(value);
  if (Array.isArray(value)) return '[...]';
  if (typeof value === 'object') return '{...}';
  return String(value);
}
