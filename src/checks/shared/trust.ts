import { homedir, platform } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { CheckContext, Fix } from '../types.js';
import type { Target } from '../../config/target.js';
import { envLine } from './env.js';
import { trustChoice } from '../../jamfmcp/trust.js';
import { loadTrustStores, type TrustSpec, type TrustStores } from '../../net/trust.js';

/** The trust store JamfMCP uses, as the net layer loads it. */
export function trustSpecOf(ctx: CheckContext): TrustSpec {
  const choice = trustChoice(ctx.target.env.values);
  return choice.kind === 'certifi' ? { kind: 'bundled' } : { kind: choice.kind, path: choice.path, variable: choice.variable };
}

const loading = new WeakMap<object, Promise<TrustStores>>();

/** The run's trust stores, loaded once by whichever check needs them first. */
export function trustOf(ctx: CheckContext): Promise<TrustStores> {
  let pending = loading.get(ctx.facts);
  if (!pending) {
    pending = loadTrustStores(trustSpecOf(ctx), ctx.target.caFile, ctx.target.shell).then((stores) => {
      ctx.facts.trust = stores;
      return stores;
    });
    loading.set(ctx.facts, pending);
  }
  return pending;
}

/** A relative SSL_CERT_FILE/SSL_CERT_DIR resolves against JamfMCP's working directory, which the client chooses. */
export function relativeTrustPath(spec: TrustSpec): string | undefined {
  return spec.kind !== 'bundled' && !isAbsolute(spec.path) ? spec.path : undefined;
}

/**
 * How to make JamfMCP trust a CA the doctor was given (--ca-file, NODE_EXTRA_CA_CERTS): a bundle of
 * the public roots plus that CA, named by SSL_CERT_FILE in the entry's env block (SSL_CERT_FILE
 * replaces certifi, so the public roots must be in it too).
 */
export function sslCertFileFix(target: Target, stores: TrustStores, spec: TrustSpec): Required<Fix> {
  const bundle = platform() === 'win32' ? join(homedir(), 'jamfmcp-ca-bundle.pem') : join(homedir(), '.jamfmcp-ca-bundle.pem');
  const ca = stores.caFile?.path ?? stores.extra?.path ?? '<your-ca>.pem';
  const publicRoots = spec.kind === 'file' ? spec.path : platform() === 'darwin' ? '/etc/ssl/cert.pem' : '/etc/ssl/certs/ca-certificates.crt';
  return {
    steps: [
      `Make a CA bundle that holds the public roots and your CA (SSL_CERT_FILE replaces JamfMCP's bundle, and uvx uses the same variable to reach PyPI): ${bundle}.`,
      `Point JamfMCP at it with SSL_CERT_FILE in the "env" block of the entry${target.configFile ? ` in ${target.configFile.displayPath}` : ''}, then restart the MCP client. The macOS keychain and NODE_EXTRA_CA_CERTS do not count: JamfMCP's Python reads neither.`,
    ],
    commands: [`cat ${publicRoots} ${ca} > ${bundle}`, envLine(target, { SSL_CERT_FILE: bundle })],
  };
}
