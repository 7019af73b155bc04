/**
 * MCP client configurations: discovery of every client's files on macOS, Windows and Linux layouts
 * (in a temporary HOME), each client's parser rules, the keys it reads, misspelt variables,
 * placeholders, the JamfMCP version, command resolution, and the safe --fix edits.
 * Facts: shared/reference/mcp-clients.md, sections 0–3.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLIENTS, clientById, clientForPath, looksLikeJamf, type ClientId, type ClientSpec, type PathContext, type Platform } from '../../src/config/clients.js';
import { discover, type Discovery } from '../../src/config/discover.js';
import { parseCodexToml, readClientConfig, type ClientConfigFile } from '../../src/config/read-client.js';
import { resolveCommand } from '../../src/mcp/command.js';
import { effectiveEnv, MACOS_GUI_PATH } from '../../src/config/effective-env.js';
import { applyFixes, planFixes } from '../../src/mcp/fix.js';
import { closestVariable, editDistance } from '../../src/checks/mcp/env-names.js';
import { placeholdersIn } from '../../src/checks/mcp/placeholders.js';
import { serverFlavour } from '../../src/checks/mcp/server.js';
import { explainText, renderTopic, TOPICS } from '../../src/explain/topics.js';
import type { ConfigFileState } from '../../src/config/target.js';
import type { McpServerEntry } from '../../src/config/mcp-file.js';
import {
  FILESYSTEM_ENTRY,
  FIXTURE_SECRET,
  GITHUB_ENTRY,
  jamfEnv,
  jamfmcpEntry,
  json,
  positionOfText,
  tempDir,
  writeFiles,
} from '../harness/mcp-fixtures.js';

function client(id: ClientId): ClientSpec {
  const found = clientById(id);
  assert.ok(found, `client ${id}`);
  return found;
}

let root: string;
before(async () => {
  root = await tempDir('mcp-clients-');
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh home + project folder under the suite's temp root. */
let counter = 0;
async function freshDirs(label: string): Promise<{ home: string; project: string }> {
  const base = join(root, `${label}-${++counter}`);
  const home = join(base, 'home');
  const project = join(base, 'work', 'acme-project');
  await mkdir(home, { recursive: true });
  await mkdir(project, { recursive: true });
  return { home, project };
}

// --- discovery over a whole machine ------------------------------------------------------------

interface Layout {
  ctx: PathContext;
  files: Record<string, string>;
  /** `client|scope|name|path` of every Jamf entry discovery must find. */
  expected: string[];
}

const key = (clientId: string, scope: string, name: string, path: string): string => `${clientId}|${scope}|${name}|${path}`;
const candidatesOf = (d: Discovery): string[] => d.candidates.map((c) => key(c.client.id, c.location.scope, c.entry.name, c.file.path)).sort();

/**
 * Real-shaped files for every client, at the paths `platform` uses, each with a Jamf entry
 * (recognised by name, by `uvx jamfmcp`, by `node …/jamf-mcp-server/dist/index-main.js` or by
 * `JAMF_URL`) and unrelated servers that must not be candidates.
 */
