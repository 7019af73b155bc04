/**
 * Child processes the tests run besides the CLI itself: a shell script (a pasted snippet, a fix's
 * command) and the CLI in a real pseudo-terminal (util-linux script(1)). Both get a clean
 * environment; every run has a deadline.
 */
import { spawn, spawnSync } from 'node:child_process';
import { CLI_PATH } from './run-cli.js';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `script` with `shell` (PATH the only variable), `input` on stdin, in `cwd`. */
export function runScript(shell: 'sh' | 'bash', script: string, options: { cwd?: string; input?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(shell, ['-c', script], { cwd: options.cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Whether script(1) can give the CLI a pseudo-terminal here. */
export const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Run the CLI with `args` in a pseudo-terminal of 80 x 24 (script's own reports 0 x 0), with `env`
 * (PATH and TERM=xterm added). `onOutput` sees the whole transcript after each chunk and may type
 * keys: the screen drives the dialogue, no sleeps. Killed after `timeoutMs`.
 */
export async function inPseudoTerminal(
  args: string[],
  env: Record<string, string>,
  onOutput: (transcript: string, type: (keys: string) => void) => void = () => {},
  timeoutMs = 60_000,
): Promise<{ code: number | null; transcript: string }> {
  const command = `stty cols 80 rows 24; ${[process.execPath, CLI_PATH, ...args].map((a) => `'${a}'`).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let transcript = '';
  child.stdout.on('data', (chunk: Buffer) => {
    transcript += chunk.toString('utf8');
    onOutput(transcript, (keys) => child.stdin.write(keys));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, transcript };
}

/**
 * Answer each prompt when it appears on screen, in order: each pattern is matched against what came
 * after the previous answer. Returns the handler for inPseudoTerminal; `dialogue` empties as it goes.
 */
export function answering(dialogue: Array<[RegExp, string]>): (transcript: string, type: (keys: string) => void) => void {
  let answeredAt = 0;
  return (transcript, type) => {
    const [pattern, keys] = dialogue[0] ?? [];
    if (pattern && keys !== undefined && pattern.test(transcript.slice(answeredAt))) {
      dialogue.shift();
      answeredAt = transcript.length;
      type(keys);
    }
  };
}
