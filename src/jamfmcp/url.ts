/**
 * The URL JamfMCP really requests, worked out exactly as it does, bugs included:
 *
 * 1. JamfAuth._parse_server_url (liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:72-82, the same at
 *    v1.0.1 auth.py:104-114): strip(); a value not starting with lower-case "http://" or "https://"
 *    is kept verbatim; otherwise urlparse(url).netloc or .path.
 * 2. JamfProClient (v1.0.2 src/jamfmcp/jamfsdk/clients/__init__.py:66-75): urlunparse(("https",
 *    f"{server}:443", …)), so the base is always "https://" + server + ":443", whatever server holds.
 * 3. Every request URL is that base + "/api/…" (auth.py:166, __init__.py:239,312), parsed by httpx
 *    0.28.1 (encode/httpx@0.28.1:httpx/_urlparse.py), which raises InvalidURL for a port that is not
 *    a number and omits the default port when it prints the URL.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { isIPv4, isIPv6, pyRepr, pyStrip, pyUrlparse, PyValueError } from './python.js';

const J2 = 'liquidz00/jamfmcp@v1.0.2';
const HX = 'encode/httpx@0.28.1';

export const URL_RULES = {
  parseServerUrl: `${J2}:src/jamfmcp/auth.py:72-82`,
  base443: `${J2}:src/jamfmcp/jamfsdk/clients/__init__.py:66-75`,
  httpxParse: `${HX}:httpx/_urlparse.py:199-319`,
  httpxPort: `${HX}:httpx/_urlparse.py:406-432`,
  httpxPrintable: `${HX}:httpx/_urlparse.py:211-219`,
  basicFromUserinfo: `${HX}:httpx/_client.py:457-472`,
  emptyHost: 'encode/httpcore@1.0.9:httpcore/_async/connection_pool.py:206-208',
} as const;

/** The server string JamfAuth keeps, or the ValueError urlparse raises at start-up. */
export type ServerValue = { ok: true; server: string } | { ok: false; error: string; rule: string };

/** `JamfAuth._parse_server_url`. `strips` is false only for early 1.0.0 development commits (before 31a5fd5). */
export function parseServerUrl(raw: string, strips = true): ServerValue {
  const url = strips ? pyStrip(raw) : raw;
  if (url === '') return { ok: true, server: '' };
  if (!url.startsWith('http://') && !url.startsWith('https://')) return { ok: true, server: url };
  try {
    const parsed = pyUrlparse(url);
    return { ok: true, server: parsed.netloc || parsed.path };
  } catch (error) {
    if (error instanceof PyValueError) return { ok: false, error: `ValueError: ${error.message}`, rule: URL_RULES.parseServerUrl };
    throw error;
  }
}

/** A request URL as httpx parses it. */
export interface JamfmcpUrl {
  ok: true;
  /** Lower-cased, percent-encoded or IDNA host, as httpx sends it (IPv6 without brackets). */
  host: string;
  /** Userinfo httpx keeps in the URL and sends as HTTP Basic on every request. */
  userinfo: string;
  /** Everything between the host and the API path: "" normally, "/:443" or "/jamf:443" for a scheme-less value with a path. */
  pathPrefix: string;
  /** What goes on the request line (path and query), e.g. "/:443/api/oauth/token". */
  requestTarget: string;
  /** False when the API path did not survive (a "?" or "#" in the value turned it into a query or fragment). */
  apiPathIntact: boolean;
  /** The URL as httpx prints it in its errors (default port omitted). */
  printed: string;
}

export interface JamfmcpUrlError {
  ok: false;
  /** The exception as the user sees it, e.g. "httpx.InvalidURL: Invalid port: '8443:443'". */
  error: string;
  kind: 'invalid-port' | 'non-printable' | 'invalid-host' | 'empty-host' | 'too-long';
  rule: string;
}

/** A URL as httpx 0.28.1's urlparse splits and normalises it. */
export interface HttpxUrl {
  scheme: string;
  /** Raw userinfo (before quoting). */
  userinfo: string;
  /** Lower-cased, percent-encoded or IDNA host; IPv6 without brackets. */
  host: string;
  /** The port, or null when absent or the scheme's default (as httpx's URL.port reports it). */
  port: number | null;
  /** Normalised path, not yet quoted. */
  path: string;
  /** "?…" or "" (raw). */
  query: string;
  /** "#…" or "" (raw). */
  fragment: string;
}

const DEFAULT_PORTS: Record<string, number> = { ftp: 21, http: 80, https: 443, ws: 80, wss: 443 };

