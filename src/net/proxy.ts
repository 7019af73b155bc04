/** The proxy the doctor (and JamfMCP's HTTP client) would use for a URL, read from the environment. */
export interface ProxyChoice {
  /** The variable that named it, e.g. HTTPS_PROXY. */
  variable: string;
  url: URL;
  /** The proxy URL with any password replaced, safe to print. */
  display: string;
  /** `Proxy-Authorization` value for the CONNECT request, when the URL carries credentials. */
  authorization?: string;
}

export type ProxyDecision =
  | { kind: 'direct'; reason?: string }
  | { kind: 'proxy'; proxy: ProxyChoice }
  | { kind: 'invalid'; variable: string; display: string; reason: string };

/** Lower case wins over upper case (curl and undici agree); ALL_PROXY is what httpx also honours. */
const HTTPS_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'http_proxy', 'HTTP_PROXY'];

export function chooseProxy(target: URL, env: Readonly<Record<string, string | undefined>>): ProxyDecision {
  const variable = HTTPS_VARIABLES.find((name) => (env[name] ?? '').trim() !== '');
  if (!variable) return { kind: 'direct' };
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
  const bypass = matchesNoProxy(target, noProxy);
  if (bypass) return { kind: 'direct', reason: `${variable} is set, but NO_PROXY (${bypass}) excludes ${target.hostname}` };

  const raw = (env[variable] ?? '').trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return { kind: 'invalid', variable, display: redactProxyUrl(raw), reason: 'it is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'invalid', variable, display: redactProxyUrl(raw), reason: `${url.protocol}// proxies are not supported (use an http:// proxy URL)` };
  }
  const credentials = url.username !== '' || url.password !== '' ? `${url.username}${url.password !== '' ? ':***' : ''}@` : '';
  const choice: ProxyChoice = { variable, url, display: `${url.protocol}//${credentials}${url.host}` };
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    choice.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  return { kind: 'proxy', proxy: choice };
}

/** NO_PROXY entries: `*`, host suffixes (`example.com`, `.example.com`, `*.example.com`), optional `:port`. */
function matchesNoProxy(target: URL, noProxy: string): string | undefined {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const rawEntry of noProxy.split(/[\s,]+/)) {
    const entry = rawEntry.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return entry;
    const [name = '', entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
    if (entryPort !== undefined && entryPort !== port) continue;
    const suffix = name.replace(/^\*?\./, '');
    if (host === suffix || host.endsWith(`.${suffix}`)) return rawEntry.trim();
  }
  return undefined;
}

/** A proxy URL with its password replaced by `***`. */
export function redactProxyUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@:]*):([^/@]*)@/i, '$1$2:***@');
}
