import { join } from 'node:path';
import type { JsonSyntax } from './mcp-file.js';

/**
 * The MCP clients whose configuration the doctor can read: where each keeps its files on macOS,
 * Windows and Linux, the key it reads servers from, what its parser accepts, and which
 * placeholders it expands. Facts: shared/reference/mcp-clients.md, sections 1 and 1.13.
 */
export type ClientId = 'claude-desktop' | 'claude-code' | 'cursor' | 'vscode' | 'windsurf' | 'gemini' | 'zed' | 'codex';
export type Platform = 'darwin' | 'win32' | 'linux';

export interface Location {
  path: string;
  scope: 'user' | 'project' | 'local';
}

export interface PathContext {
  home: string;
  platform: Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** The project folder (the current directory). */
  cwd: string;
}

/** A placeholder form and whether this client replaces it before starting the server. */
export interface Placeholders {
  /** `${VAR}` / `${VAR:-default}` */
  braces: boolean;
  /** `${env:VAR}` */
  envColon: boolean;
  /** `$VAR` */
  dollar: boolean;
}

export interface ClientSpec {
  id: ClientId;
  name: string;
  /** The key servers live under; other known keys in its file are silently ignored by it. */
  key: 'mcpServers' | 'servers' | 'context_servers' | 'mcp_servers';
  format: 'json' | 'toml';
  syntax: JsonSyntax;
  placeholders: Placeholders;
  /** A GUI app started from the Dock/Start menu: its PATH is not the shell's. */
  gui: boolean;
  /** Only the first existing location is read (Claude Desktop's MSIX install ignores %APPDATA%). */
  firstFound?: boolean;
  /** What the client passes to a server it starts, besides the entry's own `env` block. */
  environment: EnvironmentRule;
  locations(ctx: PathContext): Location[];
}

/**
 * The part of a client's own environment a server it starts receives (the entry's `env` block is
 * always added on top). Facts: shared/reference/mcp-clients.md §1.12 and jamfmcp-behaviour.md §6.
 */
export interface EnvironmentRule {
  /** `names`: only these variables; `all`: everything the client has, minus `except`. */
  inherits: 'names' | 'all';
  /** For `names`: which variables, per platform. */
  names?(platform: Platform): readonly string[];
  /** For `all`: variables the client strips before starting the server. */
  except?: { test(name: string): boolean; why: string };
  /** How sure this rule is, and what it rests on. */
  certainty: 'documented' | 'inferred' | 'unknown';
  source: string;
}

/**
 * The official MCP TypeScript SDK's default: what StdioClientTransport passes on from the client
 * (modelcontextprotocol/typescript-sdk src/client/stdio.ts DEFAULT_INHERITED_ENV_VARS).
 */
export const SDK_DEFAULT_ENV: Readonly<Record<'posix' | 'win32', readonly string[]>> = {
  posix: ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'],
  win32: ['APPDATA', 'HOMEDRIVE', 'HOMEPATH', 'LOCALAPPDATA', 'PATH', 'PROCESSOR_ARCHITECTURE', 'PROGRAMFILES', 'SYSTEMDRIVE', 'SYSTEMROOT', 'TEMP', 'USERNAME', 'USERPROFILE'],
};
const sdkDefault = (platform: Platform): readonly string[] => (platform === 'win32' ? SDK_DEFAULT_ENV.win32 : SDK_DEFAULT_ENV.posix);

/** A GUI app whose spawning code is closed: assumed to pass what the SDK passes, as Claude Desktop does. */
const UNKNOWN_GUI = (name: string): EnvironmentRule => ({
  inherits: 'names',
  names: sdkDefault,
  certainty: 'unknown',
  source: `${name} is closed source and does not document what it passes; like other GUI apps it starts from the login session (launchd on macOS), not from your shell, so only the entry's "env" block is sure to arrive`,
});

/** Codex's allow-list (openai/codex codex-rs rmcp-client/src/utils.rs create_env_for_mcp_server). */
const CODEX_ENV: Readonly<Record<'posix' | 'win32', readonly string[]>> = {
  posix: ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', '__CF_USER_TEXT_ENCODING', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'TZ'],
  win32: ['PATH', 'PATHEXT', 'USERNAME', 'USERDOMAIN', 'USERPROFILE', 'TEMP', 'TMP'],
};

/** Gemini CLI redacts secret-looking names from the environment it passes (configuration.md "Environment variable redaction"). */
const GEMINI_REDACTED = /TOKEN|SECRET|PASSWORD|KEY|AUTH|CREDENTIAL|PRIVATE|CERT|CLIENT_ID/i;

const STRICT: JsonSyntax = { comments: false, trailingCommas: false };
const JSONC: JsonSyntax = { comments: true, trailingCommas: true };
const NONE: Placeholders = { braces: false, envColon: false, dollar: false };

