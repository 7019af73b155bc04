import type { Socket } from 'node:net';
import type { Facts } from '../checks/facts.js';
import { openTcp, openTunnel, type Endpoint } from './sockets.js';

/** Open a raw connection to the server the way network.connect found it reachable: directly or through the proxy. */
export function openRoute(route: NonNullable<Facts['route']>, target: Endpoint, timeoutMs: number, signal: AbortSignal): Promise<Socket> {
  return route.kind === 'proxy' ? openTunnel(route.proxy, target, timeoutMs, signal) : openTcp(target, timeoutMs, signal);
}
