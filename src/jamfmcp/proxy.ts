/**
 * The proxy JamfMCP's httpx client uses, from JamfMCP's environment (trust_env=True):
 * urllib.request.getproxies() (CPython Lib/urllib/request.py getproxies_environment; on macOS
 * the System Settings proxies when no *_proxy variable is set at all), turned into mounts by
 * httpx's get_environment_proxies (encode/httpx@0.28.1:httpx/_utils.py:30-76), each validated
 * when the client is built (httpx/_config.py Proxy, httpx/_client.py:1396-1430), and the most
 * specific mount that matches the URL wins (httpx/_utils.py:120-217, _client.py:1474-1484).
 * JamfMCP only requests https:// URLs, so HTTP_PROXY never carries its traffic.
 */
import type { Env } from '../config/effective-env.js';
import { urlPasswords } from '../config/secrets.js';
import { isIPv4, isIPv6 } from './python.js';
import { parseHttpxUrl } from './url.js';

export const PROXY_RULES = {
  environment: 'python/cpython@v3.13.0:Lib/urllib/request.py:2480-2515 (getproxies_environment)',
  macos: 'python/cpython@v3.13.0:Lib/urllib/request.py:2642-2673 (getproxies on darwin: environment, else _scproxy)',
  mounts: 'encode/httpx@0.28.1:httpx/_utils.py:30-76',
  patterns: 'encode/httpx@0.28.1:httpx/_utils.py:120-217',
  validation: 'encode/httpx@0.28.1:httpx/_config.py (Proxy) and httpx/_transports/default.py:312-359',
} as const;

/** One proxy setting as urllib reads it: the scheme key ("https", "all", "no"…), its value, and the variable that set it. */
export interface ProxySetting {
  key: string;
  value: string;
  variable: string;
}

/**
 * getproxies_environment(): any variable whose name ends in "_proxy" (any case) with a non-empty
 * value, then a second pass where names ending in lower-case "_proxy" win — and an empty one of
 * those removes the entry (https_proxy= cancels HTTPS_PROXY). HTTP_PROXY is dropped under CGI
 * (REQUEST_METHOD set).
 */
export function environmentProxies(env: Env): Map<string, ProxySetting> {
  const out = new Map<string, ProxySetting>();
  const entries = Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined);
  for (const [name, value] of entries) {
    if (value !== '' && name.toLowerCase().endsWith('_proxy')) {
      const key = name.toLowerCase().slice(0, -6);
      out.set(key, { key, value, variable: name });
    }
  }
  if ('REQUEST_METHOD' in env && env.REQUEST_METHOD !== undefined) out.delete('http');
  for (const [name, value] of entries) {
    if (!name.endsWith('_proxy')) continue;
    const key = name.toLowerCase().slice(0, -6);
    if (value !== '') out.set(key, { key, value, variable: name });
    else out.delete(key);
  }
  return out;
}

/** The macOS System Settings proxies (`_scproxy`), as the doctor read them with scutil. */
export interface SystemProxies {
  http?: string;
  https?: string;
  /** What was read, for the report ("scutil --proxy"). */
  source: string;
  /** A proxy auto-configuration (PAC) URL or auto-discovery is on: urllib ignores it. */
  autoConfig?: boolean;
}

export type ProxyDecision =
  | { kind: 'direct'; why: string; rules: string[]; bypassedBy?: string }
  | { kind: 'proxy'; setting: ProxySetting; url: string; scheme: 'http' | 'https'; why: string; rules: string[] }
  | { kind: 'error'; setting: ProxySetting; error: string; why: string; rules: string[] };

