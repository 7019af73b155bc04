/**
 * Terminal etiquette (issue 13): help fits 80 columns, a usage error is one line, --output picks the
 * format from its extension unless --format says otherwise.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../harness/run-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-etiquette-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const URL_ONLY = { JAMF_URL: 'https://acme.jamfcloud.com' };

describe('help and usage errors', () => {
  for (const args of [['--help'], ['doctor', '--help'], ['explain', '--help']]) {
    it(`jamfmcp ${args.join(' ')}: no line wider than 80 columns`, async () => {
      const result = await runCli(args);
      assert.equal(result.code, 0);
      const wide = result.stdout.split('\n').filter((line) => line.length > 80);
      assert.deepEqual(wide, []);
    });
  }

  it('a mistyped flag or command is one line, with the suggestion on it', async () => {
    const flag = await runCli(['doctor', '--timout', '1s']);
    assert.equal(flag.code, 2);
    assert.equal(flag.stderr, "jamfmcp: unknown option '--timout' (Did you mean --timeout?) (see 'jamfmcp doctor --help')\n");
    const command = await runCli(['docter']);
    assert.equal(command.stderr.split('\n').length, 2, command.stderr);
    assert.match(command.stderr, /Did you mean doctor\?/);
  });
});

describe('explain fits 80 columns', () => {
  for (const args of [[], ['invalid_client'], ['401'], ['spawn uvx ENOENT'], ['tls.certificate']]) {
    it(`jamfmcp explain ${args.join(' ')}: no line wider than 80 columns but a command`, async () => {
      const result = await runCli(['explain', ...args]);
      assert.equal(result.code, 0, result.stderr);
      // A command line of a topic is indented four spaces and never wrapped.
      const wide = result.stdout.split('\n').filter((line) => [...line].length > 80 && !/^ {4}\S/.test(line));
      assert.deepEqual(wide, []);
    });
  }
});

describe('--output picks the format from the extension', () => {
  const cases: Array<[string, RegExp]> = [
    ['report.md', /^# jamfmcp doctor report\n/],
    ['report.json', /^\{\n {2}"schemaVersion": 1,/],
    ['report.xml', /^<\?xml /],
    ['report.txt', /^jamfmcp doctor \d/],
    ['report', /^jamfmcp doctor \d/],
  ];
  for (const [name, shape] of cases) {
    it(`${name}`, async () => {
      const file = join(dir, name);
      const result = await runCli(['doctor', 'url', '--output', file], { env: URL_ONLY });
      assert.equal(result.code, 0, result.stderr);
      assert.match(await readFile(file, 'utf8'), shape);
    });
  }

  it('--format and --json win over the extension', async () => {
    const text = join(dir, 'forced.md');
    await runCli(['doctor', 'url', '--format', 'text', '--output', text], { env: URL_ONLY });
    assert.match(await readFile(text, 'utf8'), /^jamfmcp doctor \d/);
    const json = join(dir, 'forced.xml');
    await runCli(['doctor', 'url', '--json', '--output', json], { env: URL_ONLY });
    assert.equal((JSON.parse(await readFile(json, 'utf8')) as { schemaVersion: number }).schemaVersion, 1);
  });
});

describe('--client with nothing configured', () => {
  it('names what the user typed, lists where it looked, and says what the other checks test instead', async () => {
    const result = await runCli(['doctor', 'config', '--json', '--client', 'cursor'], { env: URL_ONLY });
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; message: string }> };
    const c = report.checks.find((x) => x.id === 'config.file');
    assert.equal(c?.status, 'fail');
    assert.match(c.message, /^--client cursor found no Jamf server entry in Cursor's configuration \(looked in: Cursor \(user\): ~\/\.cursor\/mcp\.json — not found(; Cursor \(project\): \S+\/\.cursor\/mcp\.json — not found)?\); the other checks test this shell's settings instead/);
    assert.doesNotMatch(c.message, /--config auto/);
  });
});
