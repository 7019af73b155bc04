import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { describeNetError } from '../../net/errors.js';
import { openRoute } from '../../net/route.js';
import { endpointOf, observeTls } from '../../net/sockets.js';
import { formatSeconds } from '../../engine/run.js';
import { NO_TIMEOUT_NOTE, testedNote } from '../shared/network.js';
import { trustOf } from '../shared/trust.js';

/** The server speaks TLS on that port at all; records the chain for tls.certificate. No credentials are sent. */
export const tlsHandshake: Check = {
  id: 'tls.handshake',
  title: 'TLS handshake',
  area: 'tls',
  section: GUIDE.tls,
  needs: ['network.connect'],
  async run(ctx): Promise<CheckOutcome> {
    const { facts, timeoutMs, signal } = ctx;
    const url = facts.baseUrl as URL;
    const trust = await trustOf(ctx);
    const target = endpointOf(url);
    const label = `${url.hostname}:${target.port}`;
    const started = performance.now();
    let observation;
    try {
      // Reuse network.connect's connection: one TCP connection (or proxy tunnel) per run.
      const open = facts.socket && !facts.socket.destroyed ? facts.socket : undefined;
      facts.socket = undefined;
      const socket = open ?? (await openRoute(facts.route ?? { kind: 'direct' }, target, { timeoutMs, signal, connectTo: ctx.target.connectTo }));
      observation = await observeTls(socket, target, trust.diagnostic.secureContext, timeoutMs, signal);
    } catch (error) {
      const { code, message } = describeNetError(error);
      const details = { target: label, code };
      if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || /wrong version number|packet length too long/i.test(message)) {
        return {
          status: 'fail',
          message: `${label} does not speak TLS: the server answered in plain text (plain HTTP or another protocol on this port); JamfMCP shows "[SSL: WRONG_VERSION_NUMBER] wrong version number"${testedNote(ctx)}`,
          fix: {
            steps: [
              'JamfMCP always speaks HTTPS to port 443: the server must serve Jamf Pro over TLS on 443 (Jamf Cloud does).',
              'If this port really serves plain HTTP, do not use it: JamfMCP must reach Jamf Pro over https.',
            ],
          },
          details,
        };
      }
      if (code === 'TIMEOUT') {
        return {
          status: 'fail',
          message: `the TLS handshake with ${label} timed out after ${formatSeconds(timeoutMs)}: the port accepts connections but never answers (${NO_TIMEOUT_NOTE})`,
          fix: { steps: ['Check that Jamf Pro itself answers HTTPS on port 443 of this host: JamfMCP always connects to 443 (an on-premises server on 8443 needs a reverse proxy or load balancer on 443).', 'A firewall or proxy that holds connections open can cause this too.'] },
          details,
        };
      }
      if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
        return {
          status: 'fail',
          message: `${label} closed the connection during the TLS handshake`,
          fix: {
            steps: [
              'A firewall, proxy or security product on the path may be blocking TLS to this host (SNI filtering): check with IT, and set HTTPS_PROXY if your network requires a proxy.',
              'Check that the port is the Jamf Pro HTTPS port; a server that requires a client certificate also closes the connection.',
            ],
          },
          details,
        };
      }
      if (/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL/i.test(code)) {
        return {
          status: 'fail',
          message: `${label} only offers TLS versions this computer refuses (older than TLS 1.2)`,
          fix: { steps: ['The server must be configured for TLS 1.2 or 1.3: contact its administrator.'] },
          details,
        };
      }
      if (/CERTIFICATE_REQUIRED/i.test(code)) {
        return {
          status: 'fail',
          message: `${label} requires a client certificate (mutual TLS) and ended the TLS handshake with "certificate required": JamfMCP never presents one, so every tool fails with "[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED]"`,
          fix: {
            steps: [
              'Point JAMF_URL at an address of Jamf Pro that does not require client certificates (Jamf Cloud never does; on-premises, a reverse proxy may).',
              'Or ask the administrator to exempt the API (/api, /JSSResource) from client-certificate authentication: JamfMCP cannot be configured to send one.',
            ],
          },
          details,
        };
      }
      if (/HANDSHAKE_FAILURE|NO_SHARED_CIPHER/i.test(code)) {
        return {
          status: 'fail',
          message: `the TLS handshake with ${label} failed (${code}): no common cipher, or the server wants a client certificate`,
          fix: { steps: ['The server administrator must allow modern TLS 1.2/1.3 ciphers; JamfMCP does not send client certificates.'] },
          details,
        };
      }
      return {
        status: 'fail',
        message: `the TLS handshake with ${label} failed (${code})`,
        fix: { steps: ['Check that JAMF_URL names the Jamf Pro HTTPS port, and whether a proxy or firewall interferes with TLS.'] },
        details,
      };
    }
    facts.tls = observation;
    return {
      status: 'pass',
      message: `${observation.protocol ?? 'TLS'} with ${label} (${observation.cipher})${testedNote(ctx)}`,
      details: {
        target: label,
        protocol: observation.protocol,
        cipher: observation.cipher,
        alpn: observation.alpn || null,
        ms: Math.round(performance.now() - started),
        via: facts.route?.kind === 'proxy' ? facts.route.proxy.display : 'direct',
      },
    };
  },
};
