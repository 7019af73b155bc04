// The bundled CLI's entry point (scripts/bundle.mjs builds it into dist/jamfmcp.cjs).
import { main } from './main.js';

// `jamfmcp doctor | head` closes stdout early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void main(process.argv);
