// Bundle the CLI into two CommonJS files, so that start-up reads one file instead of a module graph:
// - dist/jamfmcp.cjs: the start-up path (commander, argument parsing) — all `--version`/`--help` load;
// - dist/doctor.cjs: the doctor (config, checks, engine, report), loaded with import() when it runs.
// The heavy or ESM-only dependencies (undici, ora, @inquirer/prompts, chalk) stay outside and are
// loaded with import() only by the code that needs them.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const path = (relative) => new URL(relative, import.meta.url).pathname;
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  // Prefer ESM builds: jsonc-parser's "main" is a UMD build that esbuild cannot follow.
  mainFields: ['module', 'main'],
  define: {
    __JAMFMCP_VERSION__: JSON.stringify(version),
    // Resolved by the runtime's import(), relative to dist/jamfmcp.cjs.
    __JAMFMCP_DOCTOR_MODULE__: JSON.stringify('./doctor.cjs'),
    __JAMFMCP_EXPLAIN_MODULE__: JSON.stringify('./doctor.cjs'),
  },
  external: ['undici', 'ora', '@inquirer/prompts', 'chalk', '@modelcontextprotocol/sdk', './doctor.cjs'],
  // toolVersion() reads import.meta.url only when no version was baked in; here one always is.
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
};

await build({ ...common, entryPoints: [path('../src/cli/entry.ts')], outfile: path('../dist/jamfmcp.cjs') });
// The doctor bundle also carries `explain` (they share the check catalogue).
await build({ ...common, entryPoints: [path('../src/cli/commands.ts')], outfile: path('../dist/doctor.cjs') });