/** httpx's urlparse (encode/httpx@0.28.1:httpx/_urlparse.py:199-319): the parts, or the InvalidURL it raises. */
export function parseHttpxUrl(url: string): { ok: true; url: HttpxUrl } | JamfmcpUrlError {
  const fail = (kind: JamfmcpUrlError['kind'], error: string, rule: string): JamfmcpUrlError => ({ ok: false, kind, error, rule });
  if (url.length > 65536) return fail('too-long', 'httpx.InvalidURL: URL too long', URL_RULES.httpxParse);
  // Any ASCII control character, tab and line breaks included, anywhere in the URL.
  const control = /[\u0000-\u001f\u007f]/.exec(url);
  if (control) {
    return fail('non-printable', `httpx.InvalidURL: Invalid non-printable ASCII character in URL, ${pyRepr(control[0])} at position ${control.index}.`, URL_RULES.httpxPrintable);
  }
  // URL_REGEX: optional scheme, optional "//" + authority (up to / ? #), path, ?query, #fragment.
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  let rest = schemeMatch ? url.slice(schemeMatch[0].length) : url;
  let authority = '';
  if (rest.startsWith('//')) {
    rest = rest.slice(2);
    const end = rest.search(/[/?#]/);
    authority = end >= 0 ? rest.slice(0, end) : rest;
    rest = end >= 0 ? rest.slice(end) : '';
  }
  const fragment = /#.*$/s.exec(rest)?.[0] ?? '';
  const withoutFragment = rest.slice(0, rest.length - fragment.length);
  const rawPath = withoutFragment.replace(/\?.*$/s, '');
  const query = withoutFragment.slice(rawPath.length);
  // AUTHORITY_REGEX: greedy userinfo up to the last "@", host up to the first ":" (or a [bracketed] host), then the port.
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : '';
  const hostAndPort = at >= 0 ? authority.slice(at + 1) : authority;
  let host: string;
  let port: string;
  const bracket = /^(\[.*\])/.exec(hostAndPort);
  if (bracket) {
    host = bracket[1] as string;
    port = hostAndPort.slice(host.length).replace(/^:/, '');
  } else {
    const colon = hostAndPort.search(/[:@]/);
    host = colon >= 0 ? hostAndPort.slice(0, colon) : hostAndPort;
    port = colon >= 0 ? hostAndPort.slice(colon).replace(/^:/, '') : '';
  }
  const scheme = (schemeMatch?.[1] ?? '').toLowerCase();
  const encoded = encodeHost(host);
  if (!encoded.ok) return fail('invalid-host', encoded.error, URL_RULES.httpxParse);
  // normalize_port: int(port) or InvalidURL; the scheme's default port disappears.
  if (port !== '' && !PY_INT.test(port)) return fail('invalid-port', `httpx.InvalidURL: Invalid port: ${pyRepr(port)}`, URL_RULES.httpxPort);
  const portNumber = port === '' ? null : Number(port.replace(/[^0-9]/g, ''));
  const hasAuthority = userinfo !== '' || encoded.host !== '' || portNumber !== null;
  return {
    ok: true,
    url: {
      scheme,
      userinfo,
      host: encoded.host,
      port: portNumber === null || portNumber === DEFAULT_PORTS[scheme] ? null : portNumber,
      path: scheme !== '' || hasAuthority ? normalizePath(rawPath) : rawPath,
      query,
      fragment,
    },
  };
}

/** How httpx prints a URL in its errors: default port omitted, parts quoted. */
export function printHttpxUrl(url: HttpxUrl): string {
  const userinfo = quoteUserinfo(url.userinfo);
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  const authority = `${userinfo !== '' ? `${userinfo}@` : ''}${host}${url.port !== null ? `:${url.port}` : ''}`;
  return `${url.scheme !== '' ? `${url.scheme}:` : ''}${authority !== '' ? `//${authority}` : ''}${quotePath(url.path)}${quoteWith(url.query, '"<>')}${quoteWith(url.fragment, '"<>`')}`;
}

/**
 * The URL httpx requests for `path` (e.g. "/api/oauth/token") on JamfMCP's server string, or the
 * exception it raises before any network traffic.
 */
export function requestUrl(server: string, path: string): JamfmcpUrl | JamfmcpUrlError {
  const parsed = parseHttpxUrl(`https://${server}:443${path}`);
  if (!parsed.ok) return parsed;
  const url = parsed.url;
  if (url.host === '') {
    // No host: httpx treats the URL as relative, and the request goes out with no scheme at all.
    return { ok: false, kind: 'empty-host', error: "httpx.UnsupportedProtocol: Request URL is missing an 'http://' or 'https://' protocol.", rule: URL_RULES.emptyHost };
  }
  // A "?" or "#" in the server string turns the rest (":443/api/…" included) into a query or fragment.
  const intact = url.query === '' && url.fragment === '' && url.path.endsWith(path);
  return {
    ok: true,
    host: url.host,
    userinfo: url.userinfo,
    pathPrefix: intact ? url.path.slice(0, url.path.length - path.length) : '',
    requestTarget: `${quotePath(url.path) || '/'}${quoteWith(url.query, '"<>')}`,
    apiPathIntact: intact,
    printed: printHttpxUrl(url),
  };
}

/** What Python's int() accepts for a port: optional whitespace and sign, digits with single underscores between them. */
const PY_INT = /^[\t\n\v\f\r \u001c-\u001f\u0085\u00a0]*\+?\d(_?\d)*[\t\n\v\f\r \u001c-\u001f\u0085\u00a0]*$/;

/** httpx normalize_path: drop "." and ".." segments (RFC 3986 section 5.2.4). */
function normalizePath(path: string): string {
  if (!path.includes('.')) return path;
  const components = path.split('/');
  if (!components.includes('.') && !components.includes('..')) return path;
  const output: string[] = [];
  for (const component of components) {
    if (component === '.') continue;
    if (component === '..') {
      if (output.length > 0 && !(output.length === 1 && output[0] === '')) output.pop();
    } else output.push(component);
  }
  return output.join('/');
}

/** httpx encode_host: IPv4 and [IPv6] validated, ASCII names lower-cased and percent-quoted, others IDNA-encoded. */
function encodeHost(host: string): { ok: true; host: string } | { ok: false; error: string } {
  if (host === '') return { ok: true, host: '' };
  if (/^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/.test(host)) {
    return isIPv4(host) ? { ok: true, host } : { ok: false, error: `httpx.InvalidURL: Invalid IPv4 address: ${pyRepr(host)}` };
  }
  if (/^\[.*\]$/.test(host)) {
    return isIPv6(host.slice(1, -1)) ? { ok: true, host: host.slice(1, -1) } : { ok: false, error: `httpx.InvalidURL: Invalid IPv6 address: ${pyRepr(host)}` };
  }
  if (/^[\u0000-\u007f]*$/.test(host)) {
    // quote(host.lower(), safe=SUB_DELIMS + '"`{}%|\\'): unreserved and those kept, the rest %XX.
    let out = '';
    for (const ch of host.toLowerCase()) {
      out += /[A-Za-z0-9\-._~!$&'()*+,;="`{}%|\\]/.test(ch) ? ch : `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return { ok: true, host: out };
  }
  const ascii = domainToAscii(host.toLowerCase());
  return ascii ? { ok: true, host: ascii } : { ok: false, error: `httpx.InvalidURL: Invalid IDNA hostname: ${pyRepr(host)}` };
}

/**
 * IDNA as the `idna` package httpx uses does it (IDNA 2008, no UTS 46 mapping), label by label:
 * ASCII labels must be letters, digits and inner hyphens; other labels must be NFC letters, marks
 * and digits that punycode round-trips (a BOM, a full-width dot or a ";" is an error, not mapped away).
 */
function domainToAscii(host: string): string | undefined {
  const labels = host.split('.');
  if (labels.length > 1 && labels[labels.length - 1] === '') labels.pop();
  const out: string[] = [];
  for (const label of labels) {
    if (label === '' || label.startsWith('-') || label.endsWith('-')) return undefined;
    if (/^[\u0000-\u007f]*$/.test(label)) {
      if (!/^[a-z0-9-]+$/.test(label)) return undefined;
      // An A-label must be valid punycode of a valid U-label.
      if (label.startsWith('xn--')) {
        const unicode = domainToUnicode(label);
        if (unicode === '' || unicode === label || domainToASCII(unicode) !== label) return undefined;
      }
      out.push(label);
      continue;
    }
    if (label !== label.normalize('NFC') || !/^[\p{L}\p{M}\p{N}-]+$/u.test(label)) return undefined;
    const ascii = domainToASCII(label);
    if (ascii === '' || ascii.includes('.') || domainToUnicode(ascii) !== label) return undefined;
    out.push(ascii);
  }
  return `${out.join('.')}${host.endsWith('.') && labels.length > 0 ? '.' : ''}`;
}

/** httpx's quote for a query (QUERY_SAFE) or fragment (FRAG_SAFE): the listed characters, space, controls and non-ASCII become %XX. */
function quoteWith(text: string, unsafe: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte >= 0x21 && byte < 0x7f && !unsafe.includes(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** httpx quotes userinfo with USERINFO_SAFE: path-unsafe characters plus / ; = @ [ \\ ] ^ | become %XX (":" stays). */
function quoteUserinfo(userinfo: string): string {
  let out = '';
  for (const byte of Buffer.from(userinfo, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte >= 0x21 && byte < 0x7f && !'"#<>?`{}/;=@[\\]^|'.includes(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** httpx quotes a path with PATH_SAFE: space, ", #, <, >, ?, `, {, } and non-ASCII become %XX. */
function quotePath(path: string): string {
  let out = '';
  for (const byte of Buffer.from(path, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte >= 0x21 && byte < 0x7f && !'"#<>?`{}'.includes(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
