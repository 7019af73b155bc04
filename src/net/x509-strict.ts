/**
 * Chain building and OpenSSL's X509_V_FLAG_X509_STRICT checks, done in JavaScript so that a chain
 * can be judged against any trust store without another handshake. Python 3.13's default SSL
 * context (what JamfMCP's httpx uses) sets VERIFY_X509_STRICT and VERIFY_X509_PARTIAL_CHAIN
 * (python/cpython#107361); Node sets neither, so a chain Node accepts can still fail in JamfMCP
 * with e.g. "certificate verify failed: Basic Constraints of CA cert not marked critical".
 * The checks follow OpenSSL 3.0 crypto/x509/x509_vfy.c check_chain() (RFC 5280 checks, applied
 * only when the verified chain has more than one certificate).
 */
import type { X509Certificate } from 'node:crypto';

interface Der {
  tag: number;
  /** Content bytes. */
  value: Buffer;
  /** The whole element (tag, length and content). */
  raw: Buffer;
}

/** One DER element at `offset`; undefined when the bytes do not hold one. */
function readDer(buffer: Buffer, offset: number): { element: Der; next: number } | undefined {
  if (offset + 2 > buffer.length) return undefined;
  const tag = buffer[offset] as number;
  let length = buffer[offset + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > buffer.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buffer[offset + 2 + i] as number);
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) return undefined;
  return { element: { tag, value: buffer.subarray(offset + header, end), raw: buffer.subarray(offset, end) }, next: end };
}

function children(element: Der): Der[] {
  const out: Der[] = [];
  for (let offset = 0; offset < element.value.length; ) {
    const read = readDer(element.value, offset);
    if (!read) break;
    out.push(read.element);
    offset = read.next;
  }
  return out;
}

function oid(bytes: Buffer): string {
  if (bytes.length === 0) return '';
  const first = bytes[0] as number;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

export interface CertFacts {
  version: number;
  subjectEmpty: boolean;
  issuerEmpty: boolean;
  signatureAlgorithmsDiffer: boolean;
  extensions: Map<string, { critical: boolean; value: Buffer }>;
  /** basicConstraints cA = TRUE */
  ca: boolean;
  pathLen?: number;
  /** keyUsage present, and keyCertSign set. */
  keyUsage?: { keyCertSign: boolean };
  akidKeyId: boolean;
  sanEmpty: boolean;
}

const OID = { basicConstraints: '2.5.29.19', keyUsage: '2.5.29.15', skid: '2.5.29.14', akid: '2.5.29.35', san: '2.5.29.17' } as const;

/** The parts of a certificate the strict checks read. Undefined when the DER is not a certificate. */
export function certFacts(cert: X509Certificate): CertFacts | undefined {
  const top = readDer(cert.raw, 0)?.element;
  if (!top || top.tag !== 0x30) return undefined;
  const [tbs, outerAlg] = children(top);
  if (!tbs || !outerAlg) return undefined;
  const fields = children(tbs);
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const v = children(fields[0])[0];
    version = (v?.value[v.value.length - 1] ?? 0) + 1;
    index = 1;
  }
  const innerAlg = fields[index + 1];
  const issuer = fields[index + 2];
  const subject = fields[index + 4];
  const facts: CertFacts = {
    version,
    subjectEmpty: subject ? subject.value.length === 0 : false,
    issuerEmpty: issuer ? issuer.value.length === 0 : false,
    signatureAlgorithmsDiffer: innerAlg ? !innerAlg.raw.equals(outerAlg.raw) : false,
    extensions: new Map(),
    ca: false,
    akidKeyId: false,
    sanEmpty: false,
  };
  const wrapped = fields.slice(index + 6).find((f) => f.tag === 0xa3);
  const list = wrapped ? children(wrapped)[0] : undefined;
  for (const extension of list ? children(list) : []) {
    const parts = children(extension);
    const id = parts[0] && parts[0].tag === 0x06 ? oid(parts[0].value) : '';
    const critical = parts[1]?.tag === 0x01 ? (parts[1].value[0] ?? 0) !== 0 : false;
    const valueNode = parts.find((p) => p.tag === 0x04);
    if (id !== '' && valueNode) facts.extensions.set(id, { critical, value: valueNode.value });
  }
  const bc = facts.extensions.get(OID.basicConstraints);
  if (bc) {
    const seq = readDer(bc.value, 0)?.element;
    for (const part of seq ? children(seq) : []) {
      if (part.tag === 0x01) facts.ca = (part.value[0] ?? 0) !== 0;
      if (part.tag === 0x02) facts.pathLen = part.value.reduce((n, b) => n * 256 + b, 0);
    }
  }
  const ku = facts.extensions.get(OID.keyUsage);
  if (ku) {
    const bits = readDer(ku.value, 0)?.element;
    // BIT STRING: first byte is the unused-bit count; keyCertSign is bit 5 (0x04 of the first byte).
    facts.keyUsage = { keyCertSign: bits ? ((bits.value[1] ?? 0) & 0x04) !== 0 : false };
  }
  const akid = facts.extensions.get(OID.akid);
  if (akid) {
    const seq = readDer(akid.value, 0)?.element;
    facts.akidKeyId = seq ? children(seq).some((p) => p.tag === 0x80) : false;
  }
  const san = facts.extensions.get(OID.san);
  if (san) {
    const seq = readDer(san.value, 0)?.element;
    facts.sanEmpty = seq ? children(seq).length === 0 : true;
  }
  return facts;
}

