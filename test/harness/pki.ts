/**
 * In-process test PKI for the loopback harness (EC P-256 / SHA-256, @peculiar/x509).
 *
 * Generated once per process (memoised promise) — typically well under 200 ms.
 * Every PEM is a plain string; `chainPem` is what a server should present
 * (leaf first, then the intermediates it sends).
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

export interface CertKey {
  /** The certificate alone (PEM, one block). */
  certPem: string;
  /** PKCS#8 private key (PEM). */
  keyPem: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

export interface LeafCert extends CertKey {
  /** What the server presents: leaf + intermediate(s) (for selfSigned: the leaf alone). */
  chainPem: string;
  /** SAN entries, e.g. ['dns:localhost', 'ip:127.0.0.1', 'ip:::1']. */
  san: string[];
}

export interface TestPki {
  /** "CN=Doctor Test Root CA, O=jamfmcp doctor tests" — trust anchor for everything below. */
  root: CertKey;
  /** Signed by root, CA. Signs every leaf below. */
  intermediate: CertKey;
  /** now-1d .. now+5y, SAN localhost/127.0.0.1/::1. */
  good: LeafCert;
  /** now-60d .. now-30d. */
  expired: LeafCert;
  /** now+30d .. now+60d. */
  notYetValid: LeafCert;
  /** now-1d .. now+10d (valid, but should warn). */
  expiringSoon: LeafCert;
  /** SAN dns:jamf.example.com only (CN=jamf.example.com). */
  wrongHost: LeafCert;
  /** Expired AND SAN dns:jamf.example.com only. Node reports only CERT_HAS_EXPIRED. */
  expiredWrongHost: LeafCert;
  /** Self-signed, not a CA, SAN localhost/127.0.0.1/::1; chainPem === certPem. */
  selfSigned: LeafCert;
  /** An unrelated CA: nothing chains to it. */
  otherRoot: CertKey;
  /** A fake TLS-inspecting proxy PKI ("Zscaler"-named). leaf.chainPem = leaf + intermediate + root. */
  inspection: { root: CertKey; intermediate: CertKey; leaf: LeafCert };
  /**
   * A private CA that Node and browsers accept but Python 3.13's strict verification rejects: its
   * basicConstraints is not marked critical ("Basic Constraints of CA cert not marked critical").
   * leaf: SAN localhost, issued directly by it; chainPem = leaf only.
   */
  lax: { root: CertKey; leaf: LeafCert };
}

const DAY = 24 * 60 * 60 * 1000;
const ORG = 'O=jamfmcp doctor tests';
const ALG: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const LOCAL_SAN = ['dns:localhost', 'ip:127.0.0.1', 'ip:::1'];

interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  out: CertKey;
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** Certificates only carry whole seconds; round so `notBefore`/`notAfter` match what's encoded. */
function sec(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

function sanExtension(san: string[]): x509.SubjectAlternativeNameExtension {
  return new x509.SubjectAlternativeNameExtension(
    san.map((s) => {
      const i = s.indexOf(':');
      return { type: s.slice(0, i) as 'dns' | 'ip', value: s.slice(i + 1) };
    }),
  );
}

async function finish(cert: x509.X509Certificate, keys: CryptoKeyPair, subject: string): Promise<Issued> {
  return {
    cert,
    keys,
    out: {
      certPem: cert.toString('pem').trim() + '\n',
      keyPem: await keyPem(keys.privateKey),
      subject,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
    },
  };
}

async function makeRoot(subject: string, now: number, keys: CryptoKeyPair, criticalBasicConstraints = true): Promise<Issued> {
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: subject,
    notBefore: sec(now - 2 * DAY),
    notAfter: sec(now + 20 * 365 * DAY),
    signingAlgorithm: SIGN,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, criticalBasicConstraints),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return finish(cert, keys, subject);
}

async function makeIntermediate(subject: string, issuer: Issued, now: number, keys: CryptoKeyPair): Promise<Issued> {
  const cert = await x509.X509CertificateGenerator.create({
    subject,
    issuer: issuer.cert.subject,
    notBefore: sec(now - 2 * DAY),
    notAfter: sec(now + 15 * 365 * DAY),
    signingAlgorithm: SIGN,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
    ],
  });
  return finish(cert, keys, subject);
}

