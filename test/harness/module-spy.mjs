// Preload (node --import) that records every module the CLI loads, one URL per line in the file
// named by MODULE_SPY_OUT: ESM resolutions through a loader hook (appended synchronously, before the
// module loads) and CommonJS files from require's cache at exit (the bundles load each other with
// require()).
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.MODULE_SPY_OUT;
register('./module-spy-hooks.mjs', import.meta.url, { data: { out } });
process.on('exit', () => {
  const files = Object.keys(Module._cache ?? {});
  if (files.length > 0) appendFileSync(out, `${files.map((f) => pathToFileURL(f).href).join('\n')}\n`);
});
