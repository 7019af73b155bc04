/**
 * Spawn the real CLI (`bin/jamfmcp.js`) with a clean, deterministic environment.
 *
 * Every run is a leak test (secrets-registry.ts): after the process ends, stdout, stderr and the
 * file named by `--output` are scanned for every secret the test process knows (the fake Jamf
 * Pro's passwords, client secrets and issued tokens) and for the secret-looking values given to
 * this run (JAMF_PASSWORD, JAMF_CLIENT_SECRET, passwords in *_PROXY URLs and in the server URL,
 * --password/--client-secret values, secrets in the --config file), whole and by every
 * 8-character slice; and no fake may have received credentials from the doctor over plain http.
 * A finding rejects the run with an AssertionError naming the arguments (secrets replaced by their
 * kind) and which kind of secret leaked where — never the secret itself.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssertionError } from 'node:assert';
import { assertNoSecretLeaks, redactKnown, takeCredentialViolations, type RegisteredSecret } from './secrets-registry.js';

export { assertNoCredentialsOverHttp, assertNoCredentialsReceived, registerSecret } from './secrets-registry.js';

export interface RunCliOptions {
  /** Added to the clean env; `undefined` removes a variable (including the defaults). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed (stdin is a pipe, never a TTY). */
  input?: string;
  /** Kill (SIGKILL) after this many ms and resolve anyway. Default 20 000. */
  timeoutMs?: number;
  /** Working directory. Default: the temp HOME. */
  cwd?: string;
  /**
   * Values given to this run that are NOT secrets although they sit where secrets go (e.g. an
   * unexpanded placeholder such as `${JAMF_CLIENT_SECRET}`, whose slices are variable names the
   * report rightly prints). They are left out of this run's leak scan; everything else is scanned.
   */
  notSecret?: readonly string[];
  /** `false` turns the leak guard off for this run (say why in the test). Default: on. */
  leakGuard?: boolean;
}

export interface RunCliResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** true when the harness killed the process at timeoutMs. */
  timedOut: boolean;
}

/**
 * Absolute path of bin/jamfmcp.js. Compiled, this file is dist/test/harness/run-cli.js, so the
 * repo root is three levels up; run from source (test/harness/run-cli.ts) it is two levels up.
 */
export const CLI_PATH: string = (() => {
  const candidates = [
    fileURLToPath(new URL('../../../bin/jamfmcp.js', import.meta.url)),
    fileURLToPath(new URL('../../bin/jamfmcp.js', import.meta.url)),
  ];
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
})();

const KILL_GRACE_MS = 2000;

/**
 * Run `node bin/jamfmcp.js ...args`. Env is clean: PATH, HOME (a fresh temp dir, removed
 * afterwards unless opts.env.HOME is given), CI='true', no NO_COLOR/FORCE_COLOR/proxy vars,
 * plus whatever `opts.env` sets.
 */
export async function runCli(args: string[], opts: RunCliOptions = {}): Promise<RunCliResult> {
  await takeCliSlot();
  try {
    return await runCliNow(args, opts);
  } finally {
    releaseCliSlot();
  }
}

/**
 * CLI processes running at once in this test process: enough to overlap their waits on loopback
 * servers, few enough for 2 cores. Every runCli call takes a slot, so tests can start runs freely.
 */
