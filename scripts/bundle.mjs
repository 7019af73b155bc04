// Bundle the CLI so that the published package has no runtime dependencies and start-up reads one
// file instead of a module graph:
// - dist/jamfmcp.cjs: the start-up path (commander, argument parsing) — all `--version`/`--help` load;
// - dist/doctor.cjs: the doctor and explain (config, checks, engine, report, jsonc-parser,
//   smol-toml), loaded with require() when a command runs;
// - dist/vendor/*.cjs: the heavy or ESM-only libraries (undici, ora, @inquirer/prompts, chalk, the
//   MCP SDK client), each bundled on its own and loaded only by the code that needs it.
// scripts/build-binary.mjs builds the standalone binary from the same sources, in one file.
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// fileURLToPath, not .pathname: a checkout path with a space would keep its %20.
const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));

/** Each lazily loaded library, and the vendor file that carries it (relative to dist/doctor.cjs). */
export const VENDOR = {
  undici: { file: 'undici', source: "export * from 'undici';" },
  ora: { file: 'ora', source: "export { default } from 'ora';" },
  chalk: { file: 'chalk', source: "export * from 'chalk'; export { default } from 'chalk';" },
  '@inquirer/prompts': { file: 'prompts', source: "export * from '@inquirer/prompts';" },
  '@modelcontextprotocol/sdk/client/index.js': { file: 'mcp-sdk', source: "export { Client } from '@modelcontextprotocol/sdk/client/index.js'; export { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';" },
  '@modelcontextprotocol/sdk/client/stdio.js': { file: 'mcp-sdk' },
};

/** Resolve each library to its vendor file beside the bundle, left for Node to load at run time. */
const vendorPlugin = {
  name: 'vendor',
  setup(b) {
    const names = Object.keys(VENDOR).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: `./vendor/${VENDOR[args.path].file}.cjs`, external: true }));
  },
};

/**
 * Our own code keeps its identifiers (whitespace and syntax are still minified): no source maps ship
 * (they would weigh more than the package and need --enable-source-maps), so a `--debug` stack trace
 * names the functions it went through — enough, with the version in every report, for a bug report.
 * Costs ~100 kB over full minification and no measurable start-up time (bench/startup.mjs).
 */
export const OWN_CODE = { minify: false, minifyWhitespace: true, minifySyntax: true };

export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  // Prefer ESM builds: jsonc-parser's "main" is a UMD build that esbuild cannot follow.
  mainFields: ['module', 'main'],
  define: { __JAMFMCP_VERSION__: JSON.stringify(version) },
  // toolVersion() reads import.meta.url only when no version was baked in; here one always is.
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
};

/**
 * The licence texts of every third-party package a set of bundles carries (minified bundles keep no
 * comments, so the notices their licences ask for ship in this one file instead), from esbuild's
 * metafiles: each input under node_modules names its package.
 */
export function thirdPartyNotices(metafiles) {
  const packages = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) packages.set(match[1], true);
    }
  }
  const sections = [];
  for (const dir of [...packages.keys()].sort()) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licence = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f));
    const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
    const text = licence
      ? readFileSync(join(dir, licence), 'utf8').trim()
      : `The package ships no licence file. License: ${manifest.license ?? 'see the package'}${author ? `, copyright ${author}` : ''}; the text is at https://spdx.org/licenses/${manifest.license}.html`;
    sections.push(`${manifest.name}@${manifest.version} (${manifest.license ?? 'unknown'})\n\n${text}`);
  }
  const rule = `\n\n${'-'.repeat(72)}\n\n`;
  return `jamfmcp-doctor bundles the following third-party packages.${rule}${sections.join(rule)}\n`;
}

/** Write the notices for `metafiles` to `file`. */
export function writeNotices(file, metafiles) {
  if (!existsSync(dirname(file))) throw new Error(`no folder for ${file}`);
  writeFileSync(file, thirdPartyNotices(metafiles));
}

// Run directly (not imported by build-binary.mjs); compared as real paths, so that a checkout reached
// through a symlink or with a space in its path still builds.
if (process.argv[1] !== undefined && realpathSync(fileURLToPath(import.meta.url)) === realpathSync(process.argv[1])) {
  const lazy = {
    ...common,
    define: {
      ...common.define,
      // Resolved by require(), relative to dist/jamfmcp.cjs.
      __JAMFMCP_DOCTOR_MODULE__: JSON.stringify('./doctor.cjs'),
      __JAMFMCP_EXPLAIN_MODULE__: JSON.stringify('./doctor.cjs'),
    },
    external: ['./doctor.cjs'],
    plugins: [vendorPlugin],
    ...OWN_CODE,
    metafile: true,
  };
  const metafiles = [];
  metafiles.push((await build({ ...lazy, entryPoints: [path('../src/cli/entry.ts')], outfile: path('../dist/jamfmcp.cjs') })).metafile);
  // The doctor bundle also carries `explain` (they share the check catalogue).
  metafiles.push((await build({ ...lazy, entryPoints: [path('../src/cli/commands.ts')], outfile: path('../dist/doctor.cjs') })).metafile);
  const files = new Map(Object.values(VENDOR).filter((v) => v.source).map((v) => [v.file, v.source]));
  for (const [file, source] of files) {
    metafiles.push((await build({ ...common, metafile: true, stdin: { contents: source, resolveDir: path('..'), loader: 'js' }, outfile: path(`../dist/vendor/${file}.cjs`) })).metafile);
  }
  writeNotices(path('../dist/THIRD-PARTY-NOTICES.txt'), metafiles);
}