function machineLayout(platform: Platform, home: string, project: string): Layout {
  const env: Record<string, string> = {};
  let claudeDesktop: string;
  let vscodeUser: string;
  let zedUser: string;
  let geminiRoot = home;
  let codexHome = join(home, '.codex');
  if (platform === 'darwin') {
    claudeDesktop = join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
    vscodeUser = join(home, 'Library', 'Application Support', 'Code', 'User', 'mcp.json');
    zedUser = join(home, '.config', 'zed', 'settings.json');
  } else if (platform === 'win32') {
    env.APPDATA = join(home, 'AppData', 'Roaming');
    env.LOCALAPPDATA = join(home, 'AppData', 'Local');
    env.USERPROFILE = home;
    env.CODEX_HOME = join(home, 'codex-home');
    env.GEMINI_CLI_HOME = join(home, 'gemini-home');
    codexHome = env.CODEX_HOME;
    geminiRoot = env.GEMINI_CLI_HOME;
    // Current Windows builds are MSIX packages and read the virtualised copy.
    claudeDesktop = join(env.LOCALAPPDATA, 'Packages', 'Claude_pzs8sxrjxfjjc', 'LocalCache', 'Roaming', 'Claude', 'claude_desktop_config.json');
    vscodeUser = join(env.APPDATA, 'Code', 'User', 'mcp.json');
    zedUser = join(env.APPDATA, 'Zed', 'settings.json');
  } else {
    env.XDG_CONFIG_HOME = join(home, 'xdg-config');
    claudeDesktop = join(env.XDG_CONFIG_HOME, 'Claude', 'claude_desktop_config.json');
    vscodeUser = join(env.XDG_CONFIG_HOME, 'Code', 'User', 'mcp.json');
    zedUser = join(env.XDG_CONFIG_HOME, 'zed', 'settings.json');
  }
  const p = {
    claudeDesktop,
    claudeJson: join(home, '.claude.json'),
    dotMcp: join(project, '.mcp.json'),
    cursorUser: join(home, '.cursor', 'mcp.json'),
    cursorProject: join(project, '.cursor', 'mcp.json'),
    vscodeUser,
    vscodeProject: join(project, '.vscode', 'mcp.json'),
    windsurf: join(home, '.codeium', 'windsurf', 'mcp_config.json'),
    geminiUser: join(geminiRoot, '.gemini', 'settings.json'),
    geminiProject: join(project, '.gemini', 'settings.json'),
    zedUser,
    zedProject: join(project, '.zed', 'settings.json'),
    codexUser: join(codexHome, 'config.toml'),
    codexProject: join(project, '.codex', 'config.toml'),
  };
  const files: Record<string, string> = {
    [p.claudeDesktop]: json({ mcpServers: { jamfmcp: jamfmcpEntry(), filesystem: FILESYSTEM_ENTRY }, preferences: { quickEntryShortcut: 'off' } }),
    [p.claudeJson]: json({
      numStartups: 12,
      // user scope: recognised by `uvx jamfmcp@…`, no JAMF_URL in its env
      mcpServers: { mdm: { type: 'stdio', command: '/opt/homebrew/bin/uvx', args: ['jamfmcp@1.0.2'], env: { JAMF_CLIENT_ID: 'x' } }, github: GITHUB_ENTRY },
      projects: {
        [project]: { allowedTools: [], mcpServers: { 'jamf-local': jamfmcpEntry() } },
        [join(home, 'elsewhere')]: { mcpServers: { 'jamf-elsewhere': jamfmcpEntry() } },
      },
    }),
    // project scope: recognised by JAMF_URL only
    [p.dotMcp]: json({ mcpServers: { fleet: { command: 'python3', args: ['-m', 'fleet_server'], env: { JAMF_URL: 'https://acme.jamfcloud.com' } } } }),
    [p.cursorUser]: json({ mcpServers: { jamfmcp: jamfmcpEntry(), filesystem: FILESYSTEM_ENTRY } }),
    // recognised by dbankscard/jamf-mcp-server's entry point
    [p.cursorProject]: json({ mcpServers: { 'apple-devices': { command: 'node', args: ['/Users/me/src/jamf-mcp-server/dist/index-main.js'], env: { JAMF_CLIENT_ID: 'x' } } } }),
    [p.vscodeUser]: json({ servers: { jamfmcp: { type: 'stdio', ...jamfmcpEntry() }, github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/' } }, inputs: [] }),
    [p.vscodeProject]: [
      '// VS Code reads JSONC: comments and trailing commas are fine',
      '{',
      '  "servers": {',
      '    "Jamf Pro MCP": {',
      '      "type": "stdio",',
      '      "command": "uvx",',
      '      "args": ["jamfmcp",],',
      '      "env": { "JAMF_URL": "https://acme.jamfcloud.com", },',
      '    },',
      '  },',
      '}',
    ].join('\n'),
    [p.windsurf]: json({ mcpServers: { jamfmcp: { ...jamfmcpEntry(), disabled: false } } }),
    [p.geminiUser]: ['{', '  // Gemini CLI strips comments', '  "mcpServers": {', `    "jamfmcp": ${JSON.stringify(jamfmcpEntry())}`, '  },', '  "theme": "GitHub"', '}'].join('\n'),
    [p.geminiProject]: json({ mcpServers: { 'jamf-gemini': { command: 'uvx', args: ['jamfmcp'], env: { JAMF_URL: '$JAMF_URL' }, trust: false } } }),
    // Zed's current flat shape, and its older nested "command" object
    [p.zedUser]: json({ theme: 'One Dark', context_servers: { jamfmcp: { source: 'custom', ...jamfmcpEntry() }, 'some-extension': { settings: {} } } }),
    [p.zedProject]: json({ context_servers: { 'jamf-old': { command: { path: 'uvx', args: ['jamfmcp'], env: jamfEnv() }, settings: {} } } }),
    [p.codexUser]: [
      'model = "o4-mini"',
      '',
      '[mcp_servers.jamfmcp]',
      'command = "uvx"',
      'args = ["jamfmcp"]',
      'startup_timeout_sec = 60',
      '',
      '[mcp_servers.jamfmcp.env]',
      'JAMF_URL = "https://acme.jamfcloud.com"',
      `JAMF_CLIENT_SECRET = "${FIXTURE_SECRET}"`,
      '',
      '[mcp_servers.filesystem]',
      'command = "npx"',
      'args = ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]',
      '',
    ].join('\n'),
    [p.codexProject]: ['[mcp_servers.jamf-project]', 'command = "uvx"', 'args = ["jamfmcp==1.0.1"]', ''].join('\n'),
  };
  const expected = [
    key('claude-desktop', 'user', 'jamfmcp', p.claudeDesktop),
    key('claude-code', 'user', 'mdm', p.claudeJson),
    key('claude-code', 'local', 'jamf-local', p.claudeJson),
    key('claude-code', 'project', 'fleet', p.dotMcp),
    key('cursor', 'user', 'jamfmcp', p.cursorUser),
    key('cursor', 'project', 'apple-devices', p.cursorProject),
    key('vscode', 'user', 'jamfmcp', p.vscodeUser),
    key('vscode', 'project', 'Jamf Pro MCP', p.vscodeProject),
    key('windsurf', 'user', 'jamfmcp', p.windsurf),
    key('gemini', 'user', 'jamfmcp', p.geminiUser),
    key('gemini', 'project', 'jamf-gemini', p.geminiProject),
    key('zed', 'user', 'jamfmcp', p.zedUser),
    key('zed', 'project', 'jamf-old', p.zedProject),
    key('codex', 'user', 'jamfmcp', p.codexUser),
    key('codex', 'project', 'jamf-project', p.codexProject),
  ].sort();
  return { ctx: { home, platform, env, cwd: project }, files, expected };
}

describe('discover: every client, each platform layout', { concurrency: 3 }, () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: finds each client's Jamf entry with its scope, and nothing else`, async () => {
      const { home, project } = await freshDirs(platform);
      const layout = machineLayout(platform, home, project);
      await writeFiles(root, layout.files);
      const found = await discover(layout.ctx);

      assert.deepEqual(found.broken.map((b) => `${b.path}: ${b.fatal?.message}`), [], 'no file is broken');
      assert.deepEqual(candidatesOf(found), layout.expected);
      const names = found.candidates.map((c) => c.entry.name);
      for (const other of ['filesystem', 'github', 'some-extension', 'jamf-elsewhere']) assert.ok(!names.includes(other), `${other} is not a candidate`);

      // Every client was searched at every location it uses; the files written were found.
      const searched = found.searched.map((s) => `${s.client.id}|${s.location.path}|${s.exists}`);
      assert.equal(found.searched.length, CLIENTS.reduce((n, c) => n + c.locations(layout.ctx).length, 0));
      for (const path of Object.keys(layout.files)) assert.ok(searched.some((s) => s.includes(`|${path}|true`)), `${path} searched and found`);
      for (const id of CLIENTS.map((c) => c.id)) assert.ok(found.candidates.some((c) => c.client.id === id), `${id} has a candidate`);

      // Each client read the entry's launch spec, including Zed's nested and flat shapes.
      for (const c of found.candidates) {
        assert.ok(c.entry.command, `${c.client.id} ${c.entry.name} has a command`);
        assert.equal(c.file.client?.id, c.client.id);
      }
      const zedOld = found.candidates.find((c) => c.entry.name === 'jamf-old');
      assert.equal(zedOld?.entry.command, 'uvx');
      assert.deepEqual(zedOld?.entry.args, ['jamfmcp']);
      assert.equal(zedOld?.entry.env.JAMF_URL, 'https://acme.jamfcloud.com');
      // The VS Code project file is JSONC: no syntax problem; the strict files have none either.
      for (const c of found.candidates) assert.deepEqual(c.file.syntaxProblems, [], `${c.file.path} has no syntax problem`);
    });
  }

  it('discover(ctx, only) reads one client only', async () => {
    const { home, project } = await freshDirs('only');
    const layout = machineLayout('linux', home, project);
    await writeFiles(root, layout.files);
    const found = await discover(layout.ctx, client('cursor'));
    assert.deepEqual(
      found.searched.map((s) => s.client.id),
      ['cursor', 'cursor'],
    );
    assert.deepEqual(candidatesOf(found), layout.expected.filter((k) => k.startsWith('cursor|')));
  });

  it('lists unreadable and unparsable files in `broken` and keeps discovering the rest', async () => {
    const { home, project } = await freshDirs('broken');
    const xdg = join(home, 'xdg');
    const truncated = '{\n  "mcpServers": {\n    "jamfmcp": {\n      "command": "uvx",\n';
    await writeFiles(root, {
      [join(home, '.cursor', 'mcp.json')]: truncated,
      [join(home, '.codex', 'config.toml')]: '[mcp_servers.jamfmcp]\ncommand = uvx\n',
      [join(project, '.vscode', 'mcp.json')]: '',
      // A strict client with a trailing comma: the data is recovered, so it is a candidate with a syntax problem.
      [join(xdg, 'Claude', 'claude_desktop_config.json')]: '{\n  "mcpServers": {\n    "jamfmcp": {"command": "uvx", "args": ["jamfmcp"], "env": {"JAMF_URL": "https://acme.jamfcloud.com",}}\n  }\n}\n',
      [join(home, '.gemini', 'settings.json')]: json({ mcpServers: { jamfmcp: jamfmcpEntry() } }),
    });
    await mkdir(join(home, '.codeium', 'windsurf', 'mcp_config.json'), { recursive: true }); // a directory
    const found = await discover({ home, platform: 'linux', env: { XDG_CONFIG_HOME: xdg }, cwd: project });

    const broken = new Map(found.broken.map((b) => [b.path, b]));
    assert.deepEqual([...broken.keys()].sort(), [join(home, '.codeium', 'windsurf', 'mcp_config.json'), join(home, '.codex', 'config.toml'), join(home, '.cursor', 'mcp.json'), join(project, '.vscode', 'mcp.json')].sort());
    const cursor = broken.get(join(home, '.cursor', 'mcp.json'));
    assert.equal(cursor?.fatal?.line, 5, 'the truncated file ends at line 5');
    assert.equal(typeof cursor?.fatal?.column, 'number');
    assert.deepEqual({ line: broken.get(join(home, '.codex', 'config.toml'))?.fatal?.line, column: broken.get(join(home, '.codex', 'config.toml'))?.fatal?.column }, { line: 2, column: 11 });
    assert.deepEqual({ line: broken.get(join(project, '.vscode', 'mcp.json'))?.fatal?.line, column: broken.get(join(project, '.vscode', 'mcp.json'))?.fatal?.column }, { line: 1, column: 1 });
    assert.match(broken.get(join(home, '.codeium', 'windsurf', 'mcp_config.json'))?.fatal?.message ?? '', /is a directory/);

    assert.deepEqual(found.candidates.map((c) => c.client.id).sort(), ['claude-desktop', 'gemini']);
    const desktop = found.candidates.find((c) => c.client.id === 'claude-desktop');
    assert.deepEqual(desktop?.file.syntaxProblems.map((s) => s.message), ['trailing comma (not allowed in JSON)']);
  });

  it('with no config anywhere: nothing found, nothing broken, every location searched', async () => {
    const { home, project } = await freshDirs('empty');
    const found = await discover({ home, platform: 'darwin', env: {}, cwd: project });
    assert.deepEqual(found.candidates, []);
    assert.deepEqual(found.broken, []);
    assert.ok(found.searched.length >= CLIENTS.length);
    assert.ok(found.searched.every((s) => !s.exists));
  });

  it(
    'run from the home folder, a file that is both the user and the project file is one candidate, not two',
    async () => {
      const { home } = await freshDirs('cwd-home');
      await writeFiles(root, { [join(home, '.cursor', 'mcp.json')]: json({ mcpServers: { jamfmcp: jamfmcpEntry() } }) });
      const found = await discover({ home, platform: 'darwin', env: {}, cwd: home });
      assert.equal(found.candidates.length, 1, candidatesOf(found).join('\n'));
    },
  );

  it(
    'Windows: when the MSIX and the %APPDATA% Claude Desktop files both exist, only the MSIX one (the one the app reads) is a candidate',
    async () => {
      const { home, project } = await freshDirs('msix');
      const env = { APPDATA: join(home, 'AppData', 'Roaming'), LOCALAPPDATA: join(home, 'AppData', 'Local') };
      const msix = join(env.LOCALAPPDATA, 'Packages', 'Claude_pzs8sxrjxfjjc', 'LocalCache', 'Roaming', 'Claude', 'claude_desktop_config.json');
      await writeFiles(root, {
        [msix]: json({ mcpServers: { jamfmcp: jamfmcpEntry() } }),
        [join(env.APPDATA, 'Claude', 'claude_desktop_config.json')]: json({ mcpServers: { jamfmcp: jamfmcpEntry(jamfEnv({ JAMF_URL: 'https://old.jamfcloud.com' })) } }),
      });
      const found = await discover({ home, platform: 'win32', env, cwd: project }, client('claude-desktop'));
      assert.deepEqual(found.candidates.map((c) => c.file.path), [msix]);
    },
  );

  it(
    'an empty XDG_CONFIG_HOME means ~/.config (XDG Base Directory spec), not a path relative to the current folder',
    () => {
      const ctx: PathContext = { home: '/home/me', platform: 'linux', env: { XDG_CONFIG_HOME: '' }, cwd: '/home/me/project' };
      for (const c of CLIENTS) {
        for (const location of c.locations(ctx)) assert.ok(location.path.startsWith('/'), `${c.id}: ${location.path} is absolute`);
      }
      assert.equal(client('claude-desktop').locations(ctx)[0]?.path, '/home/me/.config/Claude/claude_desktop_config.json');
    },
  );
});

