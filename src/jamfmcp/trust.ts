/**
 * What JamfMCP's HTTP client trusts. jamfsdk passes verify=True (v1.0.2
 * src/jamfmcp/jamfsdk/clients/__init__.py:131-141,168), so httpx builds the context itself
 * (encode/httpx@0.28.1:httpx/_config.py:33-40): SSL_CERT_FILE if set and non-empty, else
 * SSL_CERT_DIR, else certifi's Mozilla bundle — each choice replacing the others. Python 3.13's
 * ssl.create_default_context() adds VERIFY_X509_STRICT and VERIFY_X509_PARTIAL_CHAIN
 * (python/cpython#107361). Never read: the macOS keychain, NODE_EXTRA_CA_CERTS,
 * REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE.
 */
import type { Env } from '../config/effective-env.js';

export const TRUST_RULES = {
  choice: 'encode/httpx@0.28.1:httpx/_config.py:33-40',
  verifyTrue: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/__init__.py:131-141,168',
  strict: 'python/cpython@v3.13.0:Lib/ssl.py create_default_context (gh-107361: VERIFY_X509_STRICT | VERIFY_X509_PARTIAL_CHAIN)',
} as const;

export type TrustChoice =
  | { kind: 'certifi'; rule: string }
  | { kind: 'file'; variable: 'SSL_CERT_FILE'; path: string; rule: string }
  | { kind: 'dir'; variable: 'SSL_CERT_DIR'; path: string; rule: string };

/** Which trust store httpx builds from JamfMCP's environment. */
export function trustChoice(env: Env): TrustChoice {
  const file = env.SSL_CERT_FILE;
  if (file !== undefined && file !== '') return { kind: 'file', variable: 'SSL_CERT_FILE', path: file, rule: TRUST_RULES.choice };
  const dir = env.SSL_CERT_DIR;
  if (dir !== undefined && dir !== '') return { kind: 'dir', variable: 'SSL_CERT_DIR', path: dir, rule: TRUST_RULES.choice };
  return { kind: 'certifi', rule: TRUST_RULES.choice };
}

/** Variables people set to make "Python" trust a CA that JamfMCP's httpx never reads. */
export const IGNORED_TRUST_VARIABLES = ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS'] as const;
