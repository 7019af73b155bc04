import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome, Fix } from '../types.js';
import { describeNetError } from '../../net/errors.js';
import { chooseProxy } from '../../net/proxy.js';
import { endpointOf, openTcp, openTunnel, TunnelError, type Endpoint } from '../../net/sockets.js';
import { formatSeconds } from '../../engine/run.js';

const portAdvice = (target: Endpoint, host: string): string =>
  /(^|\.)jamfcloud\.com$/i.test(host)
    ? `Jamf Cloud listens on port 443${target.port !== 443 ? `, not ${target.port}: remove the port from JAMF_URL` : ''}.`
    : `Check the port: on-premises Jamf Pro usually listens on 8443 (https://host:8443), Jamf Cloud on 443; this run used ${target.port}.`;

/** A TCP connection reaches host:port within the timeout, directly or through the configured proxy. */
export const networkConnect: Check = {
  id: 'network.connect',
  title: 'TCP connection',
  area: 'network',
  section: GUIDE.serverUrl,
  needs: ['network.dns'],
  async run({ facts, env, timeoutMs, signal, secrets }): Promise<CheckOutcome> {
    const url = facts.baseUrl as URL;
    const target = endpointOf(url);
    const label = `${url.hostname}:${target.port}`;
    const decision = chooseProxy(url, env);

    if (decision.kind === 'invalid') {
      return {
        status: 'fail',
        message: `${decision.variable} (${decision.display}) cannot be used: ${decision.reason}`,
        fix: { steps: [`Set ${decision.variable} to a proxy URL such as http://proxy.example.com:8080, or unset it.`] },
        details: { proxy: decision.display, variable: decision.variable },
      };
    }

    if (decision.kind === 'proxy') {
      const { proxy } = decision;
      secrets.add(decodeURIComponent(proxy.url.password));
      secrets.add(proxy.authorization?.slice('Basic '.length));
      const details = { proxy: proxy.display, variable: proxy.variable, target: label };
      const started = performance.now();
      try {
        facts.socket = await openTunnel(proxy, target, timeoutMs, signal);
        facts.route = { kind: 'proxy', proxy };
        return {
          status: 'pass',
          message: `reached ${label} through the proxy ${proxy.display} (from ${proxy.variable})`,
          details: { ...details, ms: Math.round(performance.now() - started) },
        };
      } catch (error) {
        return { ...proxyFailure(error, proxy.display, proxy.variable, label, timeoutMs), details };
      }
    }

    const started = performance.now();
    try {
      const socket = await openTcp(target, timeoutMs, signal);
      const address = `${socket.remoteAddress}:${socket.remotePort}`;
      facts.socket = socket;
      facts.route = { kind: 'direct' };
      const note = decision.reason ? ` (${decision.reason})` : '';
      return {
        status: 'pass',
        message: `connected to ${label} (${address})${note}`,
        details: { target: label, address, ms: Math.round(performance.now() - started), proxy: null },
      };
    } catch (error) {
      const { code, attempts } = describeNetError(error);
      const details = { target: label, code, addresses: facts.addresses ?? [], attempts };
      if (code === 'ECONNREFUSED') {
        return {
          status: 'fail',
          message: `connection to ${label} was refused: nothing is listening on port ${target.port}`,
          fix: { steps: [portAdvice(target, url.hostname), 'If the port is right, the Jamf Pro service may be down, or a firewall rejects the connection.'] },
          details,
        };
      }
      if (code === 'TIMEOUT' || code === 'ETIMEDOUT') {
        return {
          status: 'fail',
          message: `connecting to ${label} timed out after ${formatSeconds(timeoutMs)}: packets are dropped on the way`,
          fix: {
            steps: [
              'A firewall is probably dropping the connection: check firewalls and security software, and whether your network requires a proxy (set HTTPS_PROXY).',
              'If Jamf Pro is internal, connect to the VPN first.',
              portAdvice(target, url.hostname),
            ],
          },
          details,
        };
      }
      if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
        return {
          status: 'fail',
          message: `${label} is unreachable from this computer (${code}): there is no network route to it`,
          fix: { steps: ['Check your network connection and VPN: the server is on a network this computer cannot reach.'] },
          details,
        };
      }
      return {
        status: 'fail',
        message: `connecting to ${label} failed (${code})`,
        fix: { steps: ['Check your network connection, VPN and firewall, then try again.'] },
        details,
      };
    }
  },
};

function proxyFailure(error: unknown, display: string, variable: string, label: string, timeoutMs: number): Pick<CheckOutcome, 'status' | 'message' | 'fix'> {
  const fail = (message: string, fix: Fix): Pick<CheckOutcome, 'status' | 'message' | 'fix'> => ({ status: 'fail', message, fix });
  if (!(error instanceof TunnelError)) {
    const { code } = describeNetError(error);
    if (code === 'TIMEOUT') {
      return fail(`the proxy ${display} (${variable}) did not answer the CONNECT request for ${label} within ${formatSeconds(timeoutMs)}`, {
        steps: [`Check that ${variable} names the right proxy and port, and that the proxy is working.`],
      });
    }
    return fail(`talking to the proxy ${display} (${variable}) failed (${code})`, { steps: [`Check ${variable} and the proxy.`] });
  }
  const failure = error.failure;
  switch (failure.kind) {
    case 'proxy-unreachable': {
      const { code } = describeNetError(failure.cause);
      return fail(`the proxy ${display} (${variable}) cannot be reached (${code === 'TIMEOUT' ? `timed out after ${formatSeconds(timeoutMs)}` : code})`, {
        steps: [`Check the proxy host and port in ${variable}; if you no longer need a proxy, unset ${variable}.`, 'Your network or VPN may have changed: ask IT for the current proxy address.'],
      });
    }
    case 'proxy-auth-required':
      return fail(`the proxy ${display} (${variable}) requires authentication (407 Proxy Authentication Required)`, {
        steps: [`Put the proxy credentials in ${variable} (http://user:password@proxy:port), or ask IT for a proxy that does not need them.`],
      });
    case 'proxy-refused':
      return fail(`the proxy ${display} (${variable}) refused to connect to ${label} (${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''})`, {
        steps: [`Ask IT to allow HTTPS (CONNECT) to ${label} through the proxy, or add the host to NO_PROXY if it should be reached directly.`],
      });
    case 'proxy-closed':
      return fail(`the proxy ${display} (${variable}) closed the connection instead of answering the CONNECT request for ${label}`, {
        steps: [`The proxy drops tunnels to ${label}: ask IT to allow it, or check that ${variable} names an HTTP proxy.`],
      });
    case 'proxy-not-http':
      return fail(`${display} (${variable}) did not answer like an HTTP proxy (it sent "${failure.firstBytes}")`, {
        steps: [`Check the host and port in ${variable}: they must name an HTTP proxy (usually http://proxy:8080 or :3128).`],
      });
  }
}
