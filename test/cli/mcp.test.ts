/**
 * Black-box tests of the MCP-client features: the built CLI run as a user would (child process,
 * no TTY) against a temporary HOME and project folder holding real-shaped client configs (Linux
 * layout, since the doctor reads the platform it runs on). Covers --config auto / --client,
 * the mcp.* checks, --mcp against a tiny stdio MCP server, --fix, and `jamfmcp explain`.
 *
 * Every run is scanned for the client secret written into the fixture files (runCli's leak guard,
 * plus an explicit check here).
 */
import assert from 'node:assert/strict';
import { chmod, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { registerSecret, runCli, type RunCliResult } from '../harness/run-cli.js';
import { FIXTURE_CLIENT_ID, FIXTURE_SECRET, FILESYSTEM_ENTRY, jamfEnv, jamfmcpEntry, json, positionOfText, tempDir, writeFiles } from '../harness/mcp-fixtures.js';
import { TOPICS } from '../../src/explain/topics.js';
import { findCheck, type JsonReport } from '../harness/report.js';

registerSecret('the client secret of the MCP fixture files', FIXTURE_SECRET);

/** test/harness/tiny-mcp-server.mjs (not compiled: found from dist/test/cli or test/cli). */
const TINY_SERVER: string = (() => {
  const candidates = [
    fileURLToPath(new URL('../../../test/harness/tiny-mcp-server.mjs', import.meta.url)),
    fileURLToPath(new URL('../harness/tiny-mcp-server.mjs', import.meta.url)),
  ];
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
})();


let root: string;
before(async () => {
  root = await tempDir('mcp-cli-');
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh machine: a home folder and a project folder (the current directory of the run). */
let counter = 0;
interface Machine {
  home: string;
  project: string;
  /** ~/.config/Claude/claude_desktop_config.json (Linux; XDG_CONFIG_HOME unset). */
  claudeDesktop: string;
  cursorUser: string;
}
async function machine(files: (m: Machine) => Record<string, string>): Promise<Machine> {
  const base = join(root, `m${++counter}`);
  const home = join(base, 'home');
  const project = join(base, 'projects', 'acme');
  const m: Machine = {
    home,
    project,
    claudeDesktop: join(home, '.config', 'Claude', 'claude_desktop_config.json'),
    cursorUser: join(home, '.cursor', 'mcp.json'),
  };
  await writeFiles(base, { [join(project, 'README.md')]: '# acme\n', [join(home, '.keep')]: '', ...files(m) });
  return m;
}

function assertNoFixtureSecret(result: RunCliResult, what: string): void {
  for (const [where, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
    assert.ok(!text.includes(FIXTURE_SECRET), `the fixture secret leaked on ${where} of ${what}`);
  }
}

async function run(args: string[], m: Machine, env: Record<string, string | undefined> = {}): Promise<RunCliResult> {
  const result = await runCli(args, { env: { HOME: m.home, ...env }, cwd: m.project, timeoutMs: 30_000 });
  assert.equal(result.signal, null, `killed: ${result.stderr}`);
  assertNoFixtureSecret(result, args.join(' '));
  return result;
}

async function doctor(args: string[], m: Machine, env: Record<string, string | undefined> = {}): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const result = await run(['doctor', ...args, '--json'], m, env);
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  assert.equal(report.exitCode, result.code);
  return { code: result.code, report, stderr: result.stderr };
}

const check = findCheck;

/** Checks that need no network: the config, URL and MCP areas. */
const OFFLINE = ['config', 'url', 'mcp'];

describe('--config auto / --client: choosing the entry', { concurrency: 4 }, () => {
  it('one Cursor entry → config.file passes naming Cursor and its file', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: jamfmcpEntry(), filesystem: FILESYSTEM_ENTRY } }) }));
    const { code, report } = await doctor(['config', 'url', '--config', 'auto'], m);
    const c = check(report, 'config.file');
    assert.equal(c.status, 'pass', c.message);
    assert.match(c.message, /"jamfmcp" in Cursor's ~\/\.cursor\/mcp\.json/);
    assert.match(c.message, /JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET/);
    assert.equal(c.details?.client, 'cursor');
    assert.equal(check(report, 'config.credentials').status, 'pass');
    assert.equal(check(report, 'url.format').status, 'pass');
    assert.equal(code, 0);
  });

  it('entries in two clients → config.file fails listing both and saying to choose with --server; --server then picks one', async () => {
    const m = await machine((m) => ({
      [m.cursorUser]: json({ mcpServers: { jamfmcp: jamfmcpEntry() } }),
      [m.claudeDesktop]: json({ mcpServers: { 'jamf-pro': jamfmcpEntry(jamfEnv({ JAMF_URL: 'https://other.jamfcloud.com' })) } }),
    }));
    const both = await doctor(['config', '--config', 'auto'], m);
    assert.equal(both.code, 1);
    const c = check(both.report, 'config.file');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /found 2 Jamf server entries/);
    assert.match(c.message, /"jamfmcp" in Cursor \(user, ~\/\.cursor\/mcp\.json\)/);
    assert.match(c.message, /"jamf-pro" in Claude Desktop \(user, ~\/\.config\/Claude\/claude_desktop_config\.json\)/);
    assert.match(c.message, /--server <name>/);

    const chosen = await doctor(['config', '--config', 'auto', '--server', 'jamf-pro'], m);
    const picked = check(chosen.report, 'config.file');
    assert.equal(picked.status, 'pass', picked.message);
    assert.match(picked.message, /"jamf-pro" in Claude Desktop's ~\/\.config\/Claude\/claude_desktop_config\.json/);
  });

  it('no Jamf entry anywhere → config.file fails saying none was found', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { filesystem: FILESYSTEM_ENTRY } }) }));
    const { code, report } = await doctor(['config', '--config', 'auto'], m);
    assert.equal(code, 1);
    const c = check(report, 'config.file');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /found no Jamf server entry/);
  });

  it('--client with an unknown name is a usage error (exit 2)', async () => {
    const m = await machine(() => ({}));
    const result = await run(['doctor', 'config', '--client', 'notepad', '--json'], m);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown client "notepad".*cursor/);
  });

  it(
    'run from the home folder (cwd = HOME), a single Cursor entry is found once',
    async () => {
      const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: jamfmcpEntry() } }) }));
      const result = await runCli(['doctor', 'config', '--config', 'auto', '--json'], { env: { HOME: m.home }, cwd: m.home });
      assertNoFixtureSecret(result, 'doctor --config auto from HOME');
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.equal(check(report, 'config.file').status, 'pass', check(report, 'config.file').message);
    },
  );
});

