import type { CheckContext } from '../types.js';
import { jamfmcpProxy, type ProxyDecision } from '../../jamfmcp/proxy.js';
import { mapEndpoint } from '../../net/connect-to.js';
import { endpointOf, type Endpoint } from '../../net/sockets.js';

/** JamfMCP's proxy decision for the URL under test, from the environment its client gives it. */
export async function proxyDecision(ctx: CheckContext, url: URL): Promise<ProxyDecision> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const system = await ctx.systemProxies();
  return jamfmcpProxy(ctx.target.env.values, host, process.platform, system ? { ...system, source: 'scutil --proxy' } : undefined);
}

/** The endpoint under test and where --connect-to sends it. */
export function targetOf(ctx: CheckContext, url: URL): { target: Endpoint; label: string; mapped?: string } {
  const target = endpointOf(url);
  const label = `${url.hostname}:${target.port}`;
  const mapped = mapEndpoint(ctx.target.connectTo, target);
  return mapped.via ? { target, label, mapped: `${mapped.host.includes(':') ? `[${mapped.host}]` : mapped.host}:${mapped.port}` } : { target, label };
}

/** A note for messages when the URL under test is not JamfMCP's own (JamfMCP cannot use JAMF_URL as written). */
export function testedNote(ctx: CheckContext): string {
  return ctx.facts.urlRole === 'intended' ? ' — testing what JAMF_URL was meant to be, only to explain (see url.format)' : '';
}

/** JamfMCP sets no timeouts (SessionConfig.timeout=None): where the doctor gives up, it waits until the client does. */
export const NO_TIMEOUT_NOTE = 'JamfMCP itself sets no timeout: it would wait until the MCP client gives up (MCP error -32001: Request timed out)';
