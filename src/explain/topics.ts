/**
 * Offline knowledge for `jamfmcp explain` and the walkthrough's "explain more": the guide's
 * sections as topics, each with the error texts that lead to it, the causes, and the fix.
 */
export interface Topic {
  id: string;
  title: string;
  /** The guide section it comes from. */
  section: string;
  /** Error messages and statuses that point here. */
  patterns: RegExp[];
  causes: string[];
  fix: string[];
  commands?: string[];
  /** Checks that diagnose it. */
  checks: string[];
}

export const TOPICS: readonly Topic[] = [
  {
    id: 'unauthorized',
    title: '401 Unauthorized — Failed to authenticate with Jamf Pro',
    section: '401 Unauthorized',
    patterns: [/\b401\b/, /unauthori[sz]ed/i, /failed to authenticate/i, /USER_EXPIRED_PASSWORD/],
    causes: ['Incorrect credentials', 'Expired password (basic auth)', 'Revoked client credentials (OAuth)', 'Account locked or disabled', 'API access not enabled (an SSO-only account cannot use the API)'],
    fix: [
      'Test the credentials outside JamfMCP with curl (below); never paste the secret into the command line of a shared machine.',
      'In Jamf Pro, Settings → System → User accounts: check the account is enabled, not locked, and a local account.',
      'For an API client, check it exists, is enabled and has a role: Settings → System → API Roles and Clients.',
      'Run jamfmcp doctor: auth.token names the exact cause.',
    ],
    commands: ['curl -sS -X POST -u "$JAMF_USERNAME:$JAMF_PASSWORD" "$JAMF_URL/api/v1/auth/token"', 'curl -sS -X POST "$JAMF_URL/api/v1/oauth/token" -H "Content-Type: application/x-www-form-urlencoded" --data-urlencode "client_id=$JAMF_CLIENT_ID" --data-urlencode "client_secret=$JAMF_CLIENT_SECRET" --data-urlencode "grant_type=client_credentials"'],
    checks: ['auth.token', 'auth.token-valid'],
  },
  {
    id: 'invalid-client',
    title: 'invalid_client — Client authentication failed',
    section: 'OAuth Client Issues',
    patterns: [/invalid_client/i, /client authentication failed/i],
    causes: ['Client ID / secret mismatch', 'The API client was deleted', 'The API client is disabled', 'A typo in the credentials (or spaces and quotes pasted with them)'],
    fix: ['Copy the client ID from Jamf Pro exactly (Settings → System → API Roles and Clients → API Clients).', 'Regenerate the client secret if unsure.', 'Update the configuration immediately and restart the MCP client.', 'Test with curl before using it in MCP (jamfmcp doctor prints the command).'],
    checks: ['config.credentials', 'auth.token'],
  },
  {
    id: 'forbidden',
    title: '403 Forbidden — Insufficient privileges',
    section: '403 Forbidden',
    patterns: [/\b403\b/, /forbidden/i, /insufficient privileges/i, /INVALID_PRIVILEGE/],
    causes: ['Missing API privileges', 'Wrong API role assigned', 'Site restrictions', 'IP address restrictions'],
    fix: [
      'OAuth: Settings → System → API Roles and Clients → API Roles: give the role the read privileges JamfMCP needs (jamfmcp doctor privileges lists the missing ones by their exact names).',
      'A role newly assigned to a client needs a new client secret; privileges changed inside a role apply at once.',
      'Basic auth: grant the user account the read privileges.',
      'Required minimum: Read Computers, Read Computer Inventory Collection, Read Smart/Static Computer Groups, Read Computer Extension Attributes, Read Policies, Read macOS Configuration Profiles, Read Scripts, Read Packages, Read Buildings, Read Departments, Read Sites.',
    ],
    checks: ['privileges', 'privileges.extended', 'auth.token-valid'],
  },
  {
    id: 'auth-type',
    title: "Invalid JAMF_AUTH_TYPE. Must be 'basic' or 'client_credentials'",
    section: 'Invalid Authentication Type',
    patterns: [/JAMF_AUTH_TYPE/i, /invalid auth(entication)? type/i],
    causes: ['JAMF_AUTH_TYPE holds something other than basic or client_credentials (case, spaces and hyphens count)'],
    fix: ['Set "JAMF_AUTH_TYPE": "client_credentials" (or "basic") in the env block of your MCP configuration.', 'JamfMCP 1.0.2 and later read only the client credentials and ignore JAMF_AUTH_TYPE.'],
    checks: ['config.auth-type', 'mcp.server'],
  },
  {
    id: 'missing-credentials',
    title: 'Missing required credentials — JAMF_USERNAME and JAMF_PASSWORD (or the client pair) must be provided',
    section: 'Missing Environment Variables',
    patterns: [/missing required credentials/i, /must be provided/i, /credentials not provided/i],
    causes: ['The credential variables are not in the env block the MCP client passes', 'A misspelt variable name (JAMF_CLIENTID)', 'An unexpanded placeholder such as ${JAMF_CLIENT_SECRET}'],
    fix: ['Add the variables to the "env" block of the JamfMCP entry (JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET).', 'jamfmcp doctor --config auto finds misspellings and placeholders.'],
    checks: ['config.credentials', 'mcp.env-names', 'mcp.placeholders'],
  },
  {
    id: 'server-url',
    title: 'Jamf Pro server URL not provided / Failed to connect to Jamf Pro',
    section: 'Server URL Issues',
    patterns: [/server url/i, /JAMF_URL/, /failed to connect to jamf pro/i, /trailing slash/i, /wrong port/i],
    causes: ['JAMF_URL not set', 'host:port without https://', 'A trailing slash', 'The wrong port (Jamf Cloud 443; on-premises usually 8443)'],
    fix: ['Set JAMF_URL to your-server.jamfcloud.com or https://jamf.example.com:8443, without a trailing slash or path.'],
    checks: ['url.format', 'network.dns', 'network.connect'],
  },
  {
    id: 'certificate',
    title: 'SSL: CERTIFICATE_VERIFY_FAILED — unable to get local issuer certificate',
    section: 'SSL/TLS Issues',
    patterns: [/CERTIFICATE_VERIFY_FAILED/i, /local issuer/i, /self[- ]signed/i, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/, /CERT_HAS_EXPIRED/, /CERT_NOT_YET_VALID/, /ERR_TLS_CERT_ALTNAME_INVALID/, /certificate/i, /\bssl\b|\btls\b/i],
    causes: ['Self-signed certificate', 'Expired certificate', 'Missing intermediate certificates', 'A corporate proxy re-signing HTTPS'],
    fix: ['Use a valid certificate on the server (with its full chain).', 'Add the CA certificate to the trust store the MCP client\'s runtime uses (for the doctor: --ca-file or NODE_EXTRA_CA_CERTS).', 'Configure proxy settings if applicable; never disable verification in production.', 'jamfmcp doctor tls names which of these it is.'],
    checks: ['tls.trust-store', 'tls.handshake', 'tls.certificate', 'tls.expiry'],
  },
  {
    id: 'token-expiration',
    title: 'Token expired — works at first, then fails',
    section: 'Token Management Issues',
    patterns: [/token expired/i, /INVALID_TOKEN/, /expired token/i, /intermittent/i, /works initially/i],
    causes: ['Tokens expire (user tokens 30 minutes by default; OAuth tokens per the client\'s Access Token Lifetime)', 'Auto-refresh failing because of network, changed credentials or clock skew'],
    fix: ['Check network connectivity.', 'Verify the credentials are still valid.', 'Restart the MCP client.', 'Check for clock skew (jamfmcp doctor token reports it).'],
    checks: ['auth.token-lifetime', 'clock.skew', 'auth.token-valid'],
  },
  {
    id: 'token-caching',
    title: 'Old credentials still being used — changes not taking effect',
    section: 'Token Caching Issues',
    patterns: [/old credentials/i, /not taking effect/i, /cach/i, /still using/i],
    causes: ['The MCP client still runs the server it started with the old values', 'A value set in both the shell and the config file: the client passes the file\'s'],
    fix: ['Restart the MCP client completely (quit it, not just close the window); JamfMCP keeps no persistent cache.', 'jamfmcp doctor --config auto shows which value the client passes.'],
    checks: ['config.file'],
  },
  {
    id: 'spawn-enoent',
    title: 'spawn uvx ENOENT — the MCP client cannot start the server',
    section: 'Authentication Configuration Issues',
    patterns: [/spawn \S+ ENOENT/i, /\bENOENT\b/, /command not found/i],
    causes: ['uv/uvx is installed where only your shell finds it (~/.local/bin); GUI apps on macOS get PATH=/usr/bin:/bin:/usr/sbin:/sbin'],
    fix: ['Use the absolute path of uvx as "command" (run: command -v uvx), or install uv with Homebrew.', 'Restart the MCP client.'],
    checks: ['mcp.command', 'mcp.handshake'],
  },
  {
    id: 'connection-closed',
    title: 'MCP error -32000: Connection closed — the server exited at start',
    section: 'Debugging Authentication',
    patterns: [/-32000/, /connection closed/i],
    causes: ['A missing variable (the server stops with "Jamf Pro server URL not provided")', 'A Python or package error while starting'],
    fix: ['Run jamfmcp doctor --config auto --mcp: it starts the server like the client and shows its stderr.'],
    checks: ['mcp.handshake'],
  },
  {
    id: 'network',
    title: 'Connection refused, timed out or host not found',
    section: 'Server URL Issues',
    patterns: [/ECONNREFUSED/, /ETIMEDOUT/, /ENOTFOUND/, /EAI_AGAIN/, /timed out/i, /connection refused/i, /getaddrinfo/i],
    causes: ['A typo in the host name', 'The wrong port', 'A firewall, VPN or proxy requirement'],
    fix: ['Check the host and port (Jamf Cloud 443, on-premises usually 8443).', 'Connect the VPN, or set HTTPS_PROXY if your network needs a proxy.', 'jamfmcp doctor network tells DNS, refusal, timeout and proxy problems apart.'],
    checks: ['network.dns', 'network.connect'],
  },
  {
    id: 'clock-skew',
    title: 'Clock skew',
    section: 'Token Management Issues',
    patterns: [/clock/i, /skew/i, /not yet valid/i],
    causes: ["This computer's clock differs from the server's: tokens look expired or not yet valid, certificates fail"],
    fix: ['Turn on automatic (network) date and time.'],
    checks: ['clock.skew', 'tls.certificate'],
  },
];

