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
  /**
   * The exact texts JamfMCP (httpx, Python, the MCP client) shows for this cause: a match outranks
   * any generic pattern, so "Client error '401 …' for url '…/api/v1/computers'" is a privilege
   * problem, not bad credentials.
   */
  texts?: RegExp[];
  causes: string[];
  fix: string[];
  commands?: string[];
  /** Checks that diagnose it. */
  checks: string[];
}

export const TOPICS: readonly Topic[] = [
  {
    id: 'invalid-port',
    title: "httpx.InvalidURL: Invalid port: '8443:443' — JamfMCP cannot use a port in JAMF_URL",
    section: 'Server URL Issues',
    patterns: [/invalid port/i, /InvalidURL/i],
    texts: [/Invalid port: '[^']*:443'/i],
    causes: ['JamfMCP always appends ":443" to the host part of JAMF_URL, so any port in it (even :443) makes an invalid one: "jamf.example.com:8443:443"', "An IPv6 address without brackets ('db8::1:443')"],
    fix: ['Serve Jamf Pro on port 443 (Tomcat connector, or a reverse proxy or load balancer on 443), then set JAMF_URL to https://your-server without a port.', 'An IPv6 address goes in brackets: https://[2001:db8::1].', 'The guide shows https://your-server.com:8443 as correct; JamfMCP 1.0.1 and 1.0.2 cannot use it.'],
    checks: ['url.format'],
  },
  {
    id: 'url-unusable',
    title: 'JAMF_URL that httpx cannot turn into a request',
    section: 'Server URL Issues',
    patterns: [/non-printable ASCII character/i, /missing an 'http:\/\/' or 'https:\/\/' protocol/i, /Invalid IPv6 URL/i, /Invalid IDNA hostname/i],
    texts: [/Invalid non-printable ASCII character in URL/i, /Request URL is missing an 'http:\/\/' or 'https:\/\/' protocol/i],
    causes: ['A tab, line break or other control character inside JAMF_URL', 'JAMF_URL is "https://" or only spaces (no host)', 'An unbalanced IPv6 bracket'],
    fix: ['Retype JAMF_URL as https://your-server.jamfcloud.com, with no invisible characters.'],
    checks: ['url.format'],
  },
  {
    id: 'all-connection-attempts-failed',
    title: 'All connection attempts failed',
    section: 'Server URL Issues',
    patterns: [/connection attempts failed/i, /ConnectError/i],
    texts: [/All connection attempts failed/i],
    causes: ['Nothing accepts connections on port 443 of the Jamf Pro host (JamfMCP always uses 443)', 'A firewall or VPN requirement', 'The proxy in HTTPS_PROXY/ALL_PROXY (or the macOS System Settings proxy) is unreachable', 'A proxy set only in your shell, which a GUI MCP client does not pass to JamfMCP'],
    fix: ['Check that the server answers HTTPS on port 443 from this computer.', 'If your network needs a proxy, put HTTPS_PROXY in the entry\'s "env" block (HTTP_PROXY is never used for https).', 'jamfmcp doctor network tells refusal, timeout and proxy problems apart.'],
    checks: ['network.connect', 'mcp.environment'],
  },
  {
    id: 'dns-errno',
    title: '[Errno 8] nodename nor servname provided, or not known — the host name does not resolve',
    section: 'Server URL Issues',
    patterns: [/nodename nor servname/i, /Name or service not known/i, /Temporary failure in name resolution/i],
    texts: [/\[Errno 8\] nodename nor servname provided, or not known/i, /\[Errno -2\] Name or service not known/i, /\[Errno -3\] Temporary failure in name resolution/i],
    causes: ['A typo in the host name of JAMF_URL', 'JAMF_URL starting with "HTTPS://" in capitals or "https:/" with one slash: JamfMCP then looks up a host called "https"', 'Quotes inside the value (a host called "\\"https")', 'An internal server seen only on the VPN'],
    fix: ['Check the host name in JAMF_URL and write the protocol in lower case: https://your-server.jamfcloud.com.', 'Connect the VPN if Jamf Pro is internal.'],
    checks: ['url.format', 'network.dns'],
  },
  {
    id: 'client-timeout',
    title: 'MCP error -32001: Request timed out — JamfMCP waited for an answer that never came',
    section: 'Debugging Authentication',
    patterns: [/-32001/, /Request timed out/i, /ConnectTimeout|ReadTimeout|PoolTimeout/],
    texts: [/MCP error -32001/i],
    causes: ['JamfMCP sets no timeouts of its own (ConnectTimeout and ReadTimeout never occur in it): a silent host or proxy makes it wait until the MCP client gives up', 'An https:// proxy URL pointing at a plain HTTP proxy', 'A firewall that drops packets'],
    fix: ['Run jamfmcp doctor network: it gives up after --timeout and says which hop is silent.', 'Write proxy URLs with http:// unless the proxy really speaks TLS.'],
    checks: ['network.connect', 'tls.handshake'],
  },
  {
    id: 'token-401',
    title: "Client error '401 Unauthorized' for url '…/api/oauth/token' — Jamf Pro rejects the credentials",
    section: '401 Unauthorized',
    patterns: [/401 Unauthorized'.*\/api\/(oauth\/token|v1\/auth\/token)/is],
    texts: [/Client error '401 [^']*' for url '[^']*\/api\/oauth\/token'/i, /Client error '401 [^']*' for url '[^']*\/api\/v1\/auth\/token'/i],
    causes: ['A wrong, disabled or deleted API client, or a rotated secret (…/api/oauth/token)', 'Spaces, quotes or a line break pasted with JAMF_CLIENT_ID or JAMF_CLIENT_SECRET (JamfMCP sends them verbatim)', 'A wrong user or password, for basic auth in JamfMCP 1.0.1 (…/api/v1/auth/token)', 'JamfMCP says "401 Unauthorized", never the guide\'s "Failed to authenticate with Jamf Pro"; the OAuth error body is logged only at DEBUG'],
    fix: ['Copy the client ID from Jamf Pro exactly (Settings → System → API Roles and Clients → API Clients) and regenerate the secret if unsure.', 'Check the client is enabled and has an API role.', 'jamfmcp doctor token tests the exact request JamfMCP sends.'],
    checks: ['auth.token', 'config.credentials'],
  },
  {
    id: 'api-privilege',
    title: "Client error '401'/'403' for url '…/api/v1/…' or '…/JSSResource/…' — the token works, a privilege is missing",
    section: '403 Forbidden',
    patterns: [/for url '[^']*\/(api\/v\d+|JSSResource)\//i],
    texts: [/Client error '40[13] [^']*' for url '[^']*\/(api\/v\d+(?!\/(oauth|auth\/token))|JSSResource)\//i],
    causes: ['A token was obtained, so the credentials are right', 'The Jamf Pro API answers 403 for a missing privilege; the Classic API (/JSSResource) answers 401, which reads like bad credentials but is not', 'Site restrictions on the account'],
    fix: ['Give the API role the privilege the tool needs (jamfmcp doctor privileges names the missing ones by their Jamf Pro names).', 'A role newly assigned to a client needs a new client secret; privileges changed inside a role apply to the next token.'],
    checks: ['privileges', 'privileges.extended'],
  },
  {
    id: 'token-404',
    title: "Client error '404 Not Found' for url '…/api/oauth/token'",
    section: 'Server URL Issues',
    patterns: [/404 Not Found'.*oauth\/token/is],
    texts: [/Client error '404 [^']*' for url '[^']*(\/:443|:443\/)?\/?api\/oauth\/token'/i],
    causes: ['JAMF_URL without https:// but with a slash or path: JamfMCP then requests https://host/:443/api/oauth/token', 'A server under a context path (https://host/jamf): JamfMCP drops the path', 'A gateway that serves only /api/v1/oauth/token: JamfMCP asks only /api/oauth/token'],
    fix: ['Write JAMF_URL as https://host with no path.', 'Serve Jamf Pro at the root of a host name; JamfMCP cannot use a context path.'],
    checks: ['url.format', 'server.jamf', 'auth.token'],
  },
  {
    id: 'token-answer',
    title: "KeyError: 'scope' (or 'access_token', 'expires_in') — a token answer JamfMCP cannot read",
    section: '401 Unauthorized',
    patterns: [/KeyError/i, /has no attribute 'split'/i, /unsupported type for timedelta/i, /Expecting value: line 1 column 1/i, /^'(scope|expires_in|access_token)'$/],
    texts: [/KeyError: '(scope|expires_in|access_token)'/i, /'NoneType' object has no attribute 'split'/i, /unsupported type for timedelta seconds component/i],
    causes: ['Something other than Jamf Pro answered the token request with 200: a proxy, gateway or login page (Jamf\'s own answer always has access_token, expires_in and scope)', 'An HTML page instead of JSON ("Expecting value: line 1 column 1 (char 0)")'],
    fix: ['Check that JAMF_URL points at Jamf Pro itself, and what a proxy in between does.', 'jamfmcp doctor token shows the answer\'s fields.'],
    checks: ['auth.token', 'server.jamf'],
  },
  {
    id: 'server-5xx',
    title: "Server error '503 Service Unavailable' (500, 502, 504) — the server or something in front of it failed",
    section: 'Server URL Issues',
    patterns: [/Server error '5\d\d/i, /\b50[0234]\b/, /Service Unavailable/i, /Jamf Cloud - Timeout/i],
    texts: [/Server error '5\d\d [^']*' for url/i, /Jamf Cloud - Timeout/i],
    causes: ['Jamf Pro is starting or in maintenance', 'A Jamf Cloud timeout page ("Jamf Cloud - Timeout")', 'A load balancer or proxy failing'],
    fix: ['Try again in a few minutes; check https://status.jamf.com for Jamf Cloud.', 'jamfmcp doctor token checks the server before any credentials.'],
    checks: ['server.jamf', 'auth.token'],
  },
  {
    id: 'redirect',
    title: "Redirect response '302 Found' — JamfMCP does not follow redirects",
    section: 'Server URL Issues',
    patterns: [/Redirect response/i, /Redirect location/i, /\b30[1278]\b/],
    texts: [/Redirect response '30\d [^']*' for url/i],
    causes: ['A single sign-on or login page in front of the API', 'A captive portal (guest Wi-Fi)', 'The wrong host (the server moved)'],
    fix: ['Use the URL of the Jamf Pro server itself; JamfMCP needs direct API access.'],
    checks: ['server.jamf', 'auth.token'],
  },
  {
    id: 'rate-limit',
    title: '429 Too Many Requests',
    section: 'Token Management Issues',
    patterns: [/\b429\b/, /Too Many Requests/i],
    causes: ['Jamf Cloud or a gateway limits the request rate; JamfMCP does not retry'],
    fix: ['Wait and try again; stop other tools calling the API in a loop.'],
    checks: ['auth.token'],
  },
  {
    id: 'reset',
    title: 'ECONNRESET / Connection reset by peer',
    section: 'SSL/TLS Issues',
    patterns: [/ECONNRESET/i, /connection reset/i, /reset by peer/i],
    causes: ['A firewall or security product closes TLS connections to this host (SNI filtering)', 'A proxy is required', 'A server that requires a client certificate'],
    fix: ['Check with IT whether the host is blocked or a proxy is required (HTTPS_PROXY in the entry\'s "env" block).'],
    checks: ['network.connect', 'tls.handshake'],
  },
  {
    id: 'invalid-grant',
    title: 'invalid_grant — the token endpoint refused the grant',
    section: 'OAuth Client Issues',
    patterns: [/invalid_grant/i],
    causes: ['Jamf Pro answers invalid_client (401) for wrong client credentials; invalid_grant comes from something else in front of it (an identity provider or gateway), or a server that is not Jamf Pro'],
    fix: ['Check that JAMF_URL points at Jamf Pro itself.', 'Regenerate the client secret and update JAMF_CLIENT_SECRET.'],
    checks: ['auth.token'],
  },
  {
    id: 'proxy',
    title: '407 Proxy Authentication Required / SOCKS proxy / Unknown scheme for proxy URL',
    section: 'SSL/TLS Issues',
    patterns: [/407/, /Proxy Authentication Required/i, /socksio/i, /SOCKS proxy/i, /Unknown scheme for proxy URL/i],
    texts: [/Using SOCKS proxy, but the 'socksio' package is not installed/i, /Unknown scheme for proxy URL/i],
    causes: ['The proxy wants credentials (httpx offers only Basic: http://user:password@proxy:port)', 'HTTPS_PROXY or ALL_PROXY is socks5://: JamfMCP has no SOCKS support', 'A proxy variable with another scheme — even HTTP_PROXY breaks JamfMCP\'s client at start'],
    fix: ['Use an http:// proxy URL in the entry\'s "env" block, with credentials if the proxy needs them.'],
    checks: ['network.connect'],
  },
  {
    id: 'setup-cli',
    title: 'Usage: jamfmcp [OPTIONS] COMMAND [ARGS]... — the entry starts JamfMCP 1.0.1\'s setup CLI, not the server',
    section: 'Authentication Configuration Issues',
    patterns: [/Usage: jamfmcp/i],
    texts: [/Usage: jamfmcp \[OPTIONS\] COMMAND/i],
    causes: ['In JamfMCP 1.0.1 the "jamfmcp" command is the setup CLI; the server runs as python -m jamfmcp.server'],
    fix: ['Use JamfMCP 1.0.2 ("args": ["jamfmcp@1.0.2"]), whose "jamfmcp" command is the server.'],
    checks: ['mcp.server'],
  },
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
    commands: ['curl -sS -X POST -u "$JAMF_USERNAME:$JAMF_PASSWORD" "$JAMF_URL/api/v1/auth/token"', 'curl -sS -X POST "$JAMF_URL/api/oauth/token" -H "Content-Type: application/x-www-form-urlencoded" --data-urlencode "client_id=$JAMF_CLIENT_ID" --data-urlencode "client_secret=$JAMF_CLIENT_SECRET" --data-urlencode "grant_type=client_credentials"'],
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
    texts: [/Invalid auth type: .*Must be 'basic' or 'client_credentials'/i],
    causes: ['JamfMCP 1.0.1: JAMF_AUTH_TYPE is not basic or client_credentials after trimming and lower-casing (its own setup CLI writes "oauth", which the server rejects; an empty value is invalid too)'],
    fix: ['Set "JAMF_AUTH_TYPE": "client_credentials" (or "basic") in the env block of your MCP configuration.', 'JamfMCP 1.0.2 reads only JAMF_URL, JAMF_CLIENT_ID and JAMF_CLIENT_SECRET and ignores JAMF_AUTH_TYPE.'],
    checks: ['config.auth-type', 'mcp.server'],
  },
  {
    id: 'missing-credentials',
    title: 'Missing required credentials — JAMF_USERNAME and JAMF_PASSWORD (or the client pair) must be provided',
    section: 'Missing Environment Variables',
    patterns: [/missing required credentials/i, /must be provided/i, /credentials not provided/i],
    texts: [/Client credentials not provided\. Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET/i, /Basic auth credentials not provided/i],
    causes: [
      'The credential variables are not in the env block the MCP client passes (set only in your shell does not count for a GUI client)',
      'JamfMCP 1.0.2 reads only JAMF_CLIENT_ID/JAMF_CLIENT_SECRET: a basic-auth configuration (JAMF_USERNAME/JAMF_PASSWORD) gets this error',
      'JamfMCP 1.0.1 defaults to basic: a client-credentials configuration without JAMF_AUTH_TYPE=client_credentials gets "Basic auth credentials not provided"',
      'A misspelt variable name (JAMF_CLIENTID) or an empty value',
    ],
    fix: ['Add the variables to the "env" block of the JamfMCP entry (JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET).', 'jamfmcp doctor --config auto finds misspellings, placeholders and values your client does not pass.'],
    checks: ['config.credentials', 'mcp.env-names', 'mcp.placeholders'],
  },
  {
    id: 'server-url',
    title: 'Jamf Pro server URL not provided / Failed to connect to Jamf Pro',
    section: 'Server URL Issues',
    patterns: [/server url/i, /JAMF_URL/, /failed to connect to jamf pro/i, /trailing slash/i, /wrong port/i],
    texts: [/Jamf Pro server URL not provided\. Set JAMF_URL environment variable/i],
    causes: ['JAMF_URL not set in the env block the MCP client passes', 'A port in JAMF_URL: JamfMCP always uses 443', 'A host without https:// followed by a slash or path', '"Failed to connect to Jamf Pro:" is only the prefix JamfMCP puts before a network error: the rest of the line names it'],
    fix: ['Set JAMF_URL to your-server.jamfcloud.com or https://jamf.example.com (port 443, no path).'],
    checks: ['url.format', 'network.dns', 'network.connect'],
  },
  {
    id: 'certificate',
    title: 'SSL: CERTIFICATE_VERIFY_FAILED — unable to get local issuer certificate',
    section: 'SSL/TLS Issues',
    patterns: [/CERTIFICATE_VERIFY_FAILED/i, /local issuer/i, /self[- ]signed/i, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/, /CERT_HAS_EXPIRED/, /CERT_NOT_YET_VALID/, /ERR_TLS_CERT_ALTNAME_INVALID/, /certificate/i, /\bssl\b|\btls\b/i],
    texts: [/certificate verify failed/i, /Basic Constraints of CA cert not marked critical|Missing (Authority|Subject) Key Identifier|CA cert does not include key usage/i, /NO_CERTIFICATE_OR_CRL_FOUND/i, /Hostname mismatch, certificate is not valid for/i],
    causes: [
      'Self-signed certificate, or a private CA JamfMCP does not trust: JamfMCP\'s Python trusts only its own Mozilla bundle (certifi) or SSL_CERT_FILE/SSL_CERT_DIR — never the macOS keychain, NODE_EXTRA_CA_CERTS or REQUESTS_CA_BUNDLE',
      'Expired certificate, or a hostname mismatch',
      'Missing intermediate certificates',
      'A corporate proxy re-signing HTTPS',
      'A private CA certificate that is not RFC 5280-strict ("Basic Constraints of CA cert not marked critical", "Missing Authority Key Identifier"): Python 3.13 checks strictly, Node and browsers do not',
      'SSL_CERT_FILE pointing at a missing file ([Errno 2]) or a file without PEM certificates (NO_CERTIFICATE_OR_CRL_FOUND)',
    ],
    fix: [
      'Use a valid certificate on the server (with its full chain).',
      'Make JamfMCP trust your CA: SSL_CERT_FILE in the entry\'s "env" block, pointing at a bundle of the public roots plus the CA (the guide\'s "add to system trust store" does not reach JamfMCP).',
      'For the doctor: --ca-file lets it check past the problem.',
      'Never disable verification; the guide\'s ssl._create_default_https_context snippet has no effect on JamfMCP\'s httpx anyway.',
      'jamfmcp doctor tls names which of these it is.',
    ],
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
    fix: ['Check the host: JamfMCP always connects to port 443 (an on-premises server on 8443 needs a reverse proxy or load balancer on 443).', 'Connect the VPN, or set HTTPS_PROXY in the entry\'s "env" block if your network needs a proxy.', 'jamfmcp doctor network tells DNS, refusal, timeout and proxy problems apart.'],
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
    // JamfMCP's own words outrank every generic pattern.
    for (const text of topic.texts ?? []) if (text.test(trimmed)) score += 20;
    if (score > 0) matches.push({ topic, score });
  }
  return matches.sort((a, b) => b.score - a.score);
}

/** A command line of renderTopic's output (indented four spaces, no list marker): never to be wrapped. */
export function isTopicCommand(line: string): boolean {
  return /^ {4}\S/.test(line);
}

export function renderTopic(topic: Topic): string {
  const lines = [topic.title, `Guide section: ${topic.section}`, '', 'Possible causes:', ...topic.causes.map((c) => `  - ${c}`), '', 'Fix:', ...topic.fix.map((f, i) => `  ${i + 1}. ${f}`)];
  if (topic.commands) lines.push('', ...topic.commands.map((c) => `    ${c}`));
  lines.push('', `Checks: ${topic.checks.join(', ')} (jamfmcp doctor --only ${topic.checks.join(',')})`);
  return `${lines.join('\n')}\n`;
}
