import { X509Certificate } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { isSelfIssued } from './certificates.js';

export interface CaCertificateInfo {
  subject: string;
  isCa: boolean;
  selfIssued: boolean;
  validTo: string;
  fingerprint256: string;
}

/** A set of trusted certificates and the one secure context built from it (with partial chains allowed, as Python 3.13 allows them). */
export interface TrustStore {
  /** Human labels of the sources, e.g. "Mozilla roots bundled with Node.js (144)". */
  sources: string[];
  /** Shared by every connection of the run: building a context from ~150 certificates costs tens of milliseconds. */
  secureContext: SecureContext;
  /** Every trusted certificate, parsed on first use (only a failure needs them to tell causes apart). */
  certificates(): X509Certificate[];
}

/** Where the store JamfMCP trusts comes from (JamfMCP's rule is in src/jamfmcp/trust.ts). */
export type TrustSpec = { kind: 'bundled' } | { kind: 'file'; path: string; variable: string } | { kind: 'dir'; path: string; variable: string };

/**
 * The two stores of a run. `jamfmcp` is what JamfMCP trusts (certifi, or SSL_CERT_FILE /
 * SSL_CERT_DIR from its environment); `diagnostic` adds what the doctor was given to see past a
 * trust problem (--ca-file, NODE_EXTRA_CA_CERTS). A chain that verifies only with the second is a
 * problem JamfMCP will have.
 */
export interface TrustStores {
  spec: TrustSpec;
  /** Undefined when JamfMCP could not load its store at all (then `jamfmcpProblem` says why). */
  jamfmcp?: TrustStore;
  /** What Python says when it builds the context, e.g. "FileNotFoundError: [Errno 2] No such file or directory". */
  jamfmcpProblem?: string;
  /** Facts worth saying about JamfMCP's store (files skipped in a directory…). */
  jamfmcpNotes: string[];
  diagnostic: TrustStore;
  /** True when `diagnostic` trusts more than `jamfmcp`. */
  hasExtras: boolean;
  caFile?: { path: string; certificates: CaCertificateInfo[] };
  extra?: { path: string; count: number };
  /** --ca-file could not be used (unreadable, not a certificate). */
  caFileProblem?: string;
  /** NODE_EXTRA_CA_CERTS could not be used (Node itself only prints a warning and ignores it). */
  extraProblem?: string;
}

export class CaFileError extends Error {}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** A CA bundle is at most a few hundred kilobytes (certifi's is ~300 KB); anything bigger is not one. */
export const MAX_CA_BYTES = 16 * 1024 * 1024;

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

/** Read a regular file of bounded size: never a FIFO, a device or a 3 GB mistake. */
async function readBounded(path: string): Promise<Buffer> {
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
  if (info.size > MAX_CA_BYTES) throw Object.assign(new Error(`${info.size} bytes`), { code: 'ETOOBIG' });
  return readFile(path);
}

function readErrorText(code: string | undefined, label: string): string {
  switch (code) {
    case 'ENOENT':
      return `${label}: no such file`;
    case 'EISDIR':
      return `${label}: is a directory`;
    case 'EACCES':
    case 'EPERM':
      return `${label}: permission denied`;
    case 'ENOTREG':
      return `${label}: not a regular file (a pipe, socket or device)`;
    case 'ETOOBIG':
      return `${label}: far too big for a CA bundle (over ${MAX_CA_BYTES / 1024 / 1024} MiB)`;
    default:
      return `${label}: cannot be read (${code ?? 'unknown error'})`;
  }
}

/** Python's error for a CA file it cannot load (ssl.create_default_context(cafile=…)). */
function pythonFileError(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'FileNotFoundError: [Errno 2] No such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'PermissionError: [Errno 13] Permission denied';
    case 'EISDIR':
      return 'IsADirectoryError: [Errno 21] Is a directory';
    default:
      return `OSError (${code ?? 'unknown'})`;
  }
}

const NO_CERT = '[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found';
const PEM_LIB = '[X509] PEM lib';

