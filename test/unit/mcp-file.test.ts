/**
 * MCP client config files: strict JSON vs JSONC, syntax errors at the right line:column, entries,
 * env values and their positions, choosing the entry, and reading files from disk.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseEntry, clientAcceptsJsonc, parseMcpConfigText, readMcpConfigFile } from '../../src/config/mcp-file.js';
import type { McpServerEntry } from '../../src/config/mcp-file.js';

/** The guide's "Missing Environment Variables" example inside a Claude Desktop file, with a trailing comma. */
const CLAUDE_TRAILING_COMMA = [
  '{', // 1
  '  "mcpServers": {', // 2
  '    "jamfmcp": {', // 3
  '      "command": "uvx",', // 4
  '      "args": ["jamfmcp"],', // 5
  '      "env": {', // 6
  '        "JAMF_URL": "your-server.com",', // 7
  '        "JAMF_AUTH_TYPE": "basic",', // 8
  '        "JAMF_USERNAME": "api-user",', // 9
  '        "JAMF_PASSWORD": "secure-password",', // 10: the comma is column 43
  '      }', // 11: jsonc-parser complains here, column 7
  '    }',
  '  }',
  '}',
].join('\n');

/** 1-based line:column of the `nth` occurrence of `needle`, computed independently of the code under test. */
function positionOfText(text: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} found`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

describe('parseMcpConfigText: trailing commas and comments', () => {
  it('reports the trailing comma of a strict (Claude Desktop) file at the comma, not at the bracket', () => {
    const parsed = parseMcpConfigText(CLAUDE_TRAILING_COMMA, false);
    assert.equal(parsed.fatal, undefined, 'the data is still recovered');
    assert.deepEqual(parsed.syntaxProblems, [{ line: 10, column: 43, message: 'trailing comma (not allowed in JSON)' }]);
    const comma = positionOfText(CLAUDE_TRAILING_COMMA, '"secure-password",');
    assert.deepEqual({ line: 10, column: 43 }, { line: comma.line, column: comma.column + '"secure-password"'.length });
    assert.equal(parsed.entries.length, 1);
    assert.equal(parsed.entries[0]?.env.JAMF_PASSWORD, 'secure-password');
  });

  it('accepts the same file as JSONC (VS Code) with no problem', () => {
    const parsed = parseMcpConfigText(CLAUDE_TRAILING_COMMA, true);
    assert.equal(parsed.fatal, undefined);
    assert.deepEqual(parsed.syntaxProblems, []);
    assert.equal(parsed.entries[0]?.name, 'jamfmcp');
    assert.equal(parsed.entries[0]?.env.JAMF_URL, 'your-server.com');
  });

  it('reports one problem per trailing comma, in arrays too, at each comma', () => {
    const text = '{"mcpServers": {"a": {"args": ["x",], "env": {"JAMF_URL": "u"},},}}';
    const parsed = parseMcpConfigText(text, false);
    const commas: Array<{ line: number; column: number; message: string }> = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === ',' && /[\]}]/.test(text[i + 1] ?? '')) commas.push({ line: 1, column: i + 1, message: 'trailing comma (not allowed in JSON)' });
    }
    assert.equal(commas.length, 3);
    assert.deepEqual(parsed.syntaxProblems, commas);
    assert.equal(parsed.entries[0]?.env.JAMF_URL, 'u');
  });

  it('reports a trailing comma at its own line with CRLF line endings', () => {
    const parsed = parseMcpConfigText('{\r\n  "a": 1,\r\n}\r\n', false);
    assert.deepEqual(parsed.syntaxProblems, [{ line: 2, column: 9, message: 'trailing comma (not allowed in JSON)' }]);
  });

  it('reports line and block comments when strict, at the comment', () => {
    const text = '{\n  // the server\n  "mcpServers": {} /* none */\n}';
    const parsed = parseMcpConfigText(text, false);
    assert.deepEqual(parsed.syntaxProblems, [
      { line: 2, column: 3, message: 'comment (not allowed in JSON)' },
      { line: 3, column: 20, message: 'comment (not allowed in JSON)' },
    ]);
    assert.equal(parsed.fatal, undefined);
    assert.deepEqual(parseMcpConfigText(text, true).syntaxProblems, []);
  });

  it(
    "reports the guide's LOG_LEVEL example (comma then comment) as a trailing comma at the comma",
    () => {
      const guide = '{\n  "env": {\n    "LOG_LEVEL": "DEBUG",\n    // ... other settings\n  }\n}';
      const parsed = parseMcpConfigText(guide, false);
      assert.deepEqual(parsed.syntaxProblems, [
        { line: 3, column: 25, message: 'trailing comma (not allowed in JSON)' },
        { line: 4, column: 5, message: 'comment (not allowed in JSON)' },
      ]);
    },
  );
});

describe('parseMcpConfigText: fatal errors', () => {
  const CASES: Array<{ name: string; text: string; line: number; column: number; message: RegExp }> = [
    { name: 'missing closing braces', text: '{\n  "mcpServers": {\n', line: 3, column: 1, message: /missing closing brace/ },
    { name: 'garbage', text: 'garbage', line: 1, column: 1, message: /invalid character near "garbage"/ },
    { name: 'missing comma between properties', text: '{"a": 1\n "b": 2}', line: 2, column: 2, message: /missing comma/ },
    { name: 'two objects', text: '{"a": 1}\n{"b": 2}', line: 2, column: 1, message: /unexpected text after the end/ },
    { name: 'double comma', text: '{"a": 1,,"b": 2}', line: 1, column: 9, message: /expected a property name/ },
    { name: 'unterminated string', text: '{"a": "x\n}', line: 1, column: 7, message: /unterminated string/ },
    { name: 'missing colon', text: '{"a" 1}', line: 1, column: 6, message: /missing colon/ },
    { name: 'empty file', text: '', line: 1, column: 1, message: /expected a value|empty/ },
    { name: 'top-level array', text: '[\n  {"mcpServers": {}}\n]', line: 1, column: 1, message: /expected a JSON object at the top level, found array/ },
    { name: 'top-level string', text: '  "mcpServers"', line: 1, column: 3, message: /found string/ },
  ];
  for (const c of CASES) {
    it(`${c.name} → fatal at ${c.line}:${c.column}`, () => {
      for (const jsonc of [false, true]) {
        const parsed = parseMcpConfigText(c.text, jsonc);
        assert.ok(parsed.fatal, `fatal (jsonc=${jsonc})`);
        assert.equal(parsed.fatal.line, c.line, `line (jsonc=${jsonc})`);
        assert.equal(parsed.fatal.column, c.column, `column (jsonc=${jsonc})`);
        assert.match(parsed.fatal.message, c.message);
        assert.deepEqual(parsed.entries, []);
      }
    });
  }
});

describe('parseMcpConfigText: entries, env values and positions', () => {
  const FILE = [
    '\ufeff{', // BOM is dropped, positions stay editor positions
    '  "mcpServers": {',
    '    "other": { "command": "npx", "args": ["-y", "x", 3] },',
    '    "jamfmcp": {',
    '      "command": "uvx",',
    '      "args": ["jamfmcp"],',
    '      "env": {',
    '        "JAMF_URL": "https://jamf.example.com:8443",',
    '        "JAMF_PORT": 8443,',
    '        "JAMF_DEBUG": true,',
    '        "JAMF_NULL": null,',
    '        "JAMF_OBJECT": {"a": 1},',
    '        "JAMF_CLIENT_ID": "0d2c6a1e-0000-4000-8000-000000000000"',
    '      }',
    '    },',
    '    "notAnObject": 42',
    '  },',
    '  "servers": { "vscode-jamf": { "type": "stdio", "env": { "JAMF_URL": "vs.example.com" } } },',
    '  "context_servers": { "zed-jamf": { "env": {} } }',
    '}',
  ].join('\n');

  it('reads every server key in order and skips non-object entries', () => {
    const parsed = parseMcpConfigText(FILE, false);
    assert.equal(parsed.fatal, undefined);
    // Strict JSON (JSON.parse) rejects the BOM; the doctor reads past it to report the rest.
    assert.deepEqual(parsed.syntaxProblems.map((p) => [p.line, p.column]), [[1, 1]]);
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.name]),
      [
        ['mcpServers', 'other'],
        ['mcpServers', 'jamfmcp'],
        ['servers', 'vscode-jamf'],
        ['context_servers', 'zed-jamf'],
      ],
    );
  });

  it('keeps command, string args only, and scalar env values as strings', () => {
    const [other, jamf] = parseMcpConfigText(FILE, false).entries;
    assert.equal(other?.command, 'npx');
    assert.deepEqual(other?.args, ['-y', 'x']);
    assert.deepEqual(other?.env, {});
    assert.equal(jamf?.command, 'uvx');
    assert.deepEqual(jamf?.env, {
      JAMF_URL: 'https://jamf.example.com:8443',
      JAMF_PORT: '8443',
      JAMF_DEBUG: 'true',
      JAMF_CLIENT_ID: '0d2c6a1e-0000-4000-8000-000000000000',
    });
  });

  it('records where each env value sits (1-based, at the value, BOM not counted)', () => {
    const jamf = parseMcpConfigText(FILE, false).entries[1];
    assert.deepEqual(jamf?.envPositions.JAMF_URL, { line: 8, column: 21 });
    assert.deepEqual(jamf?.envPositions.JAMF_PORT, { line: 9, column: 22 });
    assert.deepEqual(jamf?.envPositions.JAMF_CLIENT_ID, { line: 13, column: 27 });
    assert.equal(jamf?.envPositions.JAMF_NULL, undefined);
    const withoutBom = FILE.slice(1);
    const expected = positionOfText(withoutBom, '"https://jamf.example.com:8443"');
    assert.deepEqual(jamf?.envPositions.JAMF_URL, expected);
  });

  it('reads the VS Code "servers" key', () => {
    const vs = parseMcpConfigText(FILE, false).entries.find((e) => e.key === 'servers');
    assert.equal(vs?.env.JAMF_URL, 'vs.example.com');
    assert.deepEqual(vs?.envPositions.JAMF_URL, { line: 18, column: 71 });
    assert.deepEqual(vs?.envPositions.JAMF_URL, positionOfText(FILE.slice(1), '"vs.example.com"'));
  });

  it('recovers env values in a file that has a trailing comma', () => {
    const jamf = parseMcpConfigText(CLAUDE_TRAILING_COMMA, false).entries[0];
    assert.deepEqual(jamf?.envPositions.JAMF_URL, { line: 7, column: 21 });
    assert.deepEqual(jamf?.envPositions.JAMF_PASSWORD, { line: 10, column: 26 });
  });

  it('returns no entries for an object without server keys', () => {
    const parsed = parseMcpConfigText('{"env": {"JAMF_URL": "x"}}', false);
    assert.equal(parsed.fatal, undefined);
    assert.deepEqual(parsed.entries, []);
  });
});

function entry(name: string, env: Record<string, string> = {}): McpServerEntry {
  return { name, key: 'mcpServers', args: [], env, envPositions: {} };
}

describe('chooseEntry', () => {
  const withUrl = entry('jamf-prod', { JAMF_URL: 'prod.jamfcloud.com' });
  const withUrl2 = entry('jamf-dev', { JAMF_URL: 'dev.jamfcloud.com' });
  const plain = entry('filesystem');
  const jamfmcp = entry('jamfmcp', { LOG_LEVEL: 'DEBUG' });

  it('--server picks the named entry, over "jamfmcp"', () => {
    const choice = chooseEntry([jamfmcp, withUrl, withUrl2], 'jamf-dev');
    assert.ok('entry' in choice);
    assert.equal(choice.entry, withUrl2);
  });
  it('--server naming no entry is a problem listing the entries', () => {
    const choice = chooseEntry([plain, withUrl], 'nope');
    assert.ok('problem' in choice);
    assert.equal(choice.problem, 'has no server entry named "nope" (entries: filesystem, jamf-prod)');
    assert.deepEqual(choice.candidates, ['filesystem', 'jamf-prod']);
  });
  it('--server with no entries at all says where it looked', () => {
    const choice = chooseEntry([], 'jamfmcp');
    assert.ok('problem' in choice);
    assert.match(choice.problem, /no server entries at all \(looked under mcpServers, servers, context_servers\)/);
  });
  it('defaults to the entry named "jamfmcp" even when others have a JAMF_URL', () => {
    const choice = chooseEntry([withUrl, jamfmcp, withUrl2], undefined);
    assert.ok('entry' in choice);
    assert.equal(choice.entry, jamfmcp);
  });
  it('else takes the only entry with a JAMF_URL', () => {
    const choice = chooseEntry([plain, withUrl], undefined);
    assert.ok('entry' in choice);
    assert.equal(choice.entry, withUrl);
  });
  it('several entries with a JAMF_URL is a problem naming them and --server', () => {
    const choice = chooseEntry([plain, withUrl, withUrl2], undefined);
    assert.ok('problem' in choice);
    assert.match(choice.problem, /several entries with a JAMF_URL \(jamf-prod, jamf-dev\)/);
    assert.match(choice.problem, /--server <name>/);
    assert.deepEqual(choice.candidates, ['jamf-prod', 'jamf-dev']);
  });
  it('no jamfmcp and no JAMF_URL is a problem listing the entries', () => {
    const choice = chooseEntry([plain], undefined);
    assert.ok('problem' in choice);
    assert.match(choice.problem, /no entry named "jamfmcp" and none with a JAMF_URL .*\(entries: filesystem\)/);
  });
  it('no entries at all', () => {
    const choice = chooseEntry([], undefined);
    assert.ok('problem' in choice);
    assert.match(choice.problem, /no server entries at all/);
    assert.deepEqual(choice.candidates, []);
  });
  it(
    'a duplicated server name resolves like JSON.parse (the last one wins), as the MCP client reads it',
    () => {
      const parsed = parseMcpConfigText(
        '{"mcpServers": {"jamfmcp": {"env": {"JAMF_URL": "first.example.com"}}, "jamfmcp": {"env": {"JAMF_URL": "second.example.com"}}}}',
        false,
      );
      const choice = chooseEntry(parsed.entries, undefined);
      assert.ok('entry' in choice);
      assert.equal(choice.entry.env.JAMF_URL, 'second.example.com');
    },
  );
});

describe('clientAcceptsJsonc', () => {
  const CASES: Array<[string, boolean]> = [
    ['/home/u/project/.vscode/mcp.json', true],
    ['/home/u/.vscode/mcp.json', true],
    ['.vscode/mcp.json', true],
    ['/Users/u/Library/Application Support/Code/User/mcp.json', true],
    ['/home/u/.config/Code/User/mcp.json', true],
    ['/home/u/.config/Code - Insiders/User/mcp.json', true],
    ['/home/u/.config/VSCodium/User/profiles/abc/mcp.json', true],
    ['/home/u/.config/Code/User/settings.json', true],
    ['/home/u/.config/zed/settings.json', true],
    ['/Users/u/Library/Application Support/Claude/claude_desktop_config.json', false],
    ['claude_desktop_config.json', false],
    ['/home/u/.cursor/mcp.json', false],
    ['/home/u/.codeium/windsurf/mcp_config.json', false],
    ['/home/u/.claude.json', false],
    ['/home/u/project/mcp.json', false],
    ['/home/u/.vscode/sub/mcp.json', false],
    ['/home/u/.vscode/mcp.json.bak', false],
  ];
  for (const [path, expected] of CASES) {
    it(`${path} → ${expected ? 'JSONC' : 'strict JSON'}`, () => {
      assert.equal(clientAcceptsJsonc(path), expected);
    });
  }
});

describe('readMcpConfigFile', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jamfmcp-unit-mcp-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a missing file is fatal without a position', async () => {
    const path = join(dir, 'nope.json');
    const file = await readMcpConfigFile(path);
    assert.deepEqual(file.fatal, { message: `${path} does not exist` });
    assert.deepEqual(file.entries, []);
    assert.equal(file.path, path);
  });

  it('a directory is fatal', async () => {
    const path = join(dir, 'a-dir.json');
    await mkdir(path);
    const file = await readMcpConfigFile(path);
    assert.deepEqual(file.fatal, { message: `${path} is a directory, not a config file` });
  });

  it('a file over 256 MiB is fatal and not read (a sparse file: nothing is written)', async () => {
    const path = join(dir, 'huge.json');
    const size = 256 * 1024 * 1024 + 1;
    await writeFile(path, '');
    await truncate(path, size);
    const file = await readMcpConfigFile(path);
    assert.ok(file.fatal);
    assert.equal(file.fatal.message, `${path} is ${size} bytes, more than the 256 MB the doctor reads; no MCP client configuration is that large`);
    assert.equal(file.fatal.line, undefined);
    assert.deepEqual(file.syntaxProblems, []);
  });

  it('a FIFO is fatal and never read (the read would block forever)', { skip: process.platform === 'win32' ? 'no mkfifo' : false }, async () => {
    const path = join(dir, 'fifo.json');
    execFileSync('mkfifo', [path]);
    const file = await readMcpConfigFile(path);
    assert.deepEqual(file.fatal, { message: `${path} is not a regular file (a FIFO, device or socket), not a config file` });
  });

  it('a BOM-prefixed strict file: JSON.parse (the client) rejects it at 1:1, the doctor still reads it, positions as an editor shows them', async () => {
    const path = join(dir, 'claude_desktop_config.json');
    await writeFile(path, `\ufeff{\n  "mcpServers": {\n    "jamfmcp": {\n      "env": {\n        "JAMF_URL": "bom.example.com"\n      }\n    }\n  }\n}\n`, 'utf8');
    const file = await readMcpConfigFile(path);
    assert.equal(file.fatal, undefined);
    assert.equal(file.jsonc, false);
    assert.deepEqual(file.syntaxProblems, [{ line: 1, column: 1, message: 'the file starts with a UTF-8 byte order mark (BOM), which JSON.parse rejects: save it as UTF-8 without BOM' }]);
    assert.equal(file.entries[0]?.env.JAMF_URL, 'bom.example.com');
    assert.deepEqual(file.entries[0]?.envPositions.JAMF_URL, { line: 5, column: 21 });
  });

  it('judges trailing commas by the client the path belongs to', async () => {
    const strictPath = join(dir, 'strict', 'claude_desktop_config.json');
    const vscodePath = join(dir, 'proj', '.vscode', 'mcp.json');
    await mkdir(join(dir, 'strict'), { recursive: true });
    await mkdir(join(dir, 'proj', '.vscode'), { recursive: true });
    await writeFile(strictPath, CLAUDE_TRAILING_COMMA);
    await writeFile(vscodePath, CLAUDE_TRAILING_COMMA);
    const strict = await readMcpConfigFile(strictPath);
    const vscode = await readMcpConfigFile(vscodePath);
    assert.equal(strict.jsonc, false);
    assert.deepEqual(strict.syntaxProblems, [{ line: 10, column: 43, message: 'trailing comma (not allowed in JSON)' }]);
    assert.equal(vscode.jsonc, true);
    assert.deepEqual(vscode.syntaxProblems, []);
    assert.equal(vscode.entries[0]?.env.JAMF_USERNAME, 'api-user');
  });

  it('a fatal syntax error in a file carries its line and column', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{\n  "mcpServers": {\n    "jamfmcp": {\n');
    const file = await readMcpConfigFile(path);
    assert.ok(file.fatal);
    assert.equal(file.fatal.line, 4);
    assert.equal(file.fatal.column, 1);
    assert.match(file.fatal.message, /missing closing brace/);
  });
});

describe('hostile nesting', () => {
  it('JSON nested 5000 deep is a clear fatal error at its position, not a stack overflow', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const parsed = parseMcpConfigText(`{"x": ${deep}, "mcpServers": {}}`, false);
    assert.deepEqual(parsed.fatal, { line: 1, column: 262, message: 'nested more than 256 levels deep here; no MCP client configuration needs that, and the doctor does not read it' });
  });
  it('256 levels are still read', () => {
    const parsed = parseMcpConfigText(`{"x": ${'['.repeat(255)}${']'.repeat(255)}, "mcpServers": {}}`, false);
    assert.equal(parsed.fatal, undefined);
  });
});
