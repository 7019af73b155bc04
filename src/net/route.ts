import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { ConnectTo } from './connect-to.js';
import type { ProxyChoice } from './proxy.js';
import { openTcp, openTunnel, type Endpoint } from './sockets.js';

/** How connections reach the server: directly, or through a proxy's CONNECT tunnel. */
export type Route = { kind: 'direct' } | { kind: 'proxy'; proxy: ProxyChoice };

export interface ConnectOptions {
  timeoutMs: number;
  signal: AbortSignal;
  connectTo: readonly ConnectTo[];
  /** Trust for an https:// proxy's own certificate. */
  proxySecureContext?: SecureContext;
}

/** Open a raw connection to the server the way network.connect found it reachable: directly or through the proxy. */
export function openRoute(route: Route, target: Endpoint, options: ConnectOptions): Promise<Socket> {
  return route.kind === 'proxy'
    ? openTunnel(route.proxy, target, options.timeoutMs, options.signal, { connectTo: options.connectTo, ...(options.proxySecureContext ? { proxySecureContext: options.proxySecureContext } : {}) })
    : openTcp(target, options.timeoutMs, options.signal, options.connectTo);
}
