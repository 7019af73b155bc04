import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { isSelfIssued } from './certificates.js';

export interface CaCertificateInfo {
  subject: string;
  isCa: boolean;
  selfIssued: boolean;
  validTo: string;
  fingerprint256: string;
}

/**
 * The certificates the doctor trusts, and where they came from. Node's defaults are the bundled
 * Mozilla roots plus NODE_EXTRA_CA_CERTS; an explicit `ca` list would *replace* them, so when
 * --ca-file is given the list is built as bundled + NODE_EXTRA_CA_CERTS + --ca-file.
 */
export interface TrustStore {
  /** Pass as `ca` to tls/undici; undefined means Node's own default (bundled + NODE_EXTRA_CA_CERTS). */
  ca: string[] | undefined;
  /**
   * One secure context for `ca`, shared by every connection of the run: building a context from
   * ~300 certificates costs tens of milliseconds, so it is built once.
   */
  secureContext: SecureContext | undefined;
  /** Human labels of the sources, e.g. "Node.js bundled roots (144)". */
  sources: string[];
  /** Every trusted certificate, parsed on first use (only chain analysis of a failure needs it). */
  certificates(): X509Certificate[];
  /** The certificates read from --ca-file. */
  caFile?: { path: string; certificates: CaCertificateInfo[] };
  /** NODE_EXTRA_CA_CERTS, when set and readable. */
  extra?: { path: string; count: number };
  /** Problems reading NODE_EXTRA_CA_CERTS (Node itself only prints a warning and ignores it). */
  extraProblem?: string;
}

export class CaFileError extends Error {}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Parse a PEM bundle or a single DER certificate; throws CaFileError naming the file when nothing usable is in it. */
export function parseCertificates(path: string, bytes: Buffer): X509Certificate[] {
  const text = bytes.toString('latin1');
  const blocks = text.match(PEM_BLOCK);
  if (blocks) {
    return blocks.map((block, index) => {
      try {
        return new X509Certificate(block);
      } catch (error) {
        throw new CaFileError(`${path}: certificate ${index + 1} of ${blocks.length} cannot be parsed (${(error as Error).message})`);
      }
    });
  }
  if (/-----BEGIN /.test(text)) {
    throw new CaFileError(`${path} holds no CERTIFICATE block (found ${/-----BEGIN ([A-Z ]+)-----/.exec(text)?.[1] ?? 'another PEM type'})`);
  }
  try {
    return [new X509Certificate(bytes)];
  } catch {
    throw new CaFileError(`${path} is neither PEM nor DER certificate data`);
  }
}

export function describeCertificate(cert: X509Certificate): CaCertificateInfo {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    isCa: cert.ca,
    selfIssued: isSelfIssued(cert),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

let bundled: X509Certificate[] | undefined;
function bundledRoots(): X509Certificate[] {
  bundled ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return bundled;
}

export async function loadTrustStore(caFile: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<TrustStore> {
  const extra: X509Certificate[] = [];
  const fromFile: X509Certificate[] = [];
  let parsed: X509Certificate[] | undefined;
  const store: TrustStore = {
    ca: undefined,
    secureContext: undefined,
    sources: [`Node.js bundled roots (${rootCertificates.length})`],
    certificates: () => (parsed ??= [...bundledRoots(), ...extra, ...fromFile]),
  };
  const extraPems: string[] = [];
  const extraPath = env.NODE_EXTRA_CA_CERTS;
  if (extraPath !== undefined && extraPath !== '') {
    try {
      const certs = parseCertificates(extraPath, await readFile(extraPath));
      extra.push(...certs);
      extraPems.push(...certs.map((c) => c.toString()));
      store.extra = { path: extraPath, count: certs.length };
      store.sources.push(`NODE_EXTRA_CA_CERTS ${extraPath} (${certs.length})`);
    } catch (error) {
      store.extraProblem =
        error instanceof CaFileError ? error.message : `${extraPath} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
  if (caFile !== undefined) {
    let bytes: Buffer;
    try {
      bytes = await readFile(caFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CaFileError(
        `--ca-file ${caFile}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(error))}`,
      );
    }
    const certs = parseCertificates(`--ca-file ${caFile}`, bytes);
    fromFile.push(...certs);
    store.caFile = { path: caFile, certificates: certs.map(describeCertificate) };
    store.sources.push(`--ca-file ${caFile} (${certs.length})`);
    // An explicit `ca` replaces Node's defaults, so hand over the whole list.
    store.ca = [...rootCertificates, ...extraPems, ...certs.map((c) => c.toString())];
    store.secureContext = createSecureContext({ ca: store.ca });
  }
  return store;
}
