/**
 * `jamfmcp explain` knows the texts users actually see from JamfMCP (httpx, Python, the OS
 * resolver, Jamf Cloud), each leading to the topic, the guide section and the check that
 * diagnoses it (reference: jamfmcp-behaviour.md §7).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainText, renderTopic, TOPICS } from '../../src/explain/topics.js';

const ROWS: Array<{ text: string; topic: string; check: string; source: string }> = [
  { text: "httpx.InvalidURL: Invalid port: '8443:443'", topic: 'invalid-port', check: 'url.format', source: 'encode/httpx@0.28.1:httpx/_urlparse.py:406-432' },
  { text: 'httpx.ConnectError: All connection attempts failed', topic: 'all-connection-attempts-failed', check: 'network.connect', source: 'encode/httpcore@1.0.9:httpcore/_backends/anyio.py' },
  { text: 'httpx.ConnectTimeout', topic: 'client-timeout', check: 'network.connect', source: 'encode/httpx@0.28.1:httpx/_transports/default.py' },
  { text: '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1028)', topic: 'certificate', check: 'tls.certificate', source: 'CPython Modules/_ssl.c' },
  { text: "Client error '401 Unauthorized' for url 'https://acme.jamfcloud.com/api/oauth/token'", topic: 'token-401', check: 'auth.token', source: 'encode/httpx@0.28.1:httpx/_models.py:794-829' },
  { text: "Client error '401 Unauthorized' for url 'https://acme.jamfcloud.com/JSSResource/computers'", topic: 'api-privilege', check: 'privileges', source: 'a Classic API 401 on a valid token: a missing privilege' },
  { text: "Client error '404 Not Found' for url 'https://jamf.example.com/api/oauth/token'", topic: 'token-404', check: 'auth.token', source: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/auth.py:166' },
  { text: "Server error '503 Service Unavailable' for url 'https://acme.jamfcloud.com/api/oauth/token'", topic: 'server-5xx', check: 'server.jamf', source: 'encode/httpx@0.28.1:httpx/_models.py:794-829' },
  { text: "Server error '500 Internal Server Error' for url 'https://acme.jamfcloud.com/api/v1/computers-inventory'", topic: 'server-5xx', check: 'server.jamf', source: 'encode/httpx@0.28.1:httpx/_models.py:794-829' },
  { text: "Redirect response '302 Found' for url 'https://acme.jamfcloud.com/api/oauth/token'", topic: 'redirect', check: 'auth.token', source: 'encode/httpx@0.28.1:httpx/_models.py:794-829 (follow_redirects=False)' },
  { text: '[Errno 8] nodename nor servname provided, or not known', topic: 'dns-errno', check: 'network.dns', source: 'macOS getaddrinfo EAI_NONAME' },
  { text: '[Errno -2] Name or service not known', topic: 'dns-errno', check: 'network.dns', source: 'glibc getaddrinfo EAI_NONAME' },
  { text: "KeyError: 'scope'", topic: 'token-answer', check: 'auth.token', source: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/auth.py:192-198' },
  { text: 'ValueError: Client credentials not provided. Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET environment variables.', topic: 'missing-credentials', check: 'config.credentials', source: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/auth.py:34-39' },
  { text: '<html><head><title>Jamf Cloud - Timeout</title></head><body>Timeout</body></html>', topic: 'server-5xx', check: 'server.jamf', source: "Jamf Cloud's timeout page (jamf/ReEnroller#7)" },
  { text: 'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)', topic: 'token-answer', check: 'auth.token', source: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/clients/auth.py:192 (resp.json() on an HTML page)' },
  { text: 'MCP error -32001: Request timed out', topic: 'client-timeout', check: 'network.connect', source: 'modelcontextprotocol/typescript-sdk src/shared/protocol.ts (JamfMCP sets no timeout)' },
  { text: 'Usage: jamfmcp [OPTIONS] COMMAND [ARGS]...', topic: 'setup-cli', check: 'mcp.server', source: 'liquidz00/jamfmcp@v1.0.1:pyproject.toml:29-30 (jamfmcp is the setup CLI)' },
  { text: 'ValueError: Basic auth credentials not provided. Set JAMF_USERNAME and JAMF_PASSWORD environment variables.', topic: 'missing-credentials', check: 'config.credentials', source: 'liquidz00/jamfmcp@v1.0.1:src/jamfmcp/auth.py:43-55' },
  { text: "Client error '429 Too Many Requests' for url 'https://acme.jamfcloud.com/api/oauth/token'", topic: 'rate-limit', check: 'auth.token', source: 'liquidz00/jamfmcp@v1.0.2:src/jamfmcp/jamfsdk/models/client.py:55-56 (no retry)' },
  { text: 'read ECONNRESET', topic: 'reset', check: 'network.connect', source: 'a connection reset by the server or a middlebox' },
  { text: '{"error":"invalid_grant"}', topic: 'invalid-grant', check: 'auth.token', source: 'RFC 6749 §5.2' },
  { text: 'httpx.ProxyError: 407 Proxy Authentication Required', topic: 'proxy', check: 'network.connect', source: 'encode/httpcore@1.0.9:httpcore/_async/http_proxy.py:292-297' },
];

describe('explain: the texts JamfMCP users see', () => {
  for (const row of ROWS) {
    it(`${JSON.stringify(row.text.slice(0, 70))} → ${row.topic} (${row.source})`, () => {
      const [best] = explainText(row.text);
      assert.ok(best, 'some topic matches');
      assert.equal(best.topic.id, row.topic, `best: ${best.topic.id}; all: ${explainText(row.text).map((m) => `${m.topic.id}:${m.score}`).join(', ')}`);
      assert.ok(best.topic.checks.includes(row.check), `${row.topic} names ${row.check}: ${best.topic.checks.join(', ')}`);
      const text = renderTopic(best.topic);
      assert.match(text, /Fix:\n {2}1\. /, 'a numbered fix');
      assert.match(text, /Guide section: \S/);
    });
  }
  it('a 401 on the Classic API is a privilege, never bad credentials', () => {
    const ids = explainText("Client error '401 Unauthorized' for url 'https://acme.jamfcloud.com/JSSResource/policies'").map((m) => m.topic.id);
    assert.equal(ids[0], 'api-privilege');
    assert.ok(ids.indexOf('api-privilege') < ids.indexOf('token-401') || !ids.includes('token-401'));
  });
  it('every topic names at least one check and a guide section', () => {
    for (const topic of TOPICS) {
      assert.ok(topic.checks.length > 0, topic.id);
      assert.ok(topic.section.length > 0, topic.id);
    }
  });
});
