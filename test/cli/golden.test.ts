/**
 * Golden screens (issue 13): representative runs — healthy, self-signed, wrong secret, missing
 * privileges — rendered as text at 80 and 120 columns and as Markdown, compared with the reviewed
 * files in test/golden/. Each run is real (the CLI against the loopback fake Jamf Pro, --json); what
 * changes from run to run (times, ports, temporary paths, dates the test PKI derives from today) is
 * replaced by fixed placeholders before rendering, so a diff shows a layout change and nothing else.
 *
 * UPDATE_GOLDEN=1 npm test rewrites the files; review them by eye before committing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CLIENT, startFakeJamf, type FakeJamfOptions } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';
import { compareGolden, escapeRegExp, VOLATILE } from '../harness/golden.js';
import { runCli } from '../harness/run-cli.js';
import type { Report } from '../../src/report/model.js';
import { renderText } from '../../src/report/text.js';
import { renderMarkdown } from '../../src/report/markdown.js';


let dir: string;
let rootPem: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-golden-'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, (await testPki()).root.certPem);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Replace what differs between runs and machines with placeholders. */
function normalise(report: Report, replacements: Array<[RegExp, string]>): Report {
  const fix = (text: string): string => replacements.reduce((t, [pattern, by]) => t.replace(pattern, by), text);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return fix(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  const out = walk(report) as Report;
  out.durationMs = 1234;
  out.startedAt = '2026-01-02T03:04:05.000Z';
  out.environment = { node: 'v20.0.0', platform: 'darwin', arch: 'arm64', osRelease: '24.0.0' };
  for (const check of out.checks) check.durationMs = 1;
  return out;
}

async function scenario(options: FakeJamfOptions, env: Record<string, string>): Promise<Report> {
  const fake = await startFakeJamf(options);
  try {
    const result = await runCli(['doctor', '--json', ...fake.connectArgs], {
      env: { JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret, SSL_CERT_FILE: rootPem, ...env },
    });
    const report = JSON.parse(result.stdout) as Report;
    const port = fake.connectArgs[1]?.split(':').pop() ?? '';
    return normalise(report, [
      [new RegExp(escapeRegExp(dir), 'g'), '/tmp/golden'],
      [new RegExp(`127\\.0\\.0\\.1:${port}\\b`, 'g'), '127.0.0.1:PORT'],
      ...VOLATILE,
    ]);
  } finally {
    await fake.close();
  }
}

describe('golden screens', { concurrency: true }, () => {
  const scenarios: Array<[string, () => Promise<Report>]> = [
    ['healthy', () => scenario({}, {})],
    ['self-signed', async () => scenario({ cert: (await testPki()).selfSigned }, {})],
    ['wrong-secret', () => scenario({}, { JAMF_CLIENT_SECRET: 'wr0ng-Secret-Value-QQQ' })],
    ['missing-privileges', () => scenario({ privileges: ['Read Computers'] }, {})],
  ];
  for (const [name, make] of scenarios) {
    it(name, async () => {
      const report = await make();
      for (const width of [80, 120]) {
        const text = renderText(report, { colorLevel: 0, verbose: false, width });
        for (const line of text.split('\n')) {
          const command = report.checks.some((c) => (c.fix?.commands ?? []).some((cmd) => cmd.split('\n').includes(line.trim())));
          if (!command) assert.ok(line.length <= width, `${name} at ${width}: a line of ${line.length} columns: ${line}`);
        }
        await compareGolden(`${name}.${width}.txt`, text);
      }
      await compareGolden(`${name}.md`, renderMarkdown(report));
    });
  }
});
