// The bundled CLI's entry point (scripts/bundle.mjs builds it into dist/jamfmcp.cjs).
import { main } from './main.js';
import { cliName } from './name.js';

/**
 * The report could not be written to standard output. A closed pipe (`jamfmcp doctor | head`) is
 * not an error worth a message: the run's own exit code stands. Anything else (a full disk:
 * ENOSPC) is an output failure like an unwritable --output file: one line on stderr, exit 1.
 */
function stdoutFailed(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
  const reason = error.code === 'ENOSPC' ? 'no space left on the device' : (error.code ?? error.message);
  process.stderr.write(`${cliName()}: cannot write the report to standard output (${reason})\n`);
  process.exit(1);
}

process.stdout.on('error', stdoutFailed);
// Nothing more can be said once stderr itself fails.
process.stderr.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? Number(process.exitCode ?? 0) : 1));

// Once the command is done and its output flushed, exit: a name lookup the OS resolver still holds
// (a DNS server that never answers) must not keep the process alive after the report.
void main(process.argv).then(() => {
  const code = Number(process.exitCode ?? 0);
  process.stdout.write('', (error) => {
    const failed = (error ?? process.stdout.errored) as NodeJS.ErrnoException | null | undefined;
    if (failed) return stdoutFailed(failed);
    process.stderr.write('', () => process.exit(code));
  });
});
