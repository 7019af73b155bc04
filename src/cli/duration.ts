const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000 };
/** Longer than any sensible per-operation limit; catches `--timeout 10000` meant as milliseconds. */
const MAX_MS = 10 * 60_000;

/**
 * Parse a duration such as `500ms`, `10s`, `1.5s` or `2m`; a bare number is seconds.
 * Throws an Error whose message says what is wrong, for a one-line usage error.
 */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min)?\s*$/i.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration (use e.g. 500ms, 10s or 2m)`);
  const unit = (match[2] ?? 's').toLowerCase();
  const ms = Math.round(Number(match[1]) * (UNITS[unit] ?? 1000));
  if (!Number.isFinite(ms) || ms > MAX_MS) throw new Error(`"${text}" is too long (at most 10m)`);
  if (ms < 1) throw new Error(`"${text}" is too short (at least 1ms)`);
  return ms;
}
