// Preload (node --import) that records every module URL resolved through the ESM loader — which is
// how the CLI loads everything beyond its bundled start-up path — one per line in the file named
// by MODULE_SPY_OUT. The hooks append synchronously, before the module loads, so nothing is lost
// when the process exits quickly.
import { register } from 'node:module';

register('./module-spy-hooks.mjs', import.meta.url, { data: { out: process.env.MODULE_SPY_OUT } });