describe('client locations per platform', () => {
  it('Claude Desktop: macOS Application Support; Windows MSIX first, then %APPDATA%; Linux XDG', () => {
    const desktop = client('claude-desktop');
    assert.deepEqual(desktop.locations({ home: '/Users/me', platform: 'darwin', env: {}, cwd: '/p' }).map((l) => l.path), ['/Users/me/Library/Application Support/Claude/claude_desktop_config.json']);
    assert.deepEqual(
      desktop.locations({ home: '/h', platform: 'win32', env: { APPDATA: '/h/AD/Roaming', LOCALAPPDATA: '/h/AD/Local' }, cwd: '/p' }).map((l) => l.path),
      ['/h/AD/Local/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude/claude_desktop_config.json', '/h/AD/Roaming/Claude/claude_desktop_config.json'],
    );
    // Without APPDATA/LOCALAPPDATA the defaults under the profile are used.
    assert.deepEqual(
      desktop.locations({ home: '/h', platform: 'win32', env: {}, cwd: '/p' }).map((l) => l.path),
      ['/h/AppData/Local/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude/claude_desktop_config.json', '/h/AppData/Roaming/Claude/claude_desktop_config.json'],
    );
    assert.deepEqual(desktop.locations({ home: '/home/me', platform: 'linux', env: {}, cwd: '/p' }).map((l) => l.path), ['/home/me/.config/Claude/claude_desktop_config.json']);
  });

  it('Zed: ~/.config/zed on macOS (not Application Support), %APPDATA%\\Zed on Windows, FLATPAK_XDG_CONFIG_HOME first on Linux', () => {
    const zed = client('zed');
    assert.equal(zed.locations({ home: '/Users/me', platform: 'darwin', env: { XDG_CONFIG_HOME: '/elsewhere' }, cwd: '/p' })[0]?.path, '/Users/me/.config/zed/settings.json');
    assert.equal(zed.locations({ home: '/h', platform: 'win32', env: { APPDATA: '/h/R' }, cwd: '/p' })[0]?.path, '/h/R/Zed/settings.json');
    assert.equal(zed.locations({ home: '/h', platform: 'linux', env: { XDG_CONFIG_HOME: '/x', FLATPAK_XDG_CONFIG_HOME: '/f' }, cwd: '/p' })[0]?.path, '/f/zed/settings.json');
    assert.deepEqual(zed.locations({ home: '/h', platform: 'linux', env: {}, cwd: '/p' }).map((l) => `${l.scope} ${l.path}`), ['user /h/.config/zed/settings.json', 'project /p/.zed/settings.json']);
  });

  it('CODEX_HOME and GEMINI_CLI_HOME move those clients\' user files', () => {
    const ctx: PathContext = { home: '/h', platform: 'linux', env: { CODEX_HOME: '/c', GEMINI_CLI_HOME: '/g' }, cwd: '/p' };
    assert.equal(client('codex').locations(ctx)[0]?.path, '/c/config.toml');
    assert.equal(client('gemini').locations(ctx)[0]?.path, '/g/.gemini/settings.json');
  });
});

// --- each client's parser -------------------------------------------------------------------

