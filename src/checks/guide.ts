import type { GuideSection } from './types.js';

/** GitHub-style heading slug, so a section can be linked from the Markdown report. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

function section(chapter: string, title = chapter): GuideSection {
  return { title, chapter, anchor: slug(title) };
}

const COMMON = 'Common Authentication Errors';
const CONFIGURATION = 'Authentication Configuration Issues';
const TOKENS = 'Token Management Issues';
const DEBUGGING = 'Debugging Authentication';

/** The sections of `authentication-troubleshooting.md` that checks walk. */
export const GUIDE = {
  unauthorized: section(COMMON, '401 Unauthorized'),
  forbidden: section(COMMON, '403 Forbidden'),
  invalidAuthType: section(COMMON, 'Invalid Authentication Type'),
  configuration: section(CONFIGURATION),
  missingVariables: section(CONFIGURATION, 'Missing Environment Variables'),
  oauthClient: section(CONFIGURATION, 'OAuth Client Issues'),
  tokenExpiration: section(TOKENS, 'Token Expiration'),
  tokenCaching: section(TOKENS, 'Token Caching Issues'),
  serverUrl: section('Server URL Issues', 'Invalid Server URL'),
  tls: section('SSL/TLS Issues'),
  certificateVerification: section('SSL/TLS Issues', 'Certificate Verification Failed'),
  manualTokenTest: section(DEBUGGING, 'Manual Token Test'),
  debugging: section(DEBUGGING),
  leastPrivilege: section('Best Practices', 'Credential Security'),
  allElseFails: section('When All Else Fails'),
} as const;

export const GUIDE_FILE = 'authentication-troubleshooting.md';