describe('mcp.key, mcp.env-names, mcp.placeholders, config.file syntax', { concurrency: 4 }, () => {
  it('--client vscode with .vscode/mcp.json under "mcpServers" → mcp.key fails with the rename step', async () => {
    const m = await machine((m) => ({ [join(m.project, '.vscode', 'mcp.json')]: json({ mcpServers: { jamfmcp: jamfmcpEntry() } }) }));
    const { code, report } = await doctor(['config', 'mcp', '--client', 'vscode'], m);
    assert.equal(code, 1);
    const c = check(report, 'mcp.key');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /"jamfmcp" sits under "mcpServers", which VS Code ignores \(it reads "servers"\)/);
    assert.ok(c.fix?.steps.some((s) => /rename the "mcpServers" key to "servers"/.test(s) && s.includes('.vscode/mcp.json')), JSON.stringify(c.fix));
    assert.ok(c.fix?.steps.some((s) => /restart VS Code/.test(s)));
  });

  it('a pasted top-level {"jamfmcp": …} → mcp.key fails saying to move it inside "mcpServers"', async () => {
    const m = await machine((m) => ({ [m.claudeDesktop]: json({ mcpServers: { filesystem: FILESYSTEM_ENTRY }, jamfmcp: jamfmcpEntry() }) }));
    const { report } = await doctor(['config', 'mcp', '--config', m.claudeDesktop], m);
    const c = check(report, 'mcp.key');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /"jamfmcp" is a server entry at the top level/);
    assert.ok(c.fix?.steps.some((s) => /Move "jamfmcp" inside "mcpServers"/.test(s)));
  });

  it('a misspelt JAMF_CLIENTID → mcp.env-names fails naming JAMF_CLIENT_ID and the line', async () => {
    const text = json({ mcpServers: { jamfmcp: { command: 'uvx', args: ['jamfmcp'], env: { JAMF_URL: 'https://acme.jamfcloud.com', JAMF_CLIENTID: FIXTURE_CLIENT_ID, JAMF_CLIENT_SECRET: FIXTURE_SECRET } } } });
    const line = positionOfText(text, '"JAMF_CLIENTID"').line;
    const m = await machine((m) => ({ [m.cursorUser]: text }));
    const { code, report } = await doctor(['config', 'mcp', '--client', 'cursor'], m);
    assert.equal(code, 1);
    const c = check(report, 'mcp.env-names');
    assert.equal(c.status, 'fail');
    assert.match(c.message, new RegExp(`"JAMF_CLIENTID" \\(line ${line}\\) looks like a misspelling of JAMF_CLIENT_ID, so JAMF_CLIENT_ID is not set`));
    assert.ok(c.fix?.steps.some((s) => s.includes('Rename "JAMF_CLIENTID" to "JAMF_CLIENT_ID"') && s.includes('~/.cursor/mcp.json')));
    assert.equal(check(report, 'config.credentials').status, 'fail', 'JAMF_CLIENT_ID is indeed missing');
  });

  it('"JAMF_URL " with a trailing space → mcp.env-names names JAMF_URL', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: { command: 'uvx', args: ['jamfmcp'], env: { 'JAMF_URL ': 'https://acme.jamfcloud.com', JAMF_CLIENT_ID: FIXTURE_CLIENT_ID, JAMF_CLIENT_SECRET: FIXTURE_SECRET } } } }) }));
    const { report } = await doctor(['config', 'mcp', '--client', 'cursor'], m);
    const c = check(report, 'mcp.env-names');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /"JAMF_URL " \(line \d+\) looks like a misspelling of JAMF_URL/);
  });

  it('Claude Desktop with "${JAMF_CLIENT_SECRET}" → mcp.placeholders fails: it expands nothing', async () => {
    const m = await machine((m) => ({ [m.claudeDesktop]: json({ mcpServers: { jamfmcp: jamfmcpEntry(jamfEnv({ JAMF_CLIENT_SECRET: '${JAMF_CLIENT_SECRET}' })) } }) }));
    const { code, report } = await doctor(['config', 'mcp', '--client', 'claude-desktop'], m, { JAMF_CLIENT_SECRET: FIXTURE_SECRET });
    assert.equal(code, 1);
    const c = check(report, 'mcp.placeholders');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /JAMF_CLIENT_SECRET holds a placeholder for JAMF_CLIENT_SECRET \(\$\{VAR\} form\), which Claude Desktop does not expand: the server receives it literally/);
    assert.ok(c.fix?.steps.some((s) => /Write the real values/.test(s) && /Claude Desktop expands no placeholders/.test(s)));
  });

  it('Claude Code .mcp.json with "${JAMF_CLIENT_SECRET}" → mcp.placeholders warns when the variable is unset, passes when it is set', async () => {
    const m = await machine((m) => ({ [join(m.project, '.mcp.json')]: json({ mcpServers: { jamfmcp: jamfmcpEntry(jamfEnv({ JAMF_CLIENT_SECRET: '${JAMF_CLIENT_SECRET}' })) } }) }));
    const [unset, set] = await Promise.all([
      doctor(['mcp', '--client', 'claude-code'], m),
      doctor(['mcp', '--client', 'claude-code'], m, { JAMF_CLIENT_SECRET: FIXTURE_SECRET }),
    ]);
    const warn = check(unset.report, 'mcp.placeholders');
    assert.equal(warn.status, 'warn', warn.message);
    assert.match(warn.message, /JAMF_CLIENT_SECRET is not set in this shell/);
    const pass = check(set.report, 'mcp.placeholders');
    assert.equal(pass.status, 'pass', pass.message);
    assert.match(pass.message, /no placeholders that Claude Code would pass literally/);
  });

  it(
    'Claude Code expands "${JAMF_CLIENT_SECRET}" from its environment: with the variable set, the doctor tests that value and reports no shadowing',
    async () => {
      const m = await machine((m) => ({ [join(m.project, '.mcp.json')]: json({ mcpServers: { jamfmcp: jamfmcpEntry(jamfEnv({ JAMF_CLIENT_SECRET: '${JAMF_CLIENT_SECRET}' })) } }) }));
      const { report } = await doctor(['config', '--client', 'claude-code'], m, { JAMF_CLIENT_SECRET: FIXTURE_SECRET });
      assert.equal(check(report, 'config.credentials').status, 'pass', check(report, 'config.credentials').message);
      assert.equal(check(report, 'config.file').status, 'pass', check(report, 'config.file').message);
    },
  );

  it('Claude Desktop file with a trailing comma → config.file fails at ~/.config/Claude/claude_desktop_config.json:L:C', async () => {
    const text = json({ mcpServers: { jamfmcp: jamfmcpEntry() } }).replace(`"${FIXTURE_SECRET}"`, `"${FIXTURE_SECRET}",`);
    const comma = positionOfText(text, `"${FIXTURE_SECRET}",`);
    const at = `${comma.line}:${comma.column + FIXTURE_SECRET.length + 2}`;
    const m = await machine((m) => ({ [m.claudeDesktop]: text }));
    const { code, report } = await doctor(['config', '--config', 'auto'], m);
    assert.equal(code, 1);
    const c = check(report, 'config.file');
    assert.equal(c.status, 'fail');
    assert.ok(c.message.startsWith(`~/.config/Claude/claude_desktop_config.json:${at}: trailing comma`), c.message);
    assert.ok(c.fix?.steps.some((s) => s.includes(`line ${comma.line}, column ${comma.column + FIXTURE_SECRET.length + 2}`)), JSON.stringify(c.fix));
  });

  it('a Claude Desktop file that does not parse at all → config auto lists it as unreadable', async () => {
    const m = await machine((m) => ({ [m.claudeDesktop]: '{\n  "mcpServers": {\n    "jamfmcp": {\n' }));
    const { report } = await doctor(['config', '--config', 'auto'], m);
    const c = check(report, 'config.file');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /found no Jamf server entry in any MCP client configuration \(read: Claude Desktop \(user\): ~\/\.config\/Claude\/claude_desktop_config\.json; 13 other known locations do not exist\) \(unreadable: ~\/\.config\/Claude\/claude_desktop_config\.json: /);
  });
});

