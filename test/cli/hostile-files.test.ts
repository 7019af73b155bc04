/**
 * Hostile local files (issue 12): FIFOs and devices where a config, CA or report file is expected,
 * reports written over existing files, deeply nested JSON, a UTF-8 BOM, an 8 MB ~/.claude.json,
 * duplicate keys under --fix, and a full stdout. The built CLI is run as a user would run it
 * (child process, no TTY); every run has a deadline, so a run that hangs fails instead of stalling
 * the suite. Only the config and URL checks run (or one check with --only): no network at all.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { chmod, link, lstat, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_PATH, registerSecret, runCli, type RunCliOptions, type RunCliResult } from '../harness/run-cli.js';
import { FIXTURE_SECRET, FIXTURE_URL, jamfEnv, jamfmcpEntry, json, tempDir, writeFiles } from '../harness/mcp-fixtures.js';
import { findCheck, type JsonReport } from '../harness/report.js';

registerSecret('the client secret of the MCP fixture files', FIXTURE_SECRET);

// --- shared helpers ------------------------------------------------------------------------------

/** Every run gets this deadline; none of these runs needs more than a fraction of it. */
const TIMEOUT_MS = 8000;
/** Areas that need no network. */
const OFFLINE = ['config', 'url'];
/** A valid configuration in the environment (the report it gives passes: exit 0). */
const VALID_ENV = jamfEnv();
const POSIX = process.platform !== 'win32';
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const NO_DEV_FULL = !existsSync('/dev/full') ? '/dev/full does not exist on this platform' : false;
const NO_FIFOS = !POSIX ? 'no FIFOs (mkfifo) on Windows' : false;
/** 5000 levels of arrays: enough to overflow a recursive parser's stack. */
const DEEP = `${'['.repeat(5000)}${']'.repeat(5000)}`;
/** An entry whose "args" is nested 5000 levels deep. */
const DEEP_CONFIG = `{"mcpServers":{"jamfmcp":{"command":"uvx","args":${DEEP},"env":{"JAMF_URL":"${FIXTURE_URL}"}}}}\n`;

let root: string;
before(async () => {
  root = await tempDir('hostile-files-');
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh, empty folder for one test. */
let counter = 0;
async function freshDir(): Promise<string> {
  const dir = join(root, `t${++counter}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** runCli with the deadline; fails the test when the run had to be killed. */
async function doctor(args: string[], opts: RunCliOptions = {}): Promise<RunCliResult> {
  const result = await runCli(['doctor', ...args], { timeoutMs: TIMEOUT_MS, ...opts });
  assertFinished(result, args);
  return result;
}

function assertFinished(result: { timedOut: boolean; durationMs: number; stderr: string }, args: readonly string[]): void {
  assert.equal(result.timedOut, false, `\`jamfmcp doctor ${args.join(' ')}\` hung: killed after ${TIMEOUT_MS} ms (stderr: ${result.stderr.slice(0, 500)})`);
}

function assertNoStackTrace(result: { stdout: string; stderr: string }): void {
  for (const [where, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
    assert.doesNotMatch(text, /^ {4}at /m, `a stack trace on ${where}:\n${text.slice(0, 2000)}`);
  }
}

/** Exactly one non-empty line on stderr. */
function assertOneLine(stderr: string): void {
  assert.notEqual(stderr.trim(), '', 'expected a one-line error on stderr, got nothing');
  assert.equal(stderr.trimEnd().split('\n').length, 1, `expected one line on stderr:\n${stderr.slice(0, 2000)}`);
}

function parseReport(result: { code: number | null; stdout: string; stderr: string }): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`stdout is not a JSON report (exit ${result.code}):\n${result.stdout.slice(0, 1000)}\nstderr:\n${result.stderr.slice(0, 1000)}`);
  }
}

/**
 * A bad local file ends the run cleanly: exit 1 (a check failed) or 2 (bad input), never 3 (internal
 * error), no stack trace, and the file is named — in a one-line error on stderr or in the failing check.
 */
function assertNamesBadFile(result: RunCliResult, file: string, checkId: string): void {
  assertNoStackTrace(result);
  assert.ok(result.code === 1 || result.code === 2, `exit ${result.code}, want 1 or 2 (stderr: ${result.stderr.slice(0, 500)})`);
  const lines = result.stderr.trimEnd().split('\n');
  if (result.stderr.trim() !== '' && lines.length === 1 && result.stderr.includes(file)) return;
  const c = findCheck(parseReport(result), checkId);
  assert.equal(c.status, 'fail', c.message);
  assert.ok(c.message.includes(file), `${checkId} should name ${file}: ${c.message}`);
}