/** A file whose last env value is followed by a trailing comma (the guide's example). */
const TRAILING_COMMA = [
  '{', // 1
  '  "mcpServers": {', // 2
  '    "jamfmcp": {', // 3
  '      "command": "uvx",', // 4
  '      "args": ["jamfmcp"],', // 5
  '      "env": {', // 6
  '        "JAMF_URL": "https://acme.jamfcloud.com",', // 7
  '        "JAMF_CLIENT_ID": "0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee",', // 8: the comma after the value is the trailing one
  '      }', // 9
  '    }', // 10
  '  }', // 11
  '}', // 12
].join('\n');
const TRAILING_COMMA_AT = (() => {
  const at = positionOfText(TRAILING_COMMA, '"0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee",');
  return { line: at.line, column: at.column + '"0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee"'.length };
})();

const WITH_COMMENTS = ['{', '  // the Jamf server', '  "mcpServers": {', '    /* added by hand */', `    "jamfmcp": ${JSON.stringify(jamfmcpEntry())}`, '  }', '}'].join('\n');

describe('readClientConfig: each client judges the file by its own parser', { concurrency: 4 }, () => {
  let dir: string;
  before(async () => {
    dir = join(root, 'parsers');
    await mkdir(dir, { recursive: true });
  });
  let n = 0;
  async function read(text: string, id: ClientId, name = 'mcp.json'): Promise<ClientConfigFile> {
    const path = join(dir, `${++n}-${name}`);
    await writeFile(path, text, 'utf8');
    return readClientConfig(path, client(id));
  }

  for (const id of ['claude-desktop', 'cursor', 'claude-code', 'windsurf'] as const) {
    it(`${id} (strict JSON): a trailing comma is a syntax problem at the comma's line:column`, async () => {
      const file = await read(TRAILING_COMMA, id);
      assert.equal(file.fatal, undefined, 'the data is recovered');
      assert.deepEqual(file.syntaxProblems, [{ ...TRAILING_COMMA_AT, message: 'trailing comma (not allowed in JSON)' }]);
      assert.equal(TRAILING_COMMA_AT.line, 8);
      assert.equal(file.entries[0]?.env.JAMF_CLIENT_ID, '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee');
      assert.equal(file.jsonc, false);
    });
  }

  it('claude-desktop (strict JSON): a comment is a syntax problem at the comment', async () => {
    const file = await read(WITH_COMMENTS, 'claude-desktop');
    assert.deepEqual(
      file.syntaxProblems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [`${positionOfText(WITH_COMMENTS, '//').line}:3 comment (not allowed in JSON)`, `${positionOfText(WITH_COMMENTS, '/*').line}:5 comment (not allowed in JSON)`],
    );
  });

  for (const id of ['vscode', 'zed'] as const) {
    it(`${id} (JSONC): trailing commas and comments are fine`, async () => {
      const key = id === 'vscode' ? 'servers' : 'context_servers';
      const text = TRAILING_COMMA.replace('"mcpServers"', `"${key}"`).replace('{\n', '{\n  // comment\n');
      const file = await read(text, id);
      assert.equal(file.fatal, undefined);
      assert.deepEqual(file.syntaxProblems, []);
      assert.equal(file.jsonc, true);
      assert.equal(file.entries[0]?.name, 'jamfmcp');
    });
  }

  it('gemini: comments are fine, a trailing comma is not', async () => {
    const comments = await read(WITH_COMMENTS, 'gemini', 'settings.json');
    assert.deepEqual(comments.syntaxProblems, []);
    assert.equal(comments.entries[0]?.name, 'jamfmcp');
    const comma = await read(TRAILING_COMMA, 'gemini', 'settings.json');
    assert.deepEqual(comma.syntaxProblems, [{ ...TRAILING_COMMA_AT, message: 'trailing comma (not allowed in JSON)' }]);
  });

  it('a truncated strict file is fatal, with the line and column', async () => {
    const file = await read('{\n  "mcpServers": {\n    "jamfmcp": {"command": "uvx"\n', 'claude-desktop');
    assert.ok(file.fatal);
    assert.equal(file.fatal.line, 4);
    assert.equal(typeof file.fatal.column, 'number');
    assert.deepEqual(file.entries, []);
  });

  it('codex: a TOML error gives the line and column; a good file gives command, args and env', async () => {
    const bad = await read('# Codex\n[mcp_servers.jamfmcp]\ncommand = "uvx"\nargs = ["jamfmcp"\n\n[mcp_servers.jamfmcp.env]\n', 'codex', 'config.toml');
    assert.ok(bad.fatal);
    assert.deepEqual({ line: bad.fatal.line, column: bad.fatal.column }, { line: 6, column: 1 });
    assert.match(bad.fatal.message, /TOML/);
    assert.ok(!bad.fatal.message.includes('\n'), 'one line');

    const unquoted = parseCodexToml('[mcp_servers.jamfmcp]\ncommand = uvx\n');
    assert.deepEqual({ line: unquoted.fatal?.line, column: unquoted.fatal?.column }, { line: 2, column: 11 });

    const good = await read(
      ['# comments are fine', '[mcp_servers.jamfmcp]', 'command = "uvx"', 'args = ["jamfmcp"]', 'env_vars = ["JAMF_URL"]', '', '[mcp_servers.jamfmcp.env]', 'JAMF_URL = "https://acme.jamfcloud.com"', `"JAMF_CLIENT_SECRET" = "${FIXTURE_SECRET}"`, ''].join('\n'),
      'codex',
      'config.toml',
    );
    assert.equal(good.fatal, undefined);
    assert.equal(good.entries.length, 1);
    const entry = good.entries[0];
    assert.equal(entry?.name, 'jamfmcp');
    assert.equal(entry?.key, 'mcp_servers');
    assert.equal(entry?.command, 'uvx');
    assert.deepEqual(entry?.args, ['jamfmcp']);
    assert.deepEqual(entry?.env, { JAMF_URL: 'https://acme.jamfcloud.com', JAMF_CLIENT_SECRET: FIXTURE_SECRET });
    assert.equal(entry?.envPositions.JAMF_URL?.line, 8);
    assert.equal(entry?.envPositions.JAMF_CLIENT_SECRET?.line, 9);
  });

  it(
    'codex: env positions point at each server\'s own line, at the value',
    () => {
      const text = ['[mcp_servers.jamf-prod.env]', 'JAMF_URL = "https://prod.jamfcloud.com"', '', '[mcp_servers.jamf-test.env]', 'JAMF_URL = "https://test.jamfcloud.com"', ''].join('\n');
      const parsed = parseCodexToml(text);
      const test = parsed.entries.find((e) => e.name === 'jamf-test');
      assert.equal(test?.env.JAMF_URL, 'https://test.jamfcloud.com');
      assert.deepEqual(test?.envPositions.JAMF_URL, positionOfText(text, '"https://test.jamfcloud.com"'));
      const prod = parsed.entries.find((e) => e.name === 'jamf-prod');
      assert.deepEqual(prod?.envPositions.JAMF_URL, positionOfText(text, '"https://prod.jamfcloud.com"'));
    },
  );

  it("zed: the old nested \"command\": {path, args, env} shape and the current flat shape both read", async () => {
    const file = await read(
      json({
        context_servers: {
          'jamf-old': { command: { path: '/opt/homebrew/bin/uvx', args: ['jamfmcp'], env: { JAMF_URL: 'https://old.jamfcloud.com' } }, settings: {} },
          'jamf-new': { source: 'custom', command: 'uvx', args: ['jamfmcp@1.0.2'], env: { JAMF_URL: 'https://new.jamfcloud.com' } },
        },
      }),
      'zed',
      'settings.json',
    );
    const old = file.entries.find((e) => e.name === 'jamf-old');
    const current = file.entries.find((e) => e.name === 'jamf-new');
    assert.deepEqual({ command: old?.command, args: old?.args, env: old?.env }, { command: '/opt/homebrew/bin/uvx', args: ['jamfmcp'], env: { JAMF_URL: 'https://old.jamfcloud.com' } });
    assert.deepEqual({ command: current?.command, args: current?.args, env: current?.env }, { command: 'uvx', args: ['jamfmcp@1.0.2'], env: { JAMF_URL: 'https://new.jamfcloud.com' } });
    assert.deepEqual(file.ignored, []);
    assert.deepEqual(file.stray, []);
  });

  it('vscode: servers under "mcpServers" are listed in `ignored` (VS Code reads "servers")', async () => {
    const file = await read(json({ mcpServers: { jamfmcp: jamfmcpEntry(), filesystem: FILESYSTEM_ENTRY } }), 'vscode');
    assert.deepEqual(file.ignored, [{ key: 'mcpServers', names: ['jamfmcp', 'filesystem'] }]);
    assert.deepEqual(file.entries.map((e) => e.name), ['jamfmcp', 'filesystem'], 'still read, so they can be diagnosed');
    const right = await read(json({ servers: { jamfmcp: jamfmcpEntry() } }), 'vscode');
    assert.deepEqual(right.ignored, []);
  });

  it('cursor / zed: servers under another client\'s key are ignored too', async () => {
    const cursor = await read(json({ servers: { jamfmcp: jamfmcpEntry() } }), 'cursor');
    assert.deepEqual(cursor.ignored, [{ key: 'servers', names: ['jamfmcp'] }]);
    const zed = await read(json({ mcpServers: { jamfmcp: jamfmcpEntry() } }), 'zed', 'settings.json');
    assert.deepEqual(zed.ignored, [{ key: 'mcpServers', names: ['jamfmcp'] }]);
  });

  it('a top-level pasted {"jamfmcp": {...}} (what jamfmcp-cli prints without --write) is `stray`', async () => {
    const file = await read(json({ jamfmcp: jamfmcpEntry(), preferences: { theme: 'dark' }, globalShortcut: 'Cmd+Space' }), 'claude-desktop');
    assert.deepEqual(file.stray, ['jamfmcp']);
    assert.deepEqual(file.entries, [], 'not an entry the client reads');
    // Beside a proper mcpServers block too.
    const both = await read(json({ mcpServers: { filesystem: FILESYSTEM_ENTRY }, jamfmcp: { env: jamfEnv() } }), 'cursor');
    assert.deepEqual(both.stray, ['jamfmcp']);
  });

  it("claude-code: ~/.claude.json's projects[\"<cwd>\"] is read for that project only, and is not stray", async () => {
    const path = join(dir, `${++n}-.claude.json`);
    await writeFile(path, json({ mcpServers: { user: jamfmcpEntry() }, projects: { '/work/a': { mcpServers: { 'jamf-a': jamfmcpEntry() } }, '/work/b': { mcpServers: { 'jamf-b': jamfmcpEntry() } } } }));
    const file = await readClientConfig(path, client('claude-code'), '/work/a');
    assert.deepEqual(file.entries.map((e) => `${e.key} ${e.name}`), ['mcpServers user', 'projects./work/a.mcpServers jamf-a']);
    assert.deepEqual(file.entries[1]?.jsonPath, ['projects', '/work/a', 'mcpServers', 'jamf-a']);
    assert.deepEqual(file.stray, []);
    assert.deepEqual(file.ignored, []);
  });

  it(
    "zed: Zed's own \"terminal\": {\"env\": …} setting is not a stray server entry",
    async () => {
      const file = await read(json({ terminal: { env: { EDITOR: 'zed --wait' } }, context_servers: { jamfmcp: { source: 'custom', ...jamfmcpEntry() } } }), 'zed', 'settings.json');
      assert.deepEqual(file.stray, []);
    },
  );

  it(
    'an empty file is fatal and says the file is empty',
    async () => {
      const file = await read('', 'cursor');
      assert.match(file.fatal?.message ?? '', /empty/);
    },
  );

  it('a missing file and a directory are fatal with a plain reason', async () => {
    const missing = await readClientConfig(join(dir, 'nope.json'), client('cursor'));
    assert.match(missing.fatal?.message ?? '', /does not exist/);
    const folder = join(dir, 'a-folder.json');
    await mkdir(folder, { recursive: true });
    const asDir = await readClientConfig(folder, client('cursor'));
    assert.match(asDir.fatal?.message ?? '', /is a directory/);
  });
});