describe('mcp.command and mcp.handshake (--mcp)', { concurrency: 4 }, () => {
  const uvxEntry = (m: Machine): Record<string, string> => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: jamfmcpEntry() } }) });

  it('"uvx" not on the PATH → mcp.command fails with spawn uvx ENOENT; mcp.handshake skips', async () => {
    const m = await machine(uvxEntry);
    const emptyBin = join(m.home, 'empty-bin');
    await writeFiles(root, { [join(emptyBin, 'README')]: '' });
    const { code, report } = await doctor(['mcp', '--client', 'cursor', '--mcp'], m, { PATH: emptyBin });
    assert.equal(code, 1);
    const c = check(report, 'mcp.command');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /^spawn uvx ENOENT/);
    assert.ok(c.fix?.steps.some((s) => /Install uv/.test(s)));
    assert.equal(check(report, 'mcp.handshake').status, 'skip');
  });

  it('an executable "uvx" on the PATH → mcp.command passes naming where it resolves', async () => {
    const m = await machine(uvxEntry);
    const bin = join(m.home, '.local', 'bin');
    await writeFiles(root, { [join(bin, 'uvx')]: '#!/bin/sh\nexit 0\n' });
    await chmod(join(bin, 'uvx'), 0o755);
    const { report } = await doctor(['mcp', '--client', 'cursor'], m, { PATH: bin });
    const c = check(report, 'mcp.command');
    assert.equal(c.status, 'pass', c.message);
    assert.ok(c.message.includes(`uvx resolves to ${join(bin, 'uvx')}`), c.message);
    assert.equal(c.details?.resolved, join(bin, 'uvx'));
  });

  it('--mcp against the tiny MCP server → mcp.handshake passes with its name, tool count and the credentials caveat', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: { command: process.execPath, args: [TINY_SERVER], env: jamfEnv() } } }) }));
    const { code, report } = await doctor(['mcp', '--client', 'cursor', '--mcp'], m);
    const command = check(report, 'mcp.command');
    assert.equal(command.status, 'pass', command.message);
    const c = check(report, 'mcp.handshake');
    assert.equal(c.status, 'pass', `${c.message} ${JSON.stringify(c.details)}`);
    assert.match(c.message, /Tiny Jamf MCP 0\.0\.1/);
    assert.match(c.message, /\b2 tools\b/);
    assert.match(c.message, /does not prove the credentials/);
    assert.equal(c.details?.tools, 2);
    assert.equal(code, 0);
  });

  it('--mcp, text report: the same run reads as a person sees it', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: { command: process.execPath, args: [TINY_SERVER], env: jamfEnv() } } }) }));
    const result = await run(['doctor', 'mcp', '--client', 'cursor', '--mcp'], m);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Tiny Jamf MCP/);
  });

  it('--mcp when the server exits at start (no JAMF_URL) → fail "exited before the MCP handshake" with its stderr in details', async () => {
    const env = jamfEnv();
    delete env.JAMF_URL;
    const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: { command: process.execPath, args: [TINY_SERVER], env } } }) }));
    const { code, report } = await doctor(['mcp', '--client', 'cursor', '--mcp'], m);
    assert.equal(code, 1);
    const c = check(report, 'mcp.handshake');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /exited before the MCP handshake/);
    assert.match(c.message, /Jamf Pro server URL not provided/);
    assert.match(String(c.details?.stderr), /ValueError: Jamf Pro server URL not provided\. Set JAMF_URL environment variable\./);
    assert.ok(c.fix?.steps.some((s) => /stderr/.test(s)));
  });

  it('a command that does not exist → mcp.command fails and mcp.handshake skips (even with --mcp)', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: { command: 'jamfmcp-no-such-command', args: [], env: jamfEnv() } } }) }));
    const { code, report } = await doctor(['mcp', '--client', 'cursor', '--mcp'], m);
    assert.equal(code, 1);
    const c = check(report, 'mcp.command');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /spawn jamfmcp-no-such-command ENOENT/);
    const h = check(report, 'mcp.handshake');
    assert.equal(h.status, 'skip');
    assert.match(h.message, /mcp\.command/);
  });

  it('without --mcp → mcp.handshake skips saying to pass --mcp', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: json({ mcpServers: { jamfmcp: { command: process.execPath, args: [TINY_SERVER], env: jamfEnv() } } }) }));
    const { report } = await doctor(['mcp', '--client', 'cursor'], m);
    const c = check(report, 'mcp.handshake');
    assert.equal(c.status, 'skip');
    assert.match(c.message, /pass --mcp/);
  });
});

