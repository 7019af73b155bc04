/**
 * The few pieces of Python's standard library whose exact behaviour decides what JamfMCP does with
 * a value: str.strip(), repr() of a string, urllib.parse.urlparse (netloc and path), and the form
 * encoding httpx sends (urllib.parse.urlencode with quote_plus). Written from CPython 3.13's
 * Lib/urllib/parse.py and Objects/unicodeobject.c behaviour; JamfMCP requires Python >= 3.13
 * (liquidz00/jamfmcp@v1.0.2:pyproject.toml:7).
 */

import { percentEncode, QUOTE_PLUS_SAFE } from '../config/secrets.js';

/** Characters str.isspace() accepts (what str.strip() with no argument removes). */
const PY_WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Python's `str.strip()`: unlike JavaScript's trim(), it strips \x1c-\x1f and \x85 but keeps U+FEFF. */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PY_WHITESPACE.has(text.charCodeAt(start))) start += 1;
  while (end > start && PY_WHITESPACE.has(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

/** What str.isprintable() rejects beyond ASCII: other, separator and unassigned categories. */
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/** Python's repr() of a str, as exception messages print it: 'text', or "text" when it holds a ' and no ". */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code > 0x7f && NON_PRINTABLE.test(ch))) {
      out += code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : code < 0x10000 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

const SCHEME_CHARS = /^[A-Za-z0-9+\-.]$/;
const WHATWG_C0_CONTROL_OR_SPACE = /^[\u0000-\u0020]+/;

export class PyValueError extends Error {
  override readonly name = 'ValueError';
}

/**
 * `urllib.parse.urlparse(url)`: the scheme, netloc and path JamfMCP's _parse_server_url reads.
 * Throws PyValueError where CPython raises ValueError (an unbalanced or invalid bracketed host, a
 * netloc that NFKC-normalises into URL delimiters).
 */
export function pyUrlparse(input: string): { scheme: string; netloc: string; path: string } {
  // urlsplit: lstrip C0 controls and space, then remove every tab, CR and LF (CPython bpo-43882).
  let url = input.replace(WHATWG_C0_CONTROL_OR_SPACE, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  const colon = url.indexOf(':');
  if (colon > 0 && /^[A-Za-z]$/.test(url[0] as string) && [...url.slice(0, colon)].every((c) => SCHEME_CHARS.test(c))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith('//')) {
    let delim = url.length;
    for (const c of '/?#') {
      const at = url.indexOf(c, 2);
      if (at >= 0) delim = Math.min(delim, at);
    }
    netloc = url.slice(2, delim);
    url = url.slice(delim);
    if ((netloc.includes('[') && !netloc.includes(']')) || (netloc.includes(']') && !netloc.includes('['))) {
      throw new PyValueError('Invalid IPv6 URL');
    }
    if (netloc.includes('[') && netloc.includes(']')) {
      // netloc.partition('[')[2].partition(']')[0]
      const afterOpen = netloc.slice(netloc.indexOf('[') + 1);
      const close = afterOpen.indexOf(']');
      checkBracketedHost(close >= 0 ? afterOpen.slice(0, close) : afterOpen);
    }
  }
  const hash = url.indexOf('#');
  if (hash >= 0) url = url.slice(0, hash);
  const question = url.indexOf('?');
  if (question >= 0) url = url.slice(0, question);
  checkNetloc(netloc);
  // urlparse: ";params" split off the last path segment for schemes that use them (http, https…).
  let path = url;
  if ((scheme === 'http' || scheme === 'https' || scheme === '') && path.includes(';')) {
    const slash = path.lastIndexOf('/');
    const semi = slash >= 0 ? path.indexOf(';', slash) : path.indexOf(';');
    if (semi >= 0) path = path.slice(0, semi);
  }
  return { scheme, netloc, path };
}

function checkBracketedHost(hostname: string): void {
  if (hostname.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\..+$/s.test(hostname)) throw new PyValueError('IPvFuture address is invalid');
    return;
  }
  if (isIPv4(hostname)) throw new PyValueError('An IPv4 address cannot be in brackets');
  if (!isIPv6(hostname)) throw new PyValueError(`${pyRepr(hostname)} does not appear to be an IPv4 or IPv6 address`);
}

function checkNetloc(netloc: string): void {
  if (netloc === '' || /^[\u0000-\u007f]*$/.test(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const normalised = n.normalize('NFKC');
  if (n === normalised) return;
  for (const c of '/?#@:') {
    if (normalised.includes(c)) throw new PyValueError(`netloc '${netloc}' contains invalid characters under NFKC normalization`);
  }
}

/** ipaddress.IPv4Address: four decimal octets, no leading zeros. */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** ipaddress.IPv6Address, without a zone (%scope) check beyond its presence. */
export function isIPv6(text: string): boolean {
  const address = text.split('%')[0] ?? '';
  if (!/^[0-9A-Fa-f:.]+$/.test(address) || !address.includes(':')) return false;
  const double = address.split('::');
  if (double.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(double[0] ?? '');
  const tail = double.length === 2 ? groups(double[1] ?? '') : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    count += 1;
  }
  const hex = all.filter((g) => !g.includes('.'));
  if (!hex.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return double.length === 2 ? count < 8 : count === 8;
}

/**
 * `urllib.parse.urlencode(data)` as httpx sends `data=` (quote_plus: space → "+", `~` kept, `*`
 * encoded; CPython's _ALWAYS_SAFE) — not what URLSearchParams sends (`*` kept, `~` encoded).
 */
export function pyFormEncode(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${percentEncode(k, QUOTE_PLUS_SAFE, true)}=${percentEncode(v, QUOTE_PLUS_SAFE, true)}`).join('&');
}