describe('clientForPath', () => {
  const table: Array<[string, ClientId | undefined]> = [
    ['/Users/me/Library/Application Support/Claude/claude_desktop_config.json', 'claude-desktop'],
    ['C:\\Users\\me\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json', 'claude-desktop'],
    ['C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json', 'claude-desktop'],
    ['/home/me/.config/Claude/claude_desktop_config.json', 'claude-desktop'],
    ['/home/me/.claude.json', 'claude-code'],
    ['/work/project/.mcp.json', 'claude-code'],
    ['.mcp.json', 'claude-code'],
    ['/home/me/.cursor/mcp.json', 'cursor'],
    ['C:\\Users\\me\\.cursor\\mcp.json', 'cursor'],
    ['/work/project/.cursor/mcp.json', 'cursor'],
    ['/work/project/.vscode/mcp.json', 'vscode'],
    ['/Users/me/Library/Application Support/Code/User/mcp.json', 'vscode'],
    ['C:\\Users\\me\\AppData\\Roaming\\Code - Insiders\\User\\mcp.json', 'vscode'],
    ['/home/me/.config/VSCodium/User/mcp.json', 'vscode'],
    ['/home/me/.codeium/windsurf/mcp_config.json', 'windsurf'],
    ['C:\\Users\\me\\.codeium\\windsurf\\mcp_config.json', 'windsurf'],
    ['/home/me/.gemini/settings.json', 'gemini'],
    ['/work/project/.gemini/settings.json', 'gemini'],
    ['/home/me/.config/zed/settings.json', 'zed'],
    ['C:\\Users\\me\\AppData\\Roaming\\Zed\\settings.json', 'zed'],
    ['/work/project/.zed/settings.json', 'zed'],
    ['/home/me/.codex/config.toml', 'codex'],
    ['/work/project/.codex/config.toml', 'codex'],
    ['/home/me/mcp.json', undefined],
    ['/home/me/.lmstudio/mcp.json', undefined],
    ['/home/me/.config/Code/User/settings.json', undefined],
    ['/home/me/notes.txt', undefined],
  ];
  for (const [path, expected] of table) {
    it(`${path} → ${expected ?? 'unknown'}`, () => {
      assert.equal(clientForPath(path)?.id, expected);
    });
  }
});