interface SpawnOptions {
  env?: Record<string, string>;
  cwd: string;
  /** A file descriptor for the child's stdout (default: a pipe). */
  stdoutFd?: number;
  /** RLIMIT_FSIZE for the child (`ulimit -f 1`: files stop growing at 512 or 1024 bytes, EFBIG). */
  limitFileSize?: boolean;
}

/**
 * Run the CLI where runCli cannot: stdout on a given descriptor, or under a file-size limit. Clean
 * environment as runCli's (PATH, HOME = cwd, CI), SIGKILL at the deadline.
 */
async function spawnDoctor(args: string[], opts: SpawnOptions): Promise<RunCliResult> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: opts.cwd, CI: 'true', ...opts.env };
  const argv = [CLI_PATH, 'doctor', ...args];
  const [command, commandArgs] = opts.limitFileSize
    ? ['/bin/sh', ['-c', 'ulimit -f 1 && exec "$@"', 'sh', process.execPath, ...argv]]
    : [process.execPath, argv];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs as string[], { env, cwd: opts.cwd, stdio: ['ignore', opts.stdoutFd ?? 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        durationMs: Math.round(performance.now() - started),
        timedOut,
      });
    });
  });
}

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

// --- item 1: FIFOs and devices where a file is expected -------------------------------------------

describe('issue 12 item 1: a FIFO or device given as a file never hangs the doctor', { concurrency: 4 }, () => {
  it('issue 12 item 1: --config <FIFO> → a clear error naming the file ("not a regular file"), no hang', { skip: NO_FIFOS }, async () => {
    const dir = await freshDir();
    const fifo = join(dir, 'claude_desktop_config.json');
    mkfifo(fifo);
    const result = await doctor([...OFFLINE, '--json', '--config', fifo], { env: VALID_ENV });
    assertNamesBadFile(result, 'claude_desktop_config.json', 'config.file');
    assert.match(`${result.stderr}\n${result.stdout}`, /not a regular file|FIFO|pipe/i);
  });

  it('issue 12 item 1: --config auto with a FIFO planted as the project\'s .mcp.json → reported as unreadable, no hang', { skip: NO_FIFOS }, async () => {
    const project = await freshDir();
    mkfifo(join(project, '.mcp.json'));
    const result = await doctor([...OFFLINE, '--json', '--config', 'auto'], { cwd: project });
    assertNamesBadFile(result, '.mcp.json', 'config.file');
  });

  it('issue 12 item 1: --ca-file <FIFO> → tls.trust-store fails "not a regular file" (or exit 2), no hang', { skip: NO_FIFOS }, async () => {
    const dir = await freshDir();
    const fifo = join(dir, 'ca.pem');
    mkfifo(fifo);
    const result = await doctor(['--only', 'tls.trust-store', '--json', '--ca-file', fifo]);
    assertNamesBadFile(result, fifo, 'tls.trust-store');
    assert.match(`${result.stderr}\n${result.stdout}`, /--ca-file/);
    assert.match(`${result.stderr}\n${result.stdout}`, /not a regular file/i);
  });

  it('issue 12 item 1: --ca-file /dev/zero → finishes quickly (no endless read) with a clear error', { skip: existsSync('/dev/zero') ? false : 'no /dev/zero' }, async () => {
    const result = await doctor(['--only', 'tls.trust-store', '--json', '--ca-file', '/dev/zero']);
    assert.ok(result.durationMs < 5000, `took ${result.durationMs} ms`);
    assertNamesBadFile(result, '/dev/zero', 'tls.trust-store');
    assert.match(`${result.stderr}\n${result.stdout}`, /--ca-file/);
  });

  it('issue 12 item 1: --output <FIFO> → exit 1, one line naming --output and the file, no hang; the FIFO is left as it is', { skip: NO_FIFOS }, async () => {
    const dir = await freshDir();
    const fifo = join(dir, 'report.json');
    mkfifo(fifo);
    const result = await doctor([...OFFLINE, '--json', '--output', fifo], { env: VALID_ENV });
    assertNoStackTrace(result);
    assert.ok(result.code === 1 || result.code === 2, `exit ${result.code}: ${result.stderr}`);
    assertOneLine(result.stderr);
    assert.match(result.stderr, /--output/);
    assert.ok(result.stderr.includes(fifo), result.stderr);
    assert.match(result.stderr, /not a regular file|FIFO|pipe/i);
    assert.ok((await lstat(fifo)).isFIFO(), 'the FIFO was replaced');
  });
});

