import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser';

/** A 1-based position in a file, as editors show it. */
export interface Position {
  line: number;
  column: number;
}

export interface FileProblem extends Position {
  message: string;
}

/** One server entry of an MCP client configuration (`mcpServers.<name>`). */
export interface McpServerEntry {
  name: string;
  /** The key the entry sits under (`mcpServers`, `servers`, `context_servers`). */
  key: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  /** Where each `env` value sits in the file, to point the user at the exact line. */
  envPositions: Record<string, Position>;
  /** Where the entry's name sits in the file. */
  position?: Position;
  /** JSON path to the entry object (for edits), e.g. ["mcpServers", "jamfmcp"]. */
  jsonPath?: string[];
  /** JSON path to its env object (Zed's older shape nests it under "command"). */
  envPath?: string[];
  /** Codex's `env_vars`: names the client passes on from its own environment. */
  inherit?: string[];
}

/** What a client's JSON parser accepts beyond strict JSON. */
export interface JsonSyntax {
  comments: boolean;
  trailingCommas: boolean;
}

export interface McpConfigFile {
  path: string;
  /** Whether the client that reads this file accepts comments and trailing commas. */
  jsonc: boolean;
  /** Set when the file could not be read or parsed at all. */
  fatal?: { message: string; line?: number; column?: number };
  /** Syntax that this file's client rejects (trailing commas, comments) although the data was recovered. */
  syntaxProblems: FileProblem[];
  entries: McpServerEntry[];
  /** The file's text (a leading BOM removed), for code frames of its problems. */
  text?: string;
}

/**
 * Read config files as large as their clients do: ~/.claude.json, which Claude Code reads whole,
 * commonly grows to 8-100 MB with project history. Past this, a file is certainly not a config.
 */
const MAX_CONFIG_BYTES = 256 * 1024 * 1024;
const SERVER_KEYS = ['mcpServers', 'servers', 'context_servers'] as const;

/**
 * VS Code's `mcp.json` and `settings.json`-style files (VS Code, Zed) are JSONC; Claude Desktop,
 * Claude Code, Cursor and Windsurf parse with strict JSON, where the guide's trailing comma is fatal.
 */
export function clientAcceptsJsonc(path: string): boolean {
  const name = basename(path);
  const dir = dirname(path).replace(/\\/g, '/');
  if (name === 'settings.json') return true;
  if (name === 'mcp.json' && (/(^|\/)\.vscode$/.test(dir) || /\/(Code|Code - Insiders|VSCodium)\/User(\/|$)/.test(dir))) {
    return true;
  }
  return false;
}

/** The text of a config file, or why it cannot be had (missing, a directory, unreadable, far too big). */
export async function readConfigText(path: string): Promise<{ text: string } | { fatal: { message: string } }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { fatal: { message: `${path} is a directory, not a config file` } };
    // A FIFO or device would block the read forever (or never end): only regular files are read.
    if (!info.isFile()) return { fatal: { message: `${path} is not a regular file (a FIFO, device or socket), not a config file` } };
    if (info.size > MAX_CONFIG_BYTES) {
      return { fatal: { message: `${path} is ${info.size} bytes, more than the ${MAX_CONFIG_BYTES / 1024 / 1024} MB the doctor reads; no MCP client configuration is that large` } };
    }
    return { text: await readFile(path, 'utf8') };
  } catch (error) {
    return { fatal: { message: describeReadError(path, error) } };
  }
}

/** Read a config file of an unknown client: JSONC only where the file name says so, else strict JSON. */
export async function readMcpConfigFile(path: string): Promise<McpConfigFile> {
  const jsonc = clientAcceptsJsonc(path);
  const result: McpConfigFile = { path, jsonc, syntaxProblems: [], entries: [] };
  const read = await readConfigText(path);
  if ('fatal' in read) return { ...result, fatal: read.fatal };
  const { root: _root, ...parsed } = parseMcpConfigText(read.text, jsonc);
  return { ...result, ...parsed, text: withoutBom(read.text) };
}