function appData(ctx: PathContext): string {
  return ctx.env.APPDATA || join(ctx.home, 'AppData', 'Roaming');
}
function xdgConfig(ctx: PathContext): string {
  return ctx.env.XDG_CONFIG_HOME || join(ctx.home, '.config');
}
/** VS Code's user-data folder for the stable build. */
function vscodeUser(ctx: PathContext): string {
  if (ctx.platform === 'darwin') return join(ctx.home, 'Library', 'Application Support', 'Code', 'User');
  if (ctx.platform === 'win32') return join(appData(ctx), 'Code', 'User');
  return join(xdgConfig(ctx), 'Code', 'User');
}

export const CLIENTS: readonly ClientSpec[] = [
  {
    id: 'claude-desktop',
    name: 'Claude Desktop',
    key: 'mcpServers',
    format: 'json',
    syntax: STRICT,
    placeholders: NONE,
    gui: true,
    firstFound: true,
    environment: {
      inherits: 'names',
      names: sdkDefault,
      certainty: 'documented',
      source: "Claude Desktop passes only a few variables of its own (the MCP debugging guide names USER, HOME and PATH; Codex's source records HOME, LOGNAME, PATH, SHELL, USER on macOS) plus the entry's env block; it is started from the login session, not from your shell",
    },
    locations: (ctx) => {
      const file = 'claude_desktop_config.json';
      if (ctx.platform === 'darwin') return [{ path: join(ctx.home, 'Library', 'Application Support', 'Claude', file), scope: 'user' }];
      if (ctx.platform === 'win32') {
        const local = ctx.env.LOCALAPPDATA || join(ctx.home, 'AppData', 'Local');
        // MSIX installs read a virtualised copy; the plain %APPDATA% file is then ignored.
        return [
          { path: join(local, 'Packages', 'Claude_pzs8sxrjxfjjc', 'LocalCache', 'Roaming', 'Claude', file), scope: 'user' },
          { path: join(appData(ctx), 'Claude', file), scope: 'user' },
        ];
      }
      return [{ path: join(xdgConfig(ctx), 'Claude', file), scope: 'user' }];
    },
  },
  {
    id: 'claude-code',
    name: 'Claude Code',
    key: 'mcpServers',
    format: 'json',
    syntax: STRICT,
    placeholders: { braces: true, envColon: false, dollar: false },
    gui: false,
    environment: {
      inherits: 'all',
      certainty: 'documented',
      source: "Claude Code passes its own environment (the shell it was started from) plus the entry's env block",
    },
    locations: (ctx) => [
      { path: join(ctx.home, '.claude.json'), scope: 'user' },
      { path: join(ctx.cwd, '.mcp.json'), scope: 'project' },
    ],
  },
  {
    id: 'cursor',
    name: 'Cursor',
    key: 'mcpServers',
    format: 'json',
    syntax: STRICT,
    placeholders: { braces: false, envColon: true, dollar: false },
    gui: true,
    environment: UNKNOWN_GUI('Cursor'),
    locations: (ctx) => [
      { path: join(ctx.home, '.cursor', 'mcp.json'), scope: 'user' },
      { path: join(ctx.cwd, '.cursor', 'mcp.json'), scope: 'project' },
    ],
  },
  {
    id: 'vscode',
    name: 'VS Code',
    key: 'servers',
    format: 'json',
    syntax: JSONC,
    placeholders: { braces: false, envColon: true, dollar: false },
    gui: true,
    environment: {
      inherits: 'all',
      certainty: 'inferred',
      source: "VS Code passes its extension host's environment, which holds your login shell's variables (VS Code reads them at start-up), plus the entry's env block",
    },
    locations: (ctx) => [
      { path: join(vscodeUser(ctx), 'mcp.json'), scope: 'user' },
      { path: join(ctx.cwd, '.vscode', 'mcp.json'), scope: 'project' },
    ],
  },
  {
    id: 'windsurf',
    name: 'Windsurf',
    key: 'mcpServers',
    format: 'json',
    syntax: STRICT,
    placeholders: { braces: false, envColon: true, dollar: false },
    gui: true,
    environment: UNKNOWN_GUI('Windsurf'),
    locations: (ctx) => [{ path: join(ctx.home, '.codeium', 'windsurf', 'mcp_config.json'), scope: 'user' }],
  },
  {
    id: 'gemini',
    name: 'Gemini CLI',
    key: 'mcpServers',
    format: 'json',
    syntax: { comments: true, trailingCommas: false },
    placeholders: { braces: true, envColon: false, dollar: true },
    gui: false,
    environment: {
      inherits: 'all',
      except: { test: (name: string) => GEMINI_REDACTED.test(name), why: 'Gemini CLI removes variables whose names look secret (TOKEN, SECRET, PASSWORD, KEY, AUTH, CREDENTIAL, PRIVATE, CERT, CLIENT_ID) unless they are in the entry\'s env block' },
      certainty: 'documented',
      source: "Gemini CLI passes its own environment without secret-looking variables, plus the entry's env block",
    },
    locations: (ctx) => [
      { path: join(ctx.env.GEMINI_CLI_HOME || ctx.home, '.gemini', 'settings.json'), scope: 'user' },
      { path: join(ctx.cwd, '.gemini', 'settings.json'), scope: 'project' },
    ],
  },
  {
    id: 'zed',
    name: 'Zed',
    key: 'context_servers',
    format: 'json',
    syntax: JSONC,
    placeholders: NONE,
    gui: true,
    environment: UNKNOWN_GUI('Zed'),
    locations: (ctx) => [
      {
        path:
          ctx.platform === 'win32'
            ? join(appData(ctx), 'Zed', 'settings.json')
            : ctx.platform === 'darwin'
              ? join(ctx.home, '.config', 'zed', 'settings.json')
              : join(ctx.env.FLATPAK_XDG_CONFIG_HOME || xdgConfig(ctx), 'zed', 'settings.json'),
        scope: 'user',
      },
      { path: join(ctx.cwd, '.zed', 'settings.json'), scope: 'project' },
    ],
  },
  {
    id: 'codex',
    name: 'Codex',
    key: 'mcp_servers',
    format: 'toml',
    syntax: STRICT,
    placeholders: NONE,
    gui: false,
    environment: {
      inherits: 'names',
      names: (platform: Platform) => (platform === 'win32' ? CODEX_ENV.win32 : CODEX_ENV.posix),
      certainty: 'documented',
      source: "Codex passes only a fixed list of its own variables, the names listed in env_vars, and the entry's env table",
    },
    locations: (ctx) => [
      { path: join(ctx.env.CODEX_HOME || join(ctx.home, '.codex'), 'config.toml'), scope: 'user' },
      { path: join(ctx.cwd, '.codex', 'config.toml'), scope: 'project' },
    ],
  },
];

