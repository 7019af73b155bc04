import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type DetailedPeerCertificate } from 'node:tls';

export type CertProblemCode =
  | 'self-signed'
  | 'untrusted-root'
  | 'untrusted-issuer'
  | 'missing-intermediate'
  | 'broken-chain'
  | 'expired'
  | 'not-yet-valid'
  | 'hostname-mismatch'
  | 'tls-inspection'
  | 'rejected';

export interface CertProblem {
  code: CertProblemCode;
  message: string;
  steps: string[];
  /** Commands to copy, shown on lines of their own after the steps. */
  commands?: string[];
  /** What Python's ssl module says for it: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: <this>". */
  python: string;
}

/** OpenSSL's verify error strings as Python 3.13 prints them after "certificate verify failed: ". */
const PYTHON_TEXT: Record<CertProblemCode, (host: string) => string> = {
  'self-signed': () => 'self-signed certificate',
  'untrusted-root': () => 'self-signed certificate in certificate chain',
  'untrusted-issuer': () => 'unable to get local issuer certificate',
  'missing-intermediate': () => 'unable to get local issuer certificate',
  'broken-chain': () => 'unable to get local issuer certificate',
  expired: () => 'certificate has expired',
  'not-yet-valid': () => 'certificate is not yet valid',
  'hostname-mismatch': (host) => (/^[\d.]+$|:/.test(host) ? `IP address mismatch, certificate is not valid for '${host}'.` : `Hostname mismatch, certificate is not valid for '${host}'.`),
  'tls-inspection': () => 'unable to get local issuer certificate',
  rejected: () => 'certificate verify failed',
};

export interface ChainAnalysis {
  problems: CertProblem[];
  details: {
    subject: string;
    issuer: string;
    subjectAltNames: string[];
    validFrom: string;
    validTo: string;
    fingerprint256: string;
    chainLength: number;
    chain: Array<{ subject: string; issuer: string }>;
  };
}

/**
 * Issuer names of TLS-inspecting products, matched loosely on the chain's subjects and issuers.
 * Sourced from Chromium's ssl_error_assistant MITM list plus well-known products (tls-node.md §2).
 */
const INSPECTION_PRODUCTS: Array<[string, RegExp]> = [
  ['Zscaler', /zscaler/i],
  ['Netskope', /netskope|goskope/i],
  ['Palo Alto Networks', /palo ?alto/i],
  ['Fortinet FortiGate', /fortigate|fortinet/i],
  ['Cisco Umbrella', /cisco umbrella/i],
  ['Forcepoint', /forcepoint|websense/i],
  ['Symantec Blue Coat', /blue ?coat/i],
  ['Sophos', /sophos/i],
  ['McAfee Web Gateway', /mcafee web gateway/i],
  ['Kaspersky', /kaspersky/i],
  ['Bitdefender', /bitdefender/i],
  ['Avast', /avast/i],
  ['Trend Micro', /iwss\.trend|trend ?micro/i],
  ['SonicWall', /sonicwall/i],
  ['Cyberoam', /cyberoam/i],
  ['ContentKeeper', /contentkeeper/i],
  ['Smoothwall', /smoothwall/i],
  ['NetSpark', /netspark/i],
  ['Check Point', /check ?point/i],
  ['Cloudflare Gateway', /cloudflare (for teams|gateway)|gateway ca - cloudflare/i],
  ['Menlo Security', /menlo security/i],
  ['iboss', /\biboss\b/i],
  ['Barracuda', /barracuda/i],
  ['WatchGuard', /watchguard/i],
  ['Fiddler', /fiddler/i],
  ['Charles Proxy', /charles proxy/i],
  ['mitmproxy', /mitmproxy/i],
  ['Burp Suite', /portswigger/i],
];

/** Organisations of public CAs: an unknown issuer from one of these means the server left out its intermediate. */
const PUBLIC_CA = /let'?s encrypt|digicert|sectigo|comodo|globalsign|godaddy|go daddy|starfield|amazon|entrust|google trust services|microsoft|identrust|certum|buypass|ssl\.com|zerossl|thawte|geotrust|rapidssl|quovadis|swisssign|actalis|harica|usertrust|baltimore|isrg/i;

const oneLine = (dn: string): string => dn.replace(/\n/g, ', ');
const commonName = (dn: string): string => /(?:^|\n)CN=([^\n]*)/.exec(dn)?.[1] ?? oneLine(dn);
const day = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * Every test run independently on the presented chain, so that all problems are reported —
 * OpenSSL reports only one, and Node skips the hostname check when the chain fails.
 */