/** Parse the text of an MCP client config. Pure, for tests. */
export function parseMcpConfigText(
  raw: string,
  jsonc: boolean | JsonSyntax,
  options: { projectPath?: string } = {},
): Pick<McpConfigFile, 'fatal' | 'syntaxProblems' | 'entries'> & { root?: Node } {
  const syntax: JsonSyntax = typeof jsonc === 'boolean' ? { comments: jsonc, trailingCommas: jsonc } : jsonc;
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const lines = lineStarts(text);
  if (text.trim() === '') return { fatal: { line: 1, column: 1, message: 'the file is empty' }, syntaxProblems: [], entries: [] };
  // The parsers below recurse once per level: refuse absurd nesting before it can overflow the stack.
  const tooDeep = nestingBeyond(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    return { fatal: { ...positionOf(lines, tooDeep), message: `nested more than ${MAX_NESTING} levels deep here; no MCP client configuration needs that, and the doctor does not read it` }, syntaxProblems: [], entries: [] };
  }

  // What this file's client rejects: a strict pass, with the client's own rules.
  const syntaxProblems: FileProblem[] = [];
  // A strict-JSON client reads the file as UTF-8 text and hands it to JSON.parse, which rejects a
  // byte order mark ("Unexpected token"); JSONC readers (VS Code, Zed) skip it.
  if (text !== raw && !syntax.comments && !syntax.trailingCommas) {
    syntaxProblems.push({ line: 1, column: 1, message: 'the file starts with a UTF-8 byte order mark (BOM), which JSON.parse rejects: save it as UTF-8 without BOM' });
  }
  visit(
    text,
    {
      onError(code, offset, length) {
        syntaxProblems.push(describeSyntaxError(text, lines, code, offset, length));
      },
    },
    { disallowComments: !syntax.comments, allowTrailingComma: syntax.trailingCommas, allowEmptyContent: false },
  );

  // What can be recovered anyway: a tolerant pass, so one run can still report everything else.
  const tolerantErrors: ParseError[] = [];
  const root = parseTree(text, tolerantErrors, { allowTrailingComma: true, disallowComments: false });
  const firstTolerant = tolerantErrors[0];
  if (firstTolerant || !root) {
    const problem = firstTolerant
      ? describeSyntaxError(text, lines, firstTolerant.error, firstTolerant.offset, firstTolerant.length)
      : { ...positionOf(lines, 0), message: 'the file is empty' };
    return { fatal: problem, syntaxProblems: dedupe(syntaxProblems), entries: [] };
  }
  if (root.type !== 'object') {
    return {
      fatal: { ...positionOf(lines, root.offset), message: `expected a JSON object at the top level, found ${root.type}` },
      syntaxProblems: dedupe(syntaxProblems),
      entries: [],
    };
  }
  const entries = readEntries(root, lines, []);
  // Claude Code keeps per-project ("local" scope) servers in ~/.claude.json under projects["<dir>"].
  if (options.projectPath !== undefined) entries.push(...readEntries(root, lines, ['projects', options.projectPath]));
  return { syntaxProblems: dedupe(syntaxProblems), entries, root };
}

function readEntries(root: Node, lines: number[], prefix: string[]): McpServerEntry[] {
  const entries: McpServerEntry[] = [];
  for (const key of SERVER_KEYS) {
    const servers = findNodeAtLocation(root, [...prefix, key]);
    if (!servers || servers.type !== 'object') continue;
    for (const property of servers.children ?? []) {
      const [nameNode, valueNode] = property.children ?? [];
      if (!nameNode || !valueNode || valueNode.type !== 'object') continue;
      const name = String(nameNode.value);
      const entry: McpServerEntry = { name, key: [...prefix, key].join('.'), args: [], env: {}, envPositions: {}, position: positionOf(lines, nameNode.offset), jsonPath: [...prefix, key, name] };
      const command = findNodeAtLocation(valueNode, ['command']);
      // Zed's older shape nests the launch spec: "command": { "path", "args", "env" }.
      const spec = command?.type === 'object' ? command : valueNode;
      const path = command?.type === 'object' ? findNodeAtLocation(command, ['path']) : command;
      if (path?.type === 'string') entry.command = String(path.value);
      const args = findNodeAtLocation(spec, ['args']);
      if (args?.type === 'array') {
        entry.args = (args.children ?? []).filter((a) => a.type === 'string').map((a) => String(a.value));
      }
      const env = findNodeAtLocation(spec, ['env']);
      entry.envPath = command?.type === 'object' ? [...(entry.jsonPath ?? []), 'command', 'env'] : [...(entry.jsonPath ?? []), 'env'];
      for (const variable of env?.type === 'object' ? (env.children ?? []) : []) {
        const [varName, varValue] = variable.children ?? [];
        if (!varName || !varValue) continue;
        if (varValue.type === 'string' || varValue.type === 'number' || varValue.type === 'boolean') {
          const envName = String(varName.value);
          entry.env[envName] = String(varValue.value);
          entry.envPositions[envName] = positionOf(lines, varValue.offset);
        }
      }
      // JSON.parse (Claude Desktop and most clients) keeps the last of duplicate keys.
      const earlier = entries.findIndex((e) => e.key === entry.key && e.name === name);
      if (earlier >= 0) entries.splice(earlier, 1);
      entries.push(entry);
    }
  }
  return entries;
}

export type EntryChoice = { entry: McpServerEntry } | { problem: string; candidates: string[] };

/**
 * The entry to diagnose: the one named by `--server`, else the one named `jamfmcp`, else the only
 * one that carries a `JAMF_URL`.
 */
