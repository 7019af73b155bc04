// Shared helpers for the benchmarks: spawn the CLI many times, interleaved, and report medians.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'bin', 'jamfmcp.js');
export const NODE = process.execPath;
export const CLIENT_ENV = { JAMF_CLIENT_ID: '0d2c6a1e-4f2b-4bb0-9d35-3a1f00c0ffee', JAMF_CLIENT_SECRET: 'cl1ent-Secret-Value-XYZ' };

/** Run a command once; resolves with wall time (ms), exit code and, if asked, the child's peak RSS (MB). */
export function runOnce(command, args, { env, measureRss = false } = {}) {
  let rssFile;
  const childEnv = { ...process.env, CI: '1', ...env };
  if (measureRss) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
    rssFile = join(dir, 'rss');
    childEnv.BENCH_RSS_FILE = rssFile;
    childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ''} --require ${join(ROOT, 'bench', 'rss-probe.cjs')}`.trim();
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'], env: childEnv });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssMb;
      if (rssFile) {
        try {
          rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
        } catch {
          rssMb = Number.NaN;
        }
        rmSync(join(rssFile, '..'), { recursive: true, force: true });
      }
      resolve({ ms, code, rssMb });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run each case `runs` times interleaved (a, b, c, a, b, c…) so machine noise hits all alike. */
export async function interleaved(cases, runs, warmup = 2) {
  const times = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < warmup + runs; i++) {
    for (const c of cases) {
      const { ms } = await runOnce(c.command, c.args, c);
      if (i >= warmup) times.get(c.name).push(ms);
    }
  }
  return new Map([...times].map(([name, list]) => [name, median(list)]));
}

/** The test PKI's root, written to a temp file for SSL_CERT_FILE (what JamfMCP trusts). */
export async function rootCaFile() {
  const { testPki } = await import(join(ROOT, 'dist/test/harness/pki.js'));
  const dir = mkdtempSync(join(tmpdir(), 'bench-ca-'));
  const file = join(dir, 'root.pem');
  writeFileSync(file, (await testPki()).root.certPem);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function fakeJamf(options) {
  const { startFakeJamf } = await import(join(ROOT, 'dist/test/harness/fake-jamf.js'));
  return startFakeJamf(options);
}

/** One result line: figure, baseline, ratio and target, and whether it is met. */
export function report(name, { value, unit, baseline, baselineName, ratio, target, met }) {
  const base = baseline === undefined ? '' : `  baseline ${baselineName} ${baseline.toFixed(1)} ${unit}`;
  const r = ratio === undefined ? '' : `  ratio ${ratio.toFixed(2)}`;
  console.log(`${met ? 'PASS' : 'FAIL'}  ${name}: ${value.toFixed(1)} ${unit}${base}${r}  (target ${target})`);
  return met;
}
