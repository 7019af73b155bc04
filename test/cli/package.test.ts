/**
 * Issue 15, tested as shipped: the packed tarball installs into an empty folder as exactly one
 * package, offline (nothing to fetch: no runtime dependencies), and its two commands run there with
 * no node_modules but its own — --version, --help, an offline `doctor url`, and a full diagnosis
 * against a loopback fake Jamf Pro including the MCP handshake (the bundled SDK client). The
 * standalone binary is built and runs the same way. Child processes are started asynchronously:
 * the fake server runs in this process.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CLIENT, startFakeJamf, type FakeJamf } from '../harness/fake-jamf.js';
import { testPki } from '../harness/pki.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TINY_SERVER = join(ROOT, 'test', 'harness', 'tiny-mcp-server.mjs');

function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), npm_config_cache: join(dir, 'npm-cache'), CI: 'true', ...options.env }, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

let dir: string;
let fake: FakeJamf;
let rootPem: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-package-'));
  // npm writes its cache and logs under HOME: a temporary one, never the checkout or the user's.
  await mkdir(join(dir, 'home'));
  rootPem = join(dir, 'root.pem');
  await writeFile(rootPem, (await testPki()).root.certPem);
  fake = await startFakeJamf();
});
after(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** A full diagnosis of the fake through `command`, with the MCP handshake of a Claude Desktop entry. */
async function fullDiagnosis(command: string, prefix: string[], cwd: string): Promise<void> {
  const config = join(cwd, 'claude_desktop_config.json');
  const env = { JAMF_URL: fake.jamfUrl, JAMF_CLIENT_ID: DEFAULT_CLIENT.clientId, JAMF_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret, SSL_CERT_FILE: rootPem };
  await writeFile(config, JSON.stringify({ mcpServers: { jamfmcp: { command: process.execPath, args: [TINY_SERVER], env } } }));
  await chmod(config, 0o600);
  const result = await run(command, [...prefix, 'doctor', '--json', '--mcp', '--config', config, ...fake.connectArgs], { cwd });
  const report = JSON.parse(result.stdout) as { exitCode: number; checks: Array<{ id: string; status: string; message: string }> };
  const failed = report.checks.filter((c) => c.status === 'fail' || c.status === 'error');
  assert.deepEqual(failed, [], JSON.stringify(failed));
  for (const id of ['auth.token', 'privileges', 'mcp.handshake']) assert.equal(report.checks.find((c) => c.id === id)?.status, 'pass', id);
  assert.equal(report.exitCode, 0);
}

