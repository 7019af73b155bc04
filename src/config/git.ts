/**
 * Read-only questions to git about one file: is it inside a work tree, tracked, ignored? Only the
 * `git` on PATH is used, only commands that change nothing (rev-parse, ls-files, check-ignore),
 * with GIT_OPTIONAL_LOCKS=0 so not even the index is refreshed, each bounded by a timeout.
 */
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';

export type GitState = { kind: 'no-git' } | { kind: 'not-a-repository' } | { kind: 'tracked' | 'ignored' | 'untracked'; root: string };

const GIT_TIMEOUT_MS = 3000;

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string } | 'missing'> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: GIT_TIMEOUT_MS, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, windowsHide: true }, (error, stdout) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT') resolve('missing');
      else resolve({ code: error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0, stdout: String(stdout) });
    });
  });
}

/** What git says about `file` (an absolute path). */
export async function gitStateOf(file: string): Promise<GitState> {
  const cwd = dirname(file);
  const top = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (top === 'missing') return { kind: 'no-git' };
  if (top.code !== 0) return { kind: 'not-a-repository' };
  const root = top.stdout.trim();
  const tracked = await git(cwd, ['ls-files', '--error-unmatch', '--', basename(file)]);
  if (tracked !== 'missing' && tracked.code === 0) return { kind: 'tracked', root };
  const ignored = await git(cwd, ['check-ignore', '-q', '--', basename(file)]);
  if (ignored !== 'missing' && ignored.code === 0) return { kind: 'ignored', root };
  return { kind: 'untracked', root };
}