const CLI_SLOTS = 4;
let running = 0;
const waiting: Array<() => void> = [];
async function takeCliSlot(): Promise<void> {
  if (running >= CLI_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
}
function releaseCliSlot(): void {
  running--;
  waiting.shift()?.();
}

async function runCliNow(args: string[], opts: RunCliOptions): Promise<RunCliResult> {
  const ownHome = !(opts.env !== undefined && 'HOME' in opts.env);
  const home = ownHome ? await mkdtemp(join(tmpdir(), 'jamfmcp-doctor-home-')) : undefined;

  const env: Record<string, string> = {};
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (home !== undefined) env.HOME = home;
  env.CI = 'true';
  if (process.platform === 'win32') {
    if (home !== undefined) env.USERPROFILE = home;
    if (process.env.SystemRoot !== undefined) env.SystemRoot = process.env.SystemRoot;
  }
  // Keep coverage collection working when the suite runs under c8 / NODE_V8_COVERAGE.
  if (process.env.NODE_V8_COVERAGE !== undefined) env.NODE_V8_COVERAGE = process.env.NODE_V8_COVERAGE;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  const timeoutMs = opts.timeoutMs ?? 20_000;
  const guard = opts.leakGuard !== false;
  const cwd = opts.cwd ?? home ?? process.cwd();
  const runSecrets = guard ? await secretsGivenTo(args, env, cwd, opts.notSecret ?? []) : [];
  const started = performance.now();
  try {
    const result = await new Promise<RunCliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_PATH, ...args], {
        env,
        cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.stdin.on('error', () => {}); // EPIPE if the CLI exits without reading stdin
      child.stdin.end(opts.input ?? '');

      let timedOut = false;
      let settled = false;
      let exitInfo: { code: number | null; signal: string | null } | undefined;
      const timers: NodeJS.Timeout[] = [];

      const finish = (): void => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        const info = exitInfo ?? { code: child.exitCode, signal: child.signalCode };
        resolve({
          code: info.code,
          signal: info.signal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          durationMs: Math.round(performance.now() - started),
          timedOut,
        });
      };

      timers.push(
        setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
          // If a grandchild keeps the pipes open, 'close' never comes: give up after a grace period.
          timers.push(
            setTimeout(() => {
              child.stdout.destroy();
              child.stderr.destroy();
              finish();
            }, KILL_GRACE_MS),
          );
        }, timeoutMs),
      );

      child.on('error', (e) => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        reject(e);
      });
      child.on('exit', (code, signal) => {
        exitInfo = { code, signal };
      });
      child.on('close', (code, signal) => {
        exitInfo ??= { code, signal };
        finish();
      });
    });
    if (guard) await leakGuard(args, cwd, result, runSecrets, opts.notSecret ?? []);
    return result;
  } finally {
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  }
}

// --- the leak guard ----------------------------------------------------------------------------

const SECRET_FLAGS: Readonly<Record<string, string>> = { '--password': '--password value', '--client-secret': '--client-secret value' };
const SECRET_VARIABLES = ['JAMF_PASSWORD', 'JAMF_CLIENT_SECRET'] as const;
/** Larger files are not read for secrets (the hostile-input tests hand the CLI a 50 MB --config). */
const MAX_SCANNED_FILE_BYTES = 4 * 1024 * 1024;

/** The value after `flag` in argv (`--flag value` or `--flag=value`); the last one wins, like commander. */
function flagValues(args: readonly string[], flag: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === flag && i + 1 < args.length) out.push(args[i + 1] as string);
    else if (a.startsWith(`${flag}=`)) out.push(a.slice(flag.length + 1));
  }
  return out;
}

/**
 * The password of `scheme://user:password@host…` (also without a scheme), raw and percent-decoded.
 * Userinfo runs to the last "@", so a password holding "/", "?" or "#" is taken whole (a parser
 * that ends the authority there would see only its start: that start is in the 8-character slices).
 */
