/**
 * Spawn the real CLI (`bin/jamfmcp.js`) with a clean, deterministic environment.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunCliOptions {
  /** Added to the clean env; `undefined` removes a variable (including the defaults). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed (stdin is a pipe, never a TTY). */
  input?: string;
  /** Kill (SIGKILL) after this many ms and resolve anyway. Default 20 000. */
  timeoutMs?: number;
  /** Working directory. Default: the temp HOME. */
  cwd?: string;
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
  const started = performance.now();
  try {
    return await new Promise<RunCliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_PATH, ...args], {
        env,
        cwd: opts.cwd ?? home ?? process.cwd(),
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
  } finally {
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  }
}