async function makeLeaf(
  subject: string,
  issuer: Issued | 'self',
  notBefore: number,
  notAfter: number,
  san: string[],
  keys: CryptoKeyPair,
  chainAfterLeaf: string[],
): Promise<LeafCert> {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    sanExtension(san),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  let cert: x509.X509Certificate;
  if (issuer === 'self') {
    cert = await x509.X509CertificateGenerator.createSelfSigned({
      name: subject,
      notBefore: sec(notBefore),
      notAfter: sec(notAfter),
      signingAlgorithm: SIGN,
      keys,
      extensions,
    });
  } else {
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey));
    cert = await x509.X509CertificateGenerator.create({
      subject,
      issuer: issuer.cert.subject,
      notBefore: sec(notBefore),
      notAfter: sec(notAfter),
      signingAlgorithm: SIGN,
      publicKey: keys.publicKey,
      signingKey: issuer.keys.privateKey,
      extensions,
    });
  }
  const issued = await finish(cert, keys, subject);
  return {
    ...issued.out,
    chainPem: [issued.out.certPem, ...chainAfterLeaf].map((p) => p.trim() + '\n').join(''),
    san: [...san],
  };
}

async function build(): Promise<TestPki> {
  const now = Date.now();
  // Key generation is the bulk of the work; do it all in parallel.
  const k = await Promise.all(Array.from({ length: 16 }, () => newKeys()));
  const key = (i: number): CryptoKeyPair => k[i] as CryptoKeyPair;

  const [root, otherRoot, zRoot, laxRoot] = await Promise.all([
    makeRoot(`CN=Doctor Test Root CA, ${ORG}`, now, key(0)),
    makeRoot(`CN=Unrelated Test Root CA, ${ORG}`, now, key(1)),
    makeRoot('CN=Zscaler Root CA, O=Zscaler Inc.', now, key(2)),
    makeRoot(`CN=Lax Test Root CA, ${ORG}`, now, key(14), false),
  ]);
  const [intermediate, zInt] = await Promise.all([
    makeIntermediate(`CN=Doctor Test Intermediate CA, ${ORG}`, root, now, key(3)),
    makeIntermediate('CN=Zscaler Intermediate Root CA, O=Zscaler Inc.', zRoot, now, key(4)),
  ]);
  const int = [intermediate.out.certPem];
  const wrongSan = ['dns:jamf.example.com'];
  const [good, expired, notYetValid, expiringSoon, wrongHost, expiredWrongHost, selfSigned, zLeaf] = await Promise.all([
    makeLeaf(`CN=localhost, OU=good, ${ORG}`, intermediate, now - DAY, now + 5 * 365 * DAY, LOCAL_SAN, key(5), int),
    makeLeaf(`CN=localhost, OU=expired, ${ORG}`, intermediate, now - 60 * DAY, now - 30 * DAY, LOCAL_SAN, key(6), int),
    makeLeaf(`CN=localhost, OU=not yet valid, ${ORG}`, intermediate, now + 30 * DAY, now + 60 * DAY, LOCAL_SAN, key(7), int),
    makeLeaf(`CN=localhost, OU=expiring soon, ${ORG}`, intermediate, now - DAY, now + 10 * DAY, LOCAL_SAN, key(8), int),
    makeLeaf(`CN=jamf.example.com, OU=wrong host, ${ORG}`, intermediate, now - DAY, now + 5 * 365 * DAY, wrongSan, key(9), int),
    makeLeaf(`CN=jamf.example.com, OU=expired wrong host, ${ORG}`, intermediate, now - 60 * DAY, now - 30 * DAY, wrongSan, key(10), int),
    makeLeaf(`CN=localhost, OU=self-signed, ${ORG}`, 'self', now - DAY, now + 5 * 365 * DAY, LOCAL_SAN, key(11), []),
    makeLeaf('CN=localhost, O=Zscaler Inc.', zInt, now - DAY, now + 14 * DAY, LOCAL_SAN, key(12), [
      zInt.out.certPem,
      zRoot.out.certPem,
    ]),
  ]);
  const laxLeaf = await makeLeaf(`CN=localhost, OU=lax CA, ${ORG}`, laxRoot, now - DAY, now + 5 * 365 * DAY, LOCAL_SAN, key(15), []);
  return {
    lax: { root: laxRoot.out, leaf: laxLeaf },
    root: root.out,
    intermediate: intermediate.out,
    good,
    expired,
    notYetValid,
    expiringSoon,
    wrongHost,
    expiredWrongHost,
    selfSigned,
    otherRoot: otherRoot.out,
    inspection: { root: zRoot.out, intermediate: zInt.out, leaf: zLeaf },
  };
}

let cached: Promise<TestPki> | undefined;

/** The process-wide test PKI (generated on first call, then cached). */
export function testPki(): Promise<TestPki> {
  if (!cached) {
    cached = build();
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

/** Split a PEM bundle into its individual `-----BEGIN …-----` blocks (normalised, each ending in "\n"). */
export function splitPem(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g) ?? [];
  return blocks.map((b) => b.trim() + '\n');
}

/** DER bytes of the first PEM block in `pem` (certificate or key). Throws if there is none. */
export function derOf(pem: string): Buffer {
  const first = splitPem(pem)[0];
  if (first === undefined) throw new Error('derOf: no PEM block found');
  const b64 = first.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(b64, 'base64');
}