describe('looksLikeJamf (reference §2.3)', () => {
  const entry = (name: string, command: string | undefined, args: string[], env: Record<string, string> = {}): Parameters<typeof looksLikeJamf>[0] => ({ name, ...(command !== undefined ? { command } : {}), args, env });
  const yes: Array<[string, Parameters<typeof looksLikeJamf>[0]]> = [
    ['a name with "jamf"', entry('Jamf Pro MCP', 'python', [])],
    ['JAMF_URL in env', entry('fleet', 'python', [], { JAMF_URL: 'x' })],
    ['uvx jamfmcp', entry('mdm', 'uvx', ['jamfmcp'])],
    ['uvx.exe jamfmcp@1.0.2 by absolute Windows path', entry('mdm', 'C:\\Users\\me\\.local\\bin\\uvx.exe', ['jamfmcp@1.0.2'])],
    ['uv run … src/jamfmcp/server.py', entry('mdm', '/opt/homebrew/bin/uv', ['run', '--directory', '/src/x', 'fastmcp', 'run', 'src/jamfmcp/server.py:main'])],
    ['node …/jamf-mcp-server/dist/index-main.js', entry('apple', 'node', ['/src/jamf-mcp-server/dist/index-main.js'])],
    ['the jamf-mcp-server bin', entry('apple', 'jamf-mcp-server', [])],
  ];
  const no: Array<[string, Parameters<typeof looksLikeJamf>[0]]> = [
    ['the filesystem server', entry('filesystem', FILESYSTEM_ENTRY.command, FILESYSTEM_ENTRY.args)],
    ['the GitHub server', entry('github', GITHUB_ENTRY.command, GITHUB_ENTRY.args, GITHUB_ENTRY.env)],
    ['uvx of another package', entry('time', 'uvx', ['mcp-server-time'])],
    ['no command at all', entry('remote', undefined, [])],
  ];
  for (const [label, e] of yes) it(`Jamf: ${label}`, () => assert.equal(looksLikeJamf(e), true));
  for (const [label, e] of no) it(`not Jamf: ${label}`, () => assert.equal(looksLikeJamf(e), false));
});

// --- the checks' pure helpers ----------------------------------------------------------------

describe('closestVariable / editDistance', () => {
  const table: Array<[string, string | undefined]> = [
    ['JAMF_CLIENTID', 'JAMF_CLIENT_ID'],
    ['JAMF_URL ', 'JAMF_URL'],
    [' JAMF_URL', 'JAMF_URL'],
    ['jamf_url', 'JAMF_URL'],
    ['JAMF-URL', 'JAMF_URL'],
    ['jamf.client.id', 'JAMF_CLIENT_ID'],
    ['JAMF_CLIENT_SECRT', 'JAMF_CLIENT_SECRET'],
    ['JAMF_CLIENTSECRET', 'JAMF_CLIENT_SECRET'],
    ['JAMF_PASWORD', 'JAMF_PASSWORD'],
    ['JAMF_AUTHTYPE', 'JAMF_AUTH_TYPE'],
    ['jamf_client_id', 'JAMF_CLIENT_ID'],
    // Too far from any name for the edit distance (7 insertions): no suggestion; mcp.env-names then
    // warns that no Jamf server reads it.
    ['JAMF_SECRET', undefined],
    ['HOME', undefined],
    ['PATH', undefined],
    ['NODE_ENV', undefined],
    ['GITHUB_TOKEN', undefined],
    ['FASTMCP_LOG_LEVEL', undefined],
  ];
  for (const [name, expected] of table) {
    it(`${JSON.stringify(name)} → ${expected ?? 'no suggestion'}`, () => assert.equal(closestVariable(name), expected));
  }
  it('a correct name is not "corrected"', () => {
    for (const name of ['JAMF_URL', 'JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET']) assert.equal(closestVariable(name), name, 'closest is itself');
  });
  it(
    'JAMF_USER is suggested as JAMF_USERNAME (a truncation), not JAMF_URL',
    () => assert.equal(closestVariable('JAMF_USER'), 'JAMF_USERNAME'),
  );
  it('editDistance is the Levenshtein distance', () => {
    assert.equal(editDistance('', ''), 0);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('JAMF_CLIENTID', 'JAMF_CLIENT_ID'), 1);
    assert.equal(editDistance('flaw', 'lawn'), 2);
    assert.equal(editDistance('same', 'same'), 0);
  });
});

describe('placeholdersIn', () => {
  const forms = (value: string): string[] => placeholdersIn(value).map((p) => `${p.form}:${p.variable}`);
  const table: Array<[string, string[]]> = [
    ['${JAMF_CLIENT_SECRET}', ['braces:JAMF_CLIENT_SECRET']],
    ['${JAMF_URL:-https://acme.jamfcloud.com}', ['braces:JAMF_URL']],
    ['${env:JAMF_CLIENT_SECRET}', ['envColon:JAMF_CLIENT_SECRET']],
    ['$JAMF_CLIENT_SECRET', ['dollar:JAMF_CLIENT_SECRET']],
    ['${input:jamf-secret}', ['vscode-input:jamf-secret']],
    ['~/.local/bin/uvx', ['tilde:HOME']],
    ['https://${JAMF_HOST}/', ['braces:JAMF_HOST']],
    ['${env:A}-${B}', ['envColon:A', 'braces:B']],
    ['https://acme.jamfcloud.com', []],
    ['plain-secret-value', []],
    ['price $5', []],
    ['ends with $', []],
    ['a~b', []],
  ];
  for (const [value, expected] of table) it(`${JSON.stringify(value)} → ${expected.join(', ') || 'none'}`, () => assert.deepEqual(forms(value), expected));
  it('returns the token, never more of the value', () => {
    const [p] = placeholdersIn('prefix-${JAMF_CLIENT_SECRET}-suffix');
    assert.equal(p?.token, '${JAMF_CLIENT_SECRET}');
  });
});

describe('serverFlavour', () => {
  const table: Array<[string | undefined, string[], ReturnType<typeof serverFlavour>]> = [
    ['uvx', ['jamfmcp'], 'jamfmcp'],
    ['uvx', ['jamfmcp==1.0.1'], 'jamfmcp'],
    ['uvx', ['jamfmcp@1.0.2'], 'jamfmcp'],
    ['uvx', ['--from', 'jamfmcp==1.0.1', 'jamfmcp-cli'], 'jamfmcp'],
    ['uv', ['run', '--with', 'jamfmcp==1.0.1', 'python', '-m', 'jamfmcp.server'], 'jamfmcp'],
    ['/Users/me/.venv/bin/jamfmcp', [], 'jamfmcp'],
    ['node', ['/Users/me/src/jamf-mcp-server/dist/index-main.js'], 'jamf-mcp-server'],
    ['npx', ['-y', '@modelcontextprotocol/server-filesystem'], 'unknown'],
    [undefined, [], 'unknown'],
  ];
  for (const [command, args, expected] of table) {
    it(`${[command ?? '', ...args].join(' ').trim() || '(nothing)'} → ${expected}`, () => assert.equal(serverFlavour({ ...(command ? { command } : {}), args }), expected));
  }
});

// --- the command a client can start -------------------------------------------------------------