export const CLIENT_IDS = CLIENTS.map((c) => c.id);

export function clientById(id: string): ClientSpec | undefined {
  return CLIENTS.find((c) => c.id === id);
}

/**
 * A value as this client hands it to the server: the placeholder forms it expands are replaced
 * from `env` (or their `:-default`); everything else, and unset variables, stay literal.
 */
export function expandFor(placeholders: Placeholders, value: string, env: Readonly<Record<string, string | undefined>>): string {
  let out = value;
  if (placeholders.envColon) out = out.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (token, name: string) => env[name] ?? token);
  if (placeholders.braces) {
    out = out.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (token, name: string, fallback: string | undefined) => env[name] ?? fallback ?? token);
  }
  if (placeholders.dollar) out = out.replace(/(?<![{\w$])\$([A-Za-z_][A-Za-z0-9_]*)/g, (token, name: string) => env[name] ?? token);
  return out;
}

/** Which client a config file belongs to, from its path (for --config <file>). */
export function clientForPath(path: string): ClientSpec | undefined {
  const p = path.replace(/\\/g, '/');
  if (/claude_desktop_config\.json$/.test(p)) return clientById('claude-desktop');
  if (/(^|\/)\.claude\.json$/.test(p) || /(^|\/)\.mcp\.json$/.test(p)) return clientById('claude-code');
  if (/(^|\/)\.cursor\/mcp\.json$/.test(p)) return clientById('cursor');
  if (/(^|\/)\.vscode\/mcp\.json$/.test(p) || /\/(Code|Code - Insiders|VSCodium)\/User\/mcp\.json$/.test(p)) return clientById('vscode');
  if (/windsurf\/mcp_config\.json$/.test(p)) return clientById('windsurf');
  if (/(^|\/)\.gemini\/settings\.json$/.test(p)) return clientById('gemini');
  if (/(^|\/)(zed|Zed|\.zed)\/settings\.json$/.test(p)) return clientById('zed');
  if (/\.toml$/.test(p)) return clientById('codex');
  return undefined;
}

/** Whether an entry runs a Jamf MCP server (reference section 2.3). */
export function looksLikeJamf(entry: { name: string; command?: string; args: string[]; env: Record<string, string> }): boolean {
  if (/jamf/i.test(entry.name)) return true;
  if ('JAMF_URL' in entry.env) return true;
  const command = (entry.command ?? '').split(/[\\/]/).pop() ?? '';
  if (/^(uvx|uv)(\.exe)?$/i.test(command) && entry.args.some((a) => /^jamfmcp\b|src\/jamfmcp\/server\.py/.test(a))) return true;
  if (/jamf-mcp-server/.test(command) || entry.args.some((a) => /jamf-mcp-server\/dist\/index/.test(a))) return true;
  return false;
}
