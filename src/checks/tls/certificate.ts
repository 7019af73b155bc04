import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { analyseChain } from '../../net/certificates.js';
import { endpointOf } from '../../net/sockets.js';

/**
 * The server's certificate chain is trusted, current and covers the host. On failure every test
 * runs on the presented chain, so expired *and* wrong host are both reported, each with its fix.
 */
export const tlsCertificate: Check = {
  id: 'tls.certificate',
  title: 'Server certificate',
  area: 'tls',
  section: GUIDE.certificateVerification,
  needs: ['tls.handshake'],
  async run({ facts, now }): Promise<CheckOutcome> {
    const observation = facts.tls;
    const trust = facts.trust;
    if (!observation || !trust) throw new Error('tls.handshake recorded no observation');
    const { host } = endpointOf(facts.baseUrl as URL);
    const analysis = analyseChain(observation.chain, host, () => trust.certificates(), now(), observation.authorizationError);
    const details = {
      ...analysis.details,
      trustStore: trust.sources,
      verification: observation.authorizationError ?? 'ok',
      problems: analysis.problems.map((p) => p.code),
    };
    if (analysis.problems.length === 0) {
      // Chain and host name verified: the HTTP client may reuse this connection.
      if (observation.socket && !observation.socket.destroyed) facts.verifiedSocket = observation.socket;
      return {
        status: 'pass',
        message: `trusted certificate for ${host}, issued by ${analysis.details.issuer}, valid until ${analysis.details.validTo.slice(0, 10)}`,
        details,
      };
    }
    observation.socket?.destroy();
    const steps: string[] = [];
    for (const problem of analysis.problems) for (const step of problem.steps) if (!steps.includes(step)) steps.push(step);
    return {
      status: 'fail',
      message: `${analysis.problems.length === 1 ? 'certificate problem' : `${analysis.problems.length} certificate problems`}: ${analysis.problems.map((p) => p.message).join('; ')}`,
      fix: { steps },
      details,
    };
  },
};
