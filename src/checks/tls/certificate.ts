import { X509Certificate } from 'node:crypto';
import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { analyseChain } from '../../net/certificates.js';
import { endpointOf } from '../../net/sockets.js';
import { buildTrustedPath, strictProblems } from '../../net/x509-strict.js';
import { TRUST_RULES } from '../../jamfmcp/trust.js';
import { testedNote } from '../shared/network.js';
import { sslCertFileFix, trustSpecOf } from '../shared/trust.js';

const PYTHON_PREFIX = '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ';

/**
 * The server's certificate chain, judged as JamfMCP's Python judges it: trusted by its store
 * (partial chains allowed), current, for the host — and RFC 5280-strict (Python 3.13's
 * VERIFY_X509_STRICT), which Node does not check. On failure every test runs on the presented
 * chain, so expired *and* wrong host are both reported, each with its fix.
 */
export const tlsCertificate: Check = {
  id: 'tls.certificate',
  title: 'Server certificate',
  area: 'tls',
  section: GUIDE.certificateVerification,
  needs: ['tls.handshake'],
  async run(ctx): Promise<CheckOutcome> {
    const { facts, now } = ctx;
    const observation = facts.tls;
    const trust = facts.trust;
    if (!observation || !trust) throw new Error('tls.handshake recorded no observation');
    const { host, port } = endpointOf(facts.baseUrl as URL);
    const analysis = analyseChain(observation.chain, host, () => trust.diagnostic.certificates(), now(), observation.authorizationError, port);
    const note = testedNote(ctx);
    const details: Record<string, unknown> = {
      ...analysis.details,
      trustStore: trust.diagnostic.sources,
      jamfmcpTrustStore: trust.jamfmcp?.sources ?? null,
      verification: observation.authorizationError ?? 'ok',
      problems: analysis.problems.map((p) => p.code),
    };

    if (analysis.problems.length > 0) {
      observation.socket?.destroy();
      const steps: string[] = [];
      const commands: string[] = [];
      for (const problem of analysis.problems) {
        for (const step of problem.steps) if (!steps.includes(step)) steps.push(step);
        for (const command of problem.commands ?? []) if (!commands.includes(command)) commands.push(command);
      }
      const first = analysis.problems[0];
      // Without a loadable trust store JamfMCP fails before it ever sees the certificate.
      const sees = trust.jamfmcp ? `shows "${PYTHON_PREFIX}${first?.python ?? ''}"` : `fails before connecting: it cannot load its trust store (${trust.jamfmcpProblem ?? 'see tls.trust-store'})`;
      details.jamfmcpSees = trust.jamfmcp ? (first ? `${PYTHON_PREFIX}${first.python}` : null) : (trust.jamfmcpProblem ?? null);
      return {
        status: 'fail',
        message: `${analysis.problems.length === 1 ? 'certificate problem' : `${analysis.problems.length} certificate problems`}: ${analysis.problems.map((p) => p.message).join('; ')}; JamfMCP ${sees}${note}`,
        fix: { steps, ...(commands.length > 0 ? { commands } : {}) },
        details,
      };
    }

    // The doctor's store accepts the chain. Would JamfMCP's own store, with Python's strict checks?
    const presented = observation.chain.map((p) => new X509Certificate(p.raw));
    const jamfmcpCerts = trust.jamfmcp?.certificates() ?? [];
    const path = trust.jamfmcp ? buildTrustedPath(presented, jamfmcpCerts) : undefined;
    const strict = path ? strictProblems(path) : [];
    const onlyThanksTo = trust.jamfmcp && !path ? trust.diagnostic.sources.filter((s) => !trust.jamfmcp?.sources.includes(s)) : undefined;
    facts.jamfmcpTrust = onlyThanksTo ? { onlyThanksTo } : {};
    details.jamfmcpChain = path ? path.map((c) => c.subject.replace(/\n/g, ', ')) : null;
    // Chain and host name verified by the doctor: the HTTP client may reuse this connection.
    if (observation.socket && !observation.socket.destroyed) facts.verifiedSocket = observation.socket;
    const summary = `trusted certificate for ${host}, issued by ${analysis.details.issuer}, valid until ${analysis.details.validTo.slice(0, 10)}`;

    if (strict.length > 0) {
      const firstStrict = strict[0];
      details.strictProblems = strict;
      details.jamfmcpSees = `${PYTHON_PREFIX}${firstStrict?.error}`;
      details.rule = TRUST_RULES.strict;
      return {
        status: 'fail',
        message: `the chain is trusted, but not RFC 5280-strict, and JamfMCP's Python 3.13 checks strictly: it shows "${PYTHON_PREFIX}${firstStrict?.error}" (${strict.map((p) => `${p.error}: ${p.depth === 0 ? 'the server certificate' : p.subject}`).join('; ')})${note}`,
        fix: {
          steps: [
            'The certificate issuer must reissue to RFC 5280: a CA certificate needs a critical basicConstraints, a keyUsage and a subjectKeyIdentifier; every certificate below the root needs an authorityKeyIdentifier.',
            'For a private CA (openssl): basicConstraints = critical,CA:TRUE, keyUsage = critical,keyCertSign,cRLSign, subjectKeyIdentifier = hash on the CA; authorityKeyIdentifier = keyid on the server certificate.',
            'Node, curl and browsers do not check this, which is why they accept the chain.',
          ],
        },
        details,
        // The doctor's own (non-strict) verification passed: the later checks can still run, to explain the rest.
        recoverable: true,
      };
    }
    // The doctor's store accepted the chain, but the verdict is JamfMCP's: its store must accept it too.
    if (!trust.jamfmcp) {
      details.jamfmcpSees = trust.jamfmcpProblem ?? null;
      return {
        status: 'fail',
        message: `JamfMCP cannot load its own trust store: httpx fails building its client with ${trust.jamfmcpProblem ?? 'an error'}, so every tool fails before connecting (see tls.trust-store); the chain itself is fine for the doctor (${summary})${note}`,
        fix: { steps: ['Point SSL_CERT_FILE at a readable PEM bundle (an absolute path) in the entry\'s "env" block, or remove it to use JamfMCP\'s own Mozilla bundle (tls.trust-store has the details).'] },
        details,
        recoverable: true,
      };
    }
    if (!path) {
      const sees = `${PYTHON_PREFIX}unable to get local issuer certificate`;
      details.jamfmcpSees = sees;
      const fix = sslCertFileFix(ctx.target, trust, trustSpecOf(ctx));
      return {
        status: 'fail',
        message: `JamfMCP's store (${trust.jamfmcp.sources.join(', ')}) does not accept the chain, so JamfMCP shows "${sees}"${onlyThanksTo && onlyThanksTo.length > 0 ? `; the doctor verifies it only with ${onlyThanksTo.join(' + ')}, which JamfMCP never reads` : ''} (${summary})${note}`,
        fix: { steps: [...fix.steps, 'Never turn certificate verification off to get past this.'], commands: fix.commands },
        details,
        // The doctor could verify the chain: the later checks still run, to explain the rest.
        recoverable: true,
      };
    }
    return { status: 'pass', message: `${summary}; JamfMCP's store (${trust.jamfmcp.sources.join(', ')}) accepts it${note}`, details };
  },
};
