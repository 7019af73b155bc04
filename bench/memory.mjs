// Figure 4: memory. Peak RSS of a full healthy run, and of a run whose token endpoint streams a
// 300 MB body (the doctor reads at most 1 MiB, then drops the connection). Target: <= 120 MB each.
import { join } from 'node:path';
import { CLI, CLIENT_ENV, NODE, ROOT, fakeJamf, median, report, rootCaFile, runOnce } from './lib.mjs';

// The test harness's streaming body: back-pressure, stops when the client goes away.
const { bigJsonBody } = await import(join(ROOT, 'dist/test/harness/token-helpers.js'));

const LIMIT_MB = 120;
const HUGE_BYTES = 300 * 1024 * 1024;

export async function memory(runs = 5) {
  const ca = await rootCaFile();
  let ok = true;
  try {
    for (const [name, setup] of [
      ['full healthy run', () => {}],
      ['token endpoint streams 300 MB', (fake) => { fake.route('POST', '/api/oauth/token', bigJsonBody(HUGE_BYTES)); }],
    ]) {
      const fake = await fakeJamf({});
      setup(fake);
      try {
        const rss = [];
        for (let i = 0; i < runs; i++) {
          rss.push((await runOnce(NODE, [CLI, 'doctor', '--json', '--url', fake.jamfUrl, ...fake.connectArgs], { env: { ...CLIENT_ENV, SSL_CERT_FILE: ca.file }, measureRss: true })).rssMb);
        }
        ok = report(`peak RSS, ${name} (median of ${runs}, max ${Math.max(...rss).toFixed(1)} MB)`, { value: median(rss), unit: 'MB', target: `<= ${LIMIT_MB} MB`, met: Math.max(...rss) <= LIMIT_MB }) && ok;
      } finally {
        await fake.close();
      }
    }
  } finally {
    ca.cleanup();
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await memory()) ? 0 : 1;
