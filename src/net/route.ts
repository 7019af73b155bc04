import type { Socket } from 'node:net';
import type { ProxyChoice } from './proxy.js';
import { openTcp, openTunnel, type Endpoint } from './sockets.js';

/** How connections reach the server: directly, or through a proxy's CONNECT tunnel. */
export type Route = { kind: 'direct' } | { kind: 'proxy'; proxy: ProxyChoice };

/** Open a raw connection to the server the way network.connect found it reachable: directly or through the proxy. */
export function openRoute(route: Route, target: Endpoint, timeoutMs: number, signal: AbortSignal): Promise<Socket> {
  return route.kind === 'proxy' ? openTunnel(route.proxy, target, timeoutMs, signal) : openTcp(target, timeoutMs, signal);
}