interface Mount {
  pattern: string;
  scheme: string;
  host: string;
  port: number | null;
  hostRegex?: RegExp;
  setting?: ProxySetting;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** URLPattern(key): scheme ("all" = any), host (maybe *-prefixed), port. Throws the InvalidURL text when httpx would. */
function urlPattern(key: string, setting?: ProxySetting): Mount {
  const parsed = parseHttpxUrl(key);
  if (!parsed.ok) throw new Error(parsed.error);
  const { url } = parsed;
  const mount: Mount = { pattern: key, scheme: url.scheme === 'all' ? '' : url.scheme, host: url.host === '*' ? '' : url.host, port: url.port, ...(setting ? { setting } : {}) };
  if (url.host !== '' && url.host !== '*') {
    if (url.host.startsWith('*.')) mount.hostRegex = new RegExp(`^.+\\.${escapeRegex(url.host.slice(2))}$`);
    else if (url.host.startsWith('*')) mount.hostRegex = new RegExp(`^(.+\\.)?${escapeRegex(url.host.slice(1))}$`);
    else mount.hostRegex = new RegExp(`^${escapeRegex(url.host)}$`);
  }
  return mount;
}

const priority = (m: Mount): [number, number, number] => [m.port !== null ? 0 : 1, -m.host.length, -m.scheme.length];
const before = (a: Mount, b: Mount): number => {
  const [x, y] = [priority(a), priority(b)];
  for (let i = 0; i < 3; i++) if ((x[i] as number) !== (y[i] as number)) return (x[i] as number) - (y[i] as number);
  return 0;
};

/**
 * Which proxy (if any) JamfMCP uses to reach `host` (httpx's normalised host; the port is always
 * https's default). `system` is consulted only on macOS and only when no *_proxy variable is set.
 */
export function jamfmcpProxy(env: Env, host: string, platform: string, system?: SystemProxies): ProxyDecision {
  const rules: string[] = [PROXY_RULES.environment, PROXY_RULES.mounts];
  let settings = environmentProxies(env);
  let fromSystem = false;
  if (settings.size === 0 && platform === 'darwin' && system) {
    rules.push(PROXY_RULES.macos);
    settings = new Map();
    for (const key of ['http', 'https'] as const) {
      const value = system[key];
      if (value) settings.set(key, { key, value, variable: `System Settings ${key === 'https' ? 'Secure Web Proxy (HTTPS)' : 'Web Proxy (HTTP)'}` });
    }
    fromSystem = settings.size > 0;
  }
  if (settings.size === 0) {
    const note = platform === 'darwin' ? (system ? ' and no proxy in System Settings' : ' (System Settings proxies could not be read)') : platform === 'win32' ? ' (the Windows registry proxy may apply; the doctor cannot read it)' : '';
    return { kind: 'direct', why: `no *_proxy variable reaches JamfMCP${note}`, rules };
  }

  // get_environment_proxies: mounts for http, https, all; NO_PROXY entries become bypass patterns.
  const mounts: Mount[] = [];
  const pending: Array<{ key: string; setting: ProxySetting }> = [];
  for (const scheme of ['http', 'https', 'all']) {
    const setting = settings.get(scheme);
    if (setting) pending.push({ key: `${scheme}://`, setting: { ...setting, value: setting.value.includes('://') ? setting.value : `http://${setting.value}` } });
  }
  const noProxy = settings.get('no');
  const entries = (noProxy?.value ?? '').split(',').map((e) => e.trim());
  if (entries.includes('*')) return { kind: 'direct', why: `${noProxy?.variable} contains "*": no proxy at all`, rules, bypassedBy: '*' };
  // The client validates every proxy first (Proxy(url) for http, https, all), then builds each
  // transport (SOCKS fails there), then the NO_PROXY patterns: the first failure stops it.
  for (const { setting } of pending) {
    const problem = proxyProblem(setting, 'url');
    if (problem) return { kind: 'error', setting, error: problem, why: `${setting.variable} cannot be used by httpx, so JamfMCP's HTTP client cannot be built`, rules: [...rules, PROXY_RULES.validation] };
  }
  for (const { key, setting } of pending) {
    const problem = proxyProblem(setting, 'transport');
    if (problem) return { kind: 'error', setting, error: problem, why: `${setting.variable} cannot be used by httpx, so JamfMCP's HTTP client cannot be built`, rules: [...rules, PROXY_RULES.validation] };
    mounts.push(urlPattern(key, setting));
  }
  for (const entry of entries) {
    if (entry === '') continue;
    const key = entry.includes('://') ? entry : isIPv4(entry.split('/')[0] ?? '') ? `all://${entry}` : isIPv6(entry.split('/')[0] ?? '') ? `all://[${entry}]` : entry.toLowerCase() === 'localhost' ? `all://${entry}` : `all://*${entry}`;
    try {
      mounts.push(urlPattern(key));
    } catch (error) {
      const setting = noProxy as ProxySetting;
      return { kind: 'error', setting, error: (error as Error).message, why: `${setting.variable} entry "${entry}" is not a valid URL pattern for httpx, so JamfMCP's HTTP client cannot be built`, rules: [...rules, PROXY_RULES.patterns] };
    }
  }
  mounts.sort(before);
  const target = { scheme: 'https', host: host.toLowerCase(), port: null };
  const match = mounts.find((m) => (m.scheme === '' || m.scheme === target.scheme) && (m.host === '' || !m.hostRegex || m.hostRegex.test(target.host)) && (m.port === null || m.port === target.port));
  const ignoredHttp = settings.get('http') && !match?.setting ? ` (${settings.get('http')?.variable} is set, but httpx uses it only for http:// URLs)` : '';
  if (!match) return { kind: 'direct', why: `no proxy applies to https://${host}${ignoredHttp}`, rules: [...rules, PROXY_RULES.patterns] };
  if (!match.setting) {
    return { kind: 'direct', why: `${noProxy?.variable} entry "${match.pattern.replace(/^all:\/\/\*?/, '')}" bypasses the proxy for ${host}`, rules: [...rules, PROXY_RULES.patterns], bypassedBy: match.pattern };
  }
  const setting = match.setting;
  const scheme = setting.value.toLowerCase().startsWith('https://') ? 'https' : 'http';
  return {
    kind: 'proxy',
    setting,
    url: setting.value,
    scheme,
    why: `${setting.variable}${fromSystem ? '' : ` (${setting.key}:// mount)`} applies to https://${host}${ignoredHttp}`,
    rules: [...rules, PROXY_RULES.patterns],
  };
}

/** The exception httpx raises for a proxy URL when it builds the client (Proxy(url), then the transport), or undefined. */
function proxyProblem(setting: ProxySetting, stage: 'url' | 'transport'): string | undefined {
  // A "/", "?" or "#" in the password ends httpx's authority early: it then reads part of the
  // password as the port (InvalidURL quoting it) or connects to the user name as a host. Either way
  // JamfMCP cannot use the proxy; httpx's own text is not repeated, since it holds part of the password.
  if (stage === 'url' && urlPasswords(setting.value).some((p) => /[/?#]/.test(p))) {
    return `httpx.InvalidURL (not shown: it quotes part of the password): the password in ${setting.variable} holds "/", "?" or "#", which end the host part of the URL early`;
  }
  const parsed = parseHttpxUrl(setting.value);
  if (!parsed.ok) return stage === 'url' ? parsed.error : undefined;
  const { scheme, host, port, userinfo } = parsed.url;
  if (stage === 'url' && !['http', 'https', 'socks5', 'socks5h'].includes(scheme)) {
    const masked = userinfo.includes(':') ? `${userinfo.split(':')[0]}:[secure]@` : userinfo !== '' ? `${userinfo}@` : '';
    return `ValueError: Unknown scheme for proxy URL URL('${scheme}://${masked}${host.includes(':') ? `[${host}]` : host}${port !== null ? `:${port}` : ''}')`;
  }
  if (stage === 'transport' && scheme.startsWith('socks')) {
    return "ImportError: Using SOCKS proxy, but the 'socksio' package is not installed. Make sure to install httpx using `pip install httpx[socks]`.";
  }
  return undefined;
}
