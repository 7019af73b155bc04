#!/usr/bin/env node
// Thin entry (CommonJS, see bin/package.json): the bundled start-up path only. Commands load what
// they need when they run. On Node 22+ the compile cache makes later starts faster still.
'use strict';
try {
  require('node:module').enableCompileCache?.();
} catch {
  // Older Node: no compile cache.
}
require('../dist/jamfmcp.cjs');
