/** Reading a Claude Desktop server log (issue 16): the last session, its finding, and scrubbing. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { serverLogFor } from '../../src/mcp/client-logs.js';
import { lastSession, scrubLogLine } from '../../src/mcp/log-parse.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/logs/${name}`, import.meta.url), 'utf8');

describe('lastSession', () => {
  it('a start-up traceback: the exception line, not "Server disconnected", explains the last session', () => {
    const session = lastSession(fixture('mcp-server-jamfmcp-credentials.log'), 'jamfmcp');
    assert.equal(session.outcome, 'failed');
    assert.equal(session.startedAt, '2025-04-07T07:49:40.581Z', 'the most recent start, not the healthy one before');
    assert.equal(session.finding?.kind, 'exception');
    assert.equal(session.finding?.text, 'ValueError: Client credentials not provided. Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET environment variables.');
    assert.deepEqual(session.findings.map((f) => f.kind), ['exception', 'closed-unexpectedly', 'disconnected']);
  });
  it('a healthy session: ok', () => {
    const session = lastSession(fixture('mcp-server-jamfmcp-healthy.log'), 'jamfmcp');
    assert.equal(session.outcome, 'ok');
    assert.equal(session.finding, undefined);
  });
  it("a tool result carrying JamfMCP's error dictionary: the httpx text inside it", () => {
    const session = lastSession(fixture('mcp-server-jamfmcp-401.log'), 'jamfmcp');
    assert.equal(session.finding?.kind, 'tool-error');
    assert.match(session.finding?.text ?? '', /^Client error '401 Unauthorized' for url 'https:\/\/acme\.jamfcloud\.com\/api\/oauth\/token'/);
  });
  it("another server's lines are not this server's session", () => {
    assert.equal(lastSession(fixture('mcp-server-jamfmcp-credentials.log'), 'other').outcome, 'unknown');
  });
  it('a spawn failure and a timeout are findings too', () => {
    const text = ['2025-01-01T00:00:00.000Z [jamfmcp] [info] Initializing server...', '2025-01-01T00:00:00.100Z [jamfmcp] [error] spawn uvx ENOENT'].join('\n');
    assert.equal(lastSession(text, 'jamfmcp').finding?.kind, 'spawn');
    const timeout = ['2025-01-01T00:00:00.000Z [jamfmcp] [info] Initializing server...', '2025-01-01T00:01:00.000Z [jamfmcp] [error] MCP error -32001: Request timed out'].join('\n');
    assert.equal(lastSession(timeout, 'jamfmcp').finding?.kind, 'timeout');
  });
});

describe('scrubLogLine', () => {
  it('bearer tokens, JWTs, client_secret=, URL passwords', () => {
    const line = fixture('mcp-server-jamfmcp-secrets.log').split('\n')[2] as string;
    const scrubbed = scrubLogLine(line);
    for (const secret of ['Url-Log-Pass-77', 'eyJhbGciOiJIUzI1NiJ9', 'Fixture-Log-S3cret-992', 'bG9nLXNpZ25hdHVyZQ']) assert.ok(!scrubbed.includes(secret), secret);
    assert.match(scrubbed, /https:\/\/admin:\*\*\*@acme\.jamfcloud\.com/);
    assert.match(scrubbed, /Bearer \[REDACTED\]/);
    assert.match(scrubbed, /client_secret=\[REDACTED\]/);
  });
});

describe('serverLogFor', () => {
  const env = { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' };
  it('Claude Desktop on macOS and Windows; no other client, no other platform', () => {
    assert.equal(serverLogFor('claude-desktop', 'jamfmcp', { home: '/Users/me', platform: 'darwin', env })?.file, join('/Users/me', 'Library', 'Logs', 'Claude', 'mcp-server-jamfmcp.log'));
    assert.equal(serverLogFor('claude-desktop', 'jamfmcp', { home: 'C:\\Users\\me', platform: 'win32', env })?.file, join('C:\\Users\\me\\AppData\\Roaming', 'Claude', 'logs', 'mcp-server-jamfmcp.log'));
    assert.equal(serverLogFor('claude-desktop', 'jamfmcp', { home: '/home/me', platform: 'linux', env }), undefined);
    assert.equal(serverLogFor('cursor', 'jamfmcp', { home: '/Users/me', platform: 'darwin', env }), undefined);
  });
  it('a server name that is a path is not a log name', () => {
    assert.equal(serverLogFor('claude-desktop', '../x', { home: '/Users/me', platform: 'darwin', env }), undefined);
  });
});
