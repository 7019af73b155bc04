import type { AuthType } from '../jamfmcp/profiles.js';
import type { Route } from '../net/route.js';
import type { TlsObservation } from '../net/sockets.js';
import type { TrustStores } from '../net/trust.js';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { JamfToken } from '../jamf/token.js';
import type { PrivilegeProber } from '../jamf/coverage.js';

/**
 * Values one check works out and later checks use. Each field is written by exactly one
 * check (named beside it) and read only by checks that list that check in `needs`.
 */
export interface Facts {
  /**
   * url.format: the server URL the run tests — JamfMCP's own (https, its host, port 443) when
   * JamfMCP can use JAMF_URL, else the URL the value was meant to be, tested only to explain.
   */
  baseUrl?: URL;
  /** url.format: whether `baseUrl` is what JamfMCP requests or only what JAMF_URL was meant to be. */
  urlRole?: 'jamfmcp' | 'intended';
  /** url.format: the written URL as the guide reads it (its path kept), when it differs from baseUrl. */
  writtenUrl?: URL;
  /** config.auth-type: the auth type JamfMCP uses. */
  authType?: AuthType;
  /** network.dns: the addresses the host resolved to (empty for an IP literal). */
  addresses?: string[];
  /** network.connect: how connections reach the server (directly, or through a proxy's CONNECT tunnel). */
  route?: Route;
  /** tls.handshake (first user): JamfMCP's trust store and the doctor's diagnostic one. */
  trust?: TrustStores;
  /** network.connect: the open connection (direct or tunnelled), handed on to tls.handshake. */
  socket?: Socket;
  /** tls.handshake: what the TLS handshake showed (chain, protocol, verification verdict). */
  tls?: TlsObservation;
  /**
   * tls.certificate: when JamfMCP's own store rejected a chain the doctor verified, the extra CAs
   * (--ca-file, NODE_EXTRA_CA_CERTS) that made the difference — tls.trust-store's fix names them.
   */
  jamfmcpTrust?: { onlyThanksTo?: string[] };
  /**
   * tls.certificate: the handshake's connection once chain *and* host name are verified; the HTTP
   * client takes it for its first request, so DNS, TCP and TLS happen once per run.
   */
  verifiedSocket?: TLSSocket;
  /** server.jamf: the server's clock (Date header) and the local time at the middle of that exchange. */
  serverClock?: { serverDate: number; localMidpoint: number };
  /** server.jamf: a Date header that is not an HTTP date (shown escaped by the renderers). */
  serverBadDate?: string;
  /** auth.token: the token the doctor obtained (registered as a secret; never rendered). */
  token?: JamfToken;
  /** auth.token-valid: the body of GET /api/v1/auth (account, privileges, sites). */
  authInfo?: Record<string, unknown>;
  /** auth.token-valid: the Jamf Pro version string. */
  jamfVersion?: string;
  /** privileges, privileges.extended: one prober per run, so probes are shared and capped at 5 in flight. */
  prober?: Promise<PrivilegeProber>;
}