// --- item 2: --output over existing files ---------------------------------------------------------

describe('issue 12 item 2: --output never destroys what it cannot replace', { concurrency: 4 }, () => {
  it('issue 12 item 2a: --output <directory> → exit 1, one line; the directory and its content are untouched', async () => {
    const dir = await freshDir();
    const target = join(dir, 'reports');
    await writeFiles(target, { 'keep.txt': 'precious' });
    const result = await doctor([...OFFLINE, '--json', '--output', target], { env: VALID_ENV });
    assertNoStackTrace(result);
    assert.equal(result.code, 1, result.stderr);
    assertOneLine(result.stderr);
    assert.match(result.stderr, /--output/);
    assert.ok(result.stderr.includes(target), result.stderr);
    assert.ok((await lstat(target)).isDirectory());
    assert.deepEqual(await readdir(target), ['keep.txt']);
    assert.equal(await readFile(join(target, 'keep.txt'), 'utf8'), 'precious');
  });

  it('issue 12 item 2a: --output <symlink to a file> → refused with exit 1; the file it points at is untouched', { skip: !POSIX ? 'symlinks need privileges on Windows' : false }, async () => {
    const dir = await freshDir();
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    await chmod(victim, 0o644);
    const linkPath = join(dir, 'report.json');
    await symlink(victim, linkPath);
    const result = await doctor([...OFFLINE, '--json', '--output', linkPath], { env: VALID_ENV });
    assertNoStackTrace(result);
    assert.equal(result.code, 1, result.stderr);
    assertOneLine(result.stderr);
    assert.match(result.stderr, /symbolic link/);
    assert.equal(await readFile(victim, 'utf8'), 'precious');
    assert.equal(await modeOf(victim), 0o644, 'the target of the link was chmod-ed');
    assert.ok((await lstat(linkPath)).isSymbolicLink(), 'the link was replaced');
  });

  it('issue 12 item 2a: --output <dangling symlink> → refused; nothing is created where it points', { skip: !POSIX ? 'symlinks need privileges on Windows' : false }, async () => {
    const dir = await freshDir();
    const planted = join(dir, 'planted.json');
    const linkPath = join(dir, 'report.json');
    await symlink(planted, linkPath);
    const result = await doctor([...OFFLINE, '--json', '--output', linkPath], { env: VALID_ENV });
    assertNoStackTrace(result);
    assert.equal(result.code, 1, result.stderr);
    assertOneLine(result.stderr);
    assert.match(result.stderr, /symbolic link/);
    assert.equal(existsSync(planted), false, 'a file was created through the dangling link');
  });

  it('issue 12 item 2a: --output /dev/full → exit 1 with one line (ENOSPC is an output failure); the device is never chmod-ed', { skip: NO_DEV_FULL }, async () => {
    const modeBefore = statSync('/dev/full').mode;
    let modeAfter: number;
    let result: RunCliResult;
    try {
      result = await doctor([...OFFLINE, '--json', '--output', '/dev/full'], { env: VALID_ENV });
    } finally {
      modeAfter = statSync('/dev/full').mode;
      // Undo the damage (only root can do it, and only root's run can have done it).
      if (modeAfter !== modeBefore && IS_ROOT) chmodSync('/dev/full', modeBefore & 0o7777);
    }
    assert.equal((modeAfter & 0o7777).toString(8), (modeBefore & 0o7777).toString(8), '--output chmod-ed /dev/full');
    assertNoStackTrace(result);
    assert.equal(result.code, 1, `exit ${result.code}: ${result.stderr}`);
    assertOneLine(result.stderr);
    assert.match(result.stderr, /--output/);
    assert.ok(result.stderr.includes('/dev/full'), result.stderr);
    assert.doesNotMatch(result.stderr, /internal error/);
  });

  it('issue 12 item 2a: a write that fails part-way (file-size limit) → exit 1, one line, the existing file keeps its content and mode, no temp file is left', { skip: !POSIX ? 'needs /bin/sh and ulimit' : false }, async () => {
    const dir = await freshDir();
    const target = join(dir, 'report.json');
    await writeFile(target, 'precious');
    await chmod(target, 0o600);
    const result = await spawnDoctor([...OFFLINE, '--json', '--output', target], { cwd: dir, env: VALID_ENV, limitFileSize: true });
    assertFinished(result, ['--output', target]);
    assertNoStackTrace(result);
    assert.equal(result.code, 1, `exit ${result.code}: ${result.stderr}`);
    assertOneLine(result.stderr);
    assert.match(result.stderr, /--output/);
    assert.doesNotMatch(result.stderr, /internal error/);
    assert.equal(await readFile(target, 'utf8'), 'precious', 'the failed write destroyed the existing file');
    assert.equal(await modeOf(target), 0o600);
    assert.deepEqual(await readdir(dir), ['report.json'], 'a temporary file was left behind');
  });

  it('issue 12 item 2b: an existing regular file is replaced by the new report (JSON, mode 0600), nothing else left beside it', async () => {
    const dir = await freshDir();
    const target = join(dir, 'report.json');
    await writeFile(target, 'precious');
    await chmod(target, 0o644);
    const result = await doctor([...OFFLINE, '--json', '--output', target], { env: VALID_ENV });
    assertNoStackTrace(result);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    const report = JSON.parse(await readFile(target, 'utf8')) as JsonReport;
    assert.equal(report.exitCode, 0);
    assert.equal(findCheck(report, 'url.format').status, 'pass');
    if (POSIX) assert.equal((await modeOf(target)).toString(8), '600');
    assert.deepEqual(await readdir(dir), ['report.json'], 'a temporary file was left behind');
  });

  it('issue 12 item 2b: the report replaces the file, it is never written in place — a hard link to the old file keeps "precious"', { skip: !POSIX ? 'hard links and modes differ on Windows' : false }, async () => {
    const dir = await freshDir();
    const other = join(dir, 'elsewhere.txt');
    await writeFile(other, 'precious');
    await chmod(other, 0o644);
    const target = join(dir, 'report.json');
    await link(other, target);
    const result = await doctor([...OFFLINE, '--json', '--output', target], { env: VALID_ENV });
    assertNoStackTrace(result);
    assert.equal(await readFile(other, 'utf8'), 'precious', 'the report was written into the old file (its other hard link changed)');
    assert.equal(await modeOf(other), 0o644, 'the old file was chmod-ed');
    if (result.code === 0) {
      assert.equal((JSON.parse(await readFile(target, 'utf8')) as JsonReport).exitCode, 0);
      assert.equal(await modeOf(target), 0o600);
    } else {
      assert.equal(result.code, 1, result.stderr);
      assertOneLine(result.stderr);
    }
  });

  it('issue 12 item 2c: a read-only (0444) existing file whose replacement fails is not left empty or chmod-ed', { skip: !POSIX ? 'needs /bin/sh and ulimit' : false }, async () => {
    // As root, permissions never make the write fail, so a file-size limit does (as a full disk would).
    const dir = await freshDir();
    const target = join(dir, 'report.json');
    await writeFile(target, 'precious');
    await chmod(target, 0o444);
    const result = await spawnDoctor([...OFFLINE, '--json', '--output', target], { cwd: dir, env: VALID_ENV, limitFileSize: true });
    assertFinished(result, ['--output', target]);
    assertNoStackTrace(result);
    assert.equal(result.code, 1, `exit ${result.code}: ${result.stderr}`);
    assertOneLine(result.stderr);
    assert.equal(await readFile(target, 'utf8'), 'precious', 'the read-only file was emptied or overwritten');
    assert.equal((await modeOf(target)).toString(8), '444', 'the read-only file was chmod-ed');
  });
});

