/** The useful part of a network error, however deeply Node or undici wrapped it. */
export interface NetError {
  /** e.g. ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ERR_SSL_WRONG_VERSION_NUMBER, TIMEOUT */
  code: string;
  message: string;
  address?: string;
  port?: number;
  /** Every address tried when several were (AggregateError from Happy Eyeballs). */
  attempts: Array<{ address?: string; port?: number; code: string }>;
}

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  address?: unknown;
  port?: unknown;
}

/**
 * Walk `cause` chains and AggregateErrors down to the error that carries a string code.
 * undici's fetch wraps errors in TypeError('fetch failed'); several refused addresses arrive as
 * an AggregateError with an empty message; an aborted signal is a DOMException named TimeoutError.
 */
export function describeNetError(error: unknown): NetError {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let best: ErrorLike | undefined;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as ErrorLike;
    if (e.name === 'TimeoutError') return { code: 'TIMEOUT', message: 'timed out', attempts: [] };
    if (typeof e.code === 'string') best = e;
    current = e.cause;
  }
  const chosen = best ?? (error as ErrorLike | undefined);
  const attempts = Array.isArray(chosen?.errors)
    ? (chosen.errors as ErrorLike[]).map((a) => ({
        ...(typeof a.address === 'string' ? { address: a.address } : {}),
        ...(typeof a.port === 'number' ? { port: a.port } : {}),
        code: typeof a.code === 'string' ? a.code : 'UNKNOWN',
      }))
    : [];
  const code = typeof chosen?.code === 'string' ? chosen.code : 'UNKNOWN';
  const message =
    typeof chosen?.message === 'string' && chosen.message !== ''
      ? chosen.message
      : attempts.length > 0
        ? `${code} (${attempts.map((a) => `${a.address ?? '?'}:${a.port ?? '?'}`).join(', ')})`
        : code;
  const result: NetError = { code, message, attempts };
  if (typeof chosen?.address === 'string') result.address = chosen.address;
  if (typeof chosen?.port === 'number') result.port = chosen.port;
  return result;
}

/** A promise that rejects with a TimeoutError after `ms` or when `signal` aborts; clean up with `clear`. */
export function deadline(ms: number, signal: AbortSignal): { promise: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {});
  return {
    promise,
    clear() {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
    },
  };
}