/** A Cursor config written by hand, with comments, and JAMF_URL pasted with spaces and a slash. */
const CURSOR_JSONC = [
  '{',
  '  // Jamf Pro for the help desk',
  '  "mcpServers": {',
  '    "jamfmcp": {',
  '      "command": "uvx", /* from Homebrew */',
  '      "args": ["jamfmcp"],',
  '      "env": {',
  '        "JAMF_URL": " acme.jamfcloud.com/ ",',
  `        "JAMF_CLIENT_ID": "${FIXTURE_CLIENT_ID}",`,
  `        "JAMF_CLIENT_SECRET": "${FIXTURE_SECRET}"`,
  '      }',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

describe('--fix', { concurrency: 4 }, () => {
  it('--fix --yes on a Cursor file with comments: fixes JAMF_URL, keeps comments, writes a 0600 .bak, says so; url.format passes in the same run', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: CURSOR_JSONC }));
    const { report, stderr } = await doctor([...OFFLINE, '--client', 'cursor', '--fix', '--yes'], m);
    const after = await readFile(m.cursorUser, 'utf8');
    assert.ok(after.includes('"JAMF_URL": "https://acme.jamfcloud.com",'), after);
    for (const comment of ['// Jamf Pro for the help desk', '/* from Homebrew */']) assert.ok(after.includes(comment), `${comment} kept`);
    assert.ok(after.includes(`"JAMF_CLIENT_SECRET": "${FIXTURE_SECRET}"`), 'the secret is untouched');
    assert.deepEqual(
      after.split('\n').filter((l, i) => l !== CURSOR_JSONC.split('\n')[i]),
      ['        "JAMF_URL": "https://acme.jamfcloud.com",'],
      'only the JAMF_URL line changed',
    );

    const backups = (await readdir(join(m.home, '.cursor'))).filter((f) => f.startsWith('mcp.json.') && f.endsWith('.bak'));
    assert.equal(backups.length, 1, `one backup beside the file: ${backups.join(', ')}`);
    const backup = join(m.home, '.cursor', backups[0] as string);
    assert.equal(await readFile(backup, 'utf8'), CURSOR_JSONC, 'the backup is the original');
    assert.equal((await stat(backup)).mode & 0o777, 0o600);

    assert.match(stderr, /--fix will change ~\/\.cursor\/mcp\.json:/);
    assert.match(stderr, /JAMF_URL: remove surrounding whitespace, add https:\/\/, remove the trailing slash → https:\/\/acme\.jamfcloud\.com/);
    assert.match(stderr, /saved ~\/\.cursor\/mcp\.json \(backup: ~\/\.cursor\/mcp\.json\.[^)]*\.bak\); restart the MCP client/);
    const url = check(report, 'url.format');
    assert.equal(url.status, 'pass', url.message);
    assert.match(url.message, /https:\/\/acme\.jamfcloud\.com/);
  });

  it('--fix without --yes and no TTY → exit 2 "needs --yes", and the file is untouched', async () => {
    const m = await machine((m) => ({ [m.cursorUser]: CURSOR_JSONC }));
    const result = await run(['doctor', ...OFFLINE, '--client', 'cursor', '--fix', '--json'], m);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--fix needs --yes when not run at a terminal/);
    assert.equal(await readFile(m.cursorUser, 'utf8'), CURSOR_JSONC);
    assert.deepEqual((await readdir(join(m.home, '.cursor'))).sort(), ['mcp.json']);
  });

  it('--fix with nothing to fix → stderr says so, no backup is written', async () => {
    const text = json({ mcpServers: { jamfmcp: jamfmcpEntry() } });
    const m = await machine((m) => ({ [m.cursorUser]: text }));
    await chmod(m.cursorUser, 0o600); // readable by its owner only: nothing for --fix there either
    const { code, stderr } = await doctor([...OFFLINE, '--client', 'cursor', '--fix', '--yes'], m);
    assert.match(stderr, /--fix: nothing safe to fix in ~\/\.cursor\/mcp\.json/);
    assert.equal(await readFile(m.cursorUser, 'utf8'), text);
    assert.deepEqual(await readdir(join(m.home, '.cursor')), ['mcp.json']);
    assert.notEqual(code, 2);
  });

  it('--fix on a Codex TOML file → nothing changed, and it says so', async () => {
    const text = ['[mcp_servers.jamfmcp]', 'command = "uvx"', 'args = ["jamfmcp"]', '', '[mcp_servers.jamfmcp.env]', 'JAMF_URL = "acme.jamfcloud.com/"', `JAMF_CLIENT_SECRET = "${FIXTURE_SECRET}"`, ''].join('\n');
    const m = await machine((m) => ({ [join(m.home, '.codex', 'config.toml')]: text }));
    await chmod(join(m.home, '.codex', 'config.toml'), 0o600);
    const { stderr } = await doctor(['config', '--client', 'codex', '--fix', '--yes'], m);
    assert.match(stderr, /--fix: nothing changed in ~\/\.codex\/config\.toml/);
    assert.equal(await readFile(join(m.home, '.codex', 'config.toml'), 'utf8'), text);
  });

  it('--fix on a secret-bearing file others can read (0644): config.secrets warns, --fix makes it 0600 (issue 16)', { skip: process.platform === 'win32' ? 'POSIX modes' : false }, async () => {
    const text = json({ mcpServers: { jamfmcp: jamfmcpEntry() } });
    const m = await machine((m) => ({ [m.cursorUser]: text }));
    await chmod(m.cursorUser, 0o644);
    const before = await doctor([...OFFLINE, '--client', 'cursor'], m);
    const warned = check(before.report, 'config.secrets');
    assert.equal(warned.status, 'warn');
    assert.match(warned.message, /holds JAMF_CLIENT_SECRET in "jamfmcp" and other users of this computer can read it \(mode 0644\)/);
    assert.ok(warned.fix?.commands?.includes('chmod 600 ~/.cursor/mcp.json'), JSON.stringify(warned.fix));
    const fixed = await doctor([...OFFLINE, '--client', 'cursor', '--fix', '--yes'], m);
    assert.match(fixed.stderr, /file mode 0644 → 0600 \(it holds JAMF_CLIENT_SECRET in "jamfmcp"\)/);
    assert.equal((await stat(m.cursorUser)).mode & 0o777, 0o600);
    assert.equal(await readFile(m.cursorUser, 'utf8'), text, 'the content is untouched');
    assert.deepEqual((await readdir(join(m.home, '.cursor'))).sort(), ['mcp.json'], 'a mode change needs no backup');
    assert.equal(check(fixed.report, 'config.secrets').status, 'pass');
  });

  it('--fix without any MCP config → usage error (exit 2)', async () => {
    const m = await machine(() => ({}));
    const result = await run(['doctor', 'config', '--fix', '--yes', '--json'], m, { JAMF_URL: 'acme.jamfcloud.com/' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--fix needs an MCP client config/);
  });
});

