// Build the standalone binary: one executable that needs no Node.js and no node_modules beside it,
// with Node's single-executable application support (the doctor in one file, injected into a copy of
// the node binary that runs this script, with postject). Builds for the platform it runs on:
// dist/binary/jamfmcp-doctor (jamfmcp-doctor.exe on Windows). README: "Standalone binary".
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inject } from 'postject';
import { OWN_CODE, common, writeNotices } from './bundle.mjs';

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const out = `${path('../dist/binary')}/`;
const exe = `${out}jamfmcp-doctor${process.platform === 'win32' ? '.exe' : ''}`;
const script = `${out}jamfmcp-doctor.cjs`;
const blob = `${out}sea-prep.blob`;
const config = `${out}sea-config.json`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// Everything in one CommonJS file: a single-executable application can require() only built-ins.
const { metafile } = await build({ ...common, ...OWN_CODE, metafile: true, entryPoints: [path('../src/cli/standalone.ts')], outfile: script });
// The licences of what the binary carries travel beside it (Node's own are in `node -p process.release`'s LICENSE).
writeNotices(`${out}THIRD-PARTY-NOTICES.txt`, [metafile]);

// useCodeCache: V8's compiled code travels in the blob (built by, and only valid for, this same node
// binary), which takes the binary's start-up from ~1.9x to ~1.3x a bare `node -e ""` (bench/package.mjs).
writeFileSync(config, JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });

copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
// macOS: a copied, signed node must lose its signature before injection and be signed again (ad hoc) after.
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), {
  sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
});
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]);
// Nothing is left beside the binary but the licence notices: it needs no other file.
for (const file of [blob, config, script]) rmSync(file);
console.log(`built ${exe}`);