export function analyseChain(
  peer: DetailedPeerCertificate[],
  host: string,
  trusted: () => readonly X509Certificate[],
  now: number,
  authorizationError: string | undefined,
  port = 443,
): ChainAnalysis {
  const chain = peer.map((p) => new X509Certificate(p.raw));
  const leaf = chain[0];
  const leafPeer = peer[0];
  if (!leaf || !leafPeer) throw new Error('the server presented no certificate');
  const problems: CertProblem[] = [];
  const add = (code: CertProblemCode, message: string, steps: string[], commands?: string[]): void => {
    problems.push({ code, message, steps, python: PYTHON_TEXT[code](host), ...(commands ? { commands } : {}) });
  };

  const validFrom = new Date(leaf.validFrom);
  const validTo = new Date(leaf.validTo);
  const dayMs = 86_400_000;
  if (validTo.getTime() < now) {
    add('expired', `the certificate expired on ${day(validTo)} (${Math.floor((now - validTo.getTime()) / dayMs)} days ago)`, [
      "Check this computer's date and time first: if the clock runs ahead, enable automatic (network) time.",
      'Otherwise the server certificate really has expired: the Jamf Pro administrator must renew it (Jamf Cloud renews its own; contact Jamf support).',
    ]);
  }
  if (validFrom.getTime() > now) {
    add('not-yet-valid', `the certificate is not valid until ${day(validFrom)}`, [
      "This computer's clock is probably behind (the usual cause after a certificate renewal): enable automatic (network) time and try again.",
      'If the clock is right, the certificate was issued with a start date in the future: the server administrator must reissue it.',
    ]);
  }

  const identity = checkServerIdentity(host, leafPeer);
  if (identity) {
    const names = sanList(leaf).join(', ') || `CN ${commonName(leaf.subject)}`;
    add('hostname-mismatch', `the certificate is for ${names}, not for ${host}`, [
      `Use a host name the certificate covers in JAMF_URL (${names}) — for example the full name instead of a short name or an IP address.`,
      'If the name is right, the server administrator must issue a certificate that includes it.',
    ]);
  }

  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i] as X509Certificate;
    const parent = chain[i + 1] as X509Certificate;
    if (!(child.checkIssued(parent) && child.verify(parent.publicKey))) {
      add('broken-chain', `certificate ${i + 1} in the chain (${commonName(child.subject)}) was not issued by the next one (${commonName(parent.subject)})`, [
        'The server sends a wrong or out-of-order intermediate certificate: the administrator must configure the full chain in order (server certificate, then its intermediates).',
      ]);
      break;
    }
  }

  const top = chain[chain.length - 1] as X509Certificate;
  const selfIssued = isSelfIssued(top);
  // OpenSSL already verified the chain against the same store when it reports no error; only a
  // failed verification needs the (costly to parse) trusted list to tell the causes apart.
  const trustedTop =
    authorizationError === undefined ||
    trusted().some((t) => t.fingerprint256 === top.fingerprint256) ||
    (!selfIssued && trusted().some((t) => top.checkIssued(t) && top.verify(t.publicKey)));
  const trustFix = [
    'Get the CA certificate (PEM) from your Jamf Pro administrator or IT.',
    'Make JamfMCP trust it: SSL_CERT_FILE in the entry\'s "env" block, pointing at a bundle of the public roots plus this CA. The guide\'s "Add CA certificate to system trust store" does not reach JamfMCP: its Python HTTP client (httpx) trusts only its own bundle, never the macOS keychain.',
    'Meanwhile re-run the doctor with --ca-file <file> to check everything past this point (tls.trust-store then shows the exact env line).',
    'Never turn certificate verification off to get past this.',
  ];

  const inspection = detectInspection(chain);
  if (inspection && !trustedTop) {
    add('tls-inspection', `the certificate chain was issued by ${inspection}: a corporate proxy or security product is probably intercepting HTTPS`, [
      `Ask IT for the root CA certificate of ${inspection} (PEM), or to exempt your Jamf Pro host from HTTPS inspection.`,
      'Make JamfMCP trust it: SSL_CERT_FILE in the entry\'s "env" block, pointing at a bundle of the public roots plus that CA (the macOS keychain, where IT usually installs it, does not count for JamfMCP).',
      'Re-run with --ca-file <file> to check the rest; configure HTTPS_PROXY in the entry\'s "env" block if your network requires a proxy.',
    ]);
  } else if (!trustedTop && /(^|\.)jamfcloud\.com\.?$/i.test(host)) {
    add('tls-inspection', `${host} is a Jamf Cloud host, but its certificate chain ends in ${commonName(top.subject)}, a CA this computer does not trust: something on the network (a proxy or security product) is probably intercepting HTTPS`, [
      'Jamf Cloud uses public certificates: ask IT which product re-signs HTTPS on your network, and get its root CA certificate (PEM), or ask them to exempt your Jamf Cloud host from inspection.',
      'Make JamfMCP trust it with SSL_CERT_FILE in the entry\'s "env" block (a bundle of the public roots plus that CA); re-run with --ca-file <file> to check the rest.',
    ]);
  }

  if (!trustedTop && !problems.some((p) => p.code === 'tls-inspection')) {
    if (chain.length === 1 && selfIssued) {
      add('self-signed', `the server uses a self-signed certificate (${commonName(leaf.subject)})`, [
        'Best: install a certificate from a CA on the Jamf Pro server (the guide: "Use valid SSL certificate").',
        'Or make JamfMCP trust this exact certificate: save it as PEM with the first command below, compare its SHA-256 fingerprint (second command) with the one your Jamf Pro administrator sees on the server before you trust it, then point SSL_CERT_FILE (in the entry\'s "env" block) at the file\'s absolute path; re-run the doctor with --ca-file <file> to check the rest.',
        'Adding the certificate to the macOS keychain (Keychain Access, or security add-trusted-cert) does not help JamfMCP: its Python HTTP client trusts only SSL_CERT_FILE or its own bundle, never the keychain.',
        'Never turn certificate verification off to get past this.',
      ], [
        `openssl s_client -connect ${shellWord(`${host.includes(':') ? `[${host}]` : host}:${port}`)}${host.includes(':') || /^[\d.]+$/.test(host) ? '' : ` -servername ${shellWord(host)}`} -showcerts </dev/null 2>/dev/null | sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' > jamf-pro.pem`,
        'openssl x509 -in jamf-pro.pem -noout -fingerprint -sha256',
      ]);
    } else if (selfIssued) {
      add('untrusted-root', `the chain ends in ${commonName(top.subject)}, a root CA this computer does not trust (a private or internal CA)`, trustFix);
    } else if (chain.length === 1 && PUBLIC_CA.test(leaf.issuer)) {
      add('missing-intermediate', `the server sends only its own certificate, without the intermediate from ${commonName(leaf.issuer)}`, [
        'The Jamf Pro administrator must configure the full certificate chain on the server (server certificate plus intermediates) — the guide\'s "Missing intermediate certificates".',
        'Until then, SSL_CERT_FILE pointing at a bundle that includes the intermediate makes JamfMCP work, and --ca-file <that file> lets the doctor continue.',
      ]);
    } else if (chain.length === 1) {
      add('missing-intermediate', `the server sends only its own certificate, issued by ${commonName(leaf.issuer)}, which this computer does not know (a missing intermediate, or a private CA)`, [
        'If the issuer is a private CA: get its certificates (PEM) and point SSL_CERT_FILE in the entry\'s "env" block at a bundle holding them; re-run with --ca-file <file> to check the rest.',
        'If it is a public CA: the administrator must configure the full chain on the server (server certificate plus intermediates).',
      ]);
    } else {
      add('untrusted-issuer', `the chain was issued by ${commonName(top.issuer)}, a CA this computer does not trust (a private or internal CA)`, trustFix);
    }
  }

  if (authorizationError && problems.length === 0) {
    add('rejected', `the certificate was rejected (${authorizationError})`, [
      'Show the server certificate to the Jamf Pro administrator together with this error code; the chain is listed in the details.',
    ]);
  }

  return {
    problems,
    details: {
      subject: oneLine(leaf.subject),
      issuer: oneLine(leaf.issuer),
      subjectAltNames: sanList(leaf),
      validFrom: validFrom.toISOString(),
      validTo: validTo.toISOString(),
      fingerprint256: leaf.fingerprint256,
      chainLength: chain.length,
      chain: chain.map((c) => ({ subject: oneLine(c.subject), issuer: oneLine(c.issuer) })),
    },
  };
}

/**
 * Self-issued and self-signed. Not `checkIssued(self)`: OpenSSL's check also wants keyCertSign in
 * the key usage, which typical appliance self-signed certificates lack.
 */
export function isSelfIssued(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && cert.verify(cert.publicKey);
}

function sanList(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .map((s) => s.replace(/^DNS:/, '').replace(/^IP Address:/, ''))
    .filter((s) => s !== '');
}

function detectInspection(chain: X509Certificate[]): string | undefined {
  for (const cert of chain) {
    for (const [product, pattern] of INSPECTION_PRODUCTS) {
      if (pattern.test(cert.subject) || pattern.test(cert.issuer)) return product;
    }
  }
  return undefined;
}

/** A host for a shell command: as is when plainly safe, else single-quoted (a URL host may hold ; $ & and the like). */
function shellWord(text: string): string {
  return /^[\w.[\]:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