// --- jamfmcp explain ----------------------------------------------------------------------------

interface ExplainJson {
  query: string;
  check?: { id: string; title: string; section: string };
  topics: Array<{ id: string; title: string; section: string; causes: string[]; fix: string[]; checks: string[] }>;
}

describe('jamfmcp explain', { concurrency: 4 }, () => {
  let m: Machine;
  before(async () => {
    m = await machine(() => ({}));
  });

  it('with no argument lists every topic id (text and --json)', async () => {
    const [text, asJson] = await Promise.all([run(['explain'], m), run(['explain', '--json'], m)]);
    assert.equal(text.code, 0);
    for (const topic of TOPICS) assert.match(text.stdout, new RegExp(`^  ${topic.id.replace(/[-]/g, '\\-')} +`, 'm'), topic.id);
    assert.equal(asJson.code, 0);
    const listed = (JSON.parse(asJson.stdout) as { topics: Array<{ id: string; title: string }> }).topics;
    assert.deepEqual(listed.map((t) => t.id), TOPICS.map((t) => t.id));
    assert.ok(listed.length >= 10);
  });

  const cases: Array<{ query: string; topic: string; phrase: RegExp }> = [
    { query: '401 Unauthorized', topic: 'unauthorized', phrase: /API Roles and Clients/ },
    { query: 'invalid_client', topic: 'invalid-client', phrase: /Regenerate the client secret/ },
    { query: 'CERTIFICATE_VERIFY_FAILED', topic: 'certificate', phrase: /SSL_CERT_FILE in the entry's "env" block/ },
    { query: 'Invalid JAMF_AUTH_TYPE', topic: 'auth-type', phrase: /"JAMF_AUTH_TYPE": "client_credentials"/ },
    { query: 'spawn uvx ENOENT', topic: 'spawn-enoent', phrase: /absolute path of uvx/ },
    { query: '403 Forbidden', topic: 'forbidden', phrase: /Read Computers/ },
    { query: '-32000', topic: 'connection-closed', phrase: /--config auto --mcp/ },
    { query: 'tls.certificate', topic: 'certificate', phrase: /Use a valid certificate on the server/ },
  ];
  for (const { query, topic, phrase } of cases) {
    it(`explain ${JSON.stringify(query)} → ${topic}: title, guide section and fix`, async () => {
      const [asJson, text] = await Promise.all([run(['explain', query, '--json'], m), run(['explain', query], m)]);
      assert.equal(asJson.code, 0, asJson.stderr);
      const payload = JSON.parse(asJson.stdout) as ExplainJson;
      assert.equal(payload.query, query);
      assert.equal(payload.topics[0]?.id, topic, payload.topics.map((t) => t.id).join(', '));
      assert.equal(payload.topics.length, 1, 'one best topic');
      const expected = TOPICS.find((t) => t.id === topic);
      assert.ok(expected);
      assert.equal(text.code, 0, text.stderr);
      assert.ok(text.stdout.includes(expected.title), text.stdout);
      assert.ok(text.stdout.includes(`Guide section: ${expected.section}`), text.stdout);
      assert.match(text.stdout, /^Fix:$/m);
      assert.match(text.stdout, phrase);
      assert.equal(text.stderr, '');
    });
  }

  it('a check id also names the check (tls.certificate)', async () => {
    const [asJson, text] = await Promise.all([run(['explain', 'tls.certificate', '--json'], m), run(['explain', 'tls.certificate'], m)]);
    const payload = JSON.parse(asJson.stdout) as ExplainJson;
    assert.equal(payload.check?.id, 'tls.certificate');
    assert.match(text.stdout, /^tls\.certificate: Server certificate \(guide section: /);
  });

  it('a whole pasted error line finds its topic (quoted, or as several words)', async () => {
    const [quoted, words] = await Promise.all([
      run(['explain', '--json', 'Error: MCP error -32000: Connection closed'], m),
      run(['explain', '--json', 'Client', 'authentication', 'failed', '(invalid_client)'], m),
    ]);
    assert.equal((JSON.parse(quoted.stdout) as ExplainJson).topics[0]?.id, 'connection-closed');
    assert.equal((JSON.parse(words.stdout) as ExplainJson).topics[0]?.id, 'invalid-client');
  });

  it(
    'a pasted error whose words start with "-" (MCP error -32000: Connection closed, unquoted) is explained, not rejected as an option',
    async () => {
      const result = await run(['explain', '--json', 'MCP', 'error', '-32000:', 'Connection', 'closed'], m);
      assert.equal(result.code, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as ExplainJson).topics[0]?.id, 'connection-closed');
    },
  );

  it('gibberish → exit 1 with a one-line message, nothing on stdout', async () => {
    const result = await run(['explain', 'qwzx plorb'], m);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /no topic matches "qwzx plorb"; run 'jamfmcp explain' for the list/);
  });
});
