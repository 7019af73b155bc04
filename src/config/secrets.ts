/**
 * Every secret the run knows (passwords, client secrets, tokens, credentials found inside URLs).
 * Output is built so that secrets never reach it; `redact` is the last line of defence that
 * every renderer and log line passes through, so a mistake elsewhere still cannot leak.
 */
export class Secrets {
  readonly #values = new Set<string>();

  /** Register a secret. Values shorter than 3 characters are too short to search for safely. */
  add(value: string | undefined): void {
    if (value === undefined || value.trim().length < 3) return;
    for (const form of encodings(value)) {
      if (form.length >= 3) this.#values.add(form);
    }
  }

  /** Replace every occurrence of a known secret (and its common encodings) with `[REDACTED]`. */
  redact(text: string): string {
    if (this.#values.size === 0 || text.length === 0) return text;
    // Longest first, so a secret that contains another is replaced whole.
    const sorted = [...this.#values].sort((a, b) => b.length - a.length);
    let out = text;
    for (const secret of sorted) {
      if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    }
    return out;
  }

  get size(): number {
    return this.#values.size;
  }
}

/**
 * Percent-encode `text` as UTF-8, keeping the ASCII characters `keep` accepts (and turning a space
 * into "+" when asked): the one encoder behind every percent form below.
 */
export function percentEncode(text: string, keep: RegExp, spaceAsPlus = false): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (spaceAsPlus && ch === ' ') out += '+';
    else if (byte < 0x80 && keep.test(ch)) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** CPython's quote_plus: what the doctor (like JamfMCP's httpx) puts in a form body. */
export const QUOTE_PLUS_SAFE = /^[A-Za-z0-9_.\-~]$/;
/** RFC 3986 userinfo characters kept unencoded (as httpx quotes a URL's userinfo). */
const USERINFO_SAFE = /^[A-Za-z0-9_.\-~!$&'()*+,;=:]$/;

/**
 * The forms a secret can take on its way into output: raw, trimmed, every percent-encoding the
 * doctor or a server may apply (encodeURIComponent, the form body the doctor sends, URL userinfo,
 * each in upper- and lower-case hex), JSON-escaped, and as the renderers escape text.
 */
function encodings(value: string): string[] {
  const forms = new Set<string>([value, value.trim()]);
  try {
    const percent = [
      encodeURIComponent(value),
      encodeURIComponent(value).replace(/%20/g, '+'),
      percentEncode(value, QUOTE_PLUS_SAFE, true),
      percentEncode(value, QUOTE_PLUS_SAFE),
      percentEncode(value, USERINFO_SAFE),
    ];
    for (const form of percent) {
      forms.add(form);
      forms.add(form.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    }
  } catch {
    // lone surrogates cannot be URL-encoded; the raw form is still registered
  }
  const json = JSON.stringify(value).slice(1, -1);
  forms.add(json);
  // As the Markdown and XML renderers escape text.
  for (const form of [value, json]) {
    forms.add(form.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
    forms.add(form.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    forms.add(form.replace(/\|/g, '\\|'));
    forms.add(form.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|'));
  }
  return [...forms].filter((f) => f.length > 0);
}

/**
 * A short, non-secret hint of which identifier is in use (client id, username): the first four
 * characters and an ellipsis. Never use this on passwords, client secrets or tokens.
 */
export function fingerprint(value: string): string {
  const chars = [...value.trim()];
  if (chars.length <= 4) return '…';
  // Never pass control characters from the environment on to a terminal.
  return `${chars
    .slice(0, 4)
    .map((c) => (/[\u0000-\u001f\u007f-\u009f]/.test(c) ? '?' : c))
    .join('')}…`;
}

/**
 * The password written in a URL's userinfo (`scheme://user:password@host`, or `user:password@host`
 * without a scheme), found by hand so that a URL no parser accepts still gives it up: everything
 * between `://` (or the start) and the last `@` is userinfo, so a password holding `/`, `?` or `@`
 * is taken whole. Returns its raw and
 * percent-decoded forms; empty when there is none.
 */
export function urlPasswords(text: string | undefined): string[] {
  if (text === undefined) return [];
  const trimmed = text.trim().replace(/^["'`]+/, '');
  // A scheme only when slashes follow: in "apiuser:Passw0rd@host" the "apiuser:" is the user, not a scheme.
  const scheme = /^[a-z][a-z0-9+.-]*:\/+/i.exec(trimmed);
  const rest = scheme ? trimmed.slice(scheme[0].length) : trimmed;
  const at = rest.lastIndexOf('@');
  if (at < 0) return [];
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return [];
  const raw = userinfo.slice(colon + 1);
  if (raw === '') return [];
  const forms = new Set([raw]);
  try {
    forms.add(decodeURIComponent(raw));
  } catch {
    // a malformed % escape: the raw form is still registered
  }
  return [...forms];
}