describe('the PATH a client starts servers with / resolveCommand', () => {
  let bin: string;
  let other: string;
  before(async () => {
    bin = join(root, 'bin');
    other = join(root, 'other-bin');
    await mkdir(bin, { recursive: true });
    await mkdir(other, { recursive: true });
    await writeFile(join(bin, 'uvx'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    await writeFile(join(bin, 'not-executable'), 'data\n', { mode: 0o644 });
    // Windows layouts (access is by existence on win32)
    await writeFile(join(bin, 'npx.cmd'), '@echo off\r\n');
    await writeFile(join(bin, 'uv.exe'), 'MZ');
  });

  const entry = { env: {} as Record<string, string> };
  const pathFor = (id: ClientId | undefined, platform: Platform, shell: Record<string, string>): string | undefined =>
    effectiveEnv(shell, entry, undefined, id ? client(id) : undefined, platform).values.PATH;

  it("a GUI client on macOS that passes only its login variables gets launchd's PATH, not the shell's", () => {
    const env = { PATH: '/Users/me/.local/bin:/opt/homebrew/bin:/usr/bin:/bin' };
    for (const id of ['claude-desktop', 'cursor', 'windsurf', 'zed'] as const) {
      assert.equal(pathFor(id, 'darwin', env), '/usr/bin:/bin:/usr/sbin:/sbin', id);
      assert.equal(pathFor(id, 'darwin', env), MACOS_GUI_PATH);
    }
  });

  it("CLI clients, VS Code (which reads the login shell's environment), and any client on Linux pass the environment's PATH", () => {
    const env = { PATH: '/Users/me/.local/bin:/usr/bin' };
    for (const id of ['claude-code', 'gemini', 'codex', 'vscode'] as const) assert.equal(pathFor(id, 'darwin', env), env.PATH, id);
    assert.equal(pathFor('claude-desktop', 'linux', env), env.PATH);
    assert.equal(effectiveEnv({}, undefined, undefined, undefined, 'linux').values.PATH, undefined, 'no entry, no PATH in the shell');
  });

  it("an entry's own PATH wins", () => {
    const shell = { PATH: '/usr/bin' };
    const own = effectiveEnv(shell, { env: { PATH: '/opt/homebrew/bin:/usr/bin' } }, undefined, client('claude-desktop'), 'darwin');
    assert.equal(own.values.PATH, '/opt/homebrew/bin:/usr/bin');
    assert.equal(own.origin.PATH, 'entry');
  });

  it('posix: finds an executable on PATH, skips a non-executable file, and returns undefined when absent', async () => {
    assert.equal(await resolveCommand('uvx', `/nonexistent:${bin}`, 'linux'), join(bin, 'uvx'));
    assert.equal(await resolveCommand('uvx', other, 'linux'), undefined);
    assert.equal(await resolveCommand('uvx', '', 'linux'), undefined);
    assert.equal(await resolveCommand('not-executable', bin, 'linux'), undefined);
    assert.equal(await resolveCommand(join(bin, 'uvx'), '', 'linux'), join(bin, 'uvx'), 'an absolute path needs no PATH');
    assert.equal(await resolveCommand(join(bin, 'missing'), bin, 'linux'), undefined);
  });

  it('win32: PATHEXT extensions are tried (a bare "npx" finds npx.cmd via .CMD, "uv" finds uv.exe)', async () => {
    assert.equal(await resolveCommand('npx', `${other};${bin}`, 'win32', '.COM;.EXE;.BAT;.CMD'), join(bin, 'npx.cmd'));
    assert.equal(await resolveCommand('uv', bin, 'win32'), join(bin, 'uv.exe'), 'the default PATHEXT');
    assert.equal(await resolveCommand('npx', bin, 'win32', '.COM;.EXE'), undefined, 'without .CMD in PATHEXT');
    assert.equal(await resolveCommand('uv.exe', bin, 'win32'), join(bin, 'uv.exe'), 'an explicit extension is used as is');
    assert.equal(await resolveCommand('uvx', other, 'win32'), undefined);
  });

  it(
    'posix: a folder named like the command is not the command',
    async () => {
      const shadow = join(root, 'shadow');
      await mkdir(join(shadow, 'uvx'), { recursive: true });
      assert.equal(await resolveCommand('uvx', `${shadow}:${bin}`, 'linux'), join(bin, 'uvx'));
    },
  );
});

// --- --fix ------------------------------------------------------------------------------------

const JSONC_CURSOR = [
  '{',
  '  // Jamf Pro, added by hand',
  '  "mcpServers": {',
  '    "jamfmcp": {',
  '      "command": "uvx", /* keep */',
  '      "args": ["jamfmcp"],',
  '      "env": {',
  '        "JAMF_URL": " acme.jamfcloud.com/ ", // pasted from the browser',
  `        "JAMF_CLIENT_ID": "0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee",`,
  `        "JAMF_CLIENT_SECRET": "  ${FIXTURE_SECRET}\\t"`,
  '      }',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

async function fileState(path: string, id: ClientId, name?: string): Promise<ConfigFileState> {
  const file = await readClientConfig(path, client(id));
  const entry: McpServerEntry | undefined = name ? file.entries.find((e) => e.name === name) : file.entries[0];
  return { ...file, displayPath: path, ...(entry ? { entry } : {}) };
}

describe('planFixes / applyFixes', { concurrency: 4 }, () => {
  let dir: string;
  before(async () => {
    dir = join(root, 'fix');
    await mkdir(dir, { recursive: true });
  });
  let n = 0;
  async function fixture(name: string, text: string, mode = 0o600): Promise<string> {
    const path = join(dir, `${++n}`, name);
    await writeFiles(root, { [path]: text });
    // 0600 unless a test is about the mode: a 0644 file holding a secret gets a mode fix too.
    await chmod(path, mode);
    return path;
  }

  it('a file holding a secret that others can read (0644): the plan sets 0600, applied without a backup when nothing else changes', { skip: process.platform === 'win32' ? 'POSIX modes' : false }, async () => {
    const text = json({ mcpServers: { jamfmcp: jamfmcpEntry() } });
    const path = await fixture('claude_desktop_config.json', text, 0o644);
    const plan = await planFixes(await fileState(path, 'claude-desktop'));
    assert.deepEqual(plan.fixes, [{ variable: 'file mode', description: 'file mode 0644 → 0600 (it holds JAMF_CLIENT_SECRET in "jamfmcp")' }]);
    assert.equal(plan.text, undefined, 'no text edit');
    assert.equal(await applyFixes(plan, new Date()), undefined, 'no backup');
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal(await readFile(path, 'utf8'), text);
  });

  it('a placeholder is not a secret on disk: no mode fix for ${env:JAMF_CLIENT_SECRET}', async () => {
    const path = await fixture('mcp.json', json({ mcpServers: { jamfmcp: jamfmcpEntry({ JAMF_URL: 'https://acme.jamfcloud.com', JAMF_CLIENT_ID: 'id', JAMF_CLIENT_SECRET: '${env:JAMF_CLIENT_SECRET}' }) } }), 0o644);
    assert.deepEqual((await planFixes(await fileState(path, 'cursor'))).fixes, []);
  });

  it('fixes JAMF_URL (https://, trailing slash, whitespace), trims the secret without showing it, and keeps comments', async () => {
    const path = await fixture('mcp.json', JSONC_CURSOR);
    const plan = await planFixes(await fileState(path, 'vscode'));
    assert.equal(plan.refusal, undefined);
    assert.deepEqual(plan.fixes.map((f) => f.variable).sort(), ['JAMF_CLIENT_SECRET', 'JAMF_URL']);
    const url = plan.fixes.find((f) => f.variable === 'JAMF_URL');
    assert.match(url?.description ?? '', /https:\/\//);
    assert.match(url?.description ?? '', /trailing slash/);
    assert.match(url?.description ?? '', /whitespace/);
    assert.match(url?.description ?? '', /→ https:\/\/acme\.jamfcloud\.com$/);
    const secret = plan.fixes.find((f) => f.variable === 'JAMF_CLIENT_SECRET');
    assert.match(secret?.description ?? '', /whitespace/);
    for (const f of plan.fixes) assert.ok(!f.description.includes(FIXTURE_SECRET) && !f.description.includes(FIXTURE_SECRET.slice(0, 10)), 'the secret is never in a description');

    const text = plan.text ?? '';
    for (const comment of ['// Jamf Pro, added by hand', '/* keep */', '// pasted from the browser']) assert.ok(text.includes(comment), `${comment} survives`);
    assert.ok(text.includes('"JAMF_URL": "https://acme.jamfcloud.com", // pasted from the browser'), text);
    assert.ok(text.includes(`"JAMF_CLIENT_SECRET": "${FIXTURE_SECRET}"`), 'the secret is trimmed, not otherwise changed');
    assert.ok(text.includes('"JAMF_CLIENT_ID": "0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee",'), 'a clean value is untouched');
    // Only the two values changed: every other line is identical.
    const before = JSONC_CURSOR.split('\n');
    const afterLines = text.split('\n');
    assert.equal(afterLines.length, before.length);
    assert.deepEqual(before.map((l, i) => (l === afterLines[i] ? '' : i + 1)).filter(Boolean), [8, 10]);
    assert.equal(await readFile(path, 'utf8'), JSONC_CURSOR, 'planning writes nothing');
  });

  it('applyFixes writes a 0600 backup identical to the original, then the fixed file', async () => {
    const path = await fixture('mcp.json', JSONC_CURSOR);
    await chmod(path, 0o644);
    const plan = await planFixes(await fileState(path, 'vscode'));
    const backup = await applyFixes(plan, new Date('2025-06-01T10:20:30.456Z'));
    assert.equal(backup, `${path}.2025-06-01T10-20-30-456Z.bak`);
    assert.equal(await readFile(backup, 'utf8'), JSONC_CURSOR);
    assert.equal((await stat(backup)).mode & 0o777, 0o600);
    assert.equal(await readFile(path, 'utf8'), plan.text);
    assert.equal((await stat(path)).mode & 0o777, 0o600, 'a config holding a secret that others could read is tightened to 0600 (issue 16)');
    // Read back as a client would: the values are fixed.
    const again = await fileState(path, 'vscode');
    assert.equal(again.entry?.env.JAMF_URL, 'https://acme.jamfcloud.com');
    assert.equal(again.entry?.env.JAMF_CLIENT_SECRET, FIXTURE_SECRET);
    assert.deepEqual(again.syntaxProblems, []);
  });

  it('keeps a URL that is already right; adds nothing when nothing is wrong', async () => {
    const path = await fixture('mcp.json', json({ mcpServers: { jamfmcp: jamfmcpEntry(jamfEnv({ JAMF_URL: 'https://jamf.example.com:8443' })) } }));
    const plan = await planFixes(await fileState(path, 'cursor'));
    assert.deepEqual(plan.fixes, []);
    assert.equal(plan.text, undefined);
    await assert.rejects(applyFixes(plan, new Date()), /nothing to apply/);
  });

  it('fixes only JAMF_* values, in a Claude Code local-scope entry too', async () => {
    const path = await fixture('.claude.json', json({ projects: { '/work/a': { mcpServers: { jamfmcp: { ...jamfmcpEntry(jamfEnv({ JAMF_URL: 'acme.jamfcloud.com/' })), env: { JAMF_URL: 'acme.jamfcloud.com/', OTHER: ' spaced ' } } } } } }));
    const file = await readClientConfig(path, client('claude-code'), '/work/a');
    const plan = await planFixes({ ...file, displayPath: path, ...(file.entries[0] ? { entry: file.entries[0] } : {}) });
    assert.deepEqual(plan.fixes.map((f) => f.variable), ['JAMF_URL']);
    const fixed = JSON.parse(plan.text ?? '{}') as { projects: Record<string, { mcpServers: Record<string, { env: Record<string, string> }> }> };
    assert.deepEqual(fixed.projects['/work/a']?.mcpServers.jamfmcp?.env, { JAMF_URL: 'https://acme.jamfcloud.com', OTHER: ' spaced ' });
  });

  it('refuses TOML (Codex): nothing is planned or written', async () => {
    const text = '[mcp_servers.jamfmcp]\ncommand = "uvx"\n[mcp_servers.jamfmcp.env]\nJAMF_URL = "acme.jamfcloud.com/"\n';
    const toml = await fixture('config.toml', text);
    const state = await fileState(toml, 'codex');
    assert.equal(state.entry?.name, 'jamfmcp', 'the Codex entry is chosen');
    const plan = await planFixes(state);
    assert.ok(plan.refusal);
    assert.deepEqual(plan.fixes, []);
    assert.equal(plan.text, undefined);
    assert.equal(await readFile(toml, 'utf8'), text);
  });

  it(
    'refuses TOML (Codex) saying why: --fix edits JSON only',
    async () => {
      const toml = await fixture('config.toml', '[mcp_servers.jamfmcp]\ncommand = "uvx"\n[mcp_servers.jamfmcp.env]\nJAMF_URL = "acme.jamfcloud.com/"\n');
      const plan = await planFixes(await fileState(toml, 'codex'));
      assert.match(plan.refusal ?? '', /TOML/);
    },
  );

  it('refuses an unparsable file and a state without an entry', async () => {
    const broken = await fixture('mcp.json', '{"mcpServers": {"jamfmcp": {"env": {"JAMF_URL": "acme.jamfcloud.com/"');
    const state = await fileState(broken, 'cursor');
    assert.ok(state.fatal);
    assert.match((await planFixes({ ...state, entry: { name: 'jamfmcp', key: 'mcpServers', args: [], env: { JAMF_URL: 'x/' }, envPositions: {}, jsonPath: ['mcpServers', 'jamfmcp'] } })).refusal ?? '', /cannot be parsed/);

    const none = await fixture('mcp.json', json({ mcpServers: {} }));
    assert.match((await planFixes(await fileState(none, 'cursor'))).refusal ?? '', /no server entry/);
  });

  it(
    'zed: the old nested "command": {path, args, env} shape is fixed in place',
    async () => {
      const path = await fixture('settings.json', json({ context_servers: { jamf: { command: { path: 'uvx', args: ['jamfmcp'], env: { JAMF_URL: 'acme.jamfcloud.com/' } }, settings: {} } } }));
      const plan = await planFixes(await fileState(path, 'zed'));
      const fixed = JSON.parse(plan.text ?? '{}') as { context_servers: { jamf: Record<string, unknown> & { command: { env: Record<string, string> } } } };
      assert.equal(fixed.context_servers.jamf.command.env.JAMF_URL, 'https://acme.jamfcloud.com');
      assert.equal(fixed.context_servers.jamf.env, undefined, 'no new env block beside "command"');
    },
  );
});

// --- explain ----------------------------------------------------------------------------------

describe('explainText / renderTopic', () => {
  it('every topic is found by its id and renders its title, section and fix', () => {
    const ids = new Set<string>();
    for (const topic of TOPICS) {
      assert.ok(!ids.has(topic.id), `unique id ${topic.id}`);
      ids.add(topic.id);
      assert.equal(explainText(topic.id)[0]?.topic.id, topic.id, topic.id);
      const text = renderTopic(topic);
      assert.ok(text.startsWith(`${topic.title}\n`));
      assert.ok(text.includes(`Guide section: ${topic.section}`));
      for (const step of topic.fix) assert.ok(text.includes(step));
      assert.ok(topic.checks.length > 0 && topic.causes.length > 0 && topic.fix.length > 0);
    }
  });
  it('nothing matches gibberish', () => {
    assert.deepEqual(explainText('qwzx plorb'), []);
    assert.deepEqual(explainText('   '), []);
  });
});
