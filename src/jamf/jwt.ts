/** The claims of a Jamf Pro token that matter for diagnosis. */
export interface JwtClaims {
  exp?: number;
  iat?: number;
  nbf?: number;
  authenticationType?: string;
  scope?: string[];
  subjectType?: string;
}

/**
 * Decode a JWT payload without verifying it (the doctor only reads its own token's claims).
 * Returns undefined for anything that is not a JWT with a JSON object payload.
 */
export function decodeJwtClaims(token: string): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1] || parts[1].length > 64 * 1024) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const claims: JwtClaims = {};
  const exp = num(p.exp);
  const iat = num(p.iat);
  const nbf = num(p.nbf);
  if (exp !== undefined) claims.exp = exp;
  if (iat !== undefined) claims.iat = iat;
  if (nbf !== undefined) claims.nbf = nbf;
  if (typeof p['authentication-type'] === 'string') claims.authenticationType = p['authentication-type'];
  if (typeof p['subject-type'] === 'string') claims.subjectType = p['subject-type'];
  if (Array.isArray(p.scope)) claims.scope = p.scope.filter((s): s is string => typeof s === 'string');
  else if (typeof p.scope === 'string') claims.scope = p.scope.split(' ').filter((s) => s !== '');
  return claims;
}

/**
 * `expires` from /api/v1/auth/token: an ISO 8601 string, or epoch milliseconds from old servers
 * (a number, or digits in a string). Returns epoch milliseconds or undefined.
 */
export function parseExpires(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value < 1e11 ? value * 1000 : value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return parseExpires(Number(value.trim()));
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `Retry-After`: delay-seconds or an HTTP date. Returns milliseconds to wait (≥ 0) or undefined. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400 * 365) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
