#!/usr/bin/env node
// Thin entry (CommonJS, see bin/package.json): the bundled start-up path only. Commands load what
// they need when they run. On Node 22+ the compile cache makes later starts faster still.
'use strict';
// Name lookups (getaddrinfo) run on libuv's threadpool, 4 threads by default, shared with file
// reads; a DNS server that never answers holds a thread until the OS gives up. More threads keep
// file reads and the other lookups moving. Read when the pool starts: before any async work.
if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = '16';
try {
  require('node:module').enableCompileCache?.();
} catch {
  // Older Node: no compile cache.
}
require('../dist/jamfmcp.cjs');
