/**
 * The guide's "Server URL Issues" rules, as a pure function: what is wrong with a JAMF_URL value
 * and, where possible, the corrected URL so that later checks can still run.
 */

export type UrlProblemCode =
  | 'missing'
  | 'control-characters'
  | 'whitespace'
  | 'quoted'
  | 'malformed-scheme'
  | 'missing-protocol-with-port'
  | 'http'
  | 'unsupported-scheme'
  | 'invalid'
  | 'port-out-of-range'
  | 'credentials'
  | 'query'
  | 'fragment'
  | 'trailing-slash'
  | 'api-path'
  | 'context-path'
  | 'jamfcloud-port';

export interface UrlProblem {
  code: UrlProblemCode;
  severity: 'fail' | 'warn';
  /** What is wrong, in one sentence, without the URL's secrets. */
  message: string;
  /** False when the doctor cannot go on with a corrected URL. */
  recoverable: boolean;
}

export interface UrlAnalysis {
  /** The URL later checks use: https, no credentials, query or trailing slash. Absent when unusable. */
  url?: URL;
  /** `url` as the string the user should put in JAMF_URL. */
  corrected?: string;
  problems: UrlProblem[];
  /** Facts worth saying that are not problems (e.g. "https assumed"). */
  notes: string[];
  /** A password written inside the URL, so the caller can treat it as a secret. */
  embeddedPassword?: string;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME_WITH_SLASHES = /^([a-z][a-z0-9+.-]*):\/\//i;
const SCHEME_WITHOUT_SLASHES = /^(https?):\/?(?!\/)/i;
const HOST_PORT = /^(\[[^\]]*\]|[^/?#:@\s]+):(\d*)(?=[/?#]|$)/;
/** Paths that belong to the API or the web UI, not to the server's base URL. */
const NON_BASE_SEGMENT = /^(api|uapi|JSSResource|index\.html|login(\.html)?|logout\.html|dashboard)$/i;

export function analyseJamfUrl(raw: string | undefined): UrlAnalysis {
  const problems: UrlProblem[] = [];
  const notes: string[] = [];
  const problem = (code: UrlProblemCode, severity: 'fail' | 'warn', message: string, recoverable = true): void => {
    problems.push({ code, severity, message, recoverable });
  };
  // A password inside the URL is a secret whatever else is wrong, so find it before anything can return.
  const embeddedPassword = userinfoPassword(raw ?? '');
  const done = (): UrlAnalysis => (embeddedPassword === undefined ? { problems, notes } : { problems, notes, embeddedPassword });

  if (raw === undefined || raw.trim() === '') {
    problem('missing', 'fail', raw === undefined ? 'no server URL was given' : 'the server URL is empty', false);
    return done();
  }

  let text = raw;
  const trimmed = text.trim();
  if (trimmed !== text) {
    problem('whitespace', 'fail', 'the URL has leading or trailing whitespace (a copy-paste slip)');
    text = trimmed;
  }
  if (CONTROL.test(text)) {
    problem('control-characters', 'fail', 'the URL contains control characters (a line break, tab or NUL inside the value)', false);
    return done();
  }
  if (/\s/.test(text)) {
    problem('whitespace', 'fail', 'the URL contains spaces', false);
    return done();
  }
  if (/^["'`]|["'`]$/.test(text)) {
    problem('quoted', 'fail', 'the URL starts or ends with a quote character, which becomes part of the value');
    text = text.replace(/^["'`]+|["'`]+$/g, '');
  }

  // Work out the scheme before parsing: `host:8443` would otherwise parse as scheme "host:".
  let candidate: string;
  const scheme = SCHEME_WITH_SLASHES.exec(text);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    const rest = text.slice(scheme[0].length);
    if (name === 'http') {
      problem('http', 'fail', 'the URL uses http://, so credentials would travel unencrypted; Jamf Pro is served over https');
      // Port 80 is plain HTTP's port; the https equivalent is the default port.
      candidate = `https://${rest.replace(/^([^/?#]*):80(?=[/?#]|$)/, '$1')}`;
    } else if (name === 'https') {
      candidate = `https://${rest}`;
    } else {
      problem('unsupported-scheme', 'fail', `the URL uses ${name}://; a Jamf Pro URL starts with https://`, false);
      return done();
    }
  } else if (SCHEME_WITHOUT_SLASHES.test(text)) {
    const [prefix = '', name = ''] = SCHEME_WITHOUT_SLASHES.exec(text) ?? [];
    if (/^\d+$/.test(text.slice(prefix.length))) {
      problem('invalid', 'fail', `"${text}" has no host name`, false);
      return done();
    }
    problem('malformed-scheme', 'fail', `the URL starts with "${prefix}" instead of "${name.toLowerCase()}://"`);
    if (name.toLowerCase() === 'http') {
      problem('http', 'fail', 'the URL uses http, so credentials would travel unencrypted; Jamf Pro is served over https');
    }
    candidate = `https://${text.slice(prefix.length)}`;
  } else if (HOST_PORT.test(text)) {
    problem('missing-protocol-with-port', 'fail', 'a host with a port needs the protocol in front (host:port alone is not a valid URL)');
    candidate = `https://${text}`;
  } else {
    notes.push('no protocol given: https:// assumed');
    candidate = `https://${text}`;
  }

  const portText = HOST_PORT.exec(candidate.slice('https://'.length).replace(/^[^@/?#]*@/, ''))?.[2];
  if (portText !== undefined && portText !== '' && (Number(portText) < 1 || Number(portText) > 65535)) {
    problem('port-out-of-range', 'fail', `port ${portText} is not a valid TCP port (1-65535)`, false);
    return done();
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    problem('invalid', 'fail', 'the URL cannot be parsed (check the host name for typos and stray characters)', false);
    return done();
  }
  if (url.hostname === '') {
    problem('invalid', 'fail', 'the URL has no host name', false);
    return done();
  }

  if (url.username !== '' || url.password !== '') {
    problem('credentials', 'fail', 'the URL contains credentials (user:password@); put them in JAMF_CLIENT_ID/JAMF_CLIENT_SECRET or JAMF_USERNAME/JAMF_PASSWORD instead');
    url.username = '';
    url.password = '';
  }
  return finish(url, candidate, problems, notes, embeddedPassword);
}

function finish(
  url: URL,
  candidate: string,
  problems: UrlProblem[],
  notes: string[],
  embeddedPassword: string | undefined,
): UrlAnalysis {
  const problem = (code: UrlProblemCode, severity: 'fail' | 'warn', message: string): void => {
    problems.push({ code, severity, message, recoverable: true });
  };
  if (url.search !== '' || candidate.includes('?')) {
    problem('query', 'warn', 'the URL has a query string (?…), which does not belong in a server URL');
    url.search = '';
  }
  if (url.hash !== '' || candidate.includes('#')) {
    problem('fragment', 'warn', 'the URL has a fragment (#…), which does not belong in a server URL');
    url.hash = '';
  }

  const withoutQuery = candidate.replace(/[?#].*$/, '');
  let path = url.pathname;
  const segments = path.split('/').filter((s) => s !== '');
  const cut = segments.findIndex((s) => NON_BASE_SEGMENT.test(s));
  if (cut >= 0) {
    const dropped = `/${segments.slice(cut).join('/')}`;
    problem('api-path', 'warn', `the URL includes "${dropped}", a page or API path; JAMF_URL is the server's base URL`);
    path = segments.length > 0 && cut > 0 ? `/${segments.slice(0, cut).join('/')}` : '/';
  } else if (withoutQuery.endsWith('/')) {
    problem('trailing-slash', 'warn', 'the URL ends with a slash, which makes request paths start with "//"');
  }
  path = path.replace(/\/+$/, '');
  if (path !== '' && cut !== 0) {
    problem(
      'context-path',
      'warn',
      `the URL has a path (${path}); that is right only for an on-premises Jamf Pro installed under a context path, and JamfMCP itself uses only the host part of JAMF_URL`,
    );
  }
  url.pathname = path === '' ? '/' : path;

  if (/(^|\.)jamfcloud\.com\.?$/i.test(url.hostname) && url.port !== '' && url.port !== '443') {
    problem('jamfcloud-port', 'warn', `Jamf Cloud serves https on port 443, but the URL asks for port ${url.port}`);
  }

  const corrected = `${url.origin}${path}`;
  const result: UrlAnalysis = { url, corrected, problems, notes };
  if (embeddedPassword !== undefined) result.embeddedPassword = embeddedPassword;
  return result;
}

/** The password part of `scheme://user:password@host…`, found by hand so that even an unparsable URL gives it up. */
function userinfoPassword(text: string): string | undefined {
  const rest = text
    .trim()
    .replace(/^["'`]+/, '')
    .replace(/^(?:[a-z][a-z0-9+.-]*:\/\/|https?:\/?(?!\/))/i, '');
  const end = rest.search(/[/?#]/);
  const authority = end >= 0 ? rest.slice(0, end) : rest;
  const at = authority.lastIndexOf('@');
  if (at < 0) return undefined;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return undefined;
  const password = safeDecode(userinfo.slice(colon + 1));
  return password === '' ? undefined : password;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The worst status among the problems: fail beats warn beats pass. */
export function urlStatus(analysis: UrlAnalysis): 'pass' | 'warn' | 'fail' {
  if (analysis.problems.some((p) => p.severity === 'fail')) return 'fail';
  if (analysis.problems.length > 0) return 'warn';
  return 'pass';
}
