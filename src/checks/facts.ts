import type { AuthType } from '../config/resolve.js';

/**
 * Values one check works out and later checks use. Each field is written by exactly one
 * check (named beside it) and read only by checks that list that check in `needs`.
 */
export interface Facts {
  /** url.format: the server URL to test, normalised (https, no credentials, no trailing slash). */
  baseUrl?: URL;
  /** config.auth-type: the auth type the run uses, given or inferred. */
  authType?: AuthType;
}
