import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome, Fix } from '../types.js';
import { describeNetError } from '../../net/errors.js';
import { proxyChoice, redactProxyUrl } from '../../net/proxy.js';
import { openTcp, openTunnel, TunnelError, type Endpoint } from '../../net/sockets.js';
import { formatSeconds } from '../../engine/run.js';
import { NO_TIMEOUT_NOTE, proxyDecision, targetOf, testedNote } from '../shared/network.js';
import { envLabel } from '../shared/env.js';
import { trustOf } from '../shared/trust.js';

const portAdvice = (target: Endpoint, host: string): string =>
  /(^|\.)jamfcloud\.com$/i.test(host)
    ? `Jamf Cloud listens on port 443${target.port !== 443 ? `, not ${target.port}` : ''}.`
    : `JamfMCP always connects to port 443: the server must accept HTTPS on 443 (this run used ${target.port}).`;

/**
 * A TCP connection reaches host:port within the timeout, the way JamfMCP connects: directly, or
 * through the proxy httpx picks from JamfMCP's environment (src/jamfmcp/proxy.ts) — HTTPS_PROXY or
 * ALL_PROXY, never HTTP_PROXY, NO_PROXY as httpx matches it, the macOS System Settings proxy when no
 * variable is set.
 */
export const networkConnect: Check = {
  id: 'network.connect',
  title: 'TCP connection',
  area: 'network',
  section: GUIDE.serverUrl,
  needs: ['network.dns'],
  async run(ctx): Promise<CheckOutcome> {
    const { facts, timeoutMs, signal, secrets, target: run } = ctx;
    const url = facts.baseUrl as URL;
    const { target, label, mapped } = targetOf(ctx, url);
    const decision = await proxyDecision(ctx, url);
    const note = testedNote(ctx);
    const via = mapped ? ` (sent to ${mapped} by --connect-to)` : '';
    const shellProxies = run.env.notPassed.filter((n) => /_proxy$/i.test(n));
    const proxyNote = shellProxies.length > 0 ? `; ${shellProxies.join(', ')} ${shellProxies.length === 1 ? 'is' : 'are'} set only in your shell, which ${run.env.client?.name ?? 'the client'} does not pass on` : '';

    if (decision.kind === 'error') {
      return {
        status: 'fail',
        message: `${decision.why}: every JamfMCP tool fails with ${decision.error}`,
        fix: {
          steps: [
            /the password in .* holds "\/", "\?" or "#"/.test(decision.error)
              ? `Percent-encode those characters in the password inside ${decision.setting.variable} ("/" → %2F, "?" → %3F, "#" → %23), in ${envLabel(run)}.`
              : `Set ${decision.setting.variable} in ${envLabel(run)} to an http:// or https:// proxy URL (http://proxy.example.com:8080), or remove it; httpx supports no other scheme without extra packages.`,
          ],
        },
        details: { variable: decision.setting.variable, proxy: redactProxyUrl(decision.setting.value), error: decision.error, rules: decision.rules },
      };
    }

    if (decision.kind === 'proxy') {
      const proxy = proxyChoice(decision.setting.variable, decision.url);
      if (!proxy) {
        return {
          status: 'fail',
          message: `${decision.setting.variable} (${redactProxyUrl(decision.url)}) is not a URL the doctor can connect to`,
          fix: { steps: [`Set ${decision.setting.variable} to a proxy URL such as http://proxy.example.com:8080.`] },
          details: { variable: decision.setting.variable },
        };
      }
      secrets.add(proxy.authorization?.slice('Basic '.length));
      const details = { proxy: proxy.display, variable: proxy.variable, target: label, why: decision.why, rules: decision.rules, ...(mapped ? { connectTo: mapped } : {}) };
      const started = performance.now();
      try {
        // TLS to an https:// proxy is verified with JamfMCP's own store, as httpx does (the same SSL context).
        const stores = proxy.url.protocol === 'https:' ? await trustOf(ctx) : undefined;
        const proxySecureContext = stores ? (stores.jamfmcp ?? stores.diagnostic).secureContext : undefined;
        facts.socket = await openTunnel(proxy, target, timeoutMs, signal, { connectTo: run.connectTo, ...(proxySecureContext ? { proxySecureContext } : {}) });
        facts.route = { kind: 'proxy', proxy };
        return {
          status: 'pass',
          message: `reached ${label} through the proxy ${proxy.display} (${decision.why})${via}${note}`,
          details: { ...details, ms: Math.round(performance.now() - started) },
        };
      } catch (error) {
        return { ...proxyFailure(error, proxy.display, proxy.variable, label, timeoutMs), details };
      }
    }

    const started = performance.now();
    try {
      const socket = await openTcp(target, timeoutMs, signal, run.connectTo);
      const address = `${socket.remoteAddress}:${socket.remotePort}`;
      facts.socket = socket;
      facts.route = { kind: 'direct' };
      return {
        status: 'pass',
        message: `connected to ${label}${via} (${address}) directly: ${decision.why}${proxyNote}${note}`,
        details: { target: label, address, ms: Math.round(performance.now() - started), proxy: null, why: decision.why, rules: decision.rules, ...(mapped ? { connectTo: mapped } : {}) },
      };
    } catch (error) {
      const { code, attempts } = describeNetError(error);
      const details = { target: label, code, addresses: facts.addresses ?? [], attempts, ...(mapped ? { connectTo: mapped } : {}) };
      const proxyHint = shellProxies.length > 0 ? `If your network needs the proxy set in your shell (${shellProxies.join(', ')}), add it to the entry's "env" block: ${run.env.client?.name ?? 'the client'} does not pass it on.` : undefined;
      if (code === 'ECONNREFUSED') {
        return {
          status: 'fail',
          message: `connection to ${label}${via} was refused: nothing is listening on port ${target.port}; JamfMCP shows "All connection attempts failed"${proxyNote}${note}`,
          fix: { steps: [portAdvice(target, url.hostname), 'If the port is right, the Jamf Pro service may be down, or a firewall rejects the connection.', ...(proxyHint ? [proxyHint] : [])] },
          details,
        };
      }
      if (code === 'TIMEOUT' || code === 'ETIMEDOUT') {
        return {
          status: 'fail',
          message: `connecting to ${label}${via} timed out after ${formatSeconds(timeoutMs)}: packets are dropped on the way (${NO_TIMEOUT_NOTE})${proxyNote}${note}`,
          fix: {
            steps: [
              ...(proxyHint ? [proxyHint] : ['A firewall is probably dropping the connection: check firewalls and security software, and whether your network requires a proxy (HTTPS_PROXY in the entry\'s "env" block).']),
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
          message: `${label}${via} is unreachable from this computer (${code}): there is no network route to it; JamfMCP shows "All connection attempts failed"${note}`,
          fix: { steps: ['Check your network connection and VPN: the server is on a network this computer cannot reach.', ...(proxyHint ? [proxyHint] : [])] },
          details,
        };
      }
      return {
        status: 'fail',
        message: `connecting to ${label}${via} failed (${code})${note}`,
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
      return fail(`the proxy ${display} (${variable}) did not answer the CONNECT request for ${label} within ${formatSeconds(timeoutMs)} (${NO_TIMEOUT_NOTE})`, {
        steps: [`Check that ${variable} names the right proxy and port, and that the proxy is working.`],
      });
    }
    return fail(`talking to the proxy ${display} (${variable}) failed (${code})`, { steps: [`Check ${variable} and the proxy.`] });
  }
  const failure = error.failure;
  switch (failure.kind) {
    case 'proxy-unreachable': {
      const { code } = describeNetError(failure.cause);
      return fail(`the proxy ${display} (${variable}) cannot be reached (${code === 'TIMEOUT' ? `timed out after ${formatSeconds(timeoutMs)}` : code}); JamfMCP shows "All connection attempts failed"`, {
        steps: [`Check the proxy host and port in ${variable}; if you no longer need a proxy, remove ${variable} from JamfMCP's environment.`, 'Your network or VPN may have changed: ask IT for the current proxy address.'],
      });
    }
    case 'proxy-auth-required':
      return fail(`the proxy ${display} (${variable}) requires authentication: JamfMCP shows "407 Proxy Authentication Required"`, {
        steps: [`Put the proxy credentials in ${variable} (http://user:password@proxy:port): httpx offers only Basic proxy authentication. Or ask IT for a proxy that does not need them.`],
      });
    case 'proxy-refused':
      return fail(`the proxy ${display} (${variable}) refused to connect to ${label} (${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''})`, {
        steps: [`Ask IT to allow HTTPS (CONNECT) to ${label} through the proxy, or add the host to NO_PROXY in JamfMCP's environment if it should be reached directly.`],
      });
    case 'proxy-closed':
      return fail(`the proxy ${display} (${variable}) closed the connection instead of answering the CONNECT request for ${label}`, {
        steps: [`The proxy drops tunnels to ${label}: ask IT to allow it, or check that ${variable} names an HTTP proxy.`],
      });
    case 'proxy-not-http':
      return fail(`${display} (${variable}) did not answer like an HTTP proxy (it sent "${failure.firstBytes}")`, {
        steps: [`Check the host and port in ${variable}: they must name an HTTP proxy (usually http://proxy:8080 or :3128).`],
      });
    case 'proxy-tls': {
      const { code, message } = describeNetError(failure.cause);
      const plain = /WRONG_VERSION_NUMBER|wrong version number|PACKET_LENGTH|ECONNRESET|EPIPE/i.test(`${code} ${message}`);
      return fail(
        plain
          ? `${variable} says https://, so the proxy is spoken to over TLS, but ${display} does not speak TLS (${code}): it is a plain HTTP proxy, and JamfMCP would wait for its TLS answer until the MCP client gives up`
          : `the TLS connection to the proxy ${display} (${variable}) failed (${code}): its certificate is not trusted or the proxy does not speak TLS`,
        {
          steps: plain
            ? [`Write ${variable} with http:// (the usual form even for HTTPS traffic): http://${display.replace(/^https:\/\//, '')}.`]
            : [`Use http:// in ${variable} unless the proxy really speaks TLS; then its CA must be in the trust store JamfMCP uses (SSL_CERT_FILE).`],
        },
      );
    }
  }
}
