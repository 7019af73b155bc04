import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { deadline, describeNetError } from '../../net/errors.js';
import { chooseProxy } from '../../net/proxy.js';
import { endpointOf } from '../../net/sockets.js';
import { formatSeconds } from '../../engine/run.js';

/** The host resolves, with dns.lookup — the resolver the HTTP client itself uses (hosts file, VPN resolvers). */
export const networkDns: Check = {
  id: 'network.dns',
  title: 'DNS lookup',
  area: 'network',
  section: GUIDE.serverUrl,
  needs: ['url.format'],
  async run({ facts, env, timeoutMs, signal }): Promise<CheckOutcome> {
    const url = facts.baseUrl as URL;
    const { host } = endpointOf(url);
    if (isIP(host) !== 0) {
      facts.addresses = [];
      return { status: 'pass', message: `${host} is an IP address: no lookup needed`, details: { host, addresses: [host] } };
    }
    const proxied = chooseProxy(url, env).kind === 'proxy';
    const started = performance.now();
    const limit = deadline(timeoutMs, signal);
    try {
      const answers = await Promise.race([lookup(host, { all: true }), limit.promise]);
      const addresses = answers.map((a) => a.address);
      facts.addresses = addresses;
      return {
        status: 'pass',
        message: `${host} resolves to ${addresses.join(', ')}`,
        details: { host, addresses, ms: Math.round(performance.now() - started) },
      };
    } catch (error) {
      const { code } = describeNetError(error);
      facts.addresses = [];
      const details = { host, code };
      if (proxied) {
        // Through a proxy the proxy resolves the name; a local failure is worth knowing, not fatal.
        return {
          status: 'warn',
          message: `${host} does not resolve on this computer (${code}); the proxy will have to resolve it`,
          fix: { steps: ['If the connection through the proxy fails too, check the host name in JAMF_URL for typos.'] },
          details,
        };
      }
      if (code === 'TIMEOUT') {
        return {
          status: 'fail',
          message: `looking up ${host} timed out after ${formatSeconds(timeoutMs)}`,
          fix: { steps: ['Check your network connection and DNS settings (and VPN, if Jamf Pro is internal), then try again.'] },
          details,
        };
      }
      if (code === 'ENOTFOUND' || code === 'ENODATA') {
        return {
          status: 'fail',
          message: `${host} does not exist in DNS (${code}: no such host)`,
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
        message: `looking up ${host} failed temporarily (${code}): the DNS server did not answer`,
        fix: { steps: ['Check your network connection, DNS server and VPN, then try again.'] },
        details,
      };
    } finally {
      limit.clear();
    }
  },
};