export function chooseEntry(entries: McpServerEntry[], server: string | undefined): EntryChoice {
  const names = entries.map((e) => e.name);
  if (server !== undefined) {
    const named = entries.find((e) => e.name === server);
    if (named) return { entry: named };
    return {
      problem:
        names.length > 0
          ? `has no server entry named "${server}" (entries: ${names.join(', ')})`
          : `has no server entries at all (looked under ${SERVER_KEYS.join(', ')})`,
      candidates: names,
    };
  }
  const jamfmcp = entries.find((e) => e.name === 'jamfmcp');
  if (jamfmcp) return { entry: jamfmcp };
  const withUrl = entries.filter((e) => 'JAMF_URL' in e.env);
  if (withUrl.length === 1 && withUrl[0]) return { entry: withUrl[0] };
  if (withUrl.length > 1) {
    return {
      problem: `has several entries with a JAMF_URL (${withUrl.map((e) => e.name).join(', ')}); choose one with --server <name>`,
      candidates: withUrl.map((e) => e.name),
    };
  }
  return {
    problem:
      names.length > 0
        ? `has no entry named "jamfmcp" and none with a JAMF_URL in its env (entries: ${names.join(', ')})`
        : `has no server entries at all (looked under ${SERVER_KEYS.join(', ')})`,
    candidates: names,
  };
}

function describeSyntaxError(text: string, lines: number[], code: number, offset: number, length: number): FileProblem {
  const name = printParseErrorCode(code);
  // jsonc-parser reports a trailing comma at the closing bracket; point at the comma instead.
  if (name === 'PropertyNameExpected' || name === 'ValueExpected') {
    const next = text[offset];
    const comma = lastTokenBefore(text, offset);
    if (comma?.kind === TOKEN.comma && (next === '}' || next === ']')) {
      return { ...positionOf(lines, comma.offset), message: 'trailing comma (not allowed in JSON)' };
    }
  }
  if (name === 'InvalidCommentToken') {
    return { ...positionOf(lines, offset), message: 'comment (not allowed in JSON)' };
  }
  const found = text.slice(offset, offset + Math.min(Math.max(length, 1), 20)).replace(/\s+/g, ' ');
  return { ...positionOf(lines, offset), message: `${humanParseError(name)}${found ? ` near "${found}"` : ''}` };
}

/**
 * jsonc-parser's SyntaxKind is an ambient const enum, which `verbatimModuleSyntax` cannot read:
 * the values it uses are spelled out here.
 */
const TOKEN = { comma: 5, lineComment: 12, blockComment: 13, lineBreak: 14, whitespace: 15, eof: 17 } as const;
const TRIVIA: ReadonlySet<number> = new Set([TOKEN.lineComment, TOKEN.blockComment, TOKEN.lineBreak, TOKEN.whitespace]);

/** The last token before `offset` that is not whitespace or a comment. */
function lastTokenBefore(text: string, offset: number): { kind: number; offset: number } | undefined {
  const scanner = createScanner(text, true);
  let last: { kind: number; offset: number } | undefined;
  for (let kind: number = scanner.scan(); kind !== TOKEN.eof && scanner.getTokenOffset() < offset; kind = scanner.scan()) {
    if (!TRIVIA.has(kind)) last = { kind, offset: scanner.getTokenOffset() };
  }
  return last;
}

function humanParseError(name: string): string {
  switch (name) {
    case 'CommaExpected':
      return 'missing comma';
    case 'ColonExpected':
      return 'missing colon';
    case 'PropertyNameExpected':
      return 'expected a property name in double quotes';
    case 'ValueExpected':
      return 'expected a value';
    case 'CloseBraceExpected':
      return 'missing closing brace }';
    case 'CloseBracketExpected':
      return 'missing closing bracket ]';
    case 'EndOfFileExpected':
      return 'unexpected text after the end of the JSON';
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'UnexpectedEndOfComment':
      return 'unterminated comment';
    case 'InvalidSymbol':
      return 'invalid character';
    default:
      return name;
  }
}

/** Deeper than any real configuration; well within what the recursive parsers can take. */
const MAX_NESTING = 256;

/** The offset where `text` first opens its (limit+1)-th nested object or array, if it does; iterative. */
function nestingBeyond(text: string, limit: number): number | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let token = scanner.scan(); token !== 17 /* EOF */; token = scanner.scan()) {
    if (token === 1 /* { */ || token === 3 /* [ */) {
      depth += 1;
      if (depth > limit) return scanner.getTokenOffset();
    } else if (token === 2 /* } */ || token === 4 /* ] */) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionOf(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** A trailing comma in an object yields two errors at the same spot; report it once. */
function dedupe(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  const inFileOrder = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  return inFileOrder.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeReadError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `${path} cannot be read (permission denied)`;
    case 'EISDIR':
      return `${path} is a directory, not a config file`;
    default:
      return `${path} cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

/** The text as positions count it: without a leading byte order mark. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
