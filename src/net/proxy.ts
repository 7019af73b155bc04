/** A proxy the run's connections go through, ready to connect to. Which proxy applies is JamfMCP's rule (src/jamfmcp/proxy.ts). */
export interface ProxyChoice {
  /** The variable (or setting) that named it, e.g. HTTPS_PROXY. */
  variable: string;
  url: URL;
  /** The proxy URL with any password replaced, safe to print. */
  display: string;
  /** `Proxy-Authorization` value for the CONNECT request, when the URL carries credentials. */
  authorization?: string;
}

/**
 * A usable proxy from its URL (a value without "://" means http://, as httpx reads it). Undefined
 * when the WHATWG parser cannot read it (the caller reports the variable, never the value).
 */
export function proxyChoice(variable: string, raw: string): ProxyChoice | undefined {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const user = safeDecode(url.username);
  const password = safeDecode(url.password);
  const credentials = url.username !== '' || url.password !== '' ? `${url.username}${url.password !== '' ? ':***' : ''}@` : '';
  const choice: ProxyChoice = { variable, url, display: `${url.protocol}//${credentials}${url.host}` };
  if (url.username !== '' || url.password !== '') choice.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return choice;
}

/** httpx unquotes userinfo; a malformed % escape is kept as written rather than failing. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A proxy URL with its userinfo password hidden, however malformed the URL: everything between
 * "://" and the last "@" is userinfo, so a password holding "/" or "@" is hidden whole.
 */
export function redactProxyUrl(raw: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw);
  const start = scheme ? scheme[0].length : 0;
  const at = raw.lastIndexOf('@');
  if (at < start) return raw;
  const userinfo = raw.slice(start, at);
  const colon = userinfo.indexOf(':');
  const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  return `${raw.slice(0, start)}${user}${colon >= 0 ? ':***' : ''}${raw.slice(at)}`;
}
