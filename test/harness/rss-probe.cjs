// Preloaded (NODE_OPTIONS=--require …) into the CLI by the hostile-server tests: at exit, writes the
// process's peak resident set size (KiB, process.resourceUsage().maxRSS) to the file named by
// JAMFMCP_TEST_RSS_FILE. Same idea as bench/rss-probe.cjs.
'use strict';
process.on('exit', () => {
  const out = process.env.JAMFMCP_TEST_RSS_FILE;
  if (out) require('node:fs').writeFileSync(out, String(process.resourceUsage().maxRSS));
});
