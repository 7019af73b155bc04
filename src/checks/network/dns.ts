import { isIP } from 'node:net';
import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { deadline, describeNetError } from '../../net/errors.js';
import { mapEndpoint } from '../../net/connect-to.js';
import { resolveHost } from '../../net/resolve.js';
import { formatSeconds } from '../../engine/run.js';
import { proxyDecision, targetOf, testedNote } from '../shared/network.js';

/** The host resolves, with dns.lookup — the resolver JamfMCP's Python uses too (getaddrinfo: hosts file, VPN resolvers). */
export const networkDns: Check = {
  id: 'network.dns',
  title: 'DNS lookup',
  area: 'network',
  section: GUIDE.serverUrl,
  needs: ['url.format'],
  async run(ctx): Promise<CheckOutcome> {
    const { facts, timeoutMs, signal } = ctx;
    const url = facts.baseUrl as URL;
    const { target } = targetOf(ctx, url);
    const mapped = mapEndpoint(ctx.target.connectTo, target);
    const note = testedNote(ctx);
    if (mapped.via) {
      // curl's --connect-to: the URL's host is not looked up; the mapped address is what is connected to.
      if (isIP(mapped.host) !== 0) {
        facts.addresses = [mapped.host];
        return { status: 'pass', message: `${target.host}:${target.port} is sent to ${mapped.host}:${mapped.port} by --connect-to ${mapped.via.text}: no lookup${note}`, details: { host: target.host, connectTo: mapped.via.text, addresses: [mapped.host] } };
      }
    }
    const host = mapped.via ? mapped.host : target.host;
    if (isIP(host) !== 0) {
      facts.addresses = [];
      return { status: 'pass', message: `${host} is an IP address: no lookup needed${note}`, details: { host, addresses: [host] } };
    }
    const proxied = (await proxyDecision(ctx, url)).kind === 'proxy';
    const started = performance.now();
    const limit = deadline(timeoutMs, signal);
    try {
      const { addresses: answers } = await resolveHost(host, limit.promise);
      const addresses = answers.map((a) => a.address);
      facts.addresses = addresses;
      return {
        status: 'pass',
        message: `${host} resolves to ${addresses.join(', ')}${mapped.via ? ` (--connect-to ${mapped.via.text})` : ''}${note}`,
        details: { host, addresses, ms: Math.round(performance.now() - started), ...(mapped.via ? { connectTo: mapped.via.text } : {}) },
      };
    } catch (error) {
      const { code } = describeNetError(error);
      facts.addresses = [];
      const details = { host, code };
      if (proxied) {
        // Through a proxy the proxy resolves the name; a local failure is worth knowing, not fatal.
        return {
          status: 'warn',
          message: `${host} does not resolve on this computer (${code}); the proxy JamfMCP uses will have to resolve it${note}`,
          fix: { steps: ['If the connection through the proxy fails too, check the host name in JAMF_URL for typos.'] },
          details,
        };
      }
      if (code === 'TIMEOUT') {
        const earlier = (error as { stillPending?: boolean }).stillPending === true;
        return {
          status: 'fail',
          message: `looking up ${host} ${earlier ? 'did not answer: a lookup of it started for an earlier check is still unanswered' : `timed out after ${formatSeconds(timeoutMs)}`}${note}`,
          fix: { steps: ['Check your network connection and DNS settings (and VPN, if Jamf Pro is internal), then try again.'] },
          details,
        };
      }
      if (code === 'ENOTFOUND' || code === 'ENODATA') {
        return {
          status: 'fail',
          message: `${host} does not exist in DNS (${code}: no such host); JamfMCP shows "[Errno 8] nodename nor servname provided, or not known" (macOS) or "[Errno -2] Name or service not known" (Linux)${note}`,
          fix: {
            steps: [
              'Check the host name in JAMF_URL for typos; for Jamf Cloud it is <your-instance>.jamfcloud.com.',
              'If the server is internal, connect to the VPN or network that can see it.',
            ],
          },
          details,
        };
      }
      return {
        status: 'fail',
        message: `looking up ${host} failed temporarily (${code}): the DNS server did not answer${note}`,
        fix: { steps: ['Check your network connection, DNS server and VPN, then try again.'] },
        details,
      };
    } finally {
      limit.clear();
    }
  },
};
