/**
 * The macOS System Settings proxies, as Python's _scproxy reads them for urllib.getproxies()
 * (python/cpython Modules/_scproxy.c: the enabled "Web proxy (HTTP)" and "Secure web proxy (HTTPS)"
 * entries become http://host[:port]; the bypass list, PAC and auto-discovery are not read by httpx).
 * Read with `scutil --proxy`, which prints the same SystemConfiguration dictionary.
 */
import { execFile } from 'node:child_process';

export interface ScutilProxies {
  http?: string;
  https?: string;
  autoConfig: boolean;
}

/** Parse `scutil --proxy` output. */
export function parseScutilProxy(text: string): ScutilProxies {
  const value = (key: string): string | undefined => new RegExp(`^\\s*${key}\\s*:\\s*(.+?)\\s*$`, 'm').exec(text)?.[1];
  const proxy = (prefix: 'HTTP' | 'HTTPS'): string | undefined => {
    if (value(`${prefix}Enable`) !== '1') return undefined;
    const host = value(`${prefix}Proxy`);
    if (!host) return undefined;
    const port = Number(value(`${prefix}Port`) ?? '0');
    return `http://${host}${port ? `:${port}` : ''}`;
  };
  const result: ScutilProxies = { autoConfig: value('ProxyAutoConfigEnable') === '1' || value('ProxyAutoDiscoveryEnable') === '1' };
  const http = proxy('HTTP');
  const https = proxy('HTTPS');
  if (http) result.http = http;
  if (https) result.https = https;
  return result;
}

/** Run `scutil --proxy` (macOS only), bounded; undefined when it cannot be read. */
export function readMacProxies(timeoutMs: number): Promise<ScutilProxies | undefined> {
  if (process.platform !== 'darwin') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('/usr/sbin/scutil', ['--proxy'], { timeout: Math.min(timeoutMs, 5000), maxBuffer: 256 * 1024 }, (error, stdout) => {
      resolve(error ? undefined : parseScutilProxy(stdout));
    });
  });
}