describe('the packed package', () => {
  let install: string;
  let tarball: string;
  before(async () => {
    const pack = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT });
    assert.equal(pack.code, 0, pack.stderr);
    tarball = join(dir, pack.stdout.trim().split('\n').pop() as string);
    install = join(dir, 'install');
    await mkdir(install, { recursive: true });
    await writeFile(join(install, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', private: true }));
    const started = Date.now();
    const result = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: install });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(Date.now() - started < 30_000, `install took ${Date.now() - started} ms`);
  });

  it('installs exactly one package: no runtime dependencies', async () => {
    const names = (await readdir(join(install, 'node_modules'))).filter((n) => !n.startsWith('.'));
    assert.deepEqual(names, ['jamfmcp-doctor']);
    assert.deepEqual((await readdir(join(install, 'node_modules', '.bin'))).sort(), ['jamfmcp', 'jamfmcp-doctor']);
  });

  it('ships the licences of what it bundles, and no source maps or TypeScript output', async () => {
    const notices = await readFile(join(install, 'node_modules', 'jamfmcp-doctor', 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['commander', 'undici', 'chalk', 'ora', '@inquirer/core', '@modelcontextprotocol/sdk', 'jsonc-parser', 'smol-toml']) {
      assert.match(notices, new RegExp(`^${name.replace(/[/@.]/g, '\\$&')}@\\d+\\.\\d+\\.\\d+ \\(`, 'm'), name);
    }
    const shipped = await readdir(join(install, 'node_modules', 'jamfmcp-doctor', 'dist'), { recursive: true });
    assert.deepEqual(shipped.filter((f) => /\.(map|ts)$|^src\b|^test\b/.test(f)), []);
  });

  it('jamfmcp-doctor --version, --help (in its own name) and an offline doctor url', async () => {
    const bin = join(install, 'node_modules', '.bin');
    assert.equal((await run(join(bin, 'jamfmcp-doctor'), ['--version'], { cwd: install })).stdout.trim(), (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const help = await run(join(bin, 'jamfmcp-doctor'), ['doctor', '--help'], { cwd: install });
    assert.match(help.stdout, /^Usage: jamfmcp-doctor doctor/);
    assert.match(help.stdout, /jamfmcp-doctor doctor --config auto --mcp/);
    const url = await run(join(bin, 'jamfmcp-doctor'), ['doctor', 'url', '--json'], { cwd: install, env: { JAMF_URL: 'https://acme.jamfcloud.com' } });
    assert.equal((JSON.parse(url.stdout) as { exitCode: number }).exitCode, 0, url.stderr);
    // Under its own name, `doctor` is implied; the short name keeps commands explicit.
    const implied = await run(join(bin, 'jamfmcp-doctor'), ['--json', 'url'], { cwd: install, env: { JAMF_URL: 'https://acme.jamfcloud.com' } });
    assert.deepEqual((JSON.parse(implied.stdout) as { checks: Array<{ id: string }> }).checks.map((c) => c.id), (JSON.parse(url.stdout) as { checks: Array<{ id: string }> }).checks.map((c) => c.id));
    assert.match((await run(join(bin, 'jamfmcp-doctor'), ['--help'], { cwd: install })).stdout, /`doctor` is the default command/);
    assert.match((await run(join(bin, 'jamfmcp'), ['url'], { cwd: install })).stderr, /^jamfmcp: unknown command 'url'/);
    const short = await run(join(bin, 'jamfmcp'), ['doctor', '--bogus'], { cwd: install });
    assert.match(short.stderr, /^jamfmcp: unknown option '--bogus' \(see 'jamfmcp doctor --help'\)/);
  });

  it('runs npx-style from the tarball, offline, with no install', async () => {
    // As README shows it: `npx ./<tarball>` from the folder that holds it (a bare absolute path is run as a command).
    const result = await run('npx', ['--offline', '--yes', `./${basename(tarball)}`, '--json', 'url'], { cwd: dirname(tarball), env: { JAMF_URL: 'https://acme.jamfcloud.com' } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string }> }).checks.find((c) => c.id === 'url.format')?.status, 'pass');
  });

  it('a full diagnosis with the MCP handshake, from the installed package alone', async () => {
    await fullDiagnosis(join(install, 'node_modules', '.bin', 'jamfmcp-doctor'), [], install);
  });
});

describe('the standalone binary', { skip: process.env.JAMFMCP_SKIP_BINARY_TEST ? 'JAMFMCP_SKIP_BINARY_TEST is set' : false }, () => {
  let binary: string;
  let work: string;
  before(async () => {
    const built = await run(process.execPath, [join(ROOT, 'scripts', 'build-binary.mjs')], { cwd: ROOT, timeoutMs: 120_000 });
    assert.equal(built.code, 0, built.stderr);
    binary = join(ROOT, 'dist', 'binary', process.platform === 'win32' ? 'jamfmcp-doctor.exe' : 'jamfmcp-doctor');
    // Run it from a folder with no node_modules anywhere above.
    work = await mkdtemp(join(tmpdir(), 'doctor-binary-'));
  });
  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('--version, --help in its own name, and an offline doctor url', async () => {
    assert.match((await run(binary, ['--version'], { cwd: work })).stdout, /^\d+\.\d+\.\d+/);
    assert.match(await readFile(join(ROOT, 'dist', 'binary', 'THIRD-PARTY-NOTICES.txt'), 'utf8'), /^undici@\d/m);
    assert.match((await run(binary, ['--help'], { cwd: work })).stdout, /^Usage: jamfmcp-doctor/);
    const url = await run(binary, ['doctor', 'url', '--json'], { cwd: work, env: { JAMF_URL: 'acme.jamfcloud.com/' } });
    const report = JSON.parse(url.stdout) as { checks: Array<{ id: string; status: string }> };
    assert.equal(report.checks.find((c) => c.id === 'url.format')?.status, 'fail', 'host/ fails as JamfMCP fails');
  });

  it('a full diagnosis with the MCP handshake', async () => {
    await fullDiagnosis(binary, [], work);
  });
});