/**
 * The chain OpenSSL would build from the presented certificates to a trust anchor in `store`,
 * trusted issuers first, any store certificate being an anchor (partial chain allowed). Undefined
 * when no path reaches the store. Signatures are checked; validity periods are judged elsewhere.
 */
export function buildTrustedPath(presented: readonly X509Certificate[], store: readonly X509Certificate[]): X509Certificate[] | undefined {
  const leaf = presented[0];
  if (!leaf) return undefined;
  const inStore = (cert: X509Certificate): boolean => store.some((s) => s.fingerprint256 === cert.fingerprint256);
  const issues = (child: X509Certificate, parent: X509Certificate): boolean => {
    try {
      return child.checkIssued(parent) && child.verify(parent.publicKey);
    } catch {
      return false;
    }
  };
  const path = [leaf];
  if (inStore(leaf)) return path;
  for (let depth = 0; depth < 10; depth++) {
    const current = path[path.length - 1] as X509Certificate;
    const trusted = store.find((s) => issues(current, s));
    if (trusted) return [...path, trusted];
    const next = presented.find((c) => !path.includes(c) && issues(current, c));
    if (!next) return undefined;
    path.push(next);
    if (inStore(next)) return path;
  }
  return undefined;
}

/** A strict-mode failure: OpenSSL's error string (what Python prints after "certificate verify failed:") and the certificate. */
export interface StrictProblem {
  error: string;
  /** 0 = the server's certificate, then up the chain. */
  depth: number;
  subject: string;
}

/** OpenSSL 3.0's X509_STRICT checks on a verified chain, in its order (the first is what Python reports). */
export function strictProblems(path: readonly X509Certificate[]): StrictProblem[] {
  const problems: StrictProblem[] = [];
  if (path.length <= 1) return problems;
  path.forEach((cert, depth) => {
    const f = certFacts(cert);
    if (!f) return;
    const add = (error: string): void => {
      problems.push({ error, depth, subject: cert.subject.replace(/\n/g, ', ') });
    };
    if (f.pathLen !== undefined) {
      if (!f.ca) add('Path length invalid for non-CA cert');
      if (!f.keyUsage?.keyCertSign) add('Path length given without key usage keyCertSign');
    }
    const bc = f.extensions.get(OID.basicConstraints);
    if (f.ca && bc && !bc.critical) add('Basic Constraints of CA cert not marked critical');
    if (f.ca) {
      if (!f.keyUsage) add('CA cert does not include key usage extension');
    } else if (f.keyUsage?.keyCertSign) {
      add('Key usage keyCertSign invalid for non-CA cert');
    }
    if (f.issuerEmpty) add('Issuer name empty');
    if ((f.ca || !f.extensions.has(OID.san)) && f.subjectEmpty) add('Subject name empty');
    if (f.subjectEmpty && f.extensions.has(OID.san) && !f.extensions.get(OID.san)?.critical) add('Subject empty and Subject Alt Name extension not critical');
    if (f.extensions.has(OID.san) && f.sanEmpty) add('Empty Subject Alternative Name extension');
    if (f.signatureAlgorithmsDiffer) add('Signature algorithm inconsistency');
    if (f.extensions.get(OID.akid)?.critical) add('Authority Key Identifier marked critical');
    if (f.extensions.get(OID.skid)?.critical) add('Subject Key Identifier marked critical');
    if (f.version >= 3) {
      if (depth + 1 < path.length && !f.akidKeyId) add('Missing Authority Key Identifier');
      if (f.ca && !f.extensions.has(OID.skid)) add('Missing Subject Key Identifier');
    } else if (f.extensions.size > 0) {
      add('Certificates with extensions require version 3');
    }
  });
  return problems;
}