export interface Match {
  topic: Topic;
  score: number;
}

/** The topics a pasted error message points at, best first. A check id matches the topics naming it. */
export function explainText(text: string): Match[] {
  const trimmed = text.trim();
  const matches: Match[] = [];
  for (const topic of TOPICS) {
    let score = topic.checks.includes(trimmed) ? 10 : 0;
    if (topic.id === trimmed.toLowerCase()) score += 10;
    topic.patterns.forEach((pattern, i) => {
      // Earlier patterns are the more specific ones.
      if (pattern.test(trimmed)) score += Math.max(1, 5 - i);
    });
    if (score > 0) matches.push({ topic, score });
  }
  return matches.sort((a, b) => b.score - a.score);
}

export function renderTopic(topic: Topic): string {
  const lines = [topic.title, `Guide section: ${topic.section}`, '', 'Possible causes:', ...topic.causes.map((c) => `  - ${c}`), '', 'Fix:', ...topic.fix.map((f, i) => `  ${i + 1}. ${f}`)];
  if (topic.commands) lines.push('', ...topic.commands.map((c) => `    ${c}`));
  lines.push('', `Checks: ${topic.checks.join(', ')} (jamfmcp doctor --only ${topic.checks.join(',')})`);
  return `${lines.join('\n')}\n`;
}