// --- item 3: deeply nested JSON -------------------------------------------------------------------

describe('issue 12 item 3: deeply nested JSON is a clear error, never an internal error', { concurrency: 4 }, () => {
  it('issue 12 item 3: --config <file nested 5000 levels deep> → exit 1 or 2 naming the file, not exit 3', async () => {
    const dir = await freshDir();
    const path = join(dir, 'deep.json');
    await writeFile(path, DEEP_CONFIG);
    const result = await doctor([...OFFLINE, '--json', '--config', path]);
    assert.notEqual(result.code, 3, `internal error: ${result.stderr}`);
    assertNamesBadFile(result, 'deep.json', 'config.file');
  });

  it('issue 12 item 3: --config auto with a deeply nested .mcp.json (Claude Code project) → exit 1 or 2 naming it', async () => {
    const project = await freshDir();
    await writeFile(join(project, '.mcp.json'), DEEP_CONFIG);
    const result = await doctor([...OFFLINE, '--json', '--config', 'auto'], { cwd: project });
    assert.notEqual(result.code, 3, `internal error: ${result.stderr}`);
    assertNamesBadFile(result, '.mcp.json', 'config.file');
  });

  it('issue 12 item 3: --config auto with a deeply nested .cursor/mcp.json (Cursor project) → exit 1 or 2 naming it', async () => {
    const project = await freshDir();
    await writeFiles(project, { '.cursor/mcp.json': DEEP_CONFIG });
    const result = await doctor([...OFFLINE, '--json', '--config', 'auto'], { cwd: project });
    assert.notEqual(result.code, 3, `internal error: ${result.stderr}`);
    assertNamesBadFile(result, '.cursor/mcp.json', 'config.file');
  });
});

