// Preloaded into the CLI by the memory benchmark: writes the process's peak RSS (KiB) at exit.
'use strict';
process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
