import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { CaFileError, loadTrustStore } from '../../net/trust.js';

/** The CA certificates TLS connections trust: Node's bundled roots, NODE_EXTRA_CA_CERTS, --ca-file. */
export const tlsTrustStore: Check = {
  id: 'tls.trust-store',
  title: 'Trusted certificate authorities',
  area: 'tls',
  section: GUIDE.certificateVerification,
  needs: [],
  async run({ config, env, facts }): Promise<CheckOutcome> {
    let store;
    try {
      store = await loadTrustStore(config.caFile, env);
    } catch (error) {
      if (!(error instanceof CaFileError)) throw error;
      return {
        status: 'fail',
        message: error.message,
        fix: {
          steps: [
            'Give --ca-file a file with the CA certificate(s) in PEM ("-----BEGIN CERTIFICATE-----") or DER form.',
            'Export it from the issuing CA, or from Keychain Access (File → Export Items, format .pem) or the Windows certificate manager.',
          ],
        },
        details: { caFile: config.caFile },
      };
    }
    facts.trust = store;
    const warnings: string[] = [];
    const steps: string[] = [];
    if (store.extraProblem) {
      warnings.push(`NODE_EXTRA_CA_CERTS is set but unusable: ${store.extraProblem}`);
      steps.push('Point NODE_EXTRA_CA_CERTS at a readable PEM file, or unset it.');
    }
    if (store.caFile) {
      const roots = store.caFile.certificates.filter((c) => c.selfIssued);
      if (roots.length === 0) {
        warnings.push(`--ca-file ${store.caFile.path} holds no root certificate, only ${store.caFile.certificates.map((c) => c.subject).join('; ')}`);
        steps.push('Add the root CA certificate to the file as well: Node does not accept a chain that ends in an intermediate.');
      }
      const expired = store.caFile.certificates.filter((c) => Date.parse(c.validTo) < Date.now());
      if (expired.length > 0) {
        warnings.push(`--ca-file ${store.caFile.path} holds expired certificates (${expired.map((c) => c.subject).join('; ')})`);
        steps.push('Replace the expired CA certificates with current ones.');
      }
    }
    if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
      warnings.push('NODE_TLS_REJECT_UNAUTHORIZED=0 is set: it turns certificate verification off for Node programs (the doctor verifies regardless)');
      steps.push('Unset NODE_TLS_REJECT_UNAUTHORIZED: fix trust with --ca-file or NODE_EXTRA_CA_CERTS instead.');
    }
    const details = {
      sources: store.sources,
      ...(store.caFile ? { caFile: store.caFile.certificates } : {}),
    };
    if (warnings.length > 0) return { status: 'warn', message: warnings.join('; '), fix: { steps }, details };
    return { status: 'pass', message: store.sources.join(' + '), details };
  },
};