// --- item 4: a UTF-8 byte order mark --------------------------------------------------------------

describe('issue 12 item 4: a UTF-8 BOM is judged by the client\'s own parser', { concurrency: 4 }, () => {
  const BOM = '\ufeff';
  const desktopConfig = (home: string): string => join(home, '.config', 'Claude', 'claude_desktop_config.json');

  it('issue 12 item 4: a BOM in claude_desktop_config.json (--config) → config.file fails at line 1, column 1 naming the BOM (Claude Desktop\'s JSON.parse rejects it)', async () => {
    const home = await freshDir();
    await writeFiles(home, { [desktopConfig(home)]: BOM + json({ mcpServers: { jamfmcp: jamfmcpEntry() } }) });
    const result = await doctor([...OFFLINE, '--json', '--config', desktopConfig(home)], { env: { HOME: home }, cwd: home });
    assertNoStackTrace(result);
    const c = findCheck(parseReport(result), 'config.file');
    assert.equal(c.status, 'fail', c.message);
    assert.match(c.message, /claude_desktop_config\.json/);
    assert.match(c.message, /:1:1\b|line 1, column 1/);
    assert.match(c.message, /BOM|byte order mark/i);
    assert.equal(result.code, 1);
  });

  it('issue 12 item 4: a BOM in Claude Desktop\'s file found with --client claude-desktop → config.file fails naming the file and the BOM', async () => {
    const home = await freshDir();
    await writeFiles(home, { [desktopConfig(home)]: BOM + json({ mcpServers: { jamfmcp: jamfmcpEntry() } }) });
    const result = await doctor([...OFFLINE, '--json', '--client', 'claude-desktop'], { env: { HOME: home }, cwd: home });
    assertNoStackTrace(result);
    const c = findCheck(parseReport(result), 'config.file');
    assert.equal(c.status, 'fail', c.message);
    assert.match(c.message, /~\/\.config\/Claude\/claude_desktop_config\.json/);
    assert.match(c.message, /BOM|byte order mark/i);
    assert.equal(result.code, 1);
  });

  it('issue 12 item 4: a BOM in VS Code\'s .vscode/mcp.json (JSONC) is accepted: config.file passes (--client vscode and --config)', async () => {
    const base = await freshDir();
    const home = join(base, 'home');
    const project = join(base, 'project');
    await writeFiles(base, { [join(home, '.keep')]: '', [join(project, '.vscode', 'mcp.json')]: BOM + json({ servers: { jamfmcp: jamfmcpEntry() } }) });
    for (const how of [['--client', 'vscode'], ['--config', join('.vscode', 'mcp.json')]]) {
      const result = await doctor([...OFFLINE, '--json', ...how], { env: { HOME: home }, cwd: project });
      assertNoStackTrace(result);
      const c = findCheck(parseReport(result), 'config.file');
      assert.equal(c.status, 'pass', `${how.join(' ')}: ${c.message}`);
      assert.match(c.message, /VS Code's .*\.vscode\/mcp\.json/);
      assert.equal(result.code, 0, how.join(' '));
    }
  });
});

// --- item 5: a big ~/.claude.json -----------------------------------------------------------------

describe('issue 12 item 5: Claude Code\'s ~/.claude.json is read whatever its size', () => {
  it('issue 12 item 5: an 8 MB ~/.claude.json with a jamfmcp entry → config.file passes naming ~/.claude.json (not "no Jamf server entry")', async () => {
    const base = await freshDir();
    const home = join(base, 'home');
    const project = join(base, 'project');
    // Claude Code keeps its history per project in the same file: that is what makes it big.
    const projects: Record<string, unknown> = {};
    for (let i = 0; i < 4000; i++) projects[`/home/someone/src/project-${i}`] = { allowedTools: [], history: [{ display: `${'x'.repeat(1990)}`, pastedContents: {} }] };
    const text = `${JSON.stringify({ numStartups: 412, projects, mcpServers: { jamfmcp: jamfmcpEntry() } })}\n`;
    assert.ok(text.length > 8_000_000, `${text.length} bytes`);
    await writeFiles(base, { [join(home, '.claude.json')]: text, [join(project, 'README.md')]: '# acme\n' });

    const result = await doctor([...OFFLINE, '--json', '--client', 'claude-code'], { env: { HOME: home }, cwd: project });
    assertNoStackTrace(result);
    const report = parseReport(result);
    const c = findCheck(report, 'config.file');
    assert.equal(c.status, 'pass', c.message);
    assert.doesNotMatch(c.message, /no Jamf server entry/);
    assert.match(c.message, /"jamfmcp" in Claude Code's ~\/\.claude\.json/);
    assert.match(c.message, /JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET/);
    assert.equal((report as unknown as { target: { sources: Record<string, string> } }).target.sources.url, 'config:~/.claude.json');
    assert.ok(!result.stdout.includes(home), 'the report shows the home folder instead of ~');
    assert.equal(findCheck(report, 'config.credentials').status, 'pass');
    assert.equal(result.code, 0);
  });
});

// --- item 6: --fix and duplicate keys -------------------------------------------------------------

describe('issue 12 item 6: --fix edits the value the client reads', () => {
  it('issue 12 item 6: --fix --yes with a duplicate "JAMF_URL" in Cursor\'s env → the LAST one (what JSON.parse keeps) is fixed, or --fix refuses saying why', async () => {
    const base = await freshDir();
    const home = join(base, 'home');
    const project = join(base, 'project');
    const cursorUser = join(home, '.cursor', 'mcp.json');
    const original = [
      '{',
      '  "mcpServers": {',
      '    "jamfmcp": {',
      '      "command": "uvx",',
      '      "args": ["jamfmcp"],',
      '      "env": {',
      '        "JAMF_URL": "acme.jamfcloud.com/",',
      `        "JAMF_CLIENT_ID": "${VALID_ENV.JAMF_CLIENT_ID}",`,
      `        "JAMF_CLIENT_SECRET": "${FIXTURE_SECRET}",`,
      '        "JAMF_URL": "https://acme.jamfcloud.com/"',
      '      }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    await writeFiles(base, { [cursorUser]: original, [join(project, 'README.md')]: '# acme\n' });

    const result = await doctor([...OFFLINE, '--json', '--client', 'cursor', '--fix', '--yes'], { env: { HOME: home }, cwd: project });
    assertNoStackTrace(result);
    assert.notEqual(result.code, 3, result.stderr);
    const after = await readFile(cursorUser, 'utf8');
    if (/--fix: saved/.test(result.stderr)) {
      const env = (JSON.parse(after) as { mcpServers: { jamfmcp: { env: Record<string, string> } } }).mcpServers.jamfmcp.env;
      assert.equal(env.JAMF_URL, 'https://acme.jamfcloud.com', `--fix said "saved", but Cursor (JSON.parse: the last key wins) still reads JAMF_URL=${env.JAMF_URL}:\n${after}`);
      assert.ok(after.includes(`"JAMF_CLIENT_SECRET": "${FIXTURE_SECRET}"`), 'the secret is untouched');
    } else {
      assert.equal(after, original, 'the file changed although --fix did not say it saved it');
      assert.match(result.stderr, /duplicate|more than once|twice/i);
    }
  });
});

// --- item 7: a full stdout ------------------------------------------------------------------------

describe('issue 12 item 7: a report that cannot be written to stdout', () => {
  it('issue 12 item 7: stdout on /dev/full (ENOSPC) → exit 1, one line on stderr, no stack trace', { skip: NO_DEV_FULL }, async () => {
    const dir = await freshDir();
    const full = openSync('/dev/full', 'w');
    let result: RunCliResult;
    try {
      result = await spawnDoctor([...OFFLINE, '--json'], { cwd: dir, env: VALID_ENV, stdoutFd: full });
    } finally {
      closeSync(full);
    }
    assertFinished(result, [...OFFLINE, '--json', '> /dev/full']);
    assertNoStackTrace(result);
    assert.equal(result.code, 1, `exit ${result.code}: ${result.stderr}`);
    assertOneLine(result.stderr);
    assert.doesNotMatch(result.stderr, /internal error/);
  });
});