/** Whether Node's own default store is exactly the bundled Mozilla roots (then it can be used as is). */
function nodeDefaultIsBundled(shell: Readonly<Record<string, string | undefined>>): boolean {
  const options = `${shell.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
  return !process.env.NODE_EXTRA_CA_CERTS && !/--use-(system|openssl)-ca/.test(options) && shell.NODE_USE_SYSTEM_CA !== '1';
}

function storeOf(certificates: () => X509Certificate[], pems: string[] | undefined, sources: string[]): TrustStore {
  // No explicit list: Node's default store (the bundled roots), with partial chains allowed.
  const secureContext = createSecureContext({ ...(pems ? { ca: pems } : {}), allowPartialTrustChain: true });
  let parsed: X509Certificate[] | undefined;
  return { sources, secureContext, certificates: () => (parsed ??= certificates()) };
}

/**
 * Load both stores. `spec` is JamfMCP's choice; `caFile` and NODE_EXTRA_CA_CERTS (from the doctor's
 * own environment: Node reads it at start-up) only ever add to the diagnostic store.
 */
export async function loadTrustStores(spec: TrustSpec, caFile: string | undefined, shell: Readonly<Record<string, string | undefined>>): Promise<TrustStores> {
  const notes: string[] = [];
  let jamfmcpCerts: X509Certificate[] | undefined;
  let jamfmcpPems: string[] | undefined;
  let jamfmcpProblem: string | undefined;
  let jamfmcpSources: string[];
  if (spec.kind === 'bundled') {
    jamfmcpSources = [`Mozilla roots bundled with Node.js (${rootCertificates.length}), standing in for certifi's Mozilla bundle`];
  } else if (spec.kind === 'file') {
    jamfmcpSources = [`${spec.variable} ${spec.path}`];
    try {
      const text = (await readBounded(spec.path)).toString('latin1');
      // Python loads PEM only (X509_FILETYPE_PEM): a DER file holds no certificate for it.
      const blocks = text.match(PEM_BLOCK) ?? [];
      let corrupt = 0;
      const certs = blocks.flatMap((block) => {
        try {
          return [new X509Certificate(block)];
        } catch {
          corrupt += 1;
          return [];
        }
      });
      // One unreadable certificate block makes load_verify_locations raise for the whole file
      // (measured with CPython's ssl: "[X509] PEM lib"), good certificates around it or not.
      if (corrupt > 0) jamfmcpProblem = `ssl.SSLError: ${PEM_LIB} (${corrupt} certificate block${corrupt === 1 ? '' : 's'} in the file cannot be read)`;
      else if (certs.length === 0) jamfmcpProblem = `ssl.SSLError: ${NO_CERT}`;
      else {
        jamfmcpCerts = certs;
        jamfmcpPems = certs.map((c) => c.toString());
        jamfmcpSources = [`${spec.variable} ${spec.path} (${certs.length})`];
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      jamfmcpProblem = code === 'ENOTREG' || code === 'ETOOBIG' ? readErrorText(code, `${spec.variable} ${spec.path}`) : pythonFileError(code);
    }
  } else {
    // capath: OpenSSL finds certificates by subject-hash file names (<hash>.0), as `openssl rehash` writes them.
    jamfmcpSources = [`${spec.variable} ${spec.path}`];
    jamfmcpCerts = [];
    try {
      const names = await readdir(spec.path);
      const hashed = names.filter((n) => /^[0-9a-f]{8}\.\d+$/.test(n)).slice(0, 2000);
      if (names.length > hashed.length) notes.push(`${names.length - hashed.length} file(s) in ${spec.path} are not named <hash>.N, so OpenSSL never looks at them (run: openssl rehash ${spec.path})`);
      for (const name of hashed) {
        try {
          const text = (await readBounded(join(spec.path, name))).toString('latin1');
          for (const block of text.match(PEM_BLOCK) ?? []) jamfmcpCerts.push(new X509Certificate(block));
        } catch {
          // an unreadable or broken entry is skipped, as OpenSSL skips it
        }
      }
    } catch {
      notes.push(`${spec.path} cannot be read as a directory; OpenSSL then simply finds no certificate there`);
    }
    jamfmcpPems = jamfmcpCerts.map((c) => c.toString());
    jamfmcpSources = [`${spec.variable} ${spec.path} (${jamfmcpCerts.length} hashed certificate${jamfmcpCerts.length === 1 ? '' : 's'})`];
  }

  const stores: TrustStores = { spec, jamfmcpNotes: notes, diagnostic: undefined as unknown as TrustStore, hasExtras: false };
  if (jamfmcpProblem) stores.jamfmcpProblem = jamfmcpProblem;
  const bundledInUse = spec.kind === 'bundled' || jamfmcpProblem !== undefined;
  const basePems = bundledInUse ? (nodeDefaultIsBundled(shell) ? undefined : [...rootCertificates]) : (jamfmcpPems ?? []);
  const baseCerts = (): X509Certificate[] => (bundledInUse ? bundledRoots() : (jamfmcpCerts ?? []));
  if (!jamfmcpProblem) stores.jamfmcp = storeOf(baseCerts, basePems, jamfmcpSources);

  // The doctor's extras: NODE_EXTRA_CA_CERTS (what Node loaded for this process) and --ca-file.
  const extra: X509Certificate[] = [];
  const extraPath = process.env.NODE_EXTRA_CA_CERTS;
  if (extraPath !== undefined && extraPath !== '') {
    try {
      const certs = parseCertificates(extraPath, await readBounded(extraPath));
      extra.push(...certs);
      stores.extra = { path: extraPath, count: certs.length };
    } catch (error) {
      stores.extraProblem = error instanceof CaFileError ? error.message : readErrorText((error as NodeJS.ErrnoException).code, extraPath);
    }
  }
  if (caFile !== undefined) {
    try {
      const certs = parseCertificates(`--ca-file ${caFile}`, await readBounded(caFile));
      extra.push(...certs);
      stores.caFile = { path: caFile, certificates: certs.map(describeCertificate) };
    } catch (error) {
      stores.caFileProblem = error instanceof CaFileError ? error.message : readErrorText((error as NodeJS.ErrnoException).code, `--ca-file ${caFile}`);
    }
  }
  const base = stores.jamfmcp ?? storeOf(bundledRoots, nodeDefaultIsBundled(shell) ? undefined : [...rootCertificates], [`Mozilla roots bundled with Node.js (${rootCertificates.length}), in place of the store JamfMCP cannot load`]);
  if (extra.length === 0) {
    stores.diagnostic = base;
  } else {
    stores.hasExtras = true;
    const pems = [...(basePems ?? rootCertificates), ...extra.map((c) => c.toString())];
    const sources = [...base.sources, ...(stores.extra ? [`NODE_EXTRA_CA_CERTS ${stores.extra.path} (${stores.extra.count})`] : []), ...(stores.caFile ? [`--ca-file ${stores.caFile.path} (${stores.caFile.certificates.length})`] : [])];
    stores.diagnostic = storeOf(() => [...base.certificates(), ...extra], pems, sources);
  }
  return stores;
}
