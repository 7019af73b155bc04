// Figure 2: a healthy run is bounded by round trips. Every HTTP response of the fake Jamf Pro is
// delayed by 300 ms; the bound is the number of exchanges that must happen one after another
// (unauthenticated probe -> token -> token-using requests in parallel -> privilege probe waves of
// at most 5 -> clean-up, for user tokens) times 300 ms. Target: median run <= 1.5x the bound (issue 14; the
// privilege list of a full-access account settles every privilege, so a healthy run sends no probes).
import { CLI, CLIENT_ENV, NODE, fakeJamf, median, report, rootCaFile, runOnce } from './lib.mjs';

const DELAY_MS = 300;

export async function roundTrips(runs = 10) {
  const ca = await rootCaFile();
  const fake = await fakeJamf({ delayMs: DELAY_MS });
  try {
    const times = [];
    let sample;
    for (let i = 0; i < runs + 1; i++) {
      fake.resetStats();
      const { ms, code } = await runOnce(NODE, [CLI, 'doctor', '--json', '--url', fake.jamfUrl, ...fake.connectArgs], { env: { ...CLIENT_ENV, SSL_CERT_FILE: ca.file } });
      if (code !== 0) throw new Error(`the healthy run exited ${code}`);
      if (i > 0) times.push(ms); // the first run warms the disk cache
      sample = { requests: fake.requests.map((r) => r.path.split('?')[0]), connections: fake.connections, maxInFlight: fake.maxInFlight };
    }
    const probes = sample.requests.filter((p) => p.startsWith('/JSSResource') || /^\/api\/v\d\/(computers-inventory|computer-|scripts|packages|buildings|departments|sites|categories|patch|jcds|ldap|conditional)/.test(p)).length;
    const sequential = 3 + Math.ceil(probes / 5) + (sample.requests.includes('/api/v1/auth/invalidate-token') ? 1 : 0);
    const bound = sequential * DELAY_MS;
    const value = median(times);
    console.log(`info  requests per run ${sample.requests.length} (${probes} privilege probes), TCP connections ${sample.connections}, max in flight ${sample.maxInFlight}`);
    return report(`healthy run, ${DELAY_MS} ms per response (median of ${runs})`, {
      value,
      unit: 'ms',
      baseline: bound,
      baselineName: `round-trip bound (${sequential} x ${DELAY_MS} ms)`,
      ratio: value / bound,
      target: '<= 1.5x the bound',
      met: value / bound <= 1.5,
    });
  } finally {
    await fake.close();
    ca.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await roundTrips()) ? 0 : 1;
