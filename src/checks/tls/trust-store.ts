import { GUIDE } from '../guide.js';
import type { Check, CheckOutcome } from '../types.js';
import { IGNORED_TRUST_VARIABLES, TRUST_RULES } from '../../jamfmcp/trust.js';
import { relativeTrustPath, sslCertFileFix, trustOf } from '../shared/trust.js';

/**
 * What JamfMCP trusts — certifi's Mozilla bundle, or SSL_CERT_FILE / SSL_CERT_DIR from the
 * environment its client gives it, each replacing the others — and whether the server's chain
 * verified only thanks to what the doctor alone was given (--ca-file, NODE_EXTRA_CA_CERTS). The
 * macOS keychain never counts. Runs after tls.certificate, whatever happened to it.
 */
export const tlsTrustStore: Check = {
  id: 'tls.trust-store',
  title: 'Trusted certificate authorities',
  area: 'tls',
  section: GUIDE.certificateVerification,
  needs: [],
  after: ['tls.certificate'],
  async run(ctx): Promise<CheckOutcome> {
    const { target, facts } = ctx;
    const stores = await trustOf(ctx);
    const spec = stores.spec;
    const details: Record<string, unknown> = {
      jamfmcp: stores.jamfmcp?.sources ?? null,
      doctor: stores.diagnostic.sources,
      rule: TRUST_RULES.choice,
      ...(stores.caFile ? { caFile: stores.caFile.certificates } : {}),
    };
    const failures: string[] = [];
    const warnings: string[] = [];
    const steps: string[] = [];
    const commands: string[] = [];

    if (stores.jamfmcpProblem && spec.kind !== 'bundled') {
      failures.push(`${spec.variable}=${spec.path} in JamfMCP's environment cannot be loaded: httpx fails building its client with ${stores.jamfmcpProblem}, so every JamfMCP tool fails before connecting`);
      steps.push(`Point ${spec.variable} at a readable PEM bundle (an absolute path), or remove it to use JamfMCP's own Mozilla bundle.`);
    }
    const relative = relativeTrustPath(spec);
    if (relative !== undefined && spec.kind !== 'bundled') {
      // A GUI client starts JamfMCP from its own working directory ("/" for a macOS app launched by
      // launchd), so what the doctor found relative to this folder proves nothing: a fail. A client
      // started from a shell (Claude Code, Codex…) may share this folder: a warning.
      const gui = target.env.mode === 'entry' && target.configFile?.client?.gui === true;
      (gui ? failures : warnings).push(
        `${spec.variable}=${relative} is a relative path: JamfMCP resolves it against its own working directory, which ${gui ? `${target.env.client?.name ?? 'the MCP client'} chooses (a macOS app's is "/")` : 'the MCP client chooses'}, not this folder${gui ? ', so JamfMCP most likely fails with "[Errno 2] No such file or directory"' : ''}`,
      );
      steps.push(`Use an absolute path in ${spec.variable}.`);
    }
    for (const note of stores.jamfmcpNotes) warnings.push(note);
    if (stores.jamfmcpNotes.length > 0 && spec.kind === 'dir') steps.push(`Name the certificates the way OpenSSL looks them up: openssl rehash ${spec.path} (or point SSL_CERT_FILE at one PEM bundle instead).`);
    if (stores.caFileProblem) {
      failures.push(stores.caFileProblem);
      steps.push('Give --ca-file a file with the CA certificate(s) in PEM ("-----BEGIN CERTIFICATE-----") or DER form; export it from Keychain Access (File → Export Items, .pem) or from the issuing CA.');
    }
    if (stores.extraProblem) {
      warnings.push(`NODE_EXTRA_CA_CERTS is set but unusable: ${stores.extraProblem}`);
      steps.push('Point NODE_EXTRA_CA_CERTS at a readable PEM file, or unset it (it helps only the doctor, never JamfMCP).');
    }

    const trust = facts.jamfmcpTrust;
    if (trust?.onlyThanksTo && trust.onlyThanksTo.length > 0) {
      failures.push(
        `the server's chain verifies only with ${trust.onlyThanksTo.join(' + ')}, which JamfMCP never reads: it trusts ${stores.jamfmcp?.sources.join(', ') ?? 'its own bundle'} and fails with "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate"`,
      );
      const fix = sslCertFileFix(target, stores, spec);
      steps.push(...fix.steps);
      commands.push(...fix.commands);
    }

    const ignored = IGNORED_TRUST_VARIABLES.filter((v) => (target.env.values[v] ?? '') !== '');
    if (ignored.length > 0) details.ignoredByJamfmcp = ignored;
    const ignoredNote = ignored.length > 0 ? ` (${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} set, but httpx never reads ${ignored.length === 1 ? 'it' : 'them'})` : '';
    if (failures.length > 0) {
      steps.push('Never turn certificate verification off to get past this.');
      return { status: 'fail', message: `${[...failures, ...warnings].join('; ')}${ignoredNote}`, fix: { steps, ...(commands.length > 0 ? { commands } : {}) }, details };
    }
    if (warnings.length > 0) return { status: 'warn', message: `${warnings.join('; ')}${ignoredNote}`, fix: { steps }, details };
    const extras = stores.hasExtras ? `; the doctor also trusts ${stores.diagnostic.sources.slice(stores.jamfmcp?.sources.length ?? 1).join(' + ')} to see past trust problems` : '';
    return { status: 'pass', message: `JamfMCP trusts ${stores.jamfmcp?.sources.join(', ') ?? 'its own bundle'}${extras}${ignoredNote}`, details };
  },
};