function urlPassword(text: string): { raw: string; decoded: string; user: string } | undefined {
  const rest = text.trim().replace(/^["'`]+/, '').replace(/^[a-z][a-z0-9+.-]*:\/+/i, '');
  const at = rest.lastIndexOf('@');
  if (at < 0) return undefined;
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return undefined;
  const raw = userinfo.slice(colon + 1);
  let decoded = raw;
  let user = userinfo.slice(0, colon);
  try {
    decoded = decodeURIComponent(raw);
    user = decodeURIComponent(user);
  } catch {
    // keep the raw form
  }
  return raw === '' ? undefined : { raw, decoded, user };
}

/** Secret values inside a config file: JAMF_PASSWORD / JAMF_CLIENT_SECRET string values (JSON or TOML). */
async function secretsInConfigFile(path: string): Promise<RegisteredSecret[]> {
  let text: string;
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size > MAX_SCANNED_FILE_BYTES) return [];
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const out: RegisteredSecret[] = [];
  for (const m of text.matchAll(/\b(JAMF_PASSWORD|JAMF_CLIENT_SECRET|JAMF_URL|[A-Za-z_]*_proxy)"?\s*[:=]\s*"((?:[^"\\]|\\.)*)"/gi)) {
    let value = m[2] ?? '';
    try {
      value = JSON.parse(`"${value}"`) as string;
    } catch {
      // keep it as written
    }
    const name = m[1] as string;
    if (/^(JAMF_PASSWORD|JAMF_CLIENT_SECRET)$/.test(name)) out.push({ kind: `${name} in the --config file`, value });
    else {
      // A password written inside JAMF_URL or a proxy URL in the file.
      const found = urlPassword(value);
      if (found) out.push({ kind: `password inside ${name} in the --config file`, value: found.decoded }, { kind: `password inside ${name} in the --config file (as written)`, value: found.raw });
    }
  }
  return out;
}

/** The secret-looking values handed to one run, with their kinds. */
async function secretsGivenTo(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  cwd: string,
  notSecret: readonly string[],
): Promise<RegisteredSecret[]> {
  const out: RegisteredSecret[] = [];
  const add = (kind: string, value: string | undefined): void => {
    if (value !== undefined && value.length >= 3 && !notSecret.includes(value)) out.push({ kind, value });
  };
  const basic = (kind: string, user: string | undefined, password: string | undefined): void => {
    if (password !== undefined && password !== '' && !notSecret.includes(password)) add(kind, Buffer.from(`${user ?? ''}:${password}`).toString('base64'));
  };
  for (const [flag, kind] of Object.entries(SECRET_FLAGS)) for (const v of flagValues(args, flag)) add(kind, v);
  for (const name of SECRET_VARIABLES) add(`${name} (environment)`, env[name]);
  basic('Basic header value of JAMF_USERNAME:JAMF_PASSWORD', flagValues(args, '--username').at(-1) ?? env.JAMF_USERNAME, flagValues(args, '--password').at(-1) ?? env.JAMF_PASSWORD);
  basic('Basic value of JAMF_CLIENT_ID:JAMF_CLIENT_SECRET', flagValues(args, '--client-id').at(-1) ?? env.JAMF_CLIENT_ID, flagValues(args, '--client-secret').at(-1) ?? env.JAMF_CLIENT_SECRET);
  for (const [name, value] of Object.entries(env)) {
    if (!/_proxy$/i.test(name) || /^no_proxy$/i.test(name)) continue;
    const found = urlPassword(value);
    if (!found) continue;
    add(`proxy password in ${name}`, found.decoded);
    add(`proxy password in ${name} (as written)`, found.raw);
    basic(`Proxy-Authorization value of ${name}`, found.user, found.decoded);
  }
  for (const [label, value] of [...flagValues(args, '--url').map((v) => ['--url', v] as const), ['JAMF_URL', env.JAMF_URL] as const]) {
    const found = value === undefined ? undefined : urlPassword(value);
    if (!found) continue;
    add(`password inside ${label}`, found.decoded);
    add(`password inside ${label} (as written)`, found.raw);
  }
  for (const file of flagValues(args, '--config')) {
    for (const s of await secretsInConfigFile(isAbsolute(file) ? file : resolvePath(cwd, file))) add(s.kind, s.value);
  }
  return out;
}

/** Read what the run wrote to `--output` (a regular file only: a planted symlink is not followed). */
async function outputFiles(args: readonly string[], cwd: string): Promise<Array<{ where: string; text: string }>> {
  const out: Array<{ where: string; text: string }> = [];
  for (const file of flagValues(args, '--output')) {
    const path = isAbsolute(file) ? file : resolvePath(cwd, file);
    try {
      const info = await lstat(path);
      if (!info.isFile()) continue;
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(info.size, MAX_SCANNED_FILE_BYTES));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        out.push({ where: `the --output file`, text: buffer.subarray(0, bytesRead).toString('utf8') });
      } finally {
        await handle.close();
      }
    } catch {
      // not written (or not readable by the test): nothing to scan
    }
  }
  return out;
}

async function leakGuard(
  args: readonly string[],
  cwd: string,
  result: RunCliResult,
  runSecrets: readonly RegisteredSecret[],
  notSecret: readonly string[],
): Promise<void> {
  const shown = (): string => `\`jamfmcp ${redactKnown(args.join(' '), runSecrets)}\``;
  const texts = [{ where: 'stdout', text: result.stdout }, { where: 'stderr', text: result.stderr }, ...(await outputFiles(args, cwd))];
  const scan = notSecret.length === 0 ? texts : texts.map((t) => ({ ...t, text: notSecret.reduce((acc, v) => acc.split(v).join('<not secret>'), t.text) }));
  assertNoSecretLeaks(scan, shown, runSecrets);
  const violations = takeCredentialViolations();
  if (violations.length > 0) {
    throw new AssertionError({ message: `leak guard: the doctor sent credentials over plain http (seen after ${shown()}):\n  - ${violations.join('\n  - ')}` });
  }
}
